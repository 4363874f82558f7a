// delivery_test - the to= grammar of log_adhoc.c, one case per rule.
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Delivery, AllFieldsOfASentLine) {
  Event ev = ParseMessage("postfix/smtp",
                          "7EE668039: to=<admin@example.com>, relay=127.0.0.1[127.0.0.1]:2525, "
                          "delay=3.6, delays=0.2/0.02/0.04/3.3, dsn=2.0.0, status=sent (250 2.0.0 "
                          "Ok: queued as 153053D)");
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.qid, "7EE668039");
  EXPECT_EQ(ev.to, "admin@example.com");
  EXPECT_EQ(ev.relay, "127.0.0.1[127.0.0.1]:2525");
  EXPECT_EQ(ev.relay_peer.address, "127.0.0.1");
  EXPECT_EQ(ev.relay_peer.port, "2525");
  EXPECT_DOUBLE_EQ(ev.delay, 3.6);
  EXPECT_DOUBLE_EQ(ev.delays[0], 0.2);
  EXPECT_DOUBLE_EQ(ev.delays[1], 0.02);
  EXPECT_DOUBLE_EQ(ev.delays[2], 0.04);
  EXPECT_DOUBLE_EQ(ev.delays[3], 3.3);
  EXPECT_EQ(ev.dsn, "2.0.0");
  EXPECT_EQ(ev.status, "sent");
  EXPECT_EQ(ev.text, "250 2.0.0 Ok: queued as 153053D");
  EXPECT_EQ(ev.reply.shape, TextShape::kBareReply);
  EXPECT_EQ(ev.reply.code, 250);
  EXPECT_EQ(ev.child_qid, "153053D");
  EXPECT_FALSE(ev.truncated);
}

TEST(Delivery, StatusTextRunsToLastParenthesis) {
  Event ev = ParseMessage("postfix/smtp",
                          "4E74613FE76: to=<r@gmail.com>, relay=gmail-smtp-in.l.google.com"
                          "[2607:f8b0:400e:c04::1b]:25, delay=1.9, delays=0.05/0/1.1/0.71, "
                          "dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com"
                          "[2607:f8b0:400e:c04::1b] said: 550-5.7.1 (SPF or DKIM) blocked (in "
                          "reply to end of DATA command))");
  EXPECT_EQ(ev.text, "host gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b] said: 550-5.7.1 "
                     "(SPF or DKIM) blocked (in reply to end of DATA command)");
  EXPECT_EQ(ev.reply.command, "end of DATA");
  EXPECT_EQ(ev.reply.reply, "550-5.7.1 (SPF or DKIM) blocked");
  EXPECT_FALSE(ev.truncated);
}

TEST(Delivery, MissingClosingParenthesisMeansTruncated) {
  Event ev = ParseMessage("postfix/smtp",
                          "A1B2C3D4E5: to=<a@example.com>, relay=mx[192.0.2.1]:25, delay=1, "
                          "delays=0/0/0.5/0.5, dsn=5.7.1, status=bounced (host mx[192.0.2.1] "
                          "said: 550-5.7.1 a (b) c 550-5.7.1 and then the record was cu");
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_TRUE(ev.truncated);
  EXPECT_EQ(ev.text, "host mx[192.0.2.1] said: 550-5.7.1 a (b) c 550-5.7.1 and then the record "
                     "was cu");
  EXPECT_EQ(ev.reply.code, 550);
}

TEST(Delivery, AddressWithoutAngleBrackets) {
  Event ev = ParseMessage("postfix/smtp",
                          "8B84D8D1CF: to=tu@example.net, relay=mail.example.net[203.0.113.112]:25,"
                          " delay=0.47, delays=0.16/0.05/0.09/0.17, dsn=2.0.0, status=sent (250 "
                          "2.0.0 Ok: queued as EEC702AAC0E)");
  EXPECT_EQ(ev.to, "tu@example.net");
  EXPECT_EQ(ev.child_qid, "EEC702AAC0E");
  Event local = ParseMessage("postfix/local",
                             "2A22C263F6: to=user@hostname.example.com, orig_to=root@localhost, "
                             "relay=local, delay=0.07, delays=0.04/0/0/0.03, dsn=2.0.0, "
                             "status=sent (delivered to command: procmail -a \"$EXTENSION\")");
  EXPECT_EQ(local.to, "user@hostname.example.com");
  EXPECT_EQ(local.orig_to, "root@localhost");
  EXPECT_EQ(local.relay, "local");
  EXPECT_EQ(local.relay_peer.name, "") << "relay=local is a transport, not a peer";
}

TEST(Delivery, QuotedLocalPartWithCommaSpaceAndAngle) {
  Event ev = ParseMessage("postfix/smtp",
                          "A1B2C3D4E5: to=<\"odd, name> x\"@example.com>, orig_to=<\"a, b\"@"
                          "example.org>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=5.1.1, "
                          "status=bounced (User unknown in virtual alias table)");
  EXPECT_EQ(ev.to, "\"odd, name> x\"@example.com");
  EXPECT_EQ(ev.orig_to, "\"a, b\"@example.org");
  EXPECT_EQ(ev.relay, "none");
  EXPECT_EQ(ev.status, "bounced");
}

TEST(Delivery, OldPostfixWithoutDelaysAndDsn) {
  Event ev = ParseMessage("postfix/smtp",
                          "DFCE5833E2: to=<timtim_nz@hotmail.com>, relay=none, delay=21, "
                          "status=deferred (Host or domain name not found. Name service error "
                          "for name=hotmail.com type=MX: Host not found, try again)");
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_DOUBLE_EQ(ev.delay, 21);
  EXPECT_DOUBLE_EQ(ev.delays[0], -1);
  EXPECT_EQ(ev.dsn, "");
  EXPECT_EQ(ev.status, "deferred");
  EXPECT_EQ(ev.reply.shape, TextShape::kHostNotFound);
}

