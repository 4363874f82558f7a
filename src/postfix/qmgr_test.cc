// qmgr_test - queue active, removed, expired, skipped (qmgr.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Qmgr, QueueActiveWithSizeAndRecipients) {
  Event ev = ParseMessage("postfix/qmgr",
                          "A17F830001CA: from=<bounces@some.example.com>, size=2259, nrcpt=1 "
                          "(queue active)");
  EXPECT_EQ(ev.kind, EventKind::kQmgrActive);
  EXPECT_TRUE(ev.has_from);
  EXPECT_EQ(ev.from, "bounces@some.example.com");
  EXPECT_EQ(ev.size, 2259);
  EXPECT_EQ(ev.nrcpt, 1);
}

TEST(Qmgr, QueueActiveAfterDoubleSpaceFromSeed000) {
  Event ev = ParseMessage("postfix/qmgr",
                          "A123B45678C:  from=<test@monikura.rei.com>, size=12345, nrcpt=1 (queue "
                          "active)");
  EXPECT_EQ(ev.kind, EventKind::kQmgrActive);
  EXPECT_EQ(ev.qid, "A123B45678C");
  EXPECT_EQ(ev.from, "test@monikura.rei.com");
}

TEST(Qmgr, SenderWithoutBracketsOrWithComma) {
  Event a = ParseMessage("postfix/qmgr",
                         "8B84D8D1CF: from=tu@example.com, size=1284, nrcpt=1 (queue active)");
  EXPECT_EQ(a.from, "tu@example.com");
  EXPECT_EQ(a.size, 1284);
  Event b = ParseMessage("postfix/qmgr",
                         "A1B2C3D4E5: from=<from@example.net, @example.com>, size=5335, nrcpt=1 "
                         "(queue active)");
  EXPECT_EQ(b.from, "from@example.net, @example.com");
  Event null = ParseMessage("postfix/qmgr", "A1B2C3D4E5: from=<>, size=3120, nrcpt=1 (queue active)");
  EXPECT_TRUE(null.has_from);
  EXPECT_EQ(null.from, "");
}

TEST(Qmgr, RemovedExpiredAndSkipped) {
  Event r = ParseMessage("postfix/qmgr", "23EBE3D5C0: removed");
  EXPECT_EQ(r.kind, EventKind::kQmgrRemoved);
  Event e = ParseMessage("postfix-239.58.50.50/qmgr",
                         "23EBE3D5C0: from=<h-498b@h-5e67.com>, status=expired, returned to sender");
  EXPECT_EQ(e.kind, EventKind::kQmgrExpired);
  EXPECT_EQ(e.status, "expired");
  EXPECT_EQ(e.from, "h-498b@h-5e67.com");
  EXPECT_EQ(e.instance, "postfix-239.58.50.50");
  Event f = ParseMessage("postfix/qmgr", "585BC3F: from=<>, status=force-expired, returned to sender");
  EXPECT_EQ(f.status, "force-expired");
  Event s = ParseMessage("postfix/qmgr", "ED06590130AA1C9D6D862: skipped, still being delivered");
  EXPECT_EQ(s.kind, EventKind::kQmgrSkipped);
}

TEST(Qmgr, CutQueueActiveLineIsTruncated) {
  Event ev = ParseMessage("postfix/qmgr", "A1B2C3D4E5: from=<a@b.example>, size=12");
  EXPECT_EQ(ev.kind, EventKind::kQmgrActive);
  EXPECT_TRUE(ev.truncated);
}

}  // namespace
}  // namespace mailwhy
