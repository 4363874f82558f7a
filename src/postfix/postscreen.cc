// NAME
//   postscreen - the zombie blocker's verdicts, and dnsblog's DNSBL answers
// DESCRIPTION
//   Format strings (postscreen/*.c, Postfix 3.7); every client is "[A]:port":
//
//     "CONNECT from [%s]:%s to [%s]:%s"          "DISCONNECT [%s]:%s"
//     "PASS NEW|OLD [%s]:%s"                     "%sLISTED [%s]:%s"  (WHITE/BLACK, or
//     "%sLIST VETO [%s]:%s"                        ALLOW/DENY with respectful_logging)
//     "PREGREET %d after %s from [%s]:%s: %.100s"
//     "DNSBL rank %d for [%s]:%s"
//     "HANGUP after %s from [%s]:%s in %s"
//     "COMMAND TIME|COUNT|LENGTH LIMIT from [%s]:%s after %s"
//     "COMMAND PIPELINING|BARE NEWLINE|NON-SMTP COMMAND from [%s]:%s after %s[: %s]"
//     "NOQUEUE: reject: RCPT from [%s]:%s: %s; from=<%s>, to=<%s>, proto=%s, helo=<%s>"
//     "NOQUEUE: reject: CONNECT from [%s]:%s: too many connections|all server ports busy"
//     "entering|leaving STRESS mode with %d connections"
//
//   kPostscreen: action = the capitals ("PASS OLD", "COMMAND TIME LIMIT", "PREGREET"),
//   client, stage ("after STAGE"), count (DNSBL rank, PREGREET bytes), delay (seconds
//   after the connection), text (PREGREET bytes, HANGUP's "in ..." text). The NOQUEUE
//   rejects are kSmtpdReject (access_action.cc). Cache cleanup lines are kNoise.
//
//   dnsblog.c: "addr %s listed by domain %s as %s" -> kDnsblogListed: client.address, zone,
//   text = the answer ("127.0.0.4").
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

bool IsCapital(char c) { return IsUpper(c) || c == '-'; }

// The leading run of capital words: "COMMAND TIME LIMIT from ..." -> "COMMAND TIME LIMIT".
std::string_view LeadingCapitals(std::string_view s) {
  size_t end = 0, i = 0;
  while (i < s.size() && IsCapital(s[i])) {
    while (i < s.size() && IsCapital(s[i])) ++i;
    end = i;
    if (i < s.size() && s[i] == ' ' && i + 1 < s.size() && IsCapital(s[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return s.substr(0, end);
}

// "from [A]:p after STAGE[: TEXT]" or "from [A]:p to [S]:p".
bool ReadFromClient(Cursor* c, Event* ev) {
  if (!c->Skip(" from ") || !c->ReadPeer(&ev->client)) return false;
  if (c->Skip(" to ")) {
    c->ReadPeer(&ev->server);
    return true;
  }
  if (c->Skip(" after ")) {
    std::string_view stage;
    if (!c->ReadUntil(":", &stage)) stage = c->ReadRest();
    ev->stage = TrimSpaces(stage);
    ev->text = TrimSpaces(c->ReadRest());
  }
  return true;
}

// "PREGREET 11 after 0.23 from [A]:p: EHLO User\r\n"
bool ReadPregreet(Cursor* c, Event* ev) {
  int64_t bytes = 0;
  if (!c->Skip(" ") || !c->ReadInt(&bytes) || !c->Skip(" after ") || !c->ReadDecimal(&ev->delay) ||
      !c->Skip(" from ") || !c->ReadPeer(&ev->client)) {
    return false;
  }
  ev->count = bytes;
  c->Skip(":");
  c->Skip(" ");
  ev->text = c->ReadRest();
  return true;
}

// "HANGUP after 2.2 from [A]:p in tests after SMTP handshake"
bool ReadHangup(Cursor* c, Event* ev) {
  if (!c->Skip(" after ") || !c->ReadDecimal(&ev->delay) || !c->Skip(" from ") ||
      !c->ReadPeer(&ev->client)) {
    return false;
  }
  c->Skip(" in ");
  ev->text = c->ReadRest();
  return true;
}

// "DNSBL rank 3 for [A]:p"
bool ReadDnsblRank(Cursor* c, Event* ev) {
  int64_t rank = 0;
  if (!c->Skip(" rank ") || !c->ReadInt(&rank) || !c->Skip(" for ") ||
      !c->ReadPeer(&ev->client)) {
    return false;
  }
  ev->count = rank;
  return true;
}

bool ParseVerdict(std::string_view body, Event* ev) {
  std::string_view action = LeadingCapitals(body);
  if (action.empty()) return false;
  Cursor c(body.substr(action.size()));
  bool ok;
  if (action == "PREGREET") {
    ok = ReadPregreet(&c, ev);
  } else if (action == "HANGUP") {
    ok = ReadHangup(&c, ev);
  } else if (action == "DNSBL") {
    ok = ReadDnsblRank(&c, ev);
  } else if (c.Skip(" [")) {
    c.Reset(c.pos() - 1);
    ok = c.ReadPeer(&ev->client);  // DISCONNECT, PASS OLD, WHITELISTED, ALLOWLIST VETO, ...
  } else {
    ok = ReadFromClient(&c, ev);
  }
  if (!ok) return false;
  ev->kind = EventKind::kPostscreen;
  ev->action = action;
  return true;
}

// "entering STRESS mode with 31 connections", "leaving STRESS mode with 1 connections"
bool ParseStress(std::string_view body, Event* ev) {
  if (!StartsWith(body, "entering STRESS mode") && !StartsWith(body, "leaving STRESS mode")) {
    return false;
  }
  ev->kind = EventKind::kPostscreen;
  ev->action = body.substr(0, body.find(" with"));
  Cursor c(body.substr(ev->action.size()));
  int64_t n = 0;
  if (c.Skip(" with ") && c.ReadInt(&n)) ev->count = n;
  return true;
}

}  // namespace

bool ParsePostscreen(const Message& m, Event* ev) {
  if (!m.severity.empty() || m.body.empty()) return false;
  if (m.qid == "NOQUEUE") return ParseAccessAction(m, ev);
  if (StartsWith(m.body, "cache ") && Find(m.body, " cleanup: ") != kNpos) {
    ev->kind = EventKind::kNoise;  // "cache btree:... full cleanup: retained=242 dropped=7"
    ev->text = m.body;
    return true;
  }
  return ParseVerdict(m.body, ev) || ParseStress(m.body, ev);
}

bool ParseDnsblog(const Message& m, Event* ev) {
  Cursor c(m.body);
  std::string_view address, zone;
  if (!m.severity.empty() || !c.Skip("addr ") || !c.ReadUntil(" listed by domain ", &address) ||
      !c.ReadUntil(" as ", &zone)) {
    return false;
  }
  ev->kind = EventKind::kDnsblogListed;
  ev->client.address = address;
  ev->zone = zone;
  ev->text = c.ReadRest();
  return true;
}

}  // namespace mailwhy::postfix
