// NAME
//   smtp_probe - can we reach that mail server, and what does it say? (`probe smtp`)
// SYNOPSIS
//   ProbeReport r;
//   Status s = RunSmtpProbe({.target = "mail.example.com:587"}, resolver, classifier, &r);
// DESCRIPTION
//   RunSmtpProbe() walks through an SMTP session the way a sending server would, stops
//   at the first step that makes going on pointless, and reports each step (ids in
//   brackets) with its time and its verdict:
//     [smtp.resolve]     the name's addresses (A, then AAAA). Without a port and without
//                        brackets the name is a mail domain: its MX with the lowest
//                        preference is probed on port 25 (no MX: the domain itself, RFC
//                        5321 section 5.1; a Null MX: the domain takes no mail).
//     [smtp.connect]     TCP to each address in turn (at most three) until one answers:
//                        refused, timed out and unreachable are told apart; a timeout on
//                        port 25 points at the access provider's outbound port 25 block.
//     [smtp.tls]         port 465 (or implicit_tls): the TLS handshake comes first.
//     [smtp.banner]      the whole greeting: 2xx goes on; 4xx and 5xx are refusals,
//                        classified like a log line (a 554 naming a DNSBL gets the DNSBL
//                        rule's remedies); silence, a closed connection or another
//                        protocol's greeting each have their own finding.
//     [smtp.ehlo]        EHLO and its extensions; a refused EHLO falls back to HELO.
//     [smtp.starttls]    STARTTLS when offered (required with require_starttls),
//     [smtp.tls]         the handshake: protocol and cipher; TLS 1.0/1.1 are warned of,
//     [smtp.certificate] subject, names, expiry, chain: a problem is a warning on port 25
//                        (MTAs seldom verify) and a failure on other ports (mail clients
//                        do),
//     [smtp.ehlo-tls]    EHLO again inside TLS (servers often add AUTH only there),
//     [smtp.auth]        AUTH offered in clear text, only after TLS, or not at all (on a
//                        submission port that is a warning),
//     [smtp.quit]        QUIT and its 221.
//   Steps after a stop are listed as skipped. No message is ever sent: the session
//   ends before MAIL FROM. Every read, write and handshake has `timeout` seconds.
//
//   The resolver answers the name questions; with no DNS server given the caller's
//   resolver reads /etc/hosts first. `classifier` (may be null) gives the finding texts
//   and classifies the server's refusals.
// DIAGNOSTICS
//   Returns InvalidArgument for a target that cannot be parsed; every network outcome is
//   a check in the report, not an error.
// BUGS
//   Only the first MX host that answers is probed; the others are listed. IPv4 addresses
//   are tried before IPv6 ones. The HELO name defaults to this host's name, which a
//   strict server may refuse although the real Postfix uses $myhostname.
#ifndef MAILWHY_PROBE_SMTP_PROBE_H_
#define MAILWHY_PROBE_SMTP_PROBE_H_

#include <string>

#include "diagnose/classifier.h"
#include "probe/dns.h"
#include "probe/probe_report.h"
#include "probe/smtp_channel.h"
#include "util/status.h"

namespace mailwhy {

struct SmtpProbeOptions {
  std::string target;            // HOST[:PORT] (smtp_target.h)
  std::string helo;              // "" = this host's name
  double timeout = 10;           // seconds, per step
  bool require_starttls = false; // STARTTLS missing is a failure, not a warning
  bool implicit_tls = false;     // TLS first; always on for port 465
  std::string ca_file;           // trusted roots for the certificate check
  int max_addresses = 3;
};

Status RunSmtpProbe(const SmtpProbeOptions& options, Resolver& resolver,
                    const Classifier* classifier, ProbeReport* report);

// The finding for a failed connection: refused, timed out (on port 25 the one that
// points at the provider's outbound block), unreachable, or another error.
const char* ConnectFindingId(ConnectError error, int port);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SMTP_PROBE_H_
