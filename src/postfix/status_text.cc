// NAME
//   status_text - ParseStatusText(): what a delivery's parenthesised TEXT says, by shape
// DESCRIPTION
//   The text inside "status=S (TEXT)" (and the body of an smtp note) is written by a few
//   Postfix functions, each with its own fixed words (POSTFIX-LOG-FORMATS.md §3.6):
//
//     smtp_trouble.c  "host H[A] said: REPLY (in reply to X command)"        kRemoteReply
//     smtp_proto.c    "host H[A] refused to talk to me: REPLY"               kRefusedToTalk
//     smtp_connect.c  "connect to H[A]:25: Connection timed out"             kConnectFailed
//     smtp_trouble.c  "lost connection with H[A] while sending RCPT TO"      kLostConnection
//                     "conversation with H[A] timed out while receiving ..." kConversationTimeout
//     dns_lookup.c    "Host or domain name not found. Name service error for
//                      name=N type=MX: Host not found, try again"           kHostNotFound
//     smtp_addr.c     "Domain D does not accept mail (nullMX)"               kNullMx
//     smtp_proto.c    "TLS is required, but was not offered by host H[A]"    kTlsRequired
//     (a next hop)    "250 2.0.0 Ok: queued as 153053D"                      kBareReply
//     local, virtual, pipe, error, discard: everything else                  kLocal
//
//   "delivery temporarily suspended: " (retry/error, a cached reason) sets `suspended` and
//   the rest is parsed as above. From a reply the code and the enhanced code are read
//   (the first X.Y.Z right after the code, so "550-5.7.26 ..." gives 5.7.26), and "queued
//   as X" / "forwarded as X" give `queued_as`.
//
//   The shape says what the words are, never why delivery failed.
// BUGS
//   A seed article shows "host H[A]: refused to talk to me: ..." with a colon Postfix does
//   not write; it is accepted. Old Postfix's "connect to H[A]: server refused to talk to
//   me: 452 ... (port 25)" is read as kRefusedToTalk.
#include <string_view>

#include "postfix/event_parser.h"
#include "postfix/fields.h"

