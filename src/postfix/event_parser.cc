// NAME
//   event_parser - ParseEvent(): pick the grammar by program, or by shape when the tag
//   does not say
// DESCRIPTION
//   1. The tag names the program (tag.h). Not Postfix: kOther, done.
//   2. The message is split into severity, queue ID and body (message.h).
//   3. The program's grammars are tried (daemons.h). A program's lines that none of them
//      reads are, in order: a warning (kSmtpdWarning for smtpd, kWarning for the rest)
//      when they carry a severity; kNoise for programs that log nothing a journey needs
//      (master, anvil, scache, tlsproxy, postfix-script, trivial-rewrite, ...).
//   4. Lines any program may write ("table ... has changed -- restarting", SASL library
//      complaints) are tried next.
//   5. Then the shape decides, as for a tag that lost its program ("postfix" from an RFC
//      5424 relay, "" for message-only input): every strict grammar is tried in a fixed
//      order, and the one that reads the line names the daemon (a delivery line's daemon
//      follows its relay: "local", "virtual", a pipe transport word -> "pipe", else
//      "smtp"). This also reads lines a tool put under the wrong program.
//   6. What is left: kWarning when it has a severity, else kUnknown with text = message.
//
//   Between attempts the Event is reset to what steps 1-2 filled in, so a grammar that
//   gave up half way leaves nothing behind.
// BUGS
//   Inferred daemons are guesses from words: an lmtp delivery is called "smtp", and a
//   postscreen reject whose tag was lost is called "smtpd" unless its client has no name.
#include "postfix/event_parser.h"

#include <initializer_list>

#include "postfix/daemons.h"
#include "postfix/fields.h"
#include "postfix/message.h"
#include "postfix/tag.h"

