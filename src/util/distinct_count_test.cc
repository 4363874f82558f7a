// Tests for distinct_count: the estimate stays within a few percent from a handful of
// values to a million, and repeats do not count.
#include "util/distinct_count.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(DistinctCount, EstimatesWithinAFewPercent) {
  for (int n : {0, 1, 10, 1000, 50000, 1000000}) {
    DistinctCount c;
    for (int i = 0; i < n; ++i) {
      std::string address = "user" + std::to_string(i) + "@example.org";
      c.Add(address);
      if (i % 3 == 0) c.Add(address);  // repeats change nothing
    }
    double tolerance = n < 100 ? 1.0 : 0.03 * n;  // 0.8% standard error; 3% is > 3 sigma
    EXPECT_NEAR(c.Estimate(), n, tolerance) << n;
  }
}

}  // namespace
}  // namespace mailwhy
