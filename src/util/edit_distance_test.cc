// edit_distance_test - distances people's typos produce, and the limit.
#include "util/edit_distance.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(EditDistance, TyposInAddresses) {
  struct Case {
    const char* a;
    const char* b;
    size_t want;
  } cases[] = {
      {"tu@example.net", "tu@example.net", 0},
      {"tu@example.net", "tu@exmaple.net", 2},   // transposition = two edits
      {"tu@example.net", "tu@example.ne", 1},
      {"tu@example.net", "ut@example.net", 2},
      {"tu@example.net", "tux@example.net", 1},
      {"", "abc", 3},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EditDistance(c.a, c.b, 5), c.want) << c.a << " / " << c.b;
    EXPECT_EQ(EditDistance(c.b, c.a, 5), c.want) << c.b << " / " << c.a;
  }
}

TEST(EditDistance, StopsPastTheLimit) {
  EXPECT_EQ(EditDistance("a@example.net", "completely-different@x.org", 2), 3u);
  EXPECT_EQ(EditDistance("abcdef", "abcxyz", 2), 3u);
  EXPECT_EQ(EditDistance("abcdef", "abcdxf", 2), 1u);
}

}  // namespace
}  // namespace mailwhy
