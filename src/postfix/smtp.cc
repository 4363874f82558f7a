// NAME
//   smtp - smtp/lmtp lines that name no recipient: notes on a session or an earlier MX
// DESCRIPTION
//   When a non-final MX fails softly, smtp logs why and tries the next (smtp_trouble.c,
//   smtp_connect.c); the reason has the words of a delivery's status text, without to=:
//
//     "A17F830001CA: host mailin5.zih.example.com[11.22.33.44] said: 451-You have been
//      greylisted. ... (in reply to RCPT TO command)"                       kSmtpNote
//     "40197AA: host mg2.egov.bg[213.91.191.86] refused to talk to me: 450 4.3.2 try
//      again later"                                                         kSmtpNote
//     "E83BB301202A: lost connection with h-bbc4...[254.112.58.83] while sending RCPT TO"
//     "78D6B41: conversation with mx00.gmx.com[74.208.5.4] timed out while receiving the
//      initial server greeting"
//     "connect to drozta.us[213.163.84.205]:25: Connection refused"  (no QID)
//                                                                       kSmtpConnectFail
//     "B0ADE20FC7: enabling PIX workarounds: disable_esmtp delay_dotcrlf for
//      example.com[93.184.216.34]:25"                                   kSmtpNote
//     "D0F29603B4: SASL authentication failed; server xyz.example.com[1.2.3.4] said: 535
//      5.7.8 Error: authentication failed: authentication failure"     kSmtpNote
//
//   `reply` holds the text broken down (ParseStatusText), relay_peer the server named,
//   text the whole note.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/event_parser.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

bool IsNoteShape(TextShape s) {
  return s == TextShape::kRemoteReply || s == TextShape::kRefusedToTalk ||
         s == TextShape::kLostConnection || s == TextShape::kConversationTimeout ||
         s == TextShape::kTlsRequired;
}

// "enabling PIX workarounds: W for H[A]:port", "enabling PIX <CRLF>.<CRLF> workaround
// for H[A]".
bool ParsePixNote(std::string_view body, Event* ev) {
  if (!StartsWith(body, "enabling PIX ")) return false;
  ev->kind = EventKind::kSmtpNote;
  size_t for_at = FindLast(body, " for ");
  size_t colon = Find(body, ": ");
  // The action ends at ": " when the workarounds are listed, else at " for ".
  size_t end = for_at;
  if (colon != kNpos && (for_at == kNpos || colon < for_at)) end = colon;
  ev->action = body.substr(0, end);
  if (for_at != kNpos) ParsePeer(body.substr(for_at + 5), &ev->relay_peer);
  return true;
}

// "SASL [CACHED ]authentication failed; server H[A] said: REPLY" and
// "SASL authentication failed; cannot authenticate to server H[A]: REASON".
bool ParseSaslNote(std::string_view body, Event* ev) {
  if (!StartsWith(body, "SASL ")) return false;
  size_t semi = Find(body, " authentication failed; ");
  if (semi == kNpos) return false;
  ev->kind = EventKind::kSmtpNote;
  ev->action = "SASL authentication failed";
  size_t server = Find(body, "server ", semi);
  if (server == kNpos) return true;
  Cursor c(body.substr(server + 7));
  Peer p;
  if (!c.ReadPeer(&p)) return true;
  ev->relay_peer = p;
  ev->reply.remote = p;
  if (c.Skip(" said: ")) {
    ev->reply.shape = TextShape::kRemoteReply;
  } else {
    c.Skip(": ");
    ev->reply.shape = TextShape::kLocal;
  }
  ev->reply.reply = TrimSpaces(c.ReadRest());
  ReadReplyCodes(ev->reply.reply, &ev->reply.code, &ev->reply.enhanced);
  return true;
}

}  // namespace

bool ParseSmtpNote(const Message& m, Event* ev) {
  std::string_view body = m.body;
  if (body.empty() || !m.severity.empty()) return false;
  switch (body[0]) {
    case 'T':
      if (!StartsWith(body, "TLS is required")) return false;  // TLS summaries: tls.cc
      [[fallthrough]];
    case 'c':
      if (StartsWith(body, "connect to ")) {
        ParseStatusText(body, &ev->reply);
        if (ev->reply.shape != TextShape::kConnectFailed &&
            ev->reply.shape != TextShape::kRefusedToTalk) {
          ev->reply = ReplyInfo{};
          return false;
        }
        ev->kind = EventKind::kSmtpConnectFail;
        break;
      }
      [[fallthrough]];
    case 'h':
    case 'l':
      ParseStatusText(body, &ev->reply);
      if (!IsNoteShape(ev->reply.shape)) {
        ev->reply = ReplyInfo{};
        return false;
      }
      ev->kind = EventKind::kSmtpNote;
      break;
    case 'e':
      if (!ParsePixNote(body, ev)) return false;
      break;
    case 'S':
      if (!ParseSaslNote(body, ev)) return false;
      break;
    default:
      return false;
  }
  if (ev->relay_peer.name.empty() && ev->relay_peer.address.empty()) {
    ev->relay_peer = ev->reply.remote;
  }
  ev->text = body;
  return true;
}

}  // namespace mailwhy::postfix
