// normalize_test - folding, continuation prefixes, wording, stage extraction.
#include "diagnose/normalize.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mailwhy
