// reverse_dns - PTR and forward confirmation (see reverse_dns.h).
#include "probe/reverse_dns.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "util/ascii.h"

namespace mailwhy {
namespace {

// The address in the form a resolver returns it, for comparison.
std::string Canonical(const std::string& ip) {
  unsigned char buf[16];
  char out[INET6_ADDRSTRLEN];
  int family = IsIpv6(ip) ? AF_INET6 : AF_INET;
  if (inet_pton(family, ip.c_str(), buf) != 1 || !inet_ntop(family, buf, out, sizeof out)) return ip;
  return out;
}

// Words that providers put in the automatic names of customer lines.
constexpr const char* kGenericWords[] = {"dynamic", "dyn",       "dhcp",     "pool",      "ppp",  "pppoe",
                                         "dsl",     "adsl",      "vdsl",     "cable",     "dialup", "broadband",
                                         "customer", "residential", "unassigned", "flets"};

}  // namespace

bool LooksGeneric(const std::string& name, const std::string& ip) {
  std::string n = AsciiLowered(name);
  in_addr a4;
  if (inet_pton(AF_INET, ip.c_str(), &a4) == 1) {
    const auto* b = reinterpret_cast<const unsigned char*>(&a4);
    char fwd[4][20], rev[4][20], hex[16];
    const char seps[] = {'-', '.', '_', 'x'};
    for (int i = 0; i < 4; ++i) {
      std::snprintf(fwd[i], sizeof fwd[i], "%u%c%u%c%u%c%u", b[0], seps[i], b[1], seps[i], b[2], seps[i], b[3]);
      std::snprintf(rev[i], sizeof rev[i], "%u%c%u%c%u%c%u", b[3], seps[i], b[2], seps[i], b[1], seps[i], b[0]);
      if (n.find(fwd[i]) != std::string::npos || n.find(rev[i]) != std::string::npos) return true;
    }
    std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
    if (n.find(hex) != std::string::npos) return true;
  }
  // Word match on the parts between dots, dashes and digits: "dyn-77" or "pool.example".
  std::string word;
  auto generic = [&](const std::string& w) {
    return std::any_of(std::begin(kGenericWords), std::end(kGenericWords), [&](const char* g) { return w == g; });
  };
  for (char c : n + ".") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += c;
      continue;
    }
    if (generic(word)) return true;
    word.clear();
  }
  return false;
}

ReverseDns CheckReverseDns(Resolver& dns, const std::string& ip) {
  ReverseDns r;
  DnsAnswer ptr = dns.Query(ReverseName(ip), DnsType::kPtr);
  r.ptr = ptr.outcome;
  r.names = ptr.records;
  std::string want = Canonical(ip);
  int asked = 0;
  for (const auto& name : r.names) {
    if (++asked > 10) break;
    DnsAnswer a = dns.Query(name, IsIpv6(ip) ? DnsType::kAaaa : DnsType::kA);
    if (a.failed()) r.forward_failed = true;
    if (asked == 1) r.forward = a.records;
    if (std::find(a.records.begin(), a.records.end(), want) != a.records.end()) {
      r.confirmed = name;
      break;
    }
  }
  if (!r.names.empty()) r.generic = LooksGeneric(r.confirmed.empty() ? r.names[0] : r.confirmed, ip);
  return r;
}

}  // namespace mailwhy
