// pickup_test - local submissions (pickup.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Pickup, UidAndUnqualifiedSender) {
  Event ev = ParseMessage("postfix/pickup", "8B84D8D1CF: uid=48 from=<apache>");
  EXPECT_EQ(ev.kind, EventKind::kPickup);
  EXPECT_EQ(ev.uid, 48);
  EXPECT_TRUE(ev.has_from);
  EXPECT_EQ(ev.from, "apache");
}

TEST(Pickup, OrigIdOfARequeuedMessage) {
  Event ev = ParseMessage("postfix/pickup", "4Pbf0B1l67z3tG5: uid=0 from=<root> orig_id=3mPVKl0Mhjz7sXv");
  EXPECT_EQ(ev.from, "root");
  EXPECT_EQ(ev.orig_queue_id, "3mPVKl0Mhjz7sXv");
}

}  // namespace
}  // namespace mailwhy
