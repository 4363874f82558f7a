// smtp_test - smtp/lmtp notes that name no recipient (smtp.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(SmtpNote, RemoteSaidOnANonFinalMx) {
  Event ev = ParseMessage("postfix/smtp",
                          "ED59C3D: host mail2.example.com[1.74.253.23] said: 450 4.7.1 "
                          "<user@example.com>: Recipient address rejected: Greylisted for 5 "
                          "minutes (in reply to RCPT TO command)");
  EXPECT_EQ(ev.kind, EventKind::kSmtpNote);
  EXPECT_EQ(ev.qid, "ED59C3D");
  EXPECT_EQ(ev.reply.shape, TextShape::kRemoteReply);
  EXPECT_EQ(ev.reply.code, 450);
  EXPECT_EQ(ev.reply.command, "RCPT TO");
  EXPECT_EQ(ev.relay_peer.name, "mail2.example.com");
  EXPECT_EQ(ev.text.substr(0, 5), "host ");
}

TEST(SmtpNote, RefusedToTalkNoteWithoutRecipient) {
  Event ev = ParseMessage("postfix/smtp",
                          "8B84D8D1CF: host mail.example.net[203.0.113.112] refused to talk to "
                          "me: 554 Local Policy Violation – see https://ipcheck.example.net/"
                          "dnsbl-lookup.cgi?ip=203.0.113.111");
  EXPECT_EQ(ev.kind, EventKind::kSmtpNote);
  EXPECT_EQ(ev.reply.shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(ev.reply.code, 554);
  EXPECT_EQ(ev.to, "");
}

TEST(SmtpNote, LostConnectionAndConversationTimeout) {
  Event a = ParseMessage("postfix/smtp",
                         "E83BB301202A: lost connection with h-bbc4b9165ca8[254.112.58.83] while "
                         "sending RCPT TO");
  EXPECT_EQ(a.kind, EventKind::kSmtpNote);
  EXPECT_EQ(a.reply.shape, TextShape::kLostConnection);
  EXPECT_EQ(a.reply.command, "sending RCPT TO");
  Event b = ParseMessage("postfix/lmtp",
                         "78D6B41: conversation with mx00.gmx.com[74.208.5.4] timed out while "
                         "receiving the initial server greeting");
  EXPECT_EQ(b.kind, EventKind::kSmtpNote);
  EXPECT_EQ(b.reply.shape, TextShape::kConversationTimeout);
  EXPECT_EQ(b.relay_peer.address, "74.208.5.4");
}

TEST(SmtpNote, ConnectToWithoutQueueIdIsAConnectFailure) {
  Event ev = ParseMessage("postfix/smtp",
                          "connect to drozta.us[213.163.84.205]:25: Connection refused");
  EXPECT_EQ(ev.kind, EventKind::kSmtpConnectFail);
  EXPECT_EQ(ev.qid, "");
  EXPECT_EQ(ev.relay_peer.name, "drozta.us");
  EXPECT_EQ(ev.relay_peer.port, "25");
  EXPECT_EQ(ev.reply.reply, "Connection refused");
}

TEST(SmtpNote, PixWorkaroundsAndRelayhostSasl) {
  Event pix = ParseMessage("postfix/smtp",
                           "B0ADE20FC7: enabling PIX workarounds: disable_esmtp delay_dotcrlf for "
                           "example.com[93.184.216.34]:25");
  EXPECT_EQ(pix.kind, EventKind::kSmtpNote);
  EXPECT_EQ(pix.action, "enabling PIX workarounds");
  EXPECT_EQ(pix.relay_peer.port, "25");
  Event sasl = ParseMessage("postfix/smtp",
                            "D0F29603B4: SASL authentication failed; server xyz.example.com"
                            "[1.2.3.4] said: 535 5.7.8 Error: authentication failed: "
                            "authentication failure");
  EXPECT_EQ(sasl.kind, EventKind::kSmtpNote);
  EXPECT_EQ(sasl.action, "SASL authentication failed");
  EXPECT_EQ(sasl.reply.code, 535);
  EXPECT_EQ(sasl.reply.enhanced, "5.7.8");
  EXPECT_EQ(sasl.relay_peer.name, "xyz.example.com");
}

TEST(SmtpNote, SmtpHeaderChecksAreCheckActions) {
  Event ev = ParseMessage("postfix/smtp",
                          "A1B2C3D4E5: replace: header From: \"Postmaster\" <postmaster@a.example>"
                          ": From: \"Postmaster\" <postmaster@b.example>");
  EXPECT_EQ(ev.kind, EventKind::kCleanupAction);
  EXPECT_EQ(ev.action, "replace");
  EXPECT_EQ(ev.stage, "header");
}

TEST(SmtpNote, WarningsStayWarnings) {
  Event ev = ParseMessage("postfix/smtp",
                          "warning: host example.com[192.168.0.1] greeted me with my own hostname "
                          "example.com");
  EXPECT_EQ(ev.kind, EventKind::kWarning);
  EXPECT_EQ(ev.severity, "warning");
}

}  // namespace
}  // namespace mailwhy
