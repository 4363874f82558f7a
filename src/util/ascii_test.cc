// ascii_test - ASCII folding leaves every other byte alone.
#include "util/ascii.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(Ascii, FoldsOnlyAToZ) {
  EXPECT_EQ(AsciiLowered("Gmail-SMTP-IN.L.Google.COM"), "gmail-smtp-in.l.google.com");
  EXPECT_EQ(AsciiLowered("@[\\]^_`{|}~ 09"), "@[\\]^_`{|}~ 09");  // the neighbours of A-Z, a-z
  EXPECT_EQ(AsciiLowered("ÄÖÜ 送信 \xC4"), "ÄÖÜ 送信 \xC4");    // UTF-8 and stray bytes
  EXPECT_EQ(AsciiLowered(""), "");
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    const char want = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch;
    EXPECT_EQ(AsciiLower(ch), want) << c;
  }
}

}  // namespace
}  // namespace mailwhy
