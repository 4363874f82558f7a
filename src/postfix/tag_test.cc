// tag_test - splitting "syslog_name/program" and telling Postfix tags from others (tag.h).
#include "postfix/tag.h"

#include <gtest/gtest.h>

namespace mailwhy::postfix {
namespace {

TEST(Tag, SplitsInstanceServiceAndDaemon) {
  struct Case {
    std::string_view tag;
    bool is_postfix;
    std::string_view instance, service, daemon;
  } cases[] = {
      {"postfix/smtpd", true, "postfix", "", "smtpd"},
      {"postfix-out/submission/smtpd", true, "postfix-out", "submission", "smtpd"},
      {"postfix/submission/smtpd", true, "postfix", "submission", "smtpd"},
      {"postfix-239.58.50.50/smtpd", true, "postfix-239.58.50.50", "", "smtpd"},
      {"postfix/smtp-25/smtpd", true, "postfix", "smtp-25", "smtpd"},
      {"postfix/sender-cleanup/cleanup", true, "postfix", "sender-cleanup", "cleanup"},
      {"postfix/amavis/smtp", true, "postfix", "amavis", "smtp"},
      {"mail/smtpd", true, "mail", "", "smtpd"},
      {"postfix", true, "postfix", "", ""},
      {"", true, "", "", ""},
      {"dovecot", false, "dovecot", "", ""},
      {"policyd-spf", false, "policyd-spf", "", ""},
      {"amavis", false, "amavis", "", ""},
      {"smtpd", false, "smtpd", "", ""},
      {"foo/", false, "foo", "", ""},
      {"opendkim/worker", false, "opendkim", "", "worker"},
  };
  for (const Case& c : cases) {
    TagParts t = SplitTag(c.tag);
    EXPECT_EQ(t.is_postfix, c.is_postfix) << c.tag;
    EXPECT_EQ(t.instance, c.instance) << c.tag;
    EXPECT_EQ(t.service, c.service) << c.tag;
    EXPECT_EQ(t.daemon, c.daemon) << c.tag;
  }
}

TEST(Tag, SplitTagNamesTheProgramsGrammar) {
  EXPECT_EQ(SplitTag("postfix/smtpd").program, Daemon::kSmtpd);
  EXPECT_EQ(SplitTag("postfix-out/submission/smtpd").program, Daemon::kSmtpd);
  EXPECT_EQ(SplitTag("postfix/lmtp").program, Daemon::kSmtp);
  EXPECT_EQ(SplitTag("mail/cleanup").program, Daemon::kCleanup);
  EXPECT_EQ(SplitTag("postfix/frobd").program, Daemon::kUnlisted);
  EXPECT_EQ(SplitTag("foo/").program, Daemon::kNone);
  EXPECT_EQ(SplitTag("postfix").program, Daemon::kNone);
  EXPECT_EQ(SplitTag("").program, Daemon::kNone);
  EXPECT_EQ(SplitTag("dovecot").program, Daemon::kNone);
}

TEST(Tag, DaemonOfKnowsEveryProgramAndOnlyThose) {
  struct Case {
    std::string_view program;
    Daemon daemon;
  } cases[] = {
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
      {"postfix", Daemon::kOtherProgram},
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
      // Near misses: other lengths, other case, one letter off.
      {"smtpd ", Daemon::kUnlisted},       {"Smtpd", Daemon::kUnlisted},
      {"smtpx", Daemon::kUnlisted},        {"qmgrs", Daemon::kUnlisted},
      {"postscreem", Daemon::kUnlisted},   {"postfix-scripts", Daemon::kUnlisted},
      {"x", Daemon::kUnlisted},            {"abcdefghijklmnopqrstuvwxyz", Daemon::kUnlisted},
  };
  for (const Case& c : cases) EXPECT_EQ(DaemonOf(c.program), c.daemon) << c.program;
}

TEST(Tag, DaemonOfGroupsProgramsByGrammar) {
  EXPECT_EQ(DaemonOf("smtpd"), Daemon::kSmtpd);
  EXPECT_EQ(DaemonOf("lmtp"), Daemon::kSmtp);
  EXPECT_EQ(DaemonOf("retry"), Daemon::kDeliveryAgent);
  EXPECT_EQ(DaemonOf("oqmgr"), Daemon::kQmgr);
  EXPECT_EQ(DaemonOf("trivial-rewrite"), Daemon::kOtherProgram);
  EXPECT_EQ(DaemonOf("policy-spf"), Daemon::kUnlisted);
  EXPECT_EQ(DaemonOf(""), Daemon::kNone);
}

}  // namespace
}  // namespace mailwhy::postfix
