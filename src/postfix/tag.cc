// NAME
//   tag - implementation of tag.h: split "syslog_name/program" and name the program
// DESCRIPTION
//   The program list is Postfix 3.7's libexec and bin directories (postconf -d
//   daemon_directory, command_directory), plus oqmgr/nqmgr of older releases. It is a
//   switch on the name's length because DaemonOf() runs for every line.
#include "postfix/tag.h"

#include <cstring>

#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

// Compares s, whose size the caller has checked to be N - 1, with a literal: a fixed-size
// compare the compiler turns into one or two loads.
template <size_t N>
bool Is(std::string_view s, const char (&literal)[N]) {
  return std::memcmp(s.data(), literal, N - 1) == 0;
}

}  // namespace

// DaemonOf - by length first, then most frequent first within a length: a busy log is
// mostly smtpd, smtp, qmgr, cleanup and postscreen, each found with one or two compares.
Daemon DaemonOf(std::string_view p) {
  switch (p.size()) {
    case 0:
      return Daemon::kNone;
    case 4:
      if (Is(p, "smtp")) return Daemon::kSmtp;
      if (Is(p, "qmgr")) return Daemon::kQmgr;
      if (Is(p, "lmtp")) return Daemon::kSmtp;
      if (Is(p, "pipe")) return Daemon::kDeliveryAgent;
      break;
    case 5:
      if (Is(p, "smtpd")) return Daemon::kSmtpd;
      if (Is(p, "local")) return Daemon::kDeliveryAgent;
      if (Is(p, "anvil")) return Daemon::kAnvil;
      if (Is(p, "error")) return Daemon::kDeliveryAgent;
      if (Is(p, "retry")) return Daemon::kDeliveryAgent;
      if (Is(p, "oqmgr")) return Daemon::kQmgr;
      if (Is(p, "nqmgr")) return Daemon::kQmgr;
      if (Is(p, "showq") || Is(p, "flush") || Is(p, "spawn") || Is(p, "qmqpd")) {
        return Daemon::kOtherProgram;
      }
      break;
    case 6:
      if (Is(p, "pickup")) return Daemon::kPickup;
      if (Is(p, "bounce")) return Daemon::kBounce;
      if (Is(p, "scache")) return Daemon::kScache;
      if (Is(p, "master")) return Daemon::kMaster;
      if (Is(p, "tlsmgr") || Is(p, "verify")) return Daemon::kOtherProgram;
      break;
    case 7:
      if (Is(p, "cleanup")) return Daemon::kCleanup;
      if (Is(p, "virtual")) return Daemon::kDeliveryAgent;
      if (Is(p, "dnsblog")) return Daemon::kDnsblog;
      if (Is(p, "discard")) return Daemon::kDeliveryAgent;
      // "postfix": the postfix(1) command itself.
      if (Is(p, "postfix") || Is(p, "postmap") || Is(p, "postlog") || Is(p, "postcat")) {
        return Daemon::kOtherProgram;
      }
      break;
    case 8:
      if (Is(p, "tlsproxy")) return Daemon::kTlsproxy;
      if (Is(p, "proxymap") || Is(p, "postdrop") || Is(p, "sendmail") || Is(p, "postconf") ||
          Is(p, "postlogd") || Is(p, "postkick") || Is(p, "postlock")) {
        return Daemon::kOtherProgram;
      }
      break;
    case 9:
      if (Is(p, "postsuper")) return Daemon::kPostsuper;
      if (Is(p, "postqueue") || Is(p, "postalias") || Is(p, "postmulti")) {
        return Daemon::kOtherProgram;
      }
      break;
    case 10:
      if (Is(p, "postscreen")) return Daemon::kPostscreen;
      break;
    case 14:
      if (Is(p, "postfix-script")) return Daemon::kOtherProgram;
      break;
    case 15:
      if (Is(p, "trivial-rewrite")) return Daemon::kOtherProgram;
      break;
    case 16:
      if (Is(p, "postmulti-script")) return Daemon::kOtherProgram;
      break;
    case 18:
      if (Is(p, "postfix-tls-script")) return Daemon::kOtherProgram;
      break;
    default:
      break;
  }
  return Daemon::kUnlisted;
}

TagParts SplitTag(std::string_view tag) {
  TagParts t;
  const void* first_slash = tag.empty() ? nullptr : std::memchr(tag.data(), '/', tag.size());
  if (first_slash == nullptr) {
    t.instance = tag;
    // A bare "postfix" (RFC 5424 relays) or no tag at all (message-only input): both are
    // Postfix with the daemon to be inferred.
    t.is_postfix = tag.empty() || StartsWith(tag, "postfix");
    return t;
  }
  const size_t first = static_cast<size_t>(static_cast<const char*>(first_slash) - tag.data());
  const size_t last = static_cast<size_t>(
      static_cast<const char*>(::memrchr(tag.data(), '/', tag.size())) - tag.data());
  t.instance = tag.substr(0, first);
  t.daemon = tag.substr(last + 1);
  if (last > first) t.service = tag.substr(first + 1, last - first - 1);
  t.program = DaemonOf(t.daemon);
  t.is_postfix = StartsWith(t.instance, "postfix") ||
                 (!t.daemon.empty() && t.program != Daemon::kUnlisted);
  return t;
}

}  // namespace mailwhy::postfix
