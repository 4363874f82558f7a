// bounce_test - notification notices and 3.11's notification failure (bounce.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Bounce, AllFiveNoticeKinds) {
  struct Case {
    std::string_view message, action, child;
  } cases[] = {
      {"776E41855DB2: sender non-delivery notification: A48191855DA0",
       "sender non-delivery notification", "A48191855DA0"},
      {"65AFB8B5: sender delivery status notification: 1DF35917",
       "sender delivery status notification", "1DF35917"},
      {"264FE1A18: sender delay notification: 0A87A1A08", "sender delay notification",
       "0A87A1A08"},
      {"482E4404AC8: postmaster non-delivery notification: 47335405A44",
       "postmaster non-delivery notification", "47335405A44"},
      {"482E4404AC8: postmaster delay notification: 47335405A44", "postmaster delay notification",
       "47335405A44"},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/bounce", c.message);
    EXPECT_EQ(ev.kind, EventKind::kBounceNotice) << c.message;
    EXPECT_EQ(ev.action, c.action) << c.message;
    EXPECT_EQ(ev.child_qid, c.child) << c.message;
  }
}

TEST(Bounce, NotificationFailedOfPostfix311) {
  Event ev = ParseMessage("postfix/bounce",
                          "A1B2C3D4E5: sender notification failed to <a@example.com>: mail "
                          "forwarding loop");
  EXPECT_EQ(ev.kind, EventKind::kBounceFailed);
  EXPECT_EQ(ev.to, "a@example.com");
  EXPECT_EQ(ev.text, "mail forwarding loop");
  Event bare = ParseMessage("postfix/bounce", "A1B2C3D4E5: sender notification failed to a@example.com");
  EXPECT_EQ(bare.to, "a@example.com");
}

}  // namespace
}  // namespace mailwhy
