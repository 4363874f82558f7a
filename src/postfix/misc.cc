// NAME
//   misc - master, anvil, scache, tlsproxy, postfix-script and lines any program may log
// DESCRIPTION
//   None of these belong to a message's journey; they are recognised so that they are
//   counted as known (kNoise) rather than unknown, and so that a bare "postfix" tag can
//   still be told apart from smtpd or qmgr lines.
//
//     master.c          "daemon started -- version 3.4.14, configuration /etc/postfix"
//                       "reload -- version 2.11.0, configuration /etc/postfix"
//                       "reload configuration /etc/postfix"   "terminating on signal 15"
//     anvil.c           "statistics: max connection rate 3/60s for (smtp:94.156.37.30) at
//                       Oct 22 02:04:14"; also max connection count, cache size, message,
//                       recipient, newtls and auth rates. action = "max connection rate",
//                       count = 3, client.address = 94.156.37.30, text = after "statistics: "
//     scache.c          "statistics: domain lookup hits=0 miss=2 success=0%", start
//                       interval, address lookup, max simultaneous domains=...
//     tlsproxy.c        "CONNECT from [A]:p", "DISCONNECT [A]:p" (TLS lines: tls.cc)
//     postfix-script    "starting the Postfix mail system", "stopping ...", "refreshing ..."
//     any program       "table hash:/etc/postfix/helo_checks has changed -- restarting"
//     Cyrus SASL        "looking for plugins in '/usr/lib/sasl2', failed to open directory,
//       (in smtpd, smtp,  error: No such file or directory", "unable to dlopen ...": library
//        cleanup)         complaints written under the Postfix program's name, with no
//                         level: kWarning with an empty severity
#include <initializer_list>
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (StartsWith(s, p)) return true;
  }
  return false;
}

bool Noise(std::string_view text, Event* ev) {
  ev->kind = EventKind::kNoise;
  ev->text = text;
  return true;
}

// anvil's "(service:address)": the service is a name ("smtpd") or "host:port"
// ("127.0.0.1:2525"); the address may itself hold ":" (IPv6).
std::string_view AnvilAddress(std::string_view ident) {
  size_t colon = ident.find(':');
  if (colon == kNpos) return {};
  if (!ident.empty() && !IsLower(ident[0])) {  // "127.0.0.1:2525:127.0.0.1"
    size_t port_end = colon + 1;
    while (port_end < ident.size() && IsDigit(ident[port_end])) ++port_end;
    if (port_end < ident.size() && ident[port_end] == ':') colon = port_end;
  }
  return ident.substr(colon + 1);
}

}  // namespace

bool ParseMaster(const Message& m, Event* ev) {
  if (!m.severity.empty()) return false;
  if (!StartsWithAny(m.body, {"daemon started", "reload -- version", "reload configuration",
                              "terminating on signal", "master exit time has arrived"})) {
    return false;
  }
  size_t dashes = Find(m.body, " -- ");
  ev->action = m.body.substr(0, dashes);
  return Noise(m.body, ev);
}

bool ParseAnvil(const Message& m, Event* ev) {
  Cursor c(m.body);
  if (!m.severity.empty() || !c.Skip("statistics: max ")) return false;
  std::string_view what;
  if (!c.ReadWhile([](char ch) { return IsLower(ch) || ch == ' '; }, &what)) return false;
  ev->action = m.body.substr(12, 4 + TrimSpaces(what).size());  // "max connection rate"
  int64_t n = 0;
  if (c.ReadInt(&n)) ev->count = n;
  std::string_view skipped, ident;
  if (c.ReadUntil(" for (", &skipped) && c.ReadUntil(")", &ident)) {
    ev->client.address = AnvilAddress(ident);
  }
  return Noise(m.body.substr(12), ev);
}

bool ParseScache(const Message& m, Event* ev) {
  if (!m.severity.empty() || !StartsWith(m.body, "statistics: ")) return false;
  return Noise(m.body.substr(12), ev);
}

bool ParseTlsproxy(const Message& m, Event* ev) {
  if (!m.severity.empty()) return false;
  if (ParseTlsLine(m, ev)) return true;
  if (!StartsWith(m.body, "CONNECT from [") && !StartsWith(m.body, "DISCONNECT [")) return false;
  if (!ParsePostscreen(m, ev)) return false;  // the same "[A]:port" shapes
  ev->kind = EventKind::kNoise;
  ev->text = m.body;
  return true;
}

bool ParsePostfixScript(const Message& m, Event* ev) {
  if (!m.severity.empty()) return false;
  if (!StartsWithAny(m.body, {"starting the Postfix mail system", "stopping the Postfix mail",
                              "refreshing the Postfix mail system", "waiting for the Postfix",
                              "the Postfix mail system is"})) {
    return false;
  }
  return Noise(m.body, ev);
}

bool ParseCommonLine(const Message& m, Event* ev) {
  if (!m.severity.empty()) return false;
  std::string_view body = m.body;
  if (StartsWith(body, "table ") && EndsWith(TrimSpaces(body), "has changed -- restarting")) {
    return Noise(body, ev);
  }
  if (StartsWithAny(body, {"looking for plugins in ", "unable to dlopen ",
                           "_sasl_plugin_load failed", "sql_select option missing",
                           "auxpropfunc error", "canonuser_plug_init"})) {
    ev->kind = EventKind::kWarning;
    ev->text = body;
    return true;
  }
  return false;
}

}  // namespace mailwhy::postfix
