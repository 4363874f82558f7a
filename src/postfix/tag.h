// NAME
//   tag - which Postfix program (and which instance and service) wrote a record
// DESCRIPTION
//   Postfix logs under "syslog_name/program": mail_task() appends the program name to
//   syslog_name, and syslog_name may itself hold "/" (master.cf's "-o syslog_name=
//   postfix/submission"), "-" and dots (postmulti's "postfix-out", "postfix-239.58.50.50").
//   So the program is the last "/" component and everything before it names the instance
//   (first component: the queue-ID namespace) and the service (the components between).
//
//     "postfix-out/submission/smtpd" -> instance "postfix-out", service "submission",
//                                       daemon "smtpd"
//     "postfix/smtpd"                -> instance "postfix", service "", daemon "smtpd"
//     "postfix"                      -> instance "postfix", daemon "" (an RFC 5424 relay cut
//                                       the tag at the first "/": infer the daemon)
//     ""                             -> no prefix at all (message-only input): infer
//
//   A tag is Postfix's when its first component starts with "postfix", or when it has a
//   "/" and its last component is a Postfix program name ("mail/smtpd" from a custom
//   syslog_name). "dovecot", "amavis", "policyd-spf", "postgrey" are not.
// BUGS
//   A custom syslog_name that neither starts with "postfix" nor ends in a known program is
//   taken for another program. A single-component tag equal to a program name ("smtpd") is
//   also taken for another program: Postfix always logs at least "name/program". A
//   program of someone else whose name starts with "postfix" (postfix-policyd-spf-perl)
//   is taken for Postfix; its lines come out kUnknown.
#ifndef MAILWHY_POSTFIX_TAG_H_
#define MAILWHY_POSTFIX_TAG_H_

#include <cstdint>
#include <string_view>

namespace mailwhy::postfix {

// The Postfix programs whose messages ParseEvent() knows, by grammar family.
enum class Daemon : uint8_t {
  kNone,            // no daemon in the tag: infer it from the message
  kUnlisted,        // a Postfix tag whose program is not listed below
  kSmtpd,
  kPostscreen,
  kDnsblog,
  kTlsproxy,
  kPickup,
  kCleanup,
  kQmgr,            // qmgr, oqmgr, nqmgr
  kSmtp,            // smtp, lmtp: deliveries plus session notes and TLS
  kDeliveryAgent,   // local, virtual, pipe, error, retry, discard
  kBounce,          // bounce (also serves the defer and trace services)
  kPostsuper,
  kMaster,
  kAnvil,
  kScache,
  kOtherProgram,    // postfix-script, trivial-rewrite, tlsmgr, verify, proxymap, postdrop,
                    // sendmail, postmap, postqueue, ... : nothing journeys need
};

struct TagParts {
  bool is_postfix = false;
  std::string_view instance;  // first component ("postfix", "postfix-out")
  std::string_view service;   // components between the first and the last ("submission")
  std::string_view daemon;    // last component when there are two or more ("smtpd")
  Daemon program = Daemon::kNone;  // DaemonOf(daemon), found while splitting
};

TagParts SplitTag(std::string_view tag);

// The grammar family of a program name; kUnlisted for names Postfix does not have.
Daemon DaemonOf(std::string_view program);

}  // namespace mailwhy::postfix

#endif  // MAILWHY_POSTFIX_TAG_H_
