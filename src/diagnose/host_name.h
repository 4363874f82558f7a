// NAME
//   host_name - does an envelope sender's domain look like one machine's host name?
// SYNOPSIS
//   MachineHostLabel("web01.hmk-temp.com", "mx1", "")   // "web01"
//   MachineHostLabel("mail.example.com", "mx1", "")     // "": a mail domain, not a machine
// DESCRIPTION
//   Postfix's default myorigin is $myhostname, and web applications often send as
//   user@their-server's-name; receivers then check SPF for a host name that has no SPF
//   record and that does not align with the From: domain (seed 003, case 26). This test
//   flags such domains and returns the label that gave it away, or "" when the domain
//   looks like an organisation's mail domain.
//
//   A domain is a machine's name when, lower-cased:
//     - it has no dot at all ("web01"), or a label localhost or localdomain, or it ends in
//       a private-use name (.local, .lan, .internal, .intranet, .home.arpa);
//     - it has a host part in front of the organisation's domain (three labels or more,
//       four under a two-level suffix like co.jp), and it is the name of the server that
//       logged it (for a short server name such as "mx1": its first label is that name)
//       or of the submitting client, or its first label looks like a machine: www, web,
//       host, server, srv, vps, node, ...; letters and then digits (web01, srv3,
//       host-123, vps12345); or an address spelled out (ip-10-0-0-1).
//   A server named after the organisation's bare domain (myhostname = example.com) does
//   not make user@example.com a machine's address.
//   Words used for mail subdomains (mail.example.com, news., bounce., lists.) are not
//   machine names: mailing lists and bulk senders use them on purpose, with their own
//   SPF record. Numbered bounce domains of bulk-mail services (em1234., bounce2.) are
//   left alone for the same reason.
// BUGS
//   A heuristic: a domain named like a machine on purpose (shop1.example.com) is flagged,
//   and a machine with an ordinary-looking name is not. The texts say "looks like".
#ifndef MAILWHY_DIAGNOSE_HOST_NAME_H_
#define MAILWHY_DIAGNOSE_HOST_NAME_H_

#include <string>
#include <string_view>

namespace mailwhy {

// The label that makes `domain` look like a machine's host name, or "". `server` is the
// syslog host of the log line ("" or "***" when unknown), `client` the submitting client's
// host name ("" when none).
std::string MachineHostLabel(std::string_view domain, std::string_view server,
                             std::string_view client);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_HOST_NAME_H_
