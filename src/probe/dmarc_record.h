// NAME
//   dmarc_record - parse a DMARC policy record (RFC 7489 section 6.3, RFC 9989)
// SYNOPSIS
//   DmarcRecord d;
//   Status s = ParseDmarc("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com; adkim=s", &d);
//   // d.p == "quarantine", d.adkim == 's', d.rua == {"mailto:dmarc@example.com"}
// DESCRIPTION
//   IsDmarcRecord() says whether a TXT string at _dmarc.<domain> is a DMARC record: it
//   starts with "v=DMARC1" (spaces allowed around '='), then ';' or the end.
//
//   ParseDmarc() reads the tag list: p, sp, np (none | quarantine | reject), pct
//   (0..100), t (y | n, RFC 9989's test mode), adkim and aspf (r | s), rua and ruf
//   (comma-separated URIs), fo, rf, ri, psd. Tags are case-insensitive; unknown tags are
//   ignored, as both RFCs require, and listed in `unknown`. A missing p= with a valid
//   rua= is read as p=none (RFC 7489 section 6.6.3) and noted in `warnings`; a repeated
//   tag keeps its first value and is noted too.
// DIAGNOSTICS
//   An invalid record (no v=DMARC1 first, a bad p= value, no p= and no rua=, pct out of
//   range) fails with a message naming the tag: "p=block is not none, quarantine or
//   reject".
#ifndef MAILWHY_PROBE_DMARC_RECORD_H_
#define MAILWHY_PROBE_DMARC_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mailwhy {

struct DmarcRecord {
  std::string p, sp, np;           // policies; sp and np "" when not given
  int pct = 100;
  bool has_pct = false;
  bool testing = false;            // t=y
  char adkim = 'r', aspf = 'r';
  std::vector<std::string> rua, ruf;
  std::string fo, rf, ri, psd;
  std::vector<std::string> unknown;   // unknown tag names
  std::vector<std::string> warnings;  // what was tolerated

  // The policy for a subdomain (sp, else p) and for a non-existent subdomain (np, else sp, else p).
  const std::string& SubdomainPolicy() const { return sp.empty() ? p : sp; }
  const std::string& NonExistentPolicy() const { return np.empty() ? SubdomainPolicy() : np; }
};

bool IsDmarcRecord(std::string_view txt);
Status ParseDmarc(std::string_view text, DmarcRecord* out);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_DMARC_RECORD_H_
