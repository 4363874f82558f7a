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
