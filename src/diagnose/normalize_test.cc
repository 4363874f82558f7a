// normalize_test - folding, continuation prefixes, wording, stage extraction; the
// sixteen-byte blocks against byte by byte.
#include "diagnose/normalize.h"

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <string>
#include <string_view>

namespace mailwhy {
namespace {

TEST(Normalize, GmailMultiLineReplyLosesItsContinuationPrefixes) {
  NormalizedText n;
  Normalize("host gmail-smtp-in.l.google.com[142.250.157.27] said: 550-5.7.26 This message "
            "does not have authentication information or fails to 550-5.7.26 pass "
            "authentication checks (SPF or DKIM). Please visit 550-5.7.26  "
            "https://support.google.com/mail/answer/81126#authentication for more 550 5.7.26 "
            "information. - gsmtp (in reply to end of DATA command)",
            &n);
  EXPECT_EQ(n.text,
            "host gmail-smtp-in.l.google.com[142.250.157.27] said: 550 5.7.26 this message "
            "does not have authentication information or fails to pass authentication checks "
            "(spf or dkim). please visit https://support.google.com/mail/answer/81126"
            "#authentication for more information. - gsmtp");
  EXPECT_EQ(n.code, 550);
  EXPECT_EQ(n.enhanced, "5.7.26");
  EXPECT_EQ(n.stage, "end-of-data");
}

TEST(Normalize, ContinuationWithoutEnhancedCode) {
  NormalizedText n;
  Normalize("451-You have been greylisted. 451-and your mail system should try again. We "
            "will accept 451 this mail",
            &n);
  EXPECT_EQ(n.text, "451 you have been greylisted. and your mail system should try again. we "
                    "will accept this mail");
  EXPECT_EQ(n.code, 451);
  EXPECT_EQ(n.enhanced, "");
  EXPECT_EQ(n.stage, "");
}

TEST(Normalize, PastedLinesAndWhiteSpaceCollapse) {
  NormalizedText n;
  Normalize("  550-5.1.1 The email account\r\n550-5.1.1\tdoes   not exist\n550 5.1.1 gsmtp  ", &n);
  EXPECT_EQ(n.text, "550 5.1.1 the mail account does not exist gsmtp");
}

TEST(Normalize, EmailWordingBecomesMail) {
  EXPECT_EQ(NormalizePattern("E-mail"), "mail");
  EXPECT_EQ(NormalizePattern("Unauthenticated EMAIL from"), "unauthenticated mail from");
  EXPECT_EQ(NormalizePattern("gmail and hotmail"), "gmail and hotmail");
  EXPECT_EQ(NormalizePattern("emails"), "mails");
}

TEST(Normalize, TypographicPunctuationBecomesAscii) {
  NormalizedText n;
  Normalize("450 Rcpt to <taro@x.com> \xE2\x80\x93 Temporary local problem \xE2\x80\x93 I"
            "\xE2\x80\x99m \xC2\xA0sorry\xE2\x80\xA6",
            &n);
  EXPECT_EQ(n.text, "450 rcpt to <taro@x.com> - temporary local problem - i'm sorry...");
}

TEST(Normalize, Utf8IsKept) {
  NormalizedText n;
  Normalize("550 5.7.1 【すごく長い英数字の羅列】 Blocked", &n);
  EXPECT_EQ(n.text, "550 5.7.1 【すごく長い英数字の羅列】 blocked");
}

TEST(Normalize, PhraseSpacesAtTheEdgesAreKept) {
  EXPECT_EQ(NormalizePattern("rbl "), "rbl ");
  EXPECT_EQ(NormalizePattern(" User  Unknown"), " user unknown");
}

TEST(Normalize, StageOfCommand) {
  EXPECT_EQ(StageOfCommand("RCPT TO"), "rcpt");
  EXPECT_EQ(StageOfCommand("end of DATA"), "end-of-data");
  EXPECT_EQ(StageOfCommand("END-OF-MESSAGE"), "end-of-data");
  EXPECT_EQ(StageOfCommand("MAIL FROM"), "mail");
  EXPECT_EQ(StageOfCommand("sending RCPT TO"), "rcpt");
  EXPECT_EQ(StageOfCommand("receiving the initial server greeting"), "connect");
  EXPECT_EQ(StageOfCommand("EHLO"), "helo");
  EXPECT_EQ(StageOfCommand("XFORWARD name/address"), "other");
  EXPECT_EQ(StageOfCommand(""), "");
}

TEST(Normalize, EnhancedCodeShape) {
  EXPECT_TRUE(IsEnhancedCode("5.7.26"));
  EXPECT_TRUE(IsEnhancedCode("4.4.317"));
  EXPECT_FALSE(IsEnhancedCode("5.7.606-649"));
  EXPECT_FALSE(IsEnhancedCode("3.1.1"));
  EXPECT_FALSE(IsEnhancedCode("5.7"));
}

TEST(Normalize, NoReplyCodeInPostfixOwnText) {
  NormalizedText n;
  Normalize("connect to mail.example.net[203.0.113.112]:25: Connection timed out", &n);
  EXPECT_EQ(n.code, 0);
  EXPECT_EQ(n.text, "connect to mail.example.net[203.0.113.112]:25: connection timed out");
}

// Random texts made of what each pass looks at (white space, NUL, the first bytes of a
// NO-BREAK SPACE and of typographic marks, reply codes, "e-mail") and of plain letters,
// so that every kind of byte lands on every lane of a block and on block edges.
TEST(Normalize, BlocksGiveWhatBytesGive) {
  static constexpr std::string_view kPieces[] = {
      " ", "  ", "\t", "\n", "\r\n", std::string_view("\0", 1), "\xC2\xA0", "\xC2",
      "\xE2\x80\x94", "\xE2\x80\x9C", "\xE2\x80\xA6", "\xE2\x80", "\xE2", "e", "E",
      "email", "e-mail", "E-Mail", "semail", "550", "550-", "550-5.7.1", "550 5.7.1", "5.7.1",
      "451", "(in reply to RCPT TO command)", "(", "\"", "-", ".", "x", "mailbox", "ABC",
      "9", "\xE3\x81\x82", "\x7F", "\xFF", "@Z[`z{"};
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<size_t> piece(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> count(0, 40);
  for (int round = 0; round < 60000; ++round) {
    std::string text;
    for (int n = count(rng); n > 0; --n) text += kPieces[piece(rng)];
    NormalizedText by_blocks, by_bytes;
    Normalize(text, &by_blocks);
    NormalizeByteByByte(text, &by_bytes);
    ASSERT_EQ(by_blocks.text, by_bytes.text) << testing::PrintToString(text);
    ASSERT_EQ(by_blocks.code, by_bytes.code) << testing::PrintToString(text);
    ASSERT_EQ(by_blocks.enhanced, by_bytes.enhanced) << testing::PrintToString(text);
    ASSERT_EQ(by_blocks.stage, by_bytes.stage) << testing::PrintToString(text);
  }
}

}  // namespace
}  // namespace mailwhy
