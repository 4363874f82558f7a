// Tests for volume_tally: exact below its capacity, the busiest keys kept above it, and
// the distinct count estimated only once keys were dropped.
#include "report/volume_tally.h"

#include <string>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(VolumeTally, ExactBelowCapacity) {
  VolumeTally t(100);
  for (int i = 0; i < 99; ++i) {
    VolumeStats& s = t.Count("k" + std::to_string(i));
    ++s.count;
    s.bytes += i;
  }
  ++t.Count("k5").count;
  EXPECT_FALSE(t.approximate());
  EXPECT_EQ(t.distinct(), 99);
  EXPECT_EQ(t.entries().size(), 99u);
  EXPECT_EQ(t.entries().Find("k5")->count, 2);
}

TEST(VolumeTally, KeepsTheBusiestByCountAndByBytesWhenFull) {
  VolumeTally t(400);
  // Ten busy senders by count, ten by bytes, among 100,000 senders seen once.
  for (int round = 0; round < 50; ++round) {
    for (int b = 0; b < 10; ++b) ++t.Count("count" + std::to_string(b)).count;
  }
  for (int b = 0; b < 10; ++b) {
    VolumeStats& s = t.Count("big" + std::to_string(b));
    ++s.count;
    s.bytes += 50000000;
  }
  for (int i = 0; i < 100000; ++i) {
    VolumeStats& s = t.Count("once" + std::to_string(i) + "@example.org");
    ++s.count;
    s.bytes += 1000;
  }
  EXPECT_TRUE(t.approximate());
  EXPECT_LE(t.entries().size(), 400u);
  for (int b = 0; b < 10; ++b) {
    const VolumeStats* busy = t.entries().Find("count" + std::to_string(b));
    ASSERT_NE(busy, nullptr) << b;
    EXPECT_EQ(busy->count, 50);  // never dropped: exact
    const VolumeStats* big = t.entries().Find("big" + std::to_string(b));
    ASSERT_NE(big, nullptr) << b;
    EXPECT_EQ(big->bytes, 50000000);
  }
  EXPECT_EQ(t.dropped_max_count(), 1);
  EXPECT_NEAR(static_cast<double>(t.distinct()), 100020.0, 3000.0);  // estimated
}

}  // namespace
}  // namespace mailwhy