namespace mailwhy {

namespace {

using postfix::Daemon;
using postfix::Message;
using Grammar = bool (*)(const Message&, Event*);

// Back to what the tag and the message split said, before another grammar is tried.
void ResetBody(Event* ev) {
  const std::string_view daemon = ev->daemon, instance = ev->instance, service = ev->service,
                         severity = ev->severity, qid = ev->qid;
  ResetEvent(ev);
  ev->daemon = daemon;
  ev->instance = instance;
  ev->service = service;
  ev->severity = severity;
  ev->qid = qid;
}

bool Try(Grammar grammar, const Message& m, Event* ev) {
  if (grammar(m, ev)) return true;
  ResetBody(ev);
  return false;
}

bool TryAll(std::initializer_list<Grammar> grammars, const Message& m, Event* ev) {
  for (Grammar g : grammars) {
    if (Try(g, m, ev)) return true;
  }
  return false;
}

bool Warning(const Message& m, Event* ev) {
  if (m.severity.empty()) return false;
  ev->kind = EventKind::kWarning;
  ev->text = m.body;
  return true;
}

bool Noise(const Message& m, Event* ev) {
  ev->kind = EventKind::kNoise;
  ev->text = m.body;
  return true;
}

// Step 3: the program's own grammars and fallbacks.
bool ParseByProgram(Daemon daemon, const Message& m, Event* ev) {
  using namespace postfix;
  switch (daemon) {
    case Daemon::kSmtpd:
      if (Try(ParseSmtpd, m, ev)) return true;
      if (m.severity.empty()) return false;
      ParseSmtpdWarning(m, ev);
      return true;
    case Daemon::kSmtp:
      return TryAll({ParseDelivery, ParseSmtpNote, ParseTlsLine, ParseHeaderBodyCheck}, m, ev) ||
             Warning(m, ev);
    case Daemon::kQmgr:
      return TryAll({ParseQmgr, ParseDelivery}, m, ev) || Warning(m, ev);
    case Daemon::kCleanup:
      return TryAll({ParseCleanup, ParseDelivery}, m, ev) || Warning(m, ev);
    case Daemon::kDeliveryAgent:
      return Try(ParseDelivery, m, ev) || Warning(m, ev);
    case Daemon::kPostscreen:
      return TryAll({ParsePostscreen, ParseTlsLine}, m, ev) || Warning(m, ev);
    case Daemon::kDnsblog:
      return Try(ParseDnsblog, m, ev) || Warning(m, ev);
    case Daemon::kPickup:
      return Try(ParsePickup, m, ev) || Warning(m, ev);
    case Daemon::kBounce:
      return Try(ParseBounce, m, ev) || Warning(m, ev);
    case Daemon::kPostsuper:
      return Try(ParsePostsuper, m, ev) || Warning(m, ev);
    case Daemon::kTlsproxy:
      return Try(ParseTlsproxy, m, ev) || Warning(m, ev) || Noise(m, ev);
    case Daemon::kMaster:
      return Try(ParseMaster, m, ev) || Warning(m, ev) || Noise(m, ev);
    case Daemon::kAnvil:
      return Try(ParseAnvil, m, ev) || Warning(m, ev) || Noise(m, ev);
    case Daemon::kScache:
      return Try(ParseScache, m, ev) || Warning(m, ev) || Noise(m, ev);
    case Daemon::kOtherProgram:
      return Try(ParsePostfixScript, m, ev) || Warning(m, ev) || Noise(m, ev);
    case Daemon::kNone:
    case Daemon::kUnlisted:
      return false;
  }
  return false;
}

std::string_view DeliveryDaemon(const Event& ev) {
  if (ev.relay == "local") return "local";
  if (ev.relay == "virtual") return "virtual";
  if (!ev.relay.empty() && ev.relay != "none" && ev.relay_peer.address.empty()) return "pipe";
  return "smtp";
}

std::string_view TlsDaemon(const Event& ev) { return ev.client.address.empty() ? "smtp" : "smtpd"; }

// Step 5: the shape decides. Most specific grammars first; "QID: removed" is qmgr's.
bool ParseByShape(const Message& m, Event* ev, bool name_daemon) {
  using namespace postfix;
  struct Guess {
    Grammar grammar;
    std::string_view daemon;  // "" when it is computed from the event
  };
  static constexpr Guess kGuesses[] = {
      {ParseDelivery, ""},      {ParseTlsLine, ""},        {ParseSmtpd, "smtpd"},
      {ParseCleanup, "cleanup"}, {ParseQmgr, "qmgr"},      {ParsePickup, "pickup"},
      {ParseBounce, "bounce"},   {ParseSmtpNote, "smtp"},  {ParsePostscreen, "postscreen"},
      {ParseDnsblog, "dnsblog"}, {ParsePostsuper, "postsuper"}, {ParseMaster, "master"},
      {ParseAnvil, "anvil"},     {ParseScache, "scache"},  {ParsePostfixScript, "postfix-script"},
  };
  for (const Guess& g : kGuesses) {
    if (!Try(g.grammar, m, ev)) continue;
    if (name_daemon) {
      std::string_view d = g.daemon;
      if (g.grammar == ParseDelivery) d = DeliveryDaemon(*ev);
      if (g.grammar == ParseTlsLine) d = TlsDaemon(*ev);
      if (ev->kind == EventKind::kSmtpdReject && ev->client.name.empty() &&
          !ev->client.port.empty()) {
        d = "postscreen";  // postscreen logs clients as "[A]:port" with no name
      }
      ev->daemon = d;
    }
    return true;
  }
  return false;
}

}  // namespace

void ParseEvent(const Record& rec, Event* ev) {
  ResetEvent(ev);
  postfix::TagParts tag = postfix::SplitTag(rec.tag);
  ev->instance = tag.instance;
  ev->service = tag.service;
  ev->daemon = tag.daemon;
  if (!tag.is_postfix) {
    ev->kind = EventKind::kOther;
    ev->text = rec.message;
    return;
  }
  Message m = postfix::SplitMessage(rec.message);
  ev->severity = m.severity;
  ev->qid = m.qid;
  Daemon daemon = tag.program;
  if (ParseByProgram(daemon, m, ev)) return;
  if (Try(postfix::ParseCommonLine, m, ev)) return;
  bool name_daemon = daemon == Daemon::kNone;
  if (ParseByShape(m, ev, name_daemon)) return;
  if (Warning(m, ev)) return;
  ev->kind = EventKind::kUnknown;
  ev->text = rec.message;
}

}  // namespace mailwhy
