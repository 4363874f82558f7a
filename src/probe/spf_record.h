// NAME
//   spf_record - parse an SPF record (RFC 7208 section 4.6 and 12) into its terms
// SYNOPSIS
//   SpfRecord r;
//   Status s = ParseSpf("v=spf1 ip4:192.0.2.0/24 include:_spf.example.com -all", &r);
//   // r.terms[1].kind == SpfKind::kInclude, r.terms[2].qualifier == '-'
// DESCRIPTION
//   IsSpfRecord() says whether a TXT string is an SPF record: "v=spf1" alone or followed
//   by a space, case-insensitive (section 4.5); other TXT records are ignored.
//
//   ParseSpf() reads the terms after the version: mechanisms (all, include, a, mx, ptr,
//   ip4, ip6, exists) with an optional qualifier (+ - ~ ?, default +), their
//   domain-spec and dual CIDR lengths, and modifiers (name=value). redirect and exp are
//   kept apart; unknown modifiers are allowed and ignored (section 6). The domain-spec
//   is checked as a macro-string (spf_macro.h) but not expanded: that needs the
//   evaluation's context.
//
//   `dns_terms` counts the terms that cost a DNS lookup against the limit of 10
//   (include, a, mx, ptr, exists, redirect: section 4.6.4) in this record alone.
// DIAGNOSTICS
//   Any syntax error is a permerror: the Status says which term and why, e.g.
//   "unknown mechanism 'ipv4:192.0.2.1'", "bad CIDR length in 'ip4:192.0.2.0/33'",
//   "'redirect' given twice".
// BUGS
//   Whitespace other than spaces (tabs) is accepted as a separator, as most receivers do,
//   though the grammar allows only SP.
#ifndef MAILWHY_PROBE_SPF_RECORD_H_
#define MAILWHY_PROBE_SPF_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mailwhy {

enum class SpfKind { kAll, kInclude, kA, kMx, kPtr, kIp4, kIp6, kExists };

std::string_view ToString(SpfKind k);  // "all", "include", ...

struct SpfTerm {
  std::string text;        // as written: "~all", "ip4:192.0.2.0/24"
  char qualifier = '+';    // + - ~ ?
  SpfKind kind = SpfKind::kAll;
  std::string domain;      // domain-spec (a macro-string); "" = the current domain
  std::string network;     // ip4/ip6: the address part
  int cidr4 = 32;          // a, mx, ip4
  int cidr6 = 128;         // a, mx, ip6
};

struct SpfRecord {
  std::vector<SpfTerm> terms;  // mechanisms, in order
  std::string redirect;        // domain-spec of redirect=, "" if none
  std::string exp;             // domain-spec of exp=, "" if none
  std::vector<std::string> unknown_modifiers;  // names, for the report
  int dns_terms = 0;
};

bool IsSpfRecord(std::string_view txt);
Status ParseSpf(std::string_view text, SpfRecord* out);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SPF_RECORD_H_
