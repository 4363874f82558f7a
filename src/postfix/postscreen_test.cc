// postscreen_test - postscreen's verdicts and rejects, dnsblog's answers (postscreen.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Postscreen, VerdictsGiveActionClientAndStage) {
  struct Case {
    std::string_view message, action, address, port, stage;
  } cases[] = {
      {"PASS OLD [185.48.118.128]:36942", "PASS OLD", "185.48.118.128", "36942", ""},
      {"PASS NEW [2607:f8b0:4003:c01::23a]:36051", "PASS NEW", "2607:f8b0:4003:c01::23a", "36051",
       ""},
      {"DISCONNECT [216.81.72.72]:43421", "DISCONNECT", "216.81.72.72", "43421", ""},
      {"WHITELISTED [61.238.241.86]:53024", "WHITELISTED", "61.238.241.86", "53024", ""},
      {"ALLOWLIST VETO [61.238.241.86]:53024", "ALLOWLIST VETO", "61.238.241.86", "53024", ""},
      {"COMMAND TIME LIMIT from [114.223.181.147]:59869 after STARTTLS", "COMMAND TIME LIMIT",
       "114.223.181.147", "59869", "STARTTLS"},
      {"NON-SMTP COMMAND from [93.174.93.51]:45284 after CONNECT: GET http://x/ HTTP/1.1",
       "NON-SMTP COMMAND", "93.174.93.51", "45284", "CONNECT"},
      {"BARE NEWLINE from [88.208.233.4]:42606 after .", "BARE NEWLINE", "88.208.233.4", "42606",
       "."},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/postscreen", c.message);
    EXPECT_EQ(ev.kind, EventKind::kPostscreen) << c.message;
    EXPECT_EQ(ev.action, c.action) << c.message;
    EXPECT_EQ(ev.client.name, "") << c.message;
    EXPECT_EQ(ev.client.address, c.address) << c.message;
    EXPECT_EQ(ev.client.port, c.port) << c.message;
    EXPECT_EQ(ev.stage, c.stage) << c.message;
  }
}

TEST(Postscreen, ConnectNamesTheListener) {
  Event ev = ParseMessage("postfix/postscreen",
                          "CONNECT from [185.48.118.128]:36942 to [188.34.187.246]:25");
  EXPECT_EQ(ev.action, "CONNECT");
  EXPECT_EQ(ev.server.address, "188.34.187.246");
  EXPECT_EQ(ev.server.port, "25");
}

TEST(Postscreen, PregreetHangupAndDnsblRank) {
  Event p = ParseMessage("postfix/postscreen",
                         "PREGREET 11 after 0.23 from [180.214.239.18]:59187: EHLO User\\r\\n");
  EXPECT_EQ(p.action, "PREGREET");
  EXPECT_EQ(p.count, 11);
  EXPECT_DOUBLE_EQ(p.delay, 0.23);
  EXPECT_EQ(p.text, "EHLO User\\r\\n");
  Event h = ParseMessage("postfix/postscreen",
                         "HANGUP after 2.2 from [122.189.87.41]:52908 in tests after SMTP "
                         "handshake");
  EXPECT_EQ(h.action, "HANGUP");
  EXPECT_DOUBLE_EQ(h.delay, 2.2);
  EXPECT_EQ(h.text, "tests after SMTP handshake");
  Event d = ParseMessage("postfix/postscreen", "DNSBL rank 3 for [180.214.239.18]:59187");
  EXPECT_EQ(d.action, "DNSBL");
  EXPECT_EQ(d.count, 3);
}

TEST(Postscreen, RejectUsesCommasBetweenEnvelopeKeys) {
  Event ev = ParseMessage("postfix/postscreen",
                          "NOQUEUE: reject: RCPT from [185.246.220.193]:62795: 550 5.7.1 Service "
                          "unavailable; client [185.246.220.193] blocked using zen.spamhaus.org; "
                          "from=<ripe@uhu-banane.de>, to=<zzz@hotmail.com>, proto=ESMTP, "
                          "helo=<3BqSwxw>");
  EXPECT_EQ(ev.kind, EventKind::kSmtpdReject);
  EXPECT_EQ(ev.client.port, "62795");
  EXPECT_EQ(ev.zone, "zen.spamhaus.org");
  EXPECT_EQ(ev.from, "ripe@uhu-banane.de");
  EXPECT_EQ(ev.to, "zzz@hotmail.com");
  EXPECT_EQ(ev.proto, "ESMTP");
  EXPECT_EQ(ev.helo, "3BqSwxw");
  Event busy = ParseMessage("postfix/postscreen",
                            "NOQUEUE: reject: CONNECT from [1.2.3.4]:1337: too many connections");
  EXPECT_EQ(busy.kind, EventKind::kSmtpdReject);
  EXPECT_EQ(busy.stage, "CONNECT");
  EXPECT_EQ(busy.text, "too many connections");
}

TEST(Postscreen, CacheCleanupIsNoise) {
  Event ev = ParseMessage("postfix/postscreen",
                          "cache btree:/var/lib/postfix-in/postscreen_cache full cleanup: "
                          "retained=242 dropped=7 entries");
  EXPECT_EQ(ev.kind, EventKind::kNoise);
}

TEST(Dnsblog, ListedAddressZoneAndAnswer) {
  Event ev = ParseMessage("postfix/dnsblog",
                          "addr 180.214.239.18 listed by domain zen.spamhaus.org as 127.0.0.4");
  EXPECT_EQ(ev.kind, EventKind::kDnsblogListed);
  EXPECT_EQ(ev.client.address, "180.214.239.18");
  EXPECT_EQ(ev.zone, "zen.spamhaus.org");
  EXPECT_EQ(ev.text, "127.0.0.4");
}

}  // namespace
}  // namespace mailwhy
