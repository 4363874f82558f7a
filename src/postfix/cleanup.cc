// NAME
//   cleanup - the cleanup daemon: message-id, header/body checks, milter decisions
// DESCRIPTION
//   Format strings (cleanup_message.c, cleanup_milter.c, Postfix 3.7):
//
//     "%s: message-id=%s"            the header value AS IS: "<id@host>", "<>" (absent),
//                                    bare "20221205183811.8983.30194A77@example.com",
//                                    MIME-encoded "=?UTF-8?B?...?=", or cut without ">"
//     "%s: resent-message-id=%s"
//     "%s: %s: %s %.200s from %s; from=<%s> to=<%s> proto=%s helo=<%s>[: %s]"
//          QID, ACTION (reject, warning, info, hold, discard, redirect, filter, prepend,
//          replace, strip, bcc, ...), CLASS (header|body), the matched text, origin
//          (H[A] or "local"), envelope, optional text
//     "%s: milter-reject|milter-discard|milter-hold: END-OF-MESSAGE from %s: %s; from=..."
//
//   e.g. "48rT2v1hQrz1J0N: prepend: header X-Spam-Status: Yes, score=45.1 ... from
//   mx2.example.org[192.0.2.41]; from=<...> to=<...> proto=ESMTP helo=<mx2.example.org>:
//   X-Spam-Status: Yes". The smtp client's own header checks (smtp_header_checks) write
//   "%s: %s: %s %.60s: %s" with no origin and no envelope; they are read here too.
//
//   kCleanupAction: action, stage = the class ("header", "body") or the milter's stage,
//   text = the matched header/body text (milter: its reply), client = the origin
//   (name "local" for local submissions), the envelope, and the optional text in
//   reply.reply with any code it starts with.
// BUGS
//   The matched text is cut by Postfix at 200 characters and may itself hold " from " or
//   "; from=<": the envelope is taken from the FIRST "; from=<" and the origin from the
//   last " from " before it. Without an envelope (smtp header checks) the optional text
//   cannot be told from the header, so all of it is text.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/envelope.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

// "message-id=VALUE" and "resent-message-id=VALUE".
bool ParseMessageId(std::string_view body, Event* ev) {
  EventKind kind;
  std::string_view value;
  if (StartsWith(body, "message-id=")) {
    kind = EventKind::kCleanupMessageId;
    value = body.substr(11);
  } else if (StartsWith(body, "resent-message-id=")) {
    kind = EventKind::kCleanupResentMessageId;
    value = body.substr(18);
  } else {
    return false;
  }
  ev->kind = kind;
  ev->message_id = value;
  // "<" without its ">": the 2000-character record limit cut a long, folded ID.
  if (StartsWith(value, "<") && !EndsWith(value, ">")) ev->truncated = true;
  return true;
}

size_t FindCheckTail(std::string_view s) {
  for (std::string_view anchor : {"; from=<", "; to=<", "; proto=", "; helo=<"}) {
    size_t at = Find(s, anchor);
    if (at != kNpos) return at;
  }
  return kNpos;
}

// "TEXT from ORIGIN" (what precedes the envelope): the text and the origin.
void ReadTextAndOrigin(std::string_view s, Event* ev) {
  size_t from = FindLast(s, " from ");
  if (from == kNpos) {
    ev->text = s;
    return;
  }
  std::string_view origin = s.substr(from + 6);
  Peer p;
  if (origin == "local") {
    ev->client.name = origin;
  } else if (ParsePeer(origin, &p)) {
    ev->client = p;
  } else {
    ev->text = s;  // " from " inside the matched text, and no origin after it
    return;
  }
  ev->text = s.substr(0, from);
}

// "ACTION: CLASS TEXT from ORIGIN; ENVELOPE[: OPTIONAL]" and "ACTION: CLASS TEXT".
bool ParseCheckAction(std::string_view body, Event* ev) {
  Cursor c(body);
  std::string_view action, cls;
  if (!c.ReadWhile([](char ch) { return IsLower(ch) || ch == '-' || ch == '_'; }, &action) ||
      !c.Skip(": ") ||
      !c.ReadWhile([](char ch) { return IsLower(ch) || ch == '-'; }, &cls) || !c.Skip(" ")) {
    return false;
  }
  if (cls != "header" && cls != "body" && cls != "content" && cls != "mime-error") return false;
  ev->kind = EventKind::kCleanupAction;
  ev->action = action;
  ev->stage = cls;
  std::string_view rest = c.rest();
  size_t tail = FindCheckTail(rest);
  if (tail == kNpos) {
    ev->text = TrimSpaces(rest);
    return true;
  }
  ReadTextAndOrigin(TrimSpaces(rest.substr(0, tail)), ev);
  std::string_view after = ReadEnvelopeTail(rest.substr(tail + 2), ev);
  if (StartsWith(after, ":")) {
    ev->reply.reply = TrimSpaces(after.substr(1));
    ReadReplyCodes(ev->reply.reply, &ev->reply.code, &ev->reply.enhanced);
  }
  return true;
}

}  // namespace

bool ParseHeaderBodyCheck(const Message& m, Event* ev) {
  return m.severity.empty() && ParseCheckAction(m.body, ev);
}

bool ParseCleanup(const Message& m, Event* ev) {
  if (!m.severity.empty() || m.body.empty()) return false;
  if (ParseMessageId(m.body, ev)) return true;
  if (ParseAccessAction(m, ev)) {  // milter-reject: END-OF-MESSAGE from H[A]: ...
    ev->kind = EventKind::kCleanupAction;
    return true;
  }
  return ParseCheckAction(m.body, ev);
}

}  // namespace mailwhy::postfix
