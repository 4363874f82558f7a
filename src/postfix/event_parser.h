// NAME
//   event_parser - what one Postfix log message says, as an Event
// DESCRIPTION
//   ParseEvent() looks at the record's tag to find the Postfix program (the last "/"
//   component: "postfix-out/submission/smtpd" -> instance "postfix-out", service
//   "submission", daemon "smtpd"), then parses the message with that daemon's grammar
//   (POSTFIX-LOG-FORMATS.md §3). Tags of other programs give kind kOther.
//
//   When the tag lost the daemon (RFC 5424 relays cut "postfix/smtpd" to "postfix") or
//   there is no prefix at all (message-only input), the daemon is inferred from the
//   message's shape: "to=... relay=" is a delivery agent, "connect from" is smtpd, and so
//   on; `daemon` then holds the inferred name.
//
//   Key=value tails are read by anchoring on the known key order, never by splitting on
//   ", ": addresses may hold commas, quotes and spaces. A delivery's status text runs to
//   the LAST ")" of the line, since it nests parentheses.
//
//   ParseEvent never fails and never reads outside the message; a message it does not
//   recognise gives kind kUnknown with `text` set to the message.
// LIFETIME
//   The Event's views point into rec.message (and rec.tag).
#ifndef MAILWHY_POSTFIX_EVENT_PARSER_H_
#define MAILWHY_POSTFIX_EVENT_PARSER_H_

#include <string_view>

#include "postfix/event.h"
#include "syslog/record.h"

namespace mailwhy {

// Every field of *ev is overwritten: a reused Event needs no reset between lines.
void ParseEvent(const Record& rec, Event* ev);

// Parses a status TEXT ("host X[1.2.3.4] said: 550 5.1.1 ... (in reply to RCPT TO command)")
// into its shape and parts. Used for delivery lines, notes, and text pasted by a user.
void ParseStatusText(std::string_view text, ReplyInfo* out);

// The parts of a TLS session summary, from a kTls event's text ("Trusted TLS connection
// established to mx.example.net[192.0.2.1]:25: TLSv1.3 with cipher ..."). False, *out
// empty, when the text is not a summary (a handshake failure, say).
bool ReadTlsSummary(std::string_view text, TlsSession* out);

// True for queue IDs: short (>= 6 upper-case hex... as Postfix makes them) or long
// (>= 12 chars of the 52-letter alphabet with the "z" separator) or NOQUEUE.
bool IsQueueId(std::string_view s);

}  // namespace mailwhy

#endif  // MAILWHY_POSTFIX_EVENT_PARSER_H_
