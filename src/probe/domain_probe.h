// NAME
//   domain_probe - is this sending domain set up the way receivers require? (`probe domain`)
// SYNOPSIS
//   DomainProbeOptions o;  o.domain = "example.com";  o.ip = "192.0.2.10";
//   o.selectors = {"s1"};  o.from = "info@example.com";
//   ProbeReport r;
//   Status s = RunDomainProbe(o, resolver, classifier, &r);
// DESCRIPTION
//   RunDomainProbe() runs seed 003's checklist (SPF, DKIM, DMARC, reverse DNS,
//   Return-Path) and the rest of what Gmail and Yahoo require, as checks (ids in
//   brackets), every one of them whatever the others found:
//     [domain.mx]       MX records (a Null MX "0 ." cannot receive bounces and many
//                       receivers refuse such senders; no MX: the A record serves; no
//                       name at all: fail), and an address for each MX host (first five).
//     [domain.spf]      the SPF record of the envelope domain (--from's domain, else
//                       DOMAIN) audited: one record, syntax, the 10-lookup limit and
//                       void lookups over the whole include tree, +all (anyone passes),
//                       ?all and no all (nothing fails), ptr (deprecated).
//     [domain.spf.ip]   with --ip: check_host()'s result for that address and the
//                       mechanism that decided (spf_eval.h); anything but pass fails.
//     [domain.dkim]     one per --selector: the key at S._domainkey.DOMAIN: missing,
//                       revoked (p= empty), RSA below 1024 bits (fail), below 2048
//                       (warn), test mode (warn). Without --selector a few common
//                       selectors are tried, and what is found is shown.
//     [domain.dmarc]    _dmarc.DOMAIN, else the organisational domain's record
//                       (org_domain.h): policy, sp, pct/t, rua, alignment modes;
//                       p=none is a note (monitoring only), pct<100 or t=y a warning.
//     [domain.ptr]      with --ip: PTR and forward confirmation; a generic-looking name
//                       is a warning.
//     [domain.dnsbl]    with --ip: one per list (Spamhaus ZEN, SpamCop, Barracuda, or the
//                       zones of `dnsbls`): listed (fail, with the meaning of each code
//                       and the knowledge base's delisting texts), the list refusing our
//                       resolver (127.255.255.x: warn, not listed), errors.
//     [domain.mta-sts]  _mta-sts.DOMAIN TXT (v=STSv1); missing is a note;
//     [domain.tls-rpt]  _smtp._tls.DOMAIN TXT (v=TLSRPTv1); missing is a note.
//     [domain.from]     with --from: the envelope sender's domain aligned with DOMAIN
//                       (relaxed, or strict when DMARC says aspf=s), and whether it looks
//                       like one machine's host name (seed 003's Return-Path fix).
//     [domain.gmail], [domain.yahoo]  the providers' requirements (sender_requirements.h).
//   A check that needs an option not given is listed as skipped, saying which option.
//
//   DOMAIN is the From: header's domain; SPF is judged for the envelope sender's domain,
//   as receivers do.
// DIAGNOSTICS
//   InvalidArgument for a DOMAIN, IP or ADDRESS that cannot be one; DNS outcomes are
//   checks, not errors.
// BUGS
//   The MTA-STS policy file (https://mta-sts.DOMAIN/.well-known/mta-sts.txt) is not
//   fetched; DNSSEC is not validated; DKIM signatures are not verified (no message).
#ifndef MAILWHY_PROBE_DOMAIN_PROBE_H_
#define MAILWHY_PROBE_DOMAIN_PROBE_H_

#include <string>
#include <vector>

#include "diagnose/classifier.h"
#include "probe/dns.h"
#include "probe/probe_report.h"
#include "util/status.h"

namespace mailwhy {

struct DomainProbeOptions {
  std::string domain;
  std::string ip;                      // the sending IP; "" = the IP checks are skipped
  std::vector<std::string> selectors;  // DKIM selectors; empty = try common ones
  std::string from;                    // the envelope sender (Return-Path); "" = DOMAIN
  std::vector<std::string> dnsbls;     // DNSBL zones; empty = DefaultDnsbls()
};

Status RunDomainProbe(const DomainProbeOptions& options, Resolver& resolver,
                      const Classifier* classifier, ProbeReport* report);

// Selectors tried when none is given.
const std::vector<std::string>& CommonDkimSelectors();

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_DOMAIN_PROBE_H_
