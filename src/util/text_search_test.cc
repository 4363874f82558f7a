// text_search_test - addresses found whatever their case, never past the text's end.
#include "util/text_search.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(CaseInsensitiveSearch, FindsAddressesInAnyCase) {
  CaseInsensitiveSearch s("tu@example.net");
  EXPECT_TRUE(s.In("to=<TU@Example.NET>, relay=..."));
  EXPECT_TRUE(s.In("tu@example.net"));
  EXPECT_TRUE(s.In("xx tu@example.netx"));
  EXPECT_FALSE(s.In("to=<tu@example.ne>"));
  EXPECT_FALSE(s.In("tu@example.ne"));           // shorter than the needle
  EXPECT_FALSE(s.In(""));
  EXPECT_TRUE(CaseInsensitiveSearch("").In("anything"));
}

TEST(CaseInsensitiveSearch, FirstByteSeenInBothCasesBeforeTheMatch) {
  CaseInsensitiveSearch s("bob@x.org");
  EXPECT_TRUE(s.In("Bad B b bob@X.ORG"));
  EXPECT_TRUE(s.In("BOB@x.org"));
  EXPECT_FALSE(s.In("Bo b@x.org"));
  CaseInsensitiveSearch digits("198.51.100.100");
  EXPECT_TRUE(digits.In("client=example.org[198.51.100.100]"));
  EXPECT_FALSE(digits.In("client=example.org[198.51.100.10]"));
}

TEST(CaseInsensitiveSearch, NonAsciiBytesCompareExactly) {
  CaseInsensitiveSearch s("送信専用");
  EXPECT_TRUE(s.In("【送信専用アドレス】"));
  EXPECT_FALSE(s.In("送信専"));
}

}  // namespace
}  // namespace mailwhy
