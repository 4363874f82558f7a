// NAME
//   envelope - the "from=<S> to=<R> proto=P helo=<H>" tail of smtpd and cleanup lines
// DESCRIPTION
//   smtpd_check.c (log_whatsup), cleanup_message.c and cleanup_milter.c end their lines
//   with the envelope they know, each field optional, always in this order:
//
//     "; from=<wumt5@cchfdc.com> to=<voorzitter@example.com> proto=ESMTP helo=<ecsolved.com>"
//
//   postscreen writes the same keys joined by ", " ("from=<x>, to=<y>, proto=SMTP, helo=<h>"),
//   and cleanup may add ": OPTIONAL TEXT" after the last one (the redirect target, the
//   prepended header, the reject text).
//
//   A "<value>" ends at the first ">" that is followed by the end, by a later key, or by
//   ":" (cleanup's optional text). So an address holding ">" or spaces
//   (to=<<1F4@bs>>, from=<"a b"@example.com>) is read whole.
// BUGS
//   An address that itself holds "> to=<" (or another later key) is cut there.
#ifndef MAILWHY_POSTFIX_ENVELOPE_H_
#define MAILWHY_POSTFIX_ENVELOPE_H_

#include <string_view>

#include "postfix/event.h"

namespace mailwhy::postfix {

// Reads the envelope fields at the start of `tail` into ev (from/has_from, to, proto, helo)
// and returns what follows them (cleanup's ": OPTIONAL", else usually ""). Sets
// ev->truncated when a "<value" has no closing ">".
std::string_view ReadEnvelopeTail(std::string_view tail, Event* ev);

// Where the envelope tail of an smtpd reply starts: the LAST "; from=<" (an RBL reply holds
// ";" of its own), else the last "; to=<", "; proto=" or "; helo=<"; kNpos when none.
size_t FindEnvelopeTail(std::string_view text);

}  // namespace mailwhy::postfix

#endif  // MAILWHY_POSTFIX_ENVELOPE_H_
