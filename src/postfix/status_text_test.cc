// status_text_test - ParseStatusText(): one case per shape of §3.6's catalogue, then the
// details (codes, command, suspended, queued as).
#include <gtest/gtest.h>

#include "postfix/event_parser.h"
#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

struct ShapeCase {
  std::string_view text;
  TextShape shape;
  int code;
  std::string_view enhanced, command, remote_name, remote_address;
};

TEST(StatusText, EachShapeOfTheCatalogue) {
  const ShapeCase cases[] = {
      {"host monikura.rei.jp[XXX.XXX.XXX.XXX] said: 451 4.5.1 Mailbox full (in reply to end of "
       "DATA command)",
       TextShape::kRemoteReply, 451, "4.5.1", "end of DATA", "monikura.rei.jp", "XXX.XXX.XXX.XXX"},
      {"host mg2.egov.bg[213.91.191.86] refused to talk to me: 450 4.3.2 try again later",
       TextShape::kRefusedToTalk, 450, "4.3.2", "", "mg2.egov.bg", "213.91.191.86"},
      {"connect to mail.example.net[203.0.113.112]:25: Connection timed out",
       TextShape::kConnectFailed, 0, "", "", "mail.example.net", "203.0.113.112"},
      {"lost connection with mta7.am0.yahoodns.net[98.136.216.22] while sending RCPT TO",
       TextShape::kLostConnection, 0, "", "sending RCPT TO", "mta7.am0.yahoodns.net",
       "98.136.216.22"},
      {"conversation with mx00.gmx.com[74.208.5.4] timed out while receiving the initial server "
       "greeting",
       TextShape::kConversationTimeout, 0, "", "receiving the initial server greeting",
       "mx00.gmx.com", "74.208.5.4"},
      {"Host or domain name not found. Name service error for name=mydomain.net type=MX: Host "
       "not found, try again",
       TextShape::kHostNotFound, 0, "", "", "mydomain.net", ""},
      {"Domain example.com does not accept mail (nullMX)", TextShape::kNullMx, 0, "", "",
       "example.com", ""},
      {"TLS is required, but was not offered by host mx.example.com[192.0.2.1]",
       TextShape::kTlsRequired, 0, "", "", "mx.example.com", "192.0.2.1"},
      {"250 2.0.0 Ok: queued as 153053D", TextShape::kBareReply, 250, "2.0.0", "", "", ""},
      {"delivered to maildir", TextShape::kLocal, 0, "", "", "", ""},
      {"unknown user: \"ghdsgfhdslfh\"", TextShape::kLocal, 0, "", "", "", ""},
      {"", TextShape::kNone, 0, "", "", "", ""},
  };
  for (const ShapeCase& c : cases) {
    ReplyInfo r;
    ParseStatusText(c.text, &r);
    EXPECT_EQ(r.shape, c.shape) << c.text;
    EXPECT_EQ(r.code, c.code) << c.text;
    EXPECT_EQ(r.enhanced, c.enhanced) << c.text;
    EXPECT_EQ(r.command, c.command) << c.text;
    EXPECT_EQ(r.remote.name, c.remote_name) << c.text;
    EXPECT_EQ(r.remote.address, c.remote_address) << c.text;
  }
}

TEST(StatusText, RemoteReplyDropsInReplyToFromTheReply) {
  ReplyInfo r;
  ParseStatusText("host mx.example.com[11.22.33.44] said: 550 5.1.1 <invalid.email@example.com> "
                  "User unknown (in reply to RCPT TO command)",
                  &r);
  EXPECT_EQ(r.reply, "550 5.1.1 <invalid.email@example.com> User unknown");
  EXPECT_EQ(r.command, "RCPT TO");
}

TEST(StatusText, MultiLineReplyTakesTheFirstEnhancedCode) {
  ReplyInfo r;
  ParseStatusText("host gmail-smtp-in.l.google.com[142.250.157.27] said: 550-5.7.26 This message "
                  "does not have authentication information or fails to 550-5.7.26 pass "
                  "authentication checks (SPF or DKIM). 550 5.7.26 information. - gsmtp (in "
                  "reply to end of DATA command)",
                  &r);
  EXPECT_EQ(r.code, 550);
  EXPECT_EQ(r.enhanced, "5.7.26");
  EXPECT_EQ(r.command, "end of DATA");
}

