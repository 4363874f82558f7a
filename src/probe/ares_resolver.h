// NAME
//   ares_resolver - DNS questions through c-ares, with timeouts and a chosen server
// SYNOPSIS
//   std::unique_ptr<Resolver> r;
//   Status s = MakeAresResolver({.server = "127.0.0.1:5353", .timeout_ms = 2000}, &r);
//   DnsAnswer a = r->Query("example.test", DnsType::kMx);
// DESCRIPTION
//   MakeAresResolver() makes a c-ares channel. `server` is "IP", "IP:PORT" or
//   "[IPv6]:PORT"; empty means the servers of /etc/resolv.conf. Each try waits
//   timeout_ms (c-ares lengthens later tries), `tries` tries per question. Search
//   domains are never appended: every name is asked as written.
//
//   The channel is made with ARES_FLAG_NOCHECKRESP: without it c-ares turns SERVFAIL and
//   REFUSED answers into "could not contact DNS servers", and a DNSBL that refuses us
//   would look like an unreachable resolver.
//
//   A server that does not answer would make a probe of thirty questions take minutes:
//   after three questions in a row end in a timeout or "unreachable", later questions
//   are not sent and end the same way at once, with the error saying so.
//
//   With `hosts_file` set, A and AAAA questions look in /etc/hosts first (as the system
//   resolver does, so "localhost" works); it is off whenever `server` is given, since
//   then the user asked for that server's view.
// DIAGNOSTICS
//   MakeAresResolver() fails with a message naming the bad server text or the c-ares
//   error. Query() never fails: the outcome says what happened (dns.h).
// THREAD SAFETY
//   One resolver per thread.
#ifndef MAILWHY_PROBE_ARES_RESOLVER_H_
#define MAILWHY_PROBE_ARES_RESOLVER_H_

#include <memory>
#include <string>

#include "probe/dns.h"
#include "util/status.h"

namespace mailwhy {

struct ResolverOptions {
  std::string server;      // "IP[:PORT]" or "[IPv6]:PORT"; "" = /etc/resolv.conf
  int timeout_ms = 2000;   // per try
  int tries = 2;
  bool hosts_file = false; // A/AAAA: /etc/hosts first (only without `server`)
};

Status MakeAresResolver(const ResolverOptions& options, std::unique_ptr<Resolver>* out);

// "127.0.0.1:5353" -> "127.0.0.1:5353"; "::1" -> "[::1]:53"; checks the text.
Status NormalizeDnsServer(const std::string& text, std::string* csv);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_ARES_RESOLVER_H_