namespace mailwhy {

namespace {

using postfix::Cursor;
using postfix::EndsWith;
using postfix::kNpos;
using postfix::StartsWith;
using postfix::TrimSpaces;

// Splits "REPLY (in reply to X command)" into the reply and "X".
void SplitInReplyTo(std::string_view text, ReplyInfo* out) {
  std::string_view t = TrimSpaces(text);
  size_t at = postfix::FindLast(t, " (in reply to ");
  if (at == kNpos || !EndsWith(t, ")")) {
    out->reply = t;
    return;
  }
  std::string_view command = t.substr(at + 14, t.size() - at - 15);
  if (EndsWith(command, " command")) command.remove_suffix(8);
  out->command = command;
  out->reply = TrimSpaces(t.substr(0, at));
}

void ReadCodes(ReplyInfo* out) { postfix::ReadReplyCodes(out->reply, &out->code, &out->enhanced); }

// "queued as X" anywhere in the reply (a filter's reply may quote the next hop's).
void FindQueuedAs(std::string_view text, ReplyInfo* out) {
  size_t at = postfix::FindLast(text, "queued as ");
  if (at == kNpos) return;
  Cursor c(text.substr(at + 10));
  std::string_view id;
  if (c.ReadWhile([](char ch) { return postfix::IsDigit(ch) || postfix::IsUpper(ch) ||
                                       postfix::IsLower(ch); },
                  &id)) {
    out->queued_as = id;
  }
}

// "host H[A] said: ..." and "host H[A] refused to talk to me: ...".
bool ParseHostText(std::string_view t, ReplyInfo* out) {
  Cursor c(t);
  if (!c.Skip("host ") || !c.ReadLoosePeer(" :", &out->remote)) return false;
  c.Skip(":");  // "host H[A]: refused to talk to me" (seed 004)
  if (c.Skip(" said: ") || c.Skip(" said:")) {
    out->shape = TextShape::kRemoteReply;
    SplitInReplyTo(c.ReadRest(), out);
    ReadCodes(out);
    FindQueuedAs(out->reply, out);
    return true;
  }
  if (c.Skip(" refused to talk to me")) {
    out->shape = TextShape::kRefusedToTalk;
    c.Skip(":");
    out->reply = TrimSpaces(c.ReadRest());
    ReadCodes(out);
    return true;
  }
  out->shape = TextShape::kLocal;  // "host H[A] ..." in words we do not know
  return true;
}

// "connect to H[A]:port: ERROR" and old "connect to H[A]: ERROR (port 25)".
bool ParseConnectText(std::string_view t, ReplyInfo* out) {
  Cursor c(t);
  if (!c.Skip("connect to ")) return false;
  if (!c.ReadLoosePeer(":", &out->remote)) return false;
  c.Skip(":");
  std::string_view detail = TrimSpaces(c.ReadRest());
  size_t port_at = postfix::FindLast(detail, " (port ");
  if (port_at != kNpos && EndsWith(detail, ")")) {
    if (out->remote.port.empty()) {
      out->remote.port = detail.substr(port_at + 7, detail.size() - port_at - 8);
    }
    detail = TrimSpaces(detail.substr(0, port_at));
  }
  if (StartsWith(detail, "server refused to talk to me: ")) {
    out->shape = TextShape::kRefusedToTalk;
    out->reply = detail.substr(30);
    ReadCodes(out);
    return true;
  }
  out->shape = TextShape::kConnectFailed;
  out->reply = detail;
  return true;
}

// "lost connection with H[A] while DOING", "conversation with H[A] timed out while DOING".
bool ParseSessionText(std::string_view t, ReplyInfo* out) {
  Cursor c(t);
  std::string_view middle;
  if (c.Skip("lost connection with ")) {
    out->shape = TextShape::kLostConnection;
    middle = " while ";
  } else if (c.Skip("conversation with ")) {
    out->shape = TextShape::kConversationTimeout;
    middle = " timed out while ";
  } else {
    return false;
  }
  c.ReadLoosePeer(" ", &out->remote);
  if (c.Skip(middle)) out->command = TrimSpaces(c.ReadRest());
  return true;
}

// dns_lookup.c: "Host or domain name not found. Name service error for name=N type=T: ..."
bool ParseHostNotFound(std::string_view t, ReplyInfo* out) {
  Cursor c(t);
  bool prefixed = c.Skip("Host or domain name not found. ");
  if (!c.Skip("Name service error for ")) {
    if (!prefixed) return false;
    out->shape = TextShape::kHostNotFound;
    return true;
  }
  out->shape = TextShape::kHostNotFound;
  std::string_view name;
  if (c.Skip("name=")) {
    if (!c.ReadUntil(" ", &name)) name = c.ReadRest();
  } else {
    c.Skip("domain ");  // the bounce text form: "Name service error for domain D: ..."
    if (!c.ReadUntil(":", &name)) name = c.ReadRest();
  }
  out->remote.name = name;
  std::string_view skipped;
  c.ReadUntil(": ", &skipped);  // "type=MX"
  out->reply = TrimSpaces(c.ReadRest());
  return true;
}

bool ParseNullMx(std::string_view t, ReplyInfo* out) {
  Cursor c(t);
  std::string_view domain;
  if (!c.Skip("Domain ") || !c.ReadUntil(" does not accept mail", &domain)) return false;
  out->shape = TextShape::kNullMx;
  out->remote.name = domain;
  return true;
}

// "TLS is required, but was not offered by host H[A]" and
// "TLS is required, but host H[A] refused to start TLS: REPLY".
bool ParseTlsRequired(std::string_view t, ReplyInfo* out) {
  if (!StartsWith(t, "TLS is required, but ")) return false;
  out->shape = TextShape::kTlsRequired;
  size_t host = t.find("host ");
  if (host == kNpos) return true;
  Cursor c(t.substr(host + 5));
  c.ReadLoosePeer(" ", &out->remote);
  if (c.Skip(" refused to start TLS: ")) {
    out->reply = TrimSpaces(c.ReadRest());
    ReadCodes(out);
  }
  return true;
}

bool ParseBareReply(std::string_view t, ReplyInfo* out) {
  int code = 0;
  std::string_view enhanced;
  postfix::ReadReplyCodes(t, &code, &enhanced);
  if (code == 0 && enhanced.empty()) return false;
  out->shape = TextShape::kBareReply;
  SplitInReplyTo(t, out);
  ReadCodes(out);
  FindQueuedAs(out->reply, out);
  return true;
}

void ParseLocalText(std::string_view t, ReplyInfo* out) {
  out->shape = TextShape::kLocal;
  if (StartsWith(t, "forwarded as ")) {
    Cursor c(t.substr(13));
    std::string_view id;
    if (c.ReadWhile([](char ch) { return ch != ' ' && ch != ')'; }, &id)) out->queued_as = id;
    out->forwarded = true;
  }
}

}  // namespace

void ParseStatusText(std::string_view text, ReplyInfo* out) {
  *out = ReplyInfo{};
  std::string_view t = TrimSpaces(text);
  static constexpr std::string_view kSuspended = "delivery temporarily suspended: ";
  if (StartsWith(t, kSuspended)) {
    out->suspended = true;
    t.remove_prefix(kSuspended.size());
  }
  if (t.empty()) return;
  switch (t[0]) {  // one look at the first letter picks the few shapes worth trying
    case 'h':
      if (ParseHostText(t, out)) return;
      break;
    case 'c':
      if (ParseConnectText(t, out) || ParseSessionText(t, out)) return;
      break;
    case 'l':
      if (ParseSessionText(t, out)) return;
      break;
    case 'H':
    case 'N':
      if (ParseHostNotFound(t, out)) return;
      break;
    case 'D':
      if (ParseNullMx(t, out)) return;
      break;
    case 'T':
      if (ParseTlsRequired(t, out)) return;
      break;
    default:
      if (ParseBareReply(t, out)) return;
      break;
  }
  ParseLocalText(t, out);
}

}  // namespace mailwhy
