// NAME
//   spf_eval - RFC 7208's check_host(): what SPF says about an address, and why
// SYNOPSIS
//   SpfEvaluation e = CheckHost(resolver, "192.0.2.10", "example.com", "info@example.com");
//   // e.result == SpfResult::kPass, e.matched == "ip4:192.0.2.0/24", e.matched_in ==
//   // "example.com", e.chain == {"include:_spf.example.com", "ip4:192.0.2.0/24"}
//   SpfEvaluation a = AuditSpf(resolver, "example.com");   // a.dns_terms == 12: over 10
// DESCRIPTION
//   CheckHost() follows section 4: the domain's TXT records (exactly one "v=spf1"; none
//   gives "none", two or more "permerror"), then each mechanism in order until one
//   matches, whose qualifier gives the result; then redirect=; else "neutral".
//   Mechanisms: all, include (matches when the included domain's result is pass; its
//   temperror is ours, its permerror or none a permerror), a, mx (at most 10 names), ptr
//   (deprecated, at most 10 names, each forward-confirmed), ip4, ip6, exists. Domain
//   specs are macro-expanded with %{i} %{d} %{s} %{l} %{o} %{h} %{v} (spf_macro.h).
//
//   Limits (section 4.6.4): more than 10 terms that cost a lookup (include, a, mx, ptr,
//   exists, redirect) over the whole evaluation, or more than 2 void lookups (an answer
//   with no records, or NXDOMAIN), is a permerror. A DNS failure (SERVFAIL, timeout) is
//   a temperror at once (section 5).
//
//   AuditSpf() walks the record without an address: no ip4/ip6/a/mx/ptr/exists term can
//   match, so every include and the redirect are followed as for an address the record
//   does not list, and the lookups and void lookups of the whole tree are counted. It
//   does not stop at the limit: `dns_terms` is the total the record needs, and
//   `over_limit` says receivers give permerror. `all` is the qualifier of the top
//   record's "all" ('\0' when there is none), the thing +all and ?all are judged by.
//
//   `trace` lists each record visited, indented by depth, for the report.
// BUGS
//   exp= is parsed but its explanation is not fetched. %{p} expands to "unknown". Under
//   AuditSpf() an exists: term is counted but not asked (its name usually needs %{i}).
#ifndef MAILWHY_PROBE_SPF_EVAL_H_
#define MAILWHY_PROBE_SPF_EVAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "probe/dns.h"

namespace mailwhy {

enum class SpfResult { kNone, kNeutral, kPass, kFail, kSoftFail, kTempError, kPermError };

std::string_view ToString(SpfResult r);  // "none", "neutral", "pass", "fail", "softfail", ...

struct SpfEvaluation {
  SpfResult result = SpfResult::kNone;
  std::string record;                // the top domain's SPF record ("" when none)
  std::string matched;               // the term that decided, as written ("" = none did)
  std::string matched_in;            // the domain whose record holds it
  std::vector<std::string> chain;    // from the top record: "include:x", ..., the term
  std::string error;                 // why permerror / temperror
  int dns_terms = 0;                 // lookup-costing terms evaluated (AuditSpf: in all)
  int void_lookups = 0;
  std::vector<std::string> void_names;  // the names that gave nothing
  bool over_limit = false;           // dns_terms > 10
  bool uses_ptr = false;             // a ptr mechanism was met (deprecated, section 5.5)
  char all = '\0';                   // top record's "all" qualifier, '\0' when none
  int records_seen = 0;              // SPF records read, the top one included
  std::vector<std::string> trace;
};

SpfEvaluation CheckHost(Resolver& dns, const std::string& ip, const std::string& domain,
                        const std::string& sender, const std::string& helo = std::string());
SpfEvaluation AuditSpf(Resolver& dns, const std::string& domain);

// True when `ip` lies in network/cidr (both IPv4 or both IPv6).
bool InNetwork(const std::string& ip, const std::string& network, int cidr);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SPF_EVAL_H_
