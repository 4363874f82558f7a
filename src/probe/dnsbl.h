// NAME
//   dnsbl - is an address on a DNS blocklist, and what does the list's answer mean?
// SYNOPSIS
//   DnsblResult r = CheckDnsbl(resolver, "192.0.2.10", DefaultDnsbls()[0]);
//   // r.state == DnsblState::kListed, r.codes == {"127.0.0.10"},
//   // r.meanings == {"PBL (ISP maintained): ..."}
// DESCRIPTION
//   A DNSBL is asked for the A record of the reversed address under its zone
//   (10.2.0.192.zen.spamhaus.org; IPv6 in nibbles, RFC 5782). NXDOMAIN means not
//   listed; an answer in 127.0.0.0/8 means listed, with the TXT record as the list's
//   reason. Two answers are not listings:
//     127.255.255.x   the list refuses this resolver: Spamhaus answers 127.255.255.254
//                     to queries through public resolvers (8.8.8.8, 1.1.1.1) and
//                     127.255.255.255 to too many queries, .252 to a malformed query;
//     outside 127/8   the list is gone and its zone now answers everything (a
//                     wildcard), so every address would look listed.
//   Each list is also asked for its RFC 5782 test point 127.0.0.2, which must be listed:
//   when it is not, the list does not answer this resolver and "not listed" means
//   nothing (`test_point_ok` false).
//
//   DefaultDnsbls() are Spamhaus ZEN, SpamCop and Barracuda. DnsblMeaning() gives what a
//   code means: for ZEN the sub-list (SBL, CSS, XBL, DROP, PBL) and what it implies.
// BUGS
//   The ZEN codes (127.0.0.2 SBL, .3 CSS, .4-.7 XBL, .9 DROP, .10/.11 PBL) follow
//   Spamhaus's documentation as widely quoted, not a stored copy of its page; the
//   127.255.255.x codes are confirmed (research/PROBES-DNS-SMTP.md 1.4). A change at
//   Spamhaus needs a change here. Barracuda answers only resolvers registered with it.
#ifndef MAILWHY_PROBE_DNSBL_H_
#define MAILWHY_PROBE_DNSBL_H_

#include <string>
#include <string_view>
#include <vector>

#include "probe/dns.h"

namespace mailwhy {

struct DnsblList {
  std::string zone;        // "zen.spamhaus.org"
  std::string name;        // "Spamhaus ZEN"
  std::string lookup_url;  // where a person checks and delists ("" = none known)
  std::string rule;        // the knowledge base rule of a refusal naming this list
};

enum class DnsblState { kNotListed, kListed, kRefused, kBogus, kError };

std::string_view ToString(DnsblState s);  // "not-listed", "listed", "refused", "bogus", "error"

struct DnsblResult {
  DnsblList list;
  std::string query;                  // the name asked
  DnsblState state = DnsblState::kError;
  std::vector<std::string> codes;     // the A answers
  std::vector<std::string> meanings;  // one per code, English
  std::string reason;                 // the TXT answer, when listed
  std::string error;                  // the DNS outcome when kError
  bool test_point_ok = true;          // 127.0.0.2 is listed, as it must be
};

const std::vector<DnsblList>& DefaultDnsbls();
// The list for a zone: a default one, or a plain one named after the zone.
DnsblList DnsblForZone(const std::string& zone);
DnsblResult CheckDnsbl(Resolver& dns, const std::string& ip, const DnsblList& list);
std::string DnsblMeaning(std::string_view zone, std::string_view code);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_DNSBL_H_
