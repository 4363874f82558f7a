// queue_id_test - IsQueueId() and the severity / queue ID split (message.h).
#include <gtest/gtest.h>

#include "postfix/event_parser.h"
#include "postfix/message.h"

namespace mailwhy {
namespace {

TEST(QueueId, AcceptsShortLongAndNoqueue) {
  for (std::string_view id : {"7EE668039", "0D9633D", "A17F830001CA", "ED06590130AA1C9D6D862",
                              "A123B45678C", "4PbC4x469Jz3tBr", "3mPVKl0Mhjz7sXv",
                              "44JCRG5tYPzCqt2", "48rT2v1hQrz1J0N", "NOQUEUE"}) {
    EXPECT_TRUE(IsQueueId(id)) << id;
  }
}

TEST(QueueId, RejectsWordsAndShortOrMalformedIds) {
  for (std::string_view id : {"", "ABCDE", "7ee668039", "DISCONNECT", "statistics",
                              "4PbC4x469J3tBr", "4PbC4x469Jz", "warning", "A17F8300G1CA",
                              "0123456789ABCDEF0123456789ABCDEF0"}) {
    EXPECT_FALSE(IsQueueId(id)) << id;
  }
}

TEST(QueueId, SplitMessageTakesSeverityThenQueueId) {
  struct Case {
    std::string_view text, severity, qid, body;
  } cases[] = {
      {"warning: 9BECF3F19D: sender_canonical_maps map lookup problem", "warning",
       "9BECF3F19D", "sender_canonical_maps map lookup problem"},
      {"NOQUEUE: reject: RCPT from x[1.2.3.4]: 554", "", "NOQUEUE",
       "reject: RCPT from x[1.2.3.4]: 554"},
      {"A123B45678C:  from=<test@monikura.rei.com>, size=12345", "", "A123B45678C",
       "from=<test@monikura.rei.com>, size=12345"},
      {"D8B07E3DB6: warning: header Subject: x", "", "D8B07E3DB6", "warning: header Subject: x"},
      {"fatal: root(0): message file too big", "fatal", "", "root(0): message file too big"},
      {"connect from x[1.2.3.4]", "", "", "connect from x[1.2.3.4]"},
      {"0F5383D: removed", "", "0F5383D", "removed"},
      {"warning:", "", "", "warning:"},
      {"7EE668039:x", "", "", "7EE668039:x"},
  };
  for (const Case& c : cases) {
    postfix::Message m = postfix::SplitMessage(c.text);
    EXPECT_EQ(m.severity, c.severity) << c.text;
    EXPECT_EQ(m.qid, c.qid) << c.text;
    EXPECT_EQ(m.body, c.body) << c.text;
  }
}

}  // namespace
}  // namespace mailwhy
