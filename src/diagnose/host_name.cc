// host_name - does a sender domain look like a machine's host name (see host_name.h).
#include "diagnose/host_name.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "util/ascii.h"

namespace mailwhy {
namespace {

constexpr std::string_view kPrivateSuffixes[] = {"local", "lan", "internal", "intranet",
                                                 "localdomain", "localhost"};
constexpr std::string_view kMachineWords[] = {"www",  "web",    "host",   "server", "srv",
                                              "vps",  "node",   "dedi",   "ubuntu", "debian",
                                              "centos", "raspberrypi", "localhost", "localdomain"};
// Numbered prefixes bulk-mail services use for their bounce domains (SendGrid's em1234.).
constexpr std::string_view kBulkPrefixes[] = {"em", "bounce", "bounces", "bnc", "mg", "sg", "mc"};
// Second-level labels under which the organisation's name is the third label (co.jp).
constexpr std::string_view kSecondLevel[] = {"co", "ne", "or", "ac", "go", "ad", "ed", "gr",
                                             "lg", "com", "net", "org", "gov", "edu"};

template <size_t N>
bool OneOf(const std::string_view (&list)[N], std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

std::string Lower(std::string_view s) {
  std::string out = AsciiLowered(s);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::vector<std::string_view> Labels(std::string_view domain) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    out.push_back(domain.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

// Labels the organisation's own domain takes: two, or three under co.jp and the like.
size_t OrganisationLabels(const std::vector<std::string_view>& labels) {
  size_t n = labels.size();
  if (n >= 3 && labels[n - 1].size() == 2 && OneOf(kSecondLevel, labels[n - 2])) return 3;
  return 2;
}

// "web01", "srv3", "host-123", "vps12345": letters, an optional hyphen, digits.
bool LettersThenDigits(std::string_view label) {
  size_t i = 0;
  while (i < label.size() && std::isalpha(static_cast<unsigned char>(label[i]))) ++i;
  if (i == 0 || i == label.size()) return false;
  std::string_view letters = label.substr(0, i);
  if (label[i] == '-') ++i;
  if (i == label.size()) return false;
  for (size_t k = i; k < label.size(); ++k) {
    if (!std::isdigit(static_cast<unsigned char>(label[k]))) return false;
  }
  return !OneOf(kBulkPrefixes, letters);
}

// "ip-10-0-0-1", "192-0-2-1", "ec2-203-0-113-5": four runs of digits or more.
bool SpellsAnAddress(std::string_view label) {
  int runs = 0;
  for (size_t i = 0; i < label.size(); ++i) {
    bool digit = std::isdigit(static_cast<unsigned char>(label[i]));
    bool prev = i > 0 && std::isdigit(static_cast<unsigned char>(label[i - 1]));
    if (digit && !prev) ++runs;
  }
  return runs >= 4;
}

bool LooksLikeMachineLabel(std::string_view label) {
  return OneOf(kMachineWords, label) || LettersThenDigits(label) || SpellsAnAddress(label);
}

// The server's own name, or a first label equal to a short server name ("mx1").
bool NamesTheServer(std::string_view domain, std::string_view first, std::string_view server) {
  if (server.empty() || server == "***" || server == "localhost") return false;
  if (server.find('.') != std::string_view::npos) return domain == server;
  return first == server;
}

}  // namespace

std::string MachineHostLabel(std::string_view domain_in, std::string_view server_in,
                             std::string_view client_in) {
  const std::string domain = Lower(domain_in);
  if (domain.empty()) return std::string();
  const std::vector<std::string_view> labels = Labels(domain);
  const std::string_view first = labels.front();
  if (labels.size() == 1) return std::string(first);
  for (std::string_view l : labels) {
    if (l == "localhost" || l == "localdomain") return std::string(l);
  }
  if (OneOf(kPrivateSuffixes, labels.back())) return std::string(labels.back());
  if (labels.size() >= 2 && labels.back() == "arpa" && labels[labels.size() - 2] == "home") {
    return "home.arpa";
  }
  // A server or client may be named after the organisation's domain itself
  // (myhostname = example.com): only a name with a host part in front counts.
  if (labels.size() <= OrganisationLabels(labels)) return std::string();
  const std::string server = Lower(server_in), client = Lower(client_in);
  if (NamesTheServer(domain, first, server)) return std::string(first);
  if (!client.empty() && domain == client) return std::string(first);
  if (LooksLikeMachineLabel(first)) return std::string(first);
  return std::string();
}

}  // namespace mailwhy
