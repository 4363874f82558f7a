// misc_test - master, anvil, scache, tlsproxy, postfix-script, common lines (misc.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Misc, ProgramsOutsideJourneysAreNoise) {
  struct Case {
    std::string_view tag, message;
  } cases[] = {
      {"postfix/master", "daemon started -- version 3.4.14, configuration /etc/postfix"},
      {"postfix/master", "terminating on signal 15"},
      {"postfix/master", "reload configuration /etc/postfix"},
      {"postfix/postfix-script", "starting the Postfix mail system"},
      {"postfix/scache", "statistics: domain lookup hits=0 miss=2 success=0%"},
      {"postfix/tlsproxy", "DISCONNECT [82.118.17.142]:51637"},
      {"postfix/verify", "cache lmdb:/var/lib/postfix/verify_cache full cleanup: retained=724 "
                         "dropped=6 entries"},
      {"postfix/smtpd", "table hash:/etc/postfix/helo_checks has changed -- restarting"},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage(c.tag, c.message);
    EXPECT_EQ(ev.kind, EventKind::kNoise) << c.tag << ": " << c.message;
  }
}

TEST(Misc, AnvilStatisticsKeepTheirNumberAndClient) {
  Event ev = ParseMessage("postfix/anvil",
                          "statistics: max connection rate 3/60s for (smtp:94.156.37.30) at Oct "
                          "22 02:04:14");
  EXPECT_EQ(ev.kind, EventKind::kNoise);
  EXPECT_EQ(ev.action, "max connection rate");
  EXPECT_EQ(ev.count, 3);
  EXPECT_EQ(ev.client.address, "94.156.37.30");
  Event v6 = ParseMessage("postfix/anvil",
                          "statistics: max connection count 1 for (smtpd:2604:8d00:0:1::3) at Oct "
                          "26 17:46:59");
  EXPECT_EQ(v6.client.address, "2604:8d00:0:1::3");
  Event inet = ParseMessage("postfix/anvil",
                            "statistics: max connection count 1 for (127.0.0.1:2525:127.0.0.1) "
                            "at Oct 26 19:46:00");
  EXPECT_EQ(inet.client.address, "127.0.0.1");
}

TEST(Misc, WarningsOfAnyProgram) {
  Event ev = ParseMessage("postfix/master",
                          "warning: process /usr/local/libexec/postfix/smtpd pid 46234 killed by "
                          "signal 11");
  EXPECT_EQ(ev.kind, EventKind::kWarning);
  EXPECT_EQ(ev.severity, "warning");
  EXPECT_EQ(ev.text, "process /usr/local/libexec/postfix/smtpd pid 46234 killed by signal 11");
  Event fatal = ParseMessage("postfix/sendmail", "fatal: root(0): message file too big");
  EXPECT_EQ(fatal.kind, EventKind::kWarning);
  EXPECT_EQ(fatal.severity, "fatal");
}

TEST(Misc, SaslLibraryComplaintsAreWarnings) {
  Event ev = ParseMessage("postfix/smtpd",
                          "looking for plugins in '/usr/lib/sasl2', failed to open directory, "
                          "error: No such file or directory");
  EXPECT_EQ(ev.kind, EventKind::kWarning);
  EXPECT_EQ(ev.severity, "");
}

}  // namespace
}  // namespace mailwhy