TEST(Delivery, TlsFeatureFieldOfPostfix311) {
  Event ev = ParseMessage("postfix/smtp",
                          "7EE668039: to=<user@example.com>, relay=mail.example.com[1.2.3.4]:25, "
                          "delay=3.6, delays=0.08/0.02/0.85/0.14, tls=dane/!requiretls:nocertmatch,"
                          " dsn=2.1.5, status=sent (250 2.0.0 Ok: queued as 153053D)");
  EXPECT_EQ(ev.tls, "dane/!requiretls:nocertmatch");
  EXPECT_EQ(ev.dsn, "2.1.5");
}

TEST(Delivery, ConnUseWithOrWithoutComma) {
  Event ev = ParseMessage("postfix/smtp",
                          "D53A72713E5: to=<myemail@bellsouth.net>, relay=gateway-f1.isp.att.net"
                          "[204.127.217.16]:25, conn_use=2, delay=0.57, delays=0.11/0.03/0.23/"
                          "0.19, dsn=2.0.0, status=sent (250 ok ; id=20120227140036M0700qer4ne)");
  EXPECT_EQ(ev.conn_use, 2);
  EXPECT_DOUBLE_EQ(ev.delay, 0.57);
  Event td = ParseMessage("postfix/local",
                          "D8962E54: to=<anyone@example.com>, relay=local, conn_use=2 delay=0.21, "
                          "delays=0.05/0.02/0/0.14, dsn=4.1.1, status=SOFTBOUNCE (unknown user: "
                          "\"to\")");
  EXPECT_EQ(td.conn_use, 2);
  EXPECT_DOUBLE_EQ(td.delay, 0.21);
  EXPECT_EQ(td.status, "SOFTBOUNCE");
}

TEST(Delivery, ConnectFailureText) {
  Event ev = ParseMessage("postfix/smtp",
                          "8B84D8D1CF: to=tu@example.net, relay=none, delay=30, delays=0.03/0.03/"
                          "30/0, dsn=4.4.1, status=deferred (connect to mail.example.net"
                          "[203.0.113.112]:25: Connection timed out)");
  EXPECT_EQ(ev.relay, "none");
  EXPECT_EQ(ev.reply.shape, TextShape::kConnectFailed);
  EXPECT_EQ(ev.reply.remote.port, "25");
  EXPECT_EQ(ev.reply.reply, "Connection timed out");
}

TEST(Delivery, RetrySuspendedText) {
  Event ev = ParseMessage("postfix/retry",
                          "2DC5552A34: to=<user@yahoo.com>, relay=none, delay=63495, "
                          "delays=63350/144/0/0, dsn=4.4.2, status=deferred (delivery temporarily "
                          "suspended: lost connection with mta7.am0.yahoodns.net[98.136.216.22] "
                          "while sending RCPT TO)");
  EXPECT_TRUE(ev.reply.suspended);
  EXPECT_EQ(ev.reply.shape, TextShape::kLostConnection);
  EXPECT_EQ(ev.reply.command, "sending RCPT TO");
}

TEST(Delivery, ForwardedAsGivesChildQueueId) {
  Event ev = ParseMessage("postfix/local",
                          "4PbMVH1gW1z3tBr: to=<root@mail.uhu-banane.de>, relay=local, "
                          "delay=0.05, delays=0.01/0.03/0/0.01, dsn=2.0.0, status=sent "
                          "(forwarded as 4PbMVH1yTpz3tG3)");
  EXPECT_EQ(ev.child_qid, "4PbMVH1yTpz3tG3");
  EXPECT_TRUE(ev.reply.forwarded);
}

TEST(Delivery, TornFirstHalfIsATruncatedDelivery) {
  Event ev = ParseMessage("postfix/smtp",
                          "8B84D8D1CF: to=tu@example.net, relay=mail.example.net[203.0.113.112]:25,"
                          " delay=0.47, delays=0.16/0.05");
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_TRUE(ev.truncated);
  EXPECT_EQ(ev.to, "tu@example.net");
  EXPECT_DOUBLE_EQ(ev.delays[1], 0.05);
  EXPECT_DOUBLE_EQ(ev.delays[2], -1);
  EXPECT_EQ(ev.status, "");
}

TEST(Delivery, VerifyAndSoftbounceStatuses) {
  Event ev = ParseMessage("postfix/error",
                          "3E29030F8637E: to=<user@yahoo.com>, relay=none, delay=0.01, "
                          "delays=0.01/0/0/0, dsn=5.1.1, status=undeliverable-but-not-cached (User "
                          "unknown in virtual alias table)");
  EXPECT_EQ(ev.status, "undeliverable-but-not-cached");
  EXPECT_EQ(ev.text, "User unknown in virtual alias table");
  EXPECT_EQ(ev.reply.shape, TextShape::kLocal);
}

TEST(Delivery, CleanupAndQmgrMayLogDeliveryLinesToo) {
  Event c = ParseMessage("postfix/cleanup",
                         "A1B2C3D4E5: to=<envto@example.com>, relay=none, delay=0.11, "
                         "delays=0.11/0/0/0, dsn=5.7.1, status=bounced (header check)");
  EXPECT_EQ(c.kind, EventKind::kDelivery);
  EXPECT_EQ(c.daemon, "cleanup");
  Event q = ParseMessage("postfix/qmgr", "A1B2C3D4E5: status=deferred (bounce failed)");
  EXPECT_EQ(q.kind, EventKind::kDelivery);
  EXPECT_EQ(q.status, "deferred");
  EXPECT_EQ(q.text, "bounce failed");
}

}  // namespace
}  // namespace mailwhy
