// NAME
//   reverse_dns - the PTR name of an address, confirmed forward (FCrDNS)
// SYNOPSIS
//   ReverseDns r = CheckReverseDns(resolver, "192.0.2.10");
//   // r.names == {"mail.example.com"}, r.confirmed == "mail.example.com"
// DESCRIPTION
//   CheckReverseDns() asks the PTR of the address, then the A (or AAAA) of each name it
//   gives (at most 10); the first name whose addresses include the address is
//   `confirmed`. That is forward-confirmed reverse DNS, what Gmail ("The sending IP
//   address must match the IP address of the hostname specified in the PTR record") and
//   Yahoo require and Postfix's reject_unknown_client_hostname tests.
//
//   LooksGeneric() says whether a PTR name looks like an access provider's automatic
//   name for a customer line rather than a mail server's: it spells the address out
//   (192-0-2-10, 10.2.0.192, c0000210) or has a word such as dynamic, dhcp, pool, ppp,
//   dsl, cable, dialup, broadband, customer. Yahoo asks for "meaningful, non-generic"
//   names, and many receivers score generic names as spam sources.
// BUGS
//   LooksGeneric() is a heuristic over English words; a mail server named
//   "host-192-0-2-10.example.com" on purpose is called generic.
#ifndef MAILWHY_PROBE_REVERSE_DNS_H_
#define MAILWHY_PROBE_REVERSE_DNS_H_

#include <string>
#include <vector>

#include "probe/dns.h"

namespace mailwhy {

struct ReverseDns {
  DnsOutcome ptr = DnsOutcome::kError;  // the PTR lookup's outcome
  std::vector<std::string> names;       // PTR names
  std::string confirmed;                // the name whose addresses include the IP
  std::vector<std::string> forward;     // the addresses of the first name (when none confirmed)
  bool forward_failed = false;          // a forward lookup failed (temporary)
  bool generic = false;                 // the confirmed (or first) name looks generic
};

ReverseDns CheckReverseDns(Resolver& dns, const std::string& ip);
bool LooksGeneric(const std::string& name, const std::string& ip);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_REVERSE_DNS_H_
