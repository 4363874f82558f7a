// NAME
//   smtpd - the SMTP server's messages (smtpd, submission/smtpd, smtps/smtpd, ...)
// DESCRIPTION
//   Format strings (smtpd.c, smtpd_sasl_glue.c, Postfix 3.7):
//
//     "connect from %s"                                   connect from H[A]
//     "disconnect from %s%s"                              ... ehlo=1 mail=1 ... commands=7
//     "%s: client=%s[, sasl_method=%s][, sasl_username=%s][, sasl_sender=%s]
//          [, orig_queue_id=%s][, orig_client=%s]"
//     "%s after %s (%lu bytes) from %s" / "%s after %s from %s"
//          lost connection | timeout | too many errors | bare <LF> received (3.9)
//     "improper command pipelining after %s from %s: %s"
//     "discarding EHLO keywords: %s"
//     "warning: %s: SASL %s authentication failed: %s[, sasl_username=%s]"
//
//   e.g. "disconnect from unknown[72.10.165.66] ehlo=2 starttls=1 mail=1 rcpt=0/1 data=0/1
//   quit=1 commands=5/7" (ok/total when some failed; none before 3.0), "NOQUEUE: lost
//   connection after CONNECT from unknown[192.0.2.25]", "warning: unknown[192.0.2.237]:55729:
//   SASL LOGIN authentication failed: authentication failure" (client port logging).
//
//   Access decisions (reject, hold, ...) are read by access_action.cc, TLS lines by
//   tls.cc. Other warnings become kSmtpdWarning with the client they name, if any.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

// "connect from H[A]" and "disconnect from H[A][ counts]".
bool ParseConnectLine(std::string_view body, Event* ev) {
  Cursor c(body);
  EventKind kind;
  if (c.Skip("connect from ")) {
    kind = EventKind::kSmtpdConnect;
  } else if (c.Skip("disconnect from ")) {
    kind = EventKind::kSmtpdDisconnect;
  } else {
    return false;
  }
  Peer client;
  if (!c.ReadPeer(&client)) return false;
  if (!c.done() && !c.Skip(" ")) return false;
  ev->kind = kind;
  ev->client = client;
  if (kind == EventKind::kSmtpdDisconnect) ev->counts = TrimSpaces(c.ReadRest());
  return true;
}

bool IsClientKey(std::string_view s) {
  for (std::string_view key : {"sasl_method=", "sasl_username=", "sasl_sender=",
                               "orig_queue_id=", "orig_client=", "helo="}) {
    if (StartsWith(s, key)) return true;
  }
  return false;
}

// The end of a value in "client=" items: the next ", KEY=" with a known key.
size_t ClientValueEnd(std::string_view s) {
  for (size_t at = Find(s, ", "); at != kNpos; at = Find(s, ", ", at + 1)) {
    if (IsClientKey(s.substr(at + 2))) return at;
  }
  return s.size();
}

// "QID: client=H[A][:port][, sasl_method=M][, sasl_username=U]..."
bool ParseClientLine(std::string_view body, Event* ev) {
  Cursor c(body);
  Peer client;
  if (!c.Skip("client=") || !c.ReadPeer(&client)) return false;
  ev->kind = EventKind::kSmtpdClient;
  ev->client = client;
  std::string_view rest = c.rest();
  while (StartsWith(rest, ", ") && IsClientKey(rest.substr(2))) {
    rest.remove_prefix(2);
    size_t eq = rest.find('=');
    std::string_view key = rest.substr(0, eq);
    std::string_view after = rest.substr(eq + 1);
    size_t end = ClientValueEnd(after);
    std::string_view value = after.substr(0, end);
    if (key == "sasl_method") ev->sasl_method = value;
    else if (key == "sasl_username") ev->sasl_username = value;
    else if (key == "sasl_sender") ev->sasl_sender = value;
    else if (key == "orig_queue_id") ev->orig_queue_id = value;
    else if (key == "orig_client") ev->orig_client = value;
    else if (key == "helo") ev->helo = value;
    rest = after.substr(end);
  }
  return true;
}

// "REASON after STAGE[ (N bytes)| (approximately N bytes)] from H[A]".
bool ParseLostConnection(std::string_view body, Event* ev) {
  static constexpr std::string_view kReasons[] = {"lost connection", "timeout",
                                                  "too many errors", "bare <LF> received"};
  Cursor c(body);
  std::string_view reason;
  for (std::string_view r : kReasons) {
    if (StartsWith(body, r) && StartsWith(body.substr(r.size()), " after ")) {
      reason = r;
      break;
    }
  }
  if (reason.empty()) return false;
  c.Reset(reason.size() + 7);
  std::string_view stage;
  if (!c.ReadWhile([](char ch) { return IsUpper(ch) || ch == '-' || ch == '.'; }, &stage)) {
    return false;
  }
  int64_t bytes = -1;
  if (c.Skip(" (")) {
    c.Skip("approximately ");
    if (!c.ReadInt(&bytes)) bytes = -1;
    std::string_view skipped;
    if (!c.ReadUntil(")", &skipped)) return false;
  }
  Peer client;
  if (!c.Skip(" from ") || !c.ReadPeer(&client)) return false;
  ev->kind = EventKind::kSmtpdLostConnection;
  ev->count = bytes;
  ev->action = reason;
  ev->stage = stage;
  ev->client = client;
  return true;
}

