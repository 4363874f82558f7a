// cleanup_test - message-id as logged, header/body check actions, milter decisions.
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Cleanup, MessageIdIsKeptAsLogged) {
  struct Case {
    std::string_view message, id;
    bool truncated;
  } cases[] = {
      {"A17F830001CA: message-id=<000msgid0000@example.com>", "<000msgid0000@example.com>", false},
      {"4F5C64474F: message-id=<>", "<>", false},
      {"8B84D8D1CF: message-id=20221205183811.8983.30194A77@example.com",
       "20221205183811.8983.30194A77@example.com", false},
      {"ADD961003206D: message-id==?UTF-8?B?PDE5?=? =?UTF-8?B?MTIy?=",
       "=?UTF-8?B?PDE5?=? =?UTF-8?B?MTIy?=", false},
      {"ADD961003206D: message-id=<very-long-id-cut-by-the-record-limit? and mo",
       "<very-long-id-cut-by-the-record-limit? and mo", true},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/cleanup", c.message);
    EXPECT_EQ(ev.kind, EventKind::kCleanupMessageId) << c.message;
    EXPECT_EQ(ev.message_id, c.id) << c.message;
    EXPECT_EQ(ev.truncated, c.truncated) << c.message;
  }
  Event r = ParseMessage("postfix-in/cleanup",
                         "40A67208A3: resent-message-id=<PbhLmifNtVG.A.mh.ZU-vVB@bendel>");
  EXPECT_EQ(r.kind, EventKind::kCleanupResentMessageId);
  EXPECT_EQ(r.message_id, "<PbhLmifNtVG.A.mh.ZU-vVB@bendel>");
}

TEST(Cleanup, HeaderCheckWithOriginEnvelopeAndOptionalText) {
  Event ev = ParseMessage("postfix/cleanup",
                          "48rT2v1hQrz1J0N: prepend: header X-Spam-Status: Yes, score=45.1 "
                          "required=10.0 tests=ADVANCE_FE from mx2.example.org[192.0.2.41]; "
                          "from=<SRS0=1sN3=5P=example.org=noreply@srs.example.org> "
                          "to=<recipient@example.net> proto=ESMTP helo=<mx2.example.org>: "
                          "X-Spam-Status: Yes");
  EXPECT_EQ(ev.kind, EventKind::kCleanupAction);
  EXPECT_EQ(ev.qid, "48rT2v1hQrz1J0N");
  EXPECT_EQ(ev.action, "prepend");
  EXPECT_EQ(ev.stage, "header");
  EXPECT_EQ(ev.text, "X-Spam-Status: Yes, score=45.1 required=10.0 tests=ADVANCE_FE");
  EXPECT_EQ(ev.client.name, "mx2.example.org");
  EXPECT_EQ(ev.from, "SRS0=1sN3=5P=example.org=noreply@srs.example.org");
  EXPECT_EQ(ev.to, "recipient@example.net");
  EXPECT_EQ(ev.helo, "mx2.example.org");
  EXPECT_EQ(ev.reply.reply, "X-Spam-Status: Yes");
}

TEST(Cleanup, WarningActionIsNotASeverity) {
  Event ev = ParseMessage("postfix/cleanup",
                          "74F8A1019D1: warning: header Subject: Cron <root@test3-stack> /usr/bin/"
                          "sudo from local; from=<root@localhost> to=<root@localhost>");
  EXPECT_EQ(ev.kind, EventKind::kCleanupAction);
  EXPECT_EQ(ev.severity, "");
  EXPECT_EQ(ev.action, "warning");
  EXPECT_EQ(ev.client.name, "local");
  EXPECT_EQ(ev.text, "Subject: Cron <root@test3-stack> /usr/bin/sudo");
  EXPECT_EQ(ev.to, "root@localhost");
}

TEST(Cleanup, RejectTextAfterTheEnvelopeGivesTheCodes) {
  Event ev = ParseMessage("postfix/cleanup",
                          "A1B2C3D4E5: reject: body Quality replica watches!!! from hb.example.com"
                          "[10.0.0.1]; from=<efrom@example.com> to=<eto@sample.net> proto=SMTP "
                          "helo=<example.com>: 5.7.1 disallowed content");
  EXPECT_EQ(ev.stage, "body");
  EXPECT_EQ(ev.reply.reply, "5.7.1 disallowed content");
  EXPECT_EQ(ev.reply.enhanced, "5.7.1");
}

TEST(Cleanup, MilterRejectAtEndOfMessage) {
  Event ev = ParseMessage("postfix/cleanup",
                          "B37FD2E05B9: milter-reject: END-OF-MESSAGE from h-ca74a0a0[254.65.43.194]"
                          ": 4.7.1 Try again later; from=<bounce@h-79b5.com> to=<h-7abde52c2@h-ff"
                          ".com> proto=ESMTP helo=<h-ca74a0a0>");
  EXPECT_EQ(ev.kind, EventKind::kCleanupAction);
  EXPECT_EQ(ev.action, "milter-reject");
  EXPECT_EQ(ev.stage, "END-OF-MESSAGE");
  EXPECT_EQ(ev.text, "4.7.1 Try again later");
  EXPECT_EQ(ev.reply.enhanced, "4.7.1");
  EXPECT_EQ(ev.reply.code, 0);
  EXPECT_EQ(ev.client.address, "254.65.43.194");
}

TEST(Cleanup, MapLookupWarningKeepsItsQueueId) {
  Event ev = ParseMessage("postfix/cleanup",
                          "warning: 9BECF3F19D: sender_canonical_maps map lookup problem for "
                          "sender@example.com -- message not accepted, try again later");
  EXPECT_EQ(ev.kind, EventKind::kWarning);
  EXPECT_EQ(ev.qid, "9BECF3F19D");
  EXPECT_EQ(ev.text, "sender_canonical_maps map lookup problem for sender@example.com -- message "
                     "not accepted, try again later");
}

}  // namespace
}  // namespace mailwhy
