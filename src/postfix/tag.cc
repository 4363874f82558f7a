// NAME
//   tag - implementation of tag.h: split "syslog_name/program" and name the program
// DESCRIPTION
//   The program list is Postfix 3.7's libexec and bin directories (postconf -d
//   daemon_directory, command_directory), plus oqmgr/nqmgr of older releases.
#include "postfix/tag.h"

#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

struct ProgramFamily {
  std::string_view name;
  Daemon daemon;
};

// Most frequent first: a busy log is mostly smtpd, cleanup, qmgr and smtp.
constexpr ProgramFamily kPrograms[] = {
    {"smtpd", Daemon::kSmtpd},           {"smtp", Daemon::kSmtp},
    {"qmgr", Daemon::kQmgr},             {"cleanup", Daemon::kCleanup},
    {"postscreen", Daemon::kPostscreen}, {"local", Daemon::kDeliveryAgent},
    {"lmtp", Daemon::kSmtp},             {"virtual", Daemon::kDeliveryAgent},
    {"pipe", Daemon::kDeliveryAgent},    {"pickup", Daemon::kPickup},
    {"bounce", Daemon::kBounce},         {"dnsblog", Daemon::kDnsblog},
    {"tlsproxy", Daemon::kTlsproxy},     {"anvil", Daemon::kAnvil},
    {"scache", Daemon::kScache},         {"error", Daemon::kDeliveryAgent},
    {"retry", Daemon::kDeliveryAgent},   {"discard", Daemon::kDeliveryAgent},
    {"postsuper", Daemon::kPostsuper},   {"master", Daemon::kMaster},
    {"oqmgr", Daemon::kQmgr},            {"nqmgr", Daemon::kQmgr},
    {"postfix-script", Daemon::kOtherProgram},
    {"postfix", Daemon::kOtherProgram},  // the postfix(1) command itself
    {"trivial-rewrite", Daemon::kOtherProgram},
    {"tlsmgr", Daemon::kOtherProgram},   {"verify", Daemon::kOtherProgram},
    {"proxymap", Daemon::kOtherProgram}, {"postdrop", Daemon::kOtherProgram},
    {"sendmail", Daemon::kOtherProgram}, {"postqueue", Daemon::kOtherProgram},
    {"postmap", Daemon::kOtherProgram},  {"postalias", Daemon::kOtherProgram},
    {"postconf", Daemon::kOtherProgram}, {"postlog", Daemon::kOtherProgram},
    {"postlogd", Daemon::kOtherProgram}, {"postmulti", Daemon::kOtherProgram},
    {"postkick", Daemon::kOtherProgram}, {"postlock", Daemon::kOtherProgram},
    {"postcat", Daemon::kOtherProgram},  {"showq", Daemon::kOtherProgram},
    {"flush", Daemon::kOtherProgram},    {"spawn", Daemon::kOtherProgram},
    {"qmqpd", Daemon::kOtherProgram},
    {"postfix-tls-script", Daemon::kOtherProgram},
    {"postmulti-script", Daemon::kOtherProgram},
};

}  // namespace

Daemon DaemonOf(std::string_view program) {
  if (program.empty()) return Daemon::kNone;
  for (const ProgramFamily& p : kPrograms) {
    if (p.name.size() == program.size() && p.name == program) return p.daemon;
  }
  return Daemon::kUnlisted;
}

TagParts SplitTag(std::string_view tag) {
  TagParts t;
  size_t first = tag.find('/');
  if (first == kNpos) {
    t.instance = tag;
    // A bare "postfix" (RFC 5424 relays) or no tag at all (message-only input): both are
    // Postfix with the daemon to be inferred.
    t.is_postfix = tag.empty() || StartsWith(tag, "postfix");
    return t;
  }
  size_t last = tag.rfind('/');
  t.instance = tag.substr(0, first);
  t.daemon = tag.substr(last + 1);
  if (last > first) t.service = tag.substr(first + 1, last - first - 1);
  t.is_postfix = StartsWith(t.instance, "postfix") ||
                 (!t.daemon.empty() && DaemonOf(t.daemon) != Daemon::kUnlisted);
  return t;
}

}  // namespace mailwhy::postfix
