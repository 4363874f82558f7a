// fields_test - peers, numbers, reply codes and the Cursor (fields.h).
#include "postfix/fields.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace mailwhy::postfix {
namespace {

TEST(Fields, ParsePeerReadsNameAddressAndPort) {
  struct Case {
    std::string_view in, name, address, port;
  } cases[] = {
      {"mail.example.com[192.0.2.1]", "mail.example.com", "192.0.2.1", ""},
      {"mx[192.0.2.1]:25", "mx", "192.0.2.1", "25"},
      {"unknown[2a02:168:636a::15e2]", "unknown", "2a02:168:636a::15e2", ""},
      {"[185.48.118.128]:36942", "", "185.48.118.128", "36942"},
      {"mail.localhost[private/dovecot-lmtp]", "mail.localhost", "private/dovecot-lmtp", ""},
      {"unknown[192.168.0.1]:unknown", "unknown", "192.168.0.1", "unknown"},
      {"monikura.rei.jp[XXX.XXX.XXX.XXX]:25", "monikura.rei.jp", "XXX.XXX.XXX.XXX", "25"},
      {"mail.example.com", "mail.example.com", "", ""},
  };
  for (const Case& c : cases) {
    Peer p;
    ASSERT_TRUE(ParsePeer(c.in, &p)) << c.in;
    EXPECT_EQ(p.name, c.name) << c.in;
    EXPECT_EQ(p.address, c.address) << c.in;
    EXPECT_EQ(p.port, c.port) << c.in;
  }
}

TEST(Fields, ParsePeerRejectsUnclosedBracketAndTrailingText) {
  Peer p;
  EXPECT_FALSE(ParsePeer("", &p));
  EXPECT_FALSE(ParsePeer("mx[192.0.2.1", &p));
  EXPECT_FALSE(ParsePeer("mx[192.0.2.1] said", &p));
}

TEST(Fields, CursorReadPeerLeavesColonAfterAddress) {
  Cursor c("unknown[72.13.58.7]: 554 5.7.1 no");
  Peer p;
  ASSERT_TRUE(c.ReadPeer(&p));
  EXPECT_EQ(p.port, "") << "a \": \" after \"]\" is not a port";
  EXPECT_EQ(c.rest(), ": 554 5.7.1 no");
}

TEST(Fields, ReadReplyCodesTakesFirstEnhancedCodeAfterTheCode) {
  struct Case {
    std::string_view reply;
    int code;
    std::string_view enhanced;
  } cases[] = {
      {"550 5.1.1 <bob@example.net>: User unknown", 550, "5.1.1"},
      {"550-5.7.26 This message does not have 550-5.7.26 ...", 550, "5.7.26"},
      {"451 4.5.1 Mailbox full", 451, "4.5.1"},
      {"550 5.12.345 <user@example.com>: Some error", 550, "5.12.345"},
      {"451-You have been greylisted. 451 4.7.1 later", 451, ""},
      {"5.7.1 Blocked by SpamAssassin", 0, "5.7.1"},
      {"250 Ok: queued as 6EAC4719EB", 250, ""},
      {"554       <to@example.net>: Relay access denied", 554, ""},
      {"delivered to maildir", 0, ""},
      {"550", 550, ""},
      {"5500 no", 0, ""},
      {"", 0, ""},
  };
  for (const Case& c : cases) {
    int code = -1;
    std::string_view enhanced = "x";
    ReadReplyCodes(c.reply, &code, &enhanced);
    EXPECT_EQ(code, c.code) << c.reply;
    EXPECT_EQ(enhanced, c.enhanced) << c.reply;
  }
}

TEST(Fields, ParseDecimalReadsDelayValues) {
  struct Case {
    std::string_view in;
    double want;
  } cases[] = {{"0.47", 0.47}, {"248122", 248122}, {"0", 0}, {"0.01", 0.01}, {"3.6", 3.6}};
  for (const Case& c : cases) {
    double got = -1;
    ASSERT_TRUE(ParseDecimal(c.in, &got)) << c.in;
    EXPECT_DOUBLE_EQ(got, c.want) << c.in;
  }
  double d;
  EXPECT_FALSE(ParseDecimal("", &d));
  EXPECT_FALSE(ParseDecimal("1.2x", &d));
  EXPECT_FALSE(ParseDecimal(".", &d));
  // Hostile lengths: read while they fit, refused (not overflowed) beyond.
  ASSERT_TRUE(ParseDecimal("999999999999999999", &d));  // 18 digits
  EXPECT_DOUBLE_EQ(d, 999999999999999999.0);
  EXPECT_FALSE(ParseDecimal("7777777777777777777777", &d));
  EXPECT_FALSE(ParseDecimal("77777777777777777777.5", &d));
}

TEST(Fields, CursorSkipAndReadUntilConsumeNothingOnFailure) {
  Cursor c("connect from x[1.2.3.4]");
  EXPECT_FALSE(c.Skip("disconnect"));
  EXPECT_EQ(c.pos(), 0u);
  std::string_view out;
  EXPECT_FALSE(c.ReadUntil(" said: ", &out));
  EXPECT_EQ(c.pos(), 0u);
  EXPECT_TRUE(c.ReadUntil(" from ", &out));
  EXPECT_EQ(out, "connect");
  EXPECT_EQ(c.rest(), "x[1.2.3.4]");
}

TEST(Fields, StripAnglesAndTrim) {
  EXPECT_EQ(StripAngles("<a@b>"), "a@b");
  EXPECT_EQ(StripAngles("<>"), "");
  EXPECT_EQ(StripAngles("a@b"), "a@b");
  EXPECT_EQ(StripAngles("<a@b"), "<a@b");
  EXPECT_EQ(TrimSpaces("  x y \t"), "x y");
}

TEST(Fields, FindLastAgreesWithStringViewRfindEverywhere) {
  std::mt19937 random(11);
  const std::string alphabet = "ab, =(o";  // few letters: many partial matches
  for (int round = 0; round < 300; ++round) {
    std::string text(random() % 70, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    const std::string_view view(text);
    for (int k = 0; k < 20; ++k) {
      std::string needle(random() % 9, ' ');
      if (!text.empty() && k % 2 == 0) {
        needle = text.substr(random() % text.size(), random() % 9);
      } else {
        for (char& c : needle) c = alphabet[random() % alphabet.size()];
      }
      ASSERT_EQ(FindLast(view, needle), view.rfind(needle)) << "text '" << text << "' needle '" << needle << "'";
    }
  }
  EXPECT_EQ(FindLast("a (in reply to RCPT TO command) (in reply to x", "(in reply to "), 32u);
}

}  // namespace
}  // namespace mailwhy::postfix
