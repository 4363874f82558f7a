// NAME
//   forwarded - an error mail that someone forwarded, unwrapped
// DESCRIPTION
//   Users forward the bounce they received to their administrator ("Fwd: Returned mail:
//   see transcript for details"), and the administrator runs mailwhy on the forward.
//   UnwrapForwarded() finds the forwarded message inside the body: after "Begin
//   forwarded message:" (Apple Mail), "---------- Forwarded message ---------" (Gmail),
//   "-----Original Message-----" (Outlook, seeds/002) or "-------- Original Message
//   --------" (Thunderbird), with or without "> " quoting on every line. The quoted
//   header lines become the inner mail's headers and the rest its body, which format
//   readers then read like any other notification.
// BUGS
//   Only one level is unwrapped. A forward that dropped the notification's headers
//   (no Subject, no From) is still read, by its body.
#ifndef MAILWHY_BOUNCE_FORWARDED_H_
#define MAILWHY_BOUNCE_FORWARDED_H_

#include "bounce/mime_reader.h"

namespace mailwhy {

// True when `mail` holds a forwarded message; *inner is then that message.
bool UnwrapForwarded(const DecodedMail& mail, DecodedMail* inner);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_FORWARDED_H_
