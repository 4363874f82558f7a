// verdict_test - tidying a rule text after its placeholders are filled (verdict.cc).
#include "diagnose/verdict.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

// An empty placeholder leaves the spaces around it; the tidy text reads as if the rule
// had been written without it.
TEST(TidyFilledText, DropsWhatAnEmptyPlaceholderLeaves) {
  EXPECT_EQ(TidyFilledText("The server  refused."), "The server refused.");
  EXPECT_EQ(TidyFilledText("accepted by ."), "accepted by.");
  EXPECT_EQ(TidyFilledText("sent to  , then retried"), "sent to, then retried");
  EXPECT_EQ(TidyFilledText("(see  )"), "(see)");
  EXPECT_EQ(TidyFilledText("  leading and trailing  "), "leading and trailing");
  EXPECT_EQ(TidyFilledText("   "), "");
  EXPECT_EQ(TidyFilledText(""), "");
}

TEST(TidyFilledText, KeepsPunctuationInsideWords) {
  // Not the end of a clause: ".5", ",b" and ")x" stay as written.
  EXPECT_EQ(TidyFilledText("wait .5 s"), "wait .5 s");
  EXPECT_EQ(TidyFilledText("a ,b"), "a ,b");
  EXPECT_EQ(TidyFilledText("f( )x"), "f( )x");
  EXPECT_EQ(TidyFilledText("550 5.7.1 (policy)."), "550 5.7.1 (policy).");
  EXPECT_EQ(TidyFilledText("東京 の サーバー 。"), "東京 の サーバー 。");
}

}  // namespace
}  // namespace mailwhy
