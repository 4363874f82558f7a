// NAME
//   access_action - smtpd's access decisions: reject, hold, discard, filter, milter-*, ...
// DESCRIPTION
//   smtpd_check.c (log_whatsup) writes every access decision the same way:
//
//     "%s: %s: %s from %s: %s; from=<%s> to=<%s> proto=%s helo=<%s>"
//      QID|NOQUEUE, ACTION, STAGE, H[A], REPLY; then each envelope key when known
//
//     "NOQUEUE: reject: RCPT from jurann.biz[77.95.228.43]: 554 5.7.1 Service unavailable;
//      Client host [77.95.228.43] blocked using zen.spamhaus.org; http://www.spamhaus.org/
//      sbl/query/SBLCSS; from=<botanised@jurann.biz> to=<kdent@seaglass.com> proto=ESMTP
//      helo=<jurann.biz>"
//
//   ACTION is reject, reject_warning, defer, hold, discard, filter, redirect, warn, bcc,
//   milter-reject, milter-discard, milter-hold, abort (TLS) or, with
//   smtpd_log_access_permit_actions, a permit action. postscreen uses the same words with
//   "[A]:port" and ", " between the envelope keys; smtpd_proxy.c writes
//   "proxy-accept|proxy-reject: STAGE: REPLY; from=<> ..." with no client.
//
//   An RBL reply holds ";" of its own, so the envelope tail starts at the LAST "; from=<"
//   (or "; to=<", "; proto=" when there is no sender). The reply gives code, enhanced code
//   and, for "blocked using ZONE", the DNSBL zone.
// BUGS
//   A recipient or HELO argument that itself holds "; from=<" moves the tail's start.
//   `zone` is only set when the word after "blocked using" is a domain name.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/envelope.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

bool IsActionChar(char c) { return IsLower(c) || c == '_' || c == '-'; }
bool IsStageChar(char c) { return IsUpper(c) || c == '-' || c == '_'; }

// "blocked using ZONE" (smtpd_check.c rbl reply, default template): the zone word.
std::string_view FindZone(std::string_view reply) {
  size_t at = Find(reply, " blocked using ");
  if (at == kNpos) return {};
  std::string_view z = reply.substr(at + 15);
  size_t end = FindFirstOf(z, ";, ");
  z = z.substr(0, end);
  while (!z.empty() && z.back() == '.') z.remove_suffix(1);
  // A zone is a domain. Custom rbl_reply_maps texts ("blocked using Trend Micro RBL+.")
  // name no zone; the reply keeps their words.
  return z.find('.') == kNpos ? std::string_view() : z;
}

// REPLY[; envelope tail]: what follows "H[A]: ".
void ReadReplyAndTail(std::string_view region, Event* ev) {
  size_t tail = FindEnvelopeTail(region);
  std::string_view reply = region;
  if (tail != kNpos) {
    reply = region.substr(0, tail);
    ReadEnvelopeTail(region.substr(tail + 2), ev);
  }
  reply = TrimSpaces(reply);
  while (!reply.empty() && reply.back() == ';') reply = TrimSpaces(reply.substr(0, reply.size() - 1));
  ev->text = reply;
  ev->reply.reply = reply;
  ReadReplyCodes(reply, &ev->reply.code, &ev->reply.enhanced);
  ev->zone = FindZone(reply);
  size_t queued = FindLast(reply, "queued as ");
  if (queued != kNpos) {
    Cursor c(reply.substr(queued + 10));
    std::string_view id;
    if (c.ReadWhile([](char ch) { return IsDigit(ch) || IsUpper(ch) || IsLower(ch); }, &id)) {
      ev->reply.queued_as = id;
      ev->child_qid = id;
    }
  }
}

// "proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as X; from=<...> ..."
bool ParseProxyAction(std::string_view action, Cursor* c, Event* ev) {
  std::string_view stage;
  if (!c->ReadWhile(IsStageChar, &stage) || !c->Skip(":")) return false;
  ev->kind = EventKind::kSmtpdReject;
  ev->action = action;
  ev->stage = stage;
  ReadReplyAndTail(c->ReadRest(), ev);
  return true;
}

}  // namespace

bool ParseAccessAction(const Message& m, Event* ev) {
  Cursor c(m.body);
  std::string_view action;
  if (!c.ReadWhile(IsActionChar, &action) || !c.Skip(": ")) return false;
  if (StartsWith(action, "proxy-")) return ParseProxyAction(action, &c, ev);
  std::string_view stage;
  Peer client;
  if (!c.ReadWhile(IsStageChar, &stage) || !c.Skip(" from ") || !c.ReadPeer(&client)) {
    return false;
  }
  ev->kind = EventKind::kSmtpdReject;
  ev->action = action;
  ev->stage = stage;
  ev->client = client;
  if (!c.Skip(":")) {
    if (c.done()) ev->truncated = true;  // the record ends at the client: it was cut
    return true;
  }
  ReadReplyAndTail(c.ReadRest(), ev);
  return true;
}

}  // namespace mailwhy::postfix
