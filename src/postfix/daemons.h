// NAME
//   daemons - the per-program grammars ParseEvent() dispatches to
// DESCRIPTION
//   One function per grammar, each in its own file. Every function:
//     - is given the message already split into severity, queue ID and body (message.h);
//     - returns true and fills in `ev` (kind and the fields the line carries) when the
//       body has its grammar, and returns false otherwise, leaving `ev` as it found it
//       apart from fields it may have set before giving up (the caller resets them);
//     - never sets ev->daemon, instance or service (event_parser.cc does);
//     - says what the line states, never why something failed.
//   These functions are strict: they recognise their shapes only, so event_parser.cc can
//   also try them in turn on a line whose tag does not name the program.
// SEE ALSO
//   POSTFIX-LOG-FORMATS.md §3, which quotes every format string these read.
#ifndef MAILWHY_POSTFIX_DAEMONS_H_
#define MAILWHY_POSTFIX_DAEMONS_H_

#include "postfix/event.h"
#include "postfix/message.h"

namespace mailwhy::postfix {

// smtpd.c: connect, disconnect (with command counts), client=, lost connection / timeout /
// too many errors after STAGE, SASL authentication failed, improper pipelining, discarding
// EHLO keywords, plus the access actions of access_action.cc and TLS lines of tls.cc.
bool ParseSmtpd(const Message& m, Event* ev);
// Any other smtpd warning, as kSmtpdWarning with the client it names, if any.
void ParseSmtpdWarning(const Message& m, Event* ev);

// smtpd_check.c and friends: "ACTION: STAGE from H[A]: REPLY; from=<> to=<> proto= helo=<>"
// (reject, reject_warning, defer, hold, discard, filter, redirect, warn, bcc, milter-*,
// abort) and "proxy-accept|proxy-reject: STAGE: REPLY; ..."; postscreen's variant too.
bool ParseAccessAction(const Message& m, Event* ev);

// postscreen.c and dnsblog.c.
bool ParsePostscreen(const Message& m, Event* ev);
bool ParseDnsblog(const Message& m, Event* ev);

// pickup.c: "QID: uid=N from=<S>[ orig_id=Q]".
bool ParsePickup(const Message& m, Event* ev);

// cleanup: message-id, resent-message-id, header/body check actions, milter actions.
bool ParseCleanup(const Message& m, Event* ev);
// A header/body check action alone ("QID: replace: header From: ...": the smtp client's
// smtp_header_checks log it too).
bool ParseHeaderBodyCheck(const Message& m, Event* ev);

// qmgr: queue active, removed, expired / force-expired, skipped.
bool ParseQmgr(const Message& m, Event* ev);

// log_adhoc.c: "QID: to=<r>[, orig_to=<o>], relay=R, ... status=S (TEXT)".
bool ParseDelivery(const Message& m, Event* ev);

// smtp/lmtp notes that name no recipient: "QID: host H[A] said: ...", "refused to talk to
// me", "lost connection with", "conversation with ... timed out", "connect to H[A]:25:
// ..." (no QID), "enabling PIX workarounds", "SASL authentication failed; server ...".
bool ParseSmtpNote(const Message& m, Event* ev);

// tls_misc.c and friends: TLS session summaries and handshake failures (smtp, smtpd,
// lmtp, tlsproxy, postscreen).
bool ParseTlsLine(const Message& m, Event* ev);

// bounce_notify_*.c: "QID: sender non-delivery notification: NEWQID" and its kin;
// 3.11's "QID: sender notification failed to ADDR[: TEXT]".
bool ParseBounce(const Message& m, Event* ev);

// postsuper.c: per-message verbs and the totals it prints at the end.
bool ParsePostsuper(const Message& m, Event* ev);

// master, anvil, scache, tlsproxy, postfix-script and lines any program may log ("table
// ... has changed -- restarting", Cyrus SASL library complaints): kNoise or kWarning.
bool ParseMaster(const Message& m, Event* ev);
bool ParseAnvil(const Message& m, Event* ev);
bool ParseScache(const Message& m, Event* ev);
bool ParseTlsproxy(const Message& m, Event* ev);
bool ParsePostfixScript(const Message& m, Event* ev);
bool ParseCommonLine(const Message& m, Event* ev);

}  // namespace mailwhy::postfix

#endif  // MAILWHY_POSTFIX_DAEMONS_H_
