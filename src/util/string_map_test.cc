// string_map_test - view lookups and composite keys (string_map.h).
#include "util/string_map.h"

#include <gtest/gtest.h>

#include <string>

namespace mailwhy {
namespace {

TEST(StringMap, FindsByViewAndCountForInsertsOnce) {
  StringMap<int> counts;
  const std::string line = "host qid";
  const std::string_view key = std::string_view(line).substr(5);
  ++CountFor(counts, key);
  ++CountFor(counts, key);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts.find(std::string_view("qid"))->second, 2);
}

TEST(JoinKey, JoinsPartsWithUnitSeparatorsInAReusedBuffer) {
  std::string key;
  JoinKey({"mail", "postfix", "A17F830001CA"}, &key);
  EXPECT_EQ(key, "mail\x1fpostfix\x1f" "A17F830001CA");
  JoinKey({"mx", ""}, &key);  // shorter: no byte of the longer key left behind
  EXPECT_EQ(key, std::string("mx\x1f"));
  JoinKey({"", "", ""}, &key);
  EXPECT_EQ(key, std::string("\x1f\x1f"));
  JoinKey({std::string_view(), "qid"}, &key);  // a default view: null data, size 0
  EXPECT_EQ(key, "\x1fqid");
  JoinKey({"only"}, &key);
  EXPECT_EQ(key, "only");
  // Different splits of the same bytes give different keys.
  std::string a, b;
  JoinKey({"ab", "c"}, &a);
  JoinKey({"a", "bc"}, &b);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace mailwhy
