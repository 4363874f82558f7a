// mailq_text_test - mailq / postqueue -p text, printed and pasted.
#include "queue/mailq_text.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "util/civil_time.h"

namespace mailwhy {
namespace {

class MailqText : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    ReloadLocalZone();
  }
  // 2023-12-23 10:00:00 UTC
  int64_t now_ = UnixFromCivilUtc(2023, 12, 23, 10, 0, 0);
};

TEST_F(MailqText, PostqueueDashP) {
  const char text[] =
      "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n"
      "A1B2C3D4E5*    1234 Sat Dec 23 09:55:00  sender@example.com\n"
      "                                         rcpt1@example.net\n"
      "\n"
      "B2C3D4E5F6     5678 Fri Dec 22 11:00:00  MAILER-DAEMON\n"
      "(connect to mx.example.org[192.0.2.1]:25: Connection timed out)\n"
      "                                         user@example.org\n"
      "(host mx2.example.org[192.0.2.2] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n"
      "                                         full@example.org\n"
      "\n"
      "4Q2VhX0TJ2z7Rt3!  300 Mon Jan  2 08:00:00  app@example.jp\n"
      "                                         held@example.com\n"
      "\n"
      "-- 7 Kbytes in 3 Requests.\n";
  std::vector<QueueEntry> e;
  QueueReadStats st;
  ReadMailqText(text, now_, &e, &st);
  EXPECT_EQ(st.bad_lines, 0u) << (st.samples.empty() ? "" : st.samples[0]);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].queue_id, "A1B2C3D4E5");
  EXPECT_EQ(e[0].queue_name, "active");
  EXPECT_EQ(e[0].message_size, 1234);
  EXPECT_EQ(e[0].arrival_time, UnixFromCivilUtc(2023, 12, 23, 9, 55, 0));
  ASSERT_EQ(e[0].recipients.size(), 1u);
  EXPECT_EQ(e[0].recipients[0].delay_reason, "");

  EXPECT_EQ(e[1].queue_name, "deferred");
  EXPECT_EQ(e[1].sender, "");  // MAILER-DAEMON is the null sender
  ASSERT_EQ(e[1].recipients.size(), 2u);
  EXPECT_EQ(e[1].recipients[0].delay_reason, "connect to mx.example.org[192.0.2.1]:25: Connection timed out");
  EXPECT_EQ(e[1].recipients[1].delay_reason,
            "host mx2.example.org[192.0.2.2] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)");

  EXPECT_EQ(e[2].queue_id, "4Q2VhX0TJ2z7Rt3");
  EXPECT_EQ(e[2].queue_name, "hold");
  // No year in mailq's dates: the one that is not in the future, 2023-01-02.
  EXPECT_EQ(e[2].arrival_time, UnixFromCivilUtc(2023, 1, 2, 8, 0, 0));
}

// seeds/001 case 08, as the article prints it (typographic dashes in the headings) and as
// pasted on one line.
TEST_F(MailqText, SeedCase08) {
  const char printed[] =
      "# mailq\n"
      "-Queue ID- –Size– —-Arrival Time—- -Sender/Recipient——-\n"
      "366815BF0A 2134 Fri Dec 22 14:38:43 hoge@xxxxxx.net\n"
      "(host ml.xxxxxx.com[210.172.140.106] said: 450 Rcpt to <taro@xxxxxx.com> – Temporary local problem – I said try later (in reply to RCPT TO command))\n"
      "taro@xxxxxx.com\n"
      "— 2 Kbytes in 1 Request.\n";
  const char one_line[] =
      "366815BF0A 2134 Fri Dec 22 14:38:43 hoge@xxxxxx.net (host ml.xxxxxx.com[210.172.140.106] said: 450 Rcpt "
      "to <taro@xxxxxx.com> – Temporary local problem – I said try later (in reply to RCPT TO command)) taro@xxxxxx.com";
  for (const char* text : {printed, one_line}) {
    std::vector<QueueEntry> e;
    QueueReadStats st;
    ReadMailqText(text, now_, &e, &st);
    EXPECT_EQ(st.bad_lines, 0u) << text;
    ASSERT_EQ(e.size(), 1u) << text;
    EXPECT_EQ(e[0].queue_id, "366815BF0A");
    EXPECT_EQ(e[0].message_size, 2134);
    EXPECT_EQ(e[0].sender, "hoge@xxxxxx.net");
    EXPECT_EQ(e[0].arrival_time, UnixFromCivilUtc(2023, 12, 22, 14, 38, 43));
    ASSERT_EQ(e[0].recipients.size(), 1u);
    EXPECT_EQ(e[0].recipients[0].address, "taro@xxxxxx.com");
    EXPECT_EQ(e[0].recipients[0].delay_reason,
              "host ml.xxxxxx.com[210.172.140.106] said: 450 Rcpt to <taro@xxxxxx.com> – Temporary local problem – "
              "I said try later (in reply to RCPT TO command)");
  }
}

TEST_F(MailqText, ReasonWrappedOverLinesAndEmptyQueue) {
  std::vector<QueueEntry> e;
  QueueReadStats st;
  ReadMailqText("C0FFEE1234  100 Sat Dec 23 09:00:00  a@example.jp\n(host mx[192.0.2.9] said: 550 5.7.1\n"
                "  Service unavailable (in reply to end of DATA command))\n   b@example.net\n",
                now_, &e, &st);
  ASSERT_EQ(e.size(), 1u);
  ASSERT_EQ(e[0].recipients.size(), 1u);
  EXPECT_EQ(e[0].recipients[0].delay_reason,
            "host mx[192.0.2.9] said: 550 5.7.1 Service unavailable (in reply to end of DATA command)");
  e.clear();
  ReadMailqText("Mail queue is empty\n", now_, &e, &st);
  EXPECT_TRUE(e.empty());
}

}  // namespace
}  // namespace mailwhy
