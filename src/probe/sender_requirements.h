// NAME
//   sender_requirements - Gmail's and Yahoo's sender requirements, judged from the facts
// SYNOPSIS
//   SenderFacts f;  f.spf = Known::kYes;  f.dkim = Known::kNo;  ...
//   AddSenderRequirements(f, classifier, {{"sender_domain", "example.com"}}, &report);
// DESCRIPTION
//   The domain probe collects what it could establish into SenderFacts, each fact yes, no
//   or unknown (unknown: the check needs --ip, --from or --selector, or cannot be done
//   from DNS at all, like TLS and one-click unsubscribe). AddSenderRequirements() adds
//   one check per provider listing its requirements (research/PROBES-DNS-SMTP.md 1.1,
//   from support.google.com/mail/answer/81126 and senders.yahooinc.com):
//     Gmail, all senders   SPF or DKIM; forward and reverse DNS of the sending IP; TLS;
//                          (recommended) the IP on no blocklist
//     Gmail, 5,000+/day    SPF and DKIM; DMARC (p=none suffices); From: aligned with the
//                          SPF or DKIM domain; one-click unsubscribe
//     Yahoo, all senders   SPF or DKIM; forward and reverse DNS
//     Yahoo, bulk          SPF and DKIM; DMARC with at least p=none; alignment;
//                          one-click unsubscribe
//   A check fails when an all-senders requirement is not met, warns when only a bulk
//   one is not, is a note (info) when nothing was found unmet but some requirement
//   could not be established (an option missing, DNS failing), and is OK otherwise.
//   Requirements never visible in DNS (TLS, spam rate, unsubscribe) are listed as
//   "[ ? ]" and do not count.
// BUGS
//   The requirement texts are those of the pages' 2024-2026 snapshots; the providers
//   change them. Spam rate, RFC 5322 format and unsubscribe handling cannot be seen from
//   DNS and are only listed.
#ifndef MAILWHY_PROBE_SENDER_REQUIREMENTS_H_
#define MAILWHY_PROBE_SENDER_REQUIREMENTS_H_

#include "diagnose/classifier.h"
#include "probe/probe_report.h"

namespace mailwhy {

enum class Known { kYes, kNo, kUnknown };

struct SenderFacts {
  Known spf = Known::kUnknown;      // SPF passes for the IP (without --ip: a usable record)
  Known dkim = Known::kUnknown;     // a usable key of 1024 bits or more
  Known dmarc = Known::kUnknown;    // a valid DMARC record
  Known fcrdns = Known::kUnknown;   // the IP's PTR name resolves back to it
  Known aligned = Known::kUnknown;  // the SPF or DKIM domain aligns with From:
  Known clean = Known::kUnknown;    // the IP is on none of the blocklists asked
};

// `values` fill the findings' placeholders ({sender_domain}, ...).
void AddSenderRequirements(const SenderFacts& facts, const Classifier* classifier, const KeyValues& values,
                           ProbeReport* report);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SENDER_REQUIREMENTS_H_
