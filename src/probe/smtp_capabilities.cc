// smtp_capabilities - the extensions of an EHLO reply (see smtp_capabilities.h).
#include "probe/smtp_capabilities.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mailwhy {
namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void AddMechanisms(std::istringstream& in, std::vector<std::string>* out) {
  std::string m;
  while (in >> m) {
    m = Upper(m);
    if (std::find(out->begin(), out->end(), m) == out->end()) out->push_back(m);
  }
}

}  // namespace

bool SmtpCapabilities::Has(std::string_view keyword) const {
  return std::find(keywords.begin(), keywords.end(), keyword) != keywords.end();
}

SmtpCapabilities ParseEhlo(const SmtpReply& reply) {
  SmtpCapabilities caps;
  for (size_t i = 0; i < reply.lines.size(); ++i) {
    if (i == 0) {
      caps.greeting = reply.lines[0];
      continue;
    }
    std::istringstream in(reply.lines[i]);
    std::string word;
    if (!(in >> word)) continue;
    word = Upper(word);
    if (word.rfind("AUTH=", 0) == 0) {
      std::istringstream rest(word.substr(5) + " " + std::string(std::istreambuf_iterator<char>(in), {}));
      AddMechanisms(rest, &caps.auth);
      continue;  // the old form repeats AUTH; it is not a keyword of its own
    }
    if (!caps.Has(word)) caps.keywords.push_back(word);
    if (word == "STARTTLS") caps.starttls = true;
    else if (word == "PIPELINING") caps.pipelining = true;
    else if (word == "SMTPUTF8") caps.smtputf8 = true;
    else if (word == "8BITMIME") caps.eightbitmime = true;
    else if (word == "CHUNKING") caps.chunking = true;
    else if (word == "ENHANCEDSTATUSCODES") caps.enhanced_codes = true;
    else if (word == "DSN") caps.dsn = true;
    else if (word == "REQUIRETLS") caps.requiretls = true;
    else if (word == "AUTH") AddMechanisms(in, &caps.auth);
    else if (word == "SIZE") {
      caps.has_size = true;
      std::string n;
      if (in >> n && !n.empty() && n.size() < 20 &&
          std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        caps.size = std::stoull(n);
      }
    }
  }
  return caps;
}

std::string CapabilityList(const SmtpCapabilities& caps) {
  std::string out;
  for (const auto& k : caps.keywords) {
    if (!out.empty()) out += ", ";
    out += k;
    if (k == "SIZE" && caps.size) out += " " + std::to_string(caps.size);
    if (k == "AUTH") {
      for (const auto& m : caps.auth) out += " " + m;
    }
  }
  if (!caps.Has("AUTH") && !caps.auth.empty()) {
    out += std::string(out.empty() ? "" : ", ") + "AUTH=";
    for (size_t i = 0; i < caps.auth.size(); ++i) out += (i ? " " : "") + caps.auth[i];
  }
  return out;
}

}  // namespace mailwhy
