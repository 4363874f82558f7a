// postqueue_json_test - `postqueue -j` lines as Postfix 3.x writes them.
#include "queue/postqueue_json.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

// Recorded from postqueue -j (Postfix 3.7), addresses and hosts replaced.
const char kListing[] =
    R"J({"queue_name": "deferred", "queue_id": "4F2A01C3D2", "arrival_time": 1703223523, "message_size": 2134, "forced_expire": false, "sender": "hoge@example.net", "recipients": [{"address": "taro@example.com", "delay_reason": "host ml.example.com[210.172.140.106] said: 450 Rcpt to <taro@example.com> \u2013 Temporary local problem \u2013 I said try later (in reply to RCPT TO command)"}, {"address": "jiro@example.com", "delay_reason": "host ml.example.com[210.172.140.106] said: 450 Rcpt to <jiro@example.com> \u2013 Temporary local problem \u2013 I said try later (in reply to RCPT TO command)"}]})J"
    "\n"
    R"J({"queue_name": "active", "queue_id": "4Q2VhX0TJ2z7Rt3", "arrival_time": 1703300000, "message_size": 512, "forced_expire": false, "sender": "", "recipients": [{"address": "bounce@example.org"}]})J"
    "\n"
    "this is not json\n"
    R"J({"queue_name": "hold", "queue_id": "A1B2C3D4E5", "arrival_time": 1703000000, "message_size": 9000, "forced_expire": true, "sender": "apache@www.example.jp", "recipients": [{"address": "user@gmail.com", "delay_reason": "connect to gmail-smtp-in.l.google.com[142.250.157.27]:25: Connection timed out"}]})J"
    "\n";

TEST(ReadPostqueueJson, EveryFieldAndBadLinesCounted) {
  std::vector<QueueEntry> e;
  QueueReadStats st;
  ReadPostqueueJson(kListing, &e, &st);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(st.lines, 4u);
  EXPECT_EQ(st.bad_lines, 1u);
  ASSERT_EQ(st.samples.size(), 1u);
  EXPECT_EQ(st.samples[0], "this is not json");

  EXPECT_EQ(e[0].queue_name, "deferred");
  EXPECT_EQ(e[0].queue_id, "4F2A01C3D2");
  EXPECT_EQ(e[0].arrival_time, 1703223523);
  EXPECT_EQ(e[0].message_size, 2134);
  EXPECT_EQ(e[0].sender, "hoge@example.net");
  ASSERT_EQ(e[0].recipients.size(), 2u);
  EXPECT_EQ(e[0].recipients[1].address, "jiro@example.com");
  EXPECT_NE(e[0].recipients[0].delay_reason.find("– Temporary local problem –"), std::string::npos);

  EXPECT_EQ(e[1].queue_id, "4Q2VhX0TJ2z7Rt3");  // long queue IDs
  EXPECT_EQ(e[1].sender, "");                    // the null sender
  EXPECT_EQ(e[1].recipients[0].delay_reason, "");
  EXPECT_TRUE(e[2].forced_expire);
  EXPECT_EQ(e[2].queue_name, "hold");
}

}  // namespace
}  // namespace mailwhy
