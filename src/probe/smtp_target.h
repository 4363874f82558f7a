// NAME
//   smtp_target - the HOST[:PORT] argument of `mailwhy probe smtp`
// SYNOPSIS
//   SmtpTarget t;
//   Status s = ParseSmtpTarget("mail.example.com:587", &t);   // host, port 587
//   ParseSmtpTarget("example.com", &t);          // port 0: look up the domain's MX, port 25
//   ParseSmtpTarget("[mail.example.com]", &t);   // Postfix's brackets: no MX lookup
//   ParseSmtpTarget("[2001:db8::25]:2525", &t);
// DESCRIPTION
//   Accepts a host name, an IPv4 address or an IPv6 address, each optionally in
//   brackets, then an optional ":PORT". A bare IPv6 address needs brackets to carry a
//   port. The MX lookup is wanted (`use_mx`) when a name is given without brackets and
//   without a port, as Postfix's smtp client does for a nexthop domain.
// DIAGNOSTICS
//   "bad port in 'x:99999'", "'a b' is not a host name".
#ifndef MAILWHY_PROBE_SMTP_TARGET_H_
#define MAILWHY_PROBE_SMTP_TARGET_H_

#include <string>

#include "util/status.h"

namespace mailwhy {

struct SmtpTarget {
  std::string host;    // a name, or an address without brackets
  int port = 0;        // 0 = not given
  bool is_ip = false;
  bool use_mx = false;
};

Status ParseSmtpTarget(const std::string& text, SmtpTarget* out);

// True for a plausible host name: letters, digits, '-', '_' and dots; 1..253 bytes.
bool IsHostName(const std::string& s);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SMTP_TARGET_H_
