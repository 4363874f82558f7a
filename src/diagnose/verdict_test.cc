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

// Long texts are checked sixteen bytes at a time before any copying: a leftover must be
// found wherever it falls.
TEST(TidyFilledText, FindsLeftoversAtEveryOffsetOfALongText) {
  const struct {
    std::string_view raw, tidy;
  } leftovers[] = {{"  y", " y"}, {" . y", ". y"}, {" , y", ", y"}, {" ) y", ") y"}};
  for (const auto& l : leftovers) {
    for (size_t at = 0; at <= 40; ++at) {
      const std::string head = "x" + std::string(at, 'a');
      const std::string tail(20, 'b');
      ASSERT_EQ(TidyFilledText(head + std::string(l.raw) + tail), head + std::string(l.tidy) + tail)
          << "at " << at << ": '" << l.raw << "'";
    }
  }
  const std::string clean = "Give the recipient's administrator the time, the sender and the ID.";
  EXPECT_EQ(TidyFilledText(clean), clean);
  const std::string ellipsis = "answered with success (\"250 ... queued as ...\"). From here on";
  EXPECT_EQ(TidyFilledText(ellipsis), ellipsis);
  EXPECT_EQ(TidyFilledText("the end of a long text that ends in a leftover ."),
            "the end of a long text that ends in a leftover.");
}

}  // namespace
}  // namespace mailwhy
