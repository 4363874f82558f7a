// dns - names of the DNS enums and address reversal (see dns.h).
#include "probe/dns.h"

#include <arpa/inet.h>

#include <cstdio>

namespace mailwhy {

std::string_view ToString(DnsType t) {
  switch (t) {
    case DnsType::kA: return "A";
    case DnsType::kAaaa: return "AAAA";
    case DnsType::kMx: return "MX";
    case DnsType::kTxt: return "TXT";
    case DnsType::kPtr: return "PTR";
  }
  return "?";
}

std::string_view ToString(DnsOutcome o) {
  switch (o) {
    case DnsOutcome::kOk: return "ok";
    case DnsOutcome::kNxDomain: return "nxdomain";
    case DnsOutcome::kNoData: return "nodata";
    case DnsOutcome::kServFail: return "servfail";
    case DnsOutcome::kRefused: return "refused";
    case DnsOutcome::kTimeout: return "timeout";
    case DnsOutcome::kUnreachable: return "unreachable";
    case DnsOutcome::kError: return "error";
  }
  return "error";
}

bool IsIpv4(std::string_view s) {
  if (s.empty() || s.size() > 15) return false;
  in_addr a;
  return inet_pton(AF_INET, std::string(s).c_str(), &a) == 1;
}

bool IsIpv6(std::string_view s) {
  if (s.empty() || s.size() > 45 || s.find(':') == std::string_view::npos) return false;
  in6_addr a;
  return inet_pton(AF_INET6, std::string(s).c_str(), &a) == 1;
}

std::string ReversedAddress(std::string_view ip) {
  std::string text(ip);
  in_addr a4;
  if (inet_pton(AF_INET, text.c_str(), &a4) == 1) {
    const auto* b = reinterpret_cast<const unsigned char*>(&a4);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[3], b[2], b[1], b[0]);
    return buf;
  }
  in6_addr a6;
  if (inet_pton(AF_INET6, text.c_str(), &a6) == 1) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (int i = 15; i >= 0; --i) {
      out += kHex[a6.s6_addr[i] & 0xf];
      out += '.';
      out += kHex[a6.s6_addr[i] >> 4];
      if (i) out += '.';
    }
    return out;
  }
  return std::string();
}

std::string ReverseName(std::string_view ip) {
  std::string r = ReversedAddress(ip);
  if (r.empty()) return r;
  return r + (IsIpv4(ip) ? ".in-addr.arpa" : ".ip6.arpa");
}

}  // namespace mailwhy