// "improper command pipelining after STAGE from H[A]: TEXT"
bool ParsePipelining(std::string_view body, Event* ev) {
  Cursor c(body);
  std::string_view stage;
  Peer client;
  if (!c.Skip("improper command pipelining after ") || !c.ReadUntil(" from ", &stage) ||
      !c.ReadPeer(&client)) {
    return false;
  }
  ev->kind = EventKind::kSmtpdWarning;
  ev->action = "improper command pipelining";
  ev->stage = stage;
  ev->client = client;
  c.Skip(":");
  ev->text = TrimSpaces(c.ReadRest());
  return true;
}

// "H[A][:port]: SASL METHOD authentication failed[: TEXT][, sasl_username=U]"
bool ParseSaslFailure(std::string_view body, Event* ev) {
  Cursor c(body);
  Peer client;
  std::string_view method;
  if (!c.ReadPeer(&client) || !c.Skip(": SASL ")) return false;
  size_t text_start = c.pos() - 5;
  if (!c.ReadUntil(" authentication failed", &method)) return false;
  ev->kind = EventKind::kSmtpdSaslFailed;
  ev->client = client;
  ev->sasl_method = method;
  std::string_view text = body.substr(text_start);
  size_t user = FindLast(text, ", sasl_username=");
  if (user != kNpos) {
    ev->sasl_username = text.substr(user + 16);
    text = text.substr(0, user);
  }
  ev->text = text;
  return true;
}

// The client a warning names: "... from H[A]...", "H[A]: ...", "hostname H does not
// resolve to address A", "A: address not listed for hostname H", "A: hostname H
// verification failed: ...".
bool LooksLikeAddress(std::string_view a) {
  return a == "unknown" || a.find('.') != kNpos || a.find(':') != kNpos;
}

bool ReadClientAt(std::string_view s, Event* ev) {
  Cursor c(s);
  Peer p;
  if (!c.ReadPeer(&p) || !LooksLikeAddress(p.address)) return false;
  ev->client = p;
  return true;
}

void FindWarningClient(std::string_view body, Event* ev) {
  if (ReadClientAt(body, ev)) return;
  for (size_t at = Find(body, " from "); at != kNpos; at = Find(body, " from ", at + 1)) {
    if (ReadClientAt(body.substr(at + 6), ev)) return;
  }
  Cursor c(body);
  std::string_view name, address;
  if (c.Skip("hostname ") && c.ReadUntil(" does not resolve to address ", &name)) {
    c.ReadWhile([](char ch) { return ch != ' ' && ch != ':'; }, &address);
    ev->client.name = name;
    ev->client.address = address;
    return;
  }
  c.Reset(0);
  if (c.ReadUntil(": ", &address) && address.find(' ') == kNpos) {
    if ((c.Skip("address not listed for hostname ") || c.Skip("hostname ")) &&
        c.ReadWhile([](char ch) { return ch != ' '; }, &name)) {
      ev->client.name = name;
      ev->client.address = address;
    }
  }
}

}  // namespace

bool ParseSmtpd(const Message& m, Event* ev) {
  std::string_view body = m.body;
  if (body.empty()) return false;
  if (m.severity == "warning" && ParseSaslFailure(body, ev)) return true;
  switch (body[0]) {
    case 'c':
      if (ParseConnectLine(body, ev) || ParseClientLine(body, ev)) return true;
      break;
    case 'd':
      if (ParseConnectLine(body, ev)) return true;
      if (StartsWith(body, "discarding EHLO keywords: ")) {
        ev->kind = EventKind::kNoise;
        ev->text = body.substr(26);
        return true;
      }
      break;
    case 'l':
    case 't':
    case 'b':
      if (ParseLostConnection(body, ev)) return true;
      break;
    case 'i':
      if (ParsePipelining(body, ev)) return true;
      break;
    default:
      break;
  }
  if (m.severity.empty() && ParseAccessAction(m, ev)) return true;
  return ParseTlsLine(m, ev);
}

void ParseSmtpdWarning(const Message& m, Event* ev) {
  ev->kind = EventKind::kSmtpdWarning;
  ev->text = m.body;
  FindWarningClient(m.body, ev);
}

}  // namespace mailwhy::postfix