TEST(StatusText, SuspendedPrefixIsRemovedAndTheRestParsed) {
  ReplyInfo r;
  ParseStatusText("delivery temporarily suspended: connect to 24.200.177.247[24.200.177.247]:25: "
                  "Connection timed out",
                  &r);
  EXPECT_TRUE(r.suspended);
  EXPECT_EQ(r.shape, TextShape::kConnectFailed);
  EXPECT_EQ(r.remote.port, "25");
  EXPECT_EQ(r.reply, "Connection timed out");
  ParseStatusText("delivery temporarily suspended: transport is unavailable", &r);
  EXPECT_TRUE(r.suspended);
  EXPECT_EQ(r.shape, TextShape::kLocal);
}

TEST(StatusText, RefusedToTalkWithExtraColonFromSeed004) {
  ReplyInfo r;
  ParseStatusText("host mail.example.net[203.0.113.112]: refused to talk to me: 554 Local Policy "
                  "Violation – see https://ipcheck.example.net/dnsbl-lookup.cgi?ip=203.0.113.111",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(r.code, 554);
  EXPECT_EQ(r.remote.address, "203.0.113.112");
}

TEST(StatusText, QueuedAsFromAFiltersNestedReply) {
  ReplyInfo r;
  ParseStatusText("250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as "
                  "4PbC4z6W5Qz3tG3",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kBareReply);
  EXPECT_EQ(r.queued_as, "4PbC4z6W5Qz3tG3");
  EXPECT_FALSE(r.forwarded);
}

TEST(StatusText, ForwardedAsIsAChildOfLocalDelivery) {
  ReplyInfo r;
  ParseStatusText("forwarded as 4PbMVH1yTpz3tG3", &r);
  EXPECT_EQ(r.shape, TextShape::kLocal);
  EXPECT_EQ(r.queued_as, "4PbMVH1yTpz3tG3");
  EXPECT_TRUE(r.forwarded);
}

TEST(StatusText, HostNotFoundKeepsTheResolversWords) {
  ReplyInfo r;
  ParseStatusText("Host or domain name not found. Name service error for name=hennig-berlin.com "
                  "type=AAAA: Host not found",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kHostNotFound);
  EXPECT_EQ(r.remote.name, "hennig-berlin.com");
  EXPECT_EQ(r.reply, "Host not found");
}

TEST(StatusText, OldConnectFormWithPortInParentheses) {
  ReplyInfo r;
  ParseStatusText("connect to example.org[10.0.0.1]: Connection refused (port 25)", &r);
  EXPECT_EQ(r.shape, TextShape::kConnectFailed);
  EXPECT_EQ(r.remote.port, "25");
  EXPECT_EQ(r.reply, "Connection refused");
  ParseStatusText("connect to mail.example.com[10.0.0.1]: server refused to talk to me: 452 try "
                  "later   (port 25)",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(r.code, 452);
}

TEST(StatusText, OldConversationWithoutAddress) {
  ReplyInfo r;
  ParseStatusText("conversation with mail.example.com timed out while sending end of data -- "
                  "message may be sent more than once",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kConversationTimeout);
  EXPECT_EQ(r.remote.name, "mail.example.com");
  EXPECT_EQ(r.command, "sending end of data -- message may be sent more than once");
}

TEST(StatusText, BareReplyWithInReplyToFromAnArticle) {
  ReplyInfo r;  // seeds/CASES.md case 15
  ParseStatusText("550 sorry, no mailbox here by that name. (#5.1.1) (in reply to RCPT TO command)",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kBareReply);
  EXPECT_EQ(r.code, 550);
  EXPECT_EQ(r.enhanced, "");
  EXPECT_EQ(r.command, "RCPT TO");
}

TEST(StatusText, CutTextKeepsWhatItHas) {
  ReplyInfo r;
  ParseStatusText("host mx.example.com[192.0.2.1] said: 550-5.7.1 Our system has (in reply", &r);
  EXPECT_EQ(r.shape, TextShape::kRemoteReply);
  EXPECT_EQ(r.command, "");
  EXPECT_EQ(r.reply, "550-5.7.1 Our system has (in reply");
}

}  // namespace
}  // namespace mailwhy
