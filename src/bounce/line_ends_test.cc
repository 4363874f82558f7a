// line_ends_test - CRLF, CR and LF all become LF.
#include "bounce/line_ends.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(NormalizeLineEnds, CrlfCrAndLfBecomeLf) {
  struct Case { const char* name; std::string in, want; };
  const Case cases[] = {
      {"lf", "a\nb\n", "a\nb\n"},
      {"crlf", "a\r\nb\r\n", "a\nb\n"},
      {"cr", "a\rb\r", "a\nb\n"},
      {"mixed", "a\r\nb\rc\nd", "a\nb\nc\nd"},
      {"blank lines", "\r\n\r\n", "\n\n"},
      {"cr cr lf", "a\r\r\nb", "a\n\nb"},
  };
  for (const Case& c : cases) {
    std::string s = c.in;
    NormalizeLineEnds(&s);
    EXPECT_EQ(s, c.want) << c.name;
  }
}

}  // namespace
}  // namespace mailwhy
