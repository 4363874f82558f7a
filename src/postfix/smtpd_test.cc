// smtpd_test - smtpd's own lines and its access decisions (smtpd.cc, access_action.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Smtpd, RejectTailFoundFromLastSemicolonFrom) {
  Event ev = ParseMessage(
      "postfix/smtpd",
      "NOQUEUE: reject: RCPT from monikura.rei.jp[XXX.XXX.XXX.XXX]: 554 5.7.1 Service "
      "unavailable; Client host [XXX.XXX.XXX.XXX] blocked using sbl-xbl.spamhaus.org; "
      "https://www.spamhaus.org/query/ip/XXX.XXX.XXX.XXX; from=<test@monikura.rei.com> "
      "to=<test@monikura.rei.jp> proto=ESMTP helo=<monikura.rei.com>");
  EXPECT_EQ(ev.kind, EventKind::kSmtpdReject);
  EXPECT_EQ(ev.qid, "NOQUEUE");
  EXPECT_EQ(ev.action, "reject");
  EXPECT_EQ(ev.stage, "RCPT");
  EXPECT_EQ(ev.client.name, "monikura.rei.jp");
  EXPECT_EQ(ev.client.address, "XXX.XXX.XXX.XXX");
  EXPECT_EQ(ev.reply.code, 554);
  EXPECT_EQ(ev.reply.enhanced, "5.7.1");
  EXPECT_EQ(ev.reply.reply,
            "554 5.7.1 Service unavailable; Client host [XXX.XXX.XXX.XXX] blocked using "
            "sbl-xbl.spamhaus.org; https://www.spamhaus.org/query/ip/XXX.XXX.XXX.XXX");
  EXPECT_EQ(ev.text, ev.reply.reply);
  EXPECT_EQ(ev.zone, "sbl-xbl.spamhaus.org");
  EXPECT_TRUE(ev.has_from);
  EXPECT_EQ(ev.from, "test@monikura.rei.com");
  EXPECT_EQ(ev.to, "test@monikura.rei.jp");
  EXPECT_EQ(ev.proto, "ESMTP");
  EXPECT_EQ(ev.helo, "monikura.rei.com");
}

TEST(Smtpd, ZoneIsTheDomainAfterBlockedUsing) {
  Event ev = ParseMessage("postfix/smtpd",
                          "NOQUEUE: reject: RCPT from unknown[10.0.0.3]: 554 Service unavailable; "
                          "[10.0.0.3] blocked using bl.spamcop.net, reason: Blocked - see "
                          "http://www.spamcop.net/bl.shtml?10.0.0.3; from=<a@example.net> "
                          "to=<b@example.com>");
  EXPECT_EQ(ev.zone, "bl.spamcop.net");
  Event custom = ParseMessage("postfix/smtpd",
                              "NOQUEUE: reject: RCPT from x[10.0.0.1]: 550 5.7.1 Service "
                              "unavailable; Client host [10.0.0.1] blocked using Trend Micro "
                              "RBL+. Please see http://example.com/; from=<a@b.example> "
                              "to=<c@d.example> proto=SMTP helo=<x>");
  EXPECT_EQ(custom.zone, "") << "a custom reply text names no zone";
}

TEST(Smtpd, RejectWithoutSenderStartsTailAtTo) {
  Event ev = ParseMessage("postfix/smtpd",
                          "NOQUEUE: reject: VRFY from unknown[2001:968:9999:20:88b:9b7d:2a54:2bd2]"
                          ": 454 4.7.1 <aap@henk.com>: Relay access denied; to=<aap@henk.com> "
                          "proto=SMTP helo=<me>");
  EXPECT_EQ(ev.stage, "VRFY");
  EXPECT_FALSE(ev.has_from);
  EXPECT_EQ(ev.to, "aap@henk.com");
  EXPECT_EQ(ev.reply.reply, "454 4.7.1 <aap@henk.com>: Relay access denied");
}

TEST(Smtpd, RejectWithOnlyProtoAndNoTailAtAll) {
  Event ev = ParseMessage("postfix/smtpd",
                          "NOQUEUE: reject: CONNECT from unknown[192.0.2.114]: 450 4.7.25 Client "
                          "host rejected: cannot find your hostname, [178.215.236.114]; "
                          "proto=SMTP");
  EXPECT_EQ(ev.proto, "SMTP");
  EXPECT_EQ(ev.reply.reply,
            "450 4.7.25 Client host rejected: cannot find your hostname, [178.215.236.114]");
  Event bare = ParseMessage("postfix/smtpd",
                            "NOQUEUE: reject: RCPT from unk[10.0.0.1]: 550 5.7.1 Client host "
                            "rejected: cannot find your reverse hostname, [10.0.0.1]");
  EXPECT_EQ(bare.reply.reply,
            "550 5.7.1 Client host rejected: cannot find your reverse hostname, [10.0.0.1]");
  EXPECT_EQ(bare.to, "");
}

TEST(Smtpd, RejectRecipientHoldingAngleBrackets) {
  Event ev = ParseMessage("postfix/smtpd",
                          "NOQUEUE: reject_warning: VRFY from host[10.0.0.1]: 450 4.1.2 <<1F4@bs>>"
                          ": Recipient address rejected: Domain not found; to=<<1F4@bs>> "
                          "proto=SMTP helo=<friend>");
  EXPECT_EQ(ev.action, "reject_warning");
  EXPECT_EQ(ev.to, "<1F4@bs>");
  EXPECT_EQ(ev.helo, "friend");
}

TEST(Smtpd, RejectWithQueueIdAndClientPort) {
  Event ev = ParseMessage("postfix/smtps/smtpd",
                          "DE81A2E2DAA: reject: RCPT from unknown[2a02:168:636a::15e2]:52113: 550 "
                          "5.1.1 <h@x.com>: Recipient address rejected: User unknown in virtual "
                          "mailbox table; from=<h-d2315d@h-24e89d.com> to=<h@x.com> proto=ESMTP "
                          "helo=<[IPv6:2a02:168:636a::15e2]>");
  EXPECT_EQ(ev.qid, "DE81A2E2DAA");
  EXPECT_EQ(ev.service, "smtps");
  EXPECT_EQ(ev.client.port, "52113");
  EXPECT_EQ(ev.helo, "[IPv6:2a02:168:636a::15e2]");
}

TEST(Smtpd, AccessActionsOtherThanReject) {
  struct Case {
    std::string_view message, action, stage;
  } cases[] = {
      {"NOQUEUE: milter-reject: RCPT from mailrelay.example.com[8.8.8.8]: 451 4.7.1 Greylisting "
       "in action, please come back later; from=<support@example.com> to=<example@example.org> "
       "proto=ESMTP helo=<mailrelay.example.com>",
       "milter-reject", "RCPT"},
      {"NOQUEUE: filter: RCPT from unknown[85.25.255.255]: <mail@sender.com>: Sender address "
       "triggers FILTER smtp-amavis:[127.0.0.1]:10024; from=<mail@sender.com> to=<user@domain.com>"
       " proto=ESMTP helo=<plutoapp.biz>",
       "filter", "RCPT"},
      {"1D8CC1CA0A7F: milter-reject: DATA from 66-220-155-151.mail-mail.facebook.com"
       "[192.0.2.151]: 550 5.7.1 Command rejected; from=<security@mail.example.com> "
       "to=<hostmaster@example.com> proto=ESMTP helo=<192-0-2-151.mail-mail.example.com>",
       "milter-reject", "DATA"},
      {"NOQUEUE: hold: RCPT from host[10.0.0.1]: <eto@example.com>: Recipient address triggers "
       "HOLD action; from=<f@sample.net> to=<eto@example.com> proto=SMTP helo=<10.0.0.1>",
       "hold", "RCPT"},
      {"NOQUEUE: abort: TLS from unknown[192.0.2.1]: Cannot start TLS: handshake failure", "abort",
       "TLS"},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/smtpd", c.message);
    EXPECT_EQ(ev.kind, EventKind::kSmtpdReject) << c.message;
    EXPECT_EQ(ev.action, c.action) << c.message;
    EXPECT_EQ(ev.stage, c.stage) << c.message;
  }
}

TEST(Smtpd, ProxyRejectAndProxyAccept) {
  Event rej = ParseMessage("postfix/smtpd",
                           "NOQUEUE: proxy-reject: END-OF-MESSAGE: 554 5.7.0 Reject, contact "
                           "postmaster@example.com, id=31619-02 - spam; from=<> to=<user2@example2"
                           ".com> proto=SMTP helo=<17.33.12.53>");
  EXPECT_EQ(rej.kind, EventKind::kSmtpdReject);
  EXPECT_EQ(rej.action, "proxy-reject");
  EXPECT_EQ(rej.stage, "END-OF-MESSAGE");
  EXPECT_EQ(rej.reply.code, 554);
  EXPECT_EQ(rej.reply.enhanced, "5.7.0");
  EXPECT_TRUE(rej.has_from);
  EXPECT_EQ(rej.from, "");
  Event empty = ParseMessage("postfix/smtpd",
                             "proxy-reject: END-OF-MESSAGE: ; from=<user1@test.example.com> "
                             "to=<user2@example2.com> proto=ESMTP helo=<[192.168.0.16]>");
  EXPECT_EQ(empty.reply.reply, "");
  EXPECT_EQ(empty.to, "user2@example2.com");
  Event acc = ParseMessage("postfix/smtpd",
                           "proxy-accept: END-OF-MESSAGE: 250 2.0.0 from MTA(smtp:[127.0.0.1]:"
                           "10013): 250 2.0.0 Ok: queued as DF66E940333; from=<user1@test.example"
                           ".com> to=<user2@example2.com> proto=ESMTP helo=<[127.0.0.1]>");
  EXPECT_EQ(acc.action, "proxy-accept");
  EXPECT_EQ(acc.child_qid, "DF66E940333");
}

TEST(Smtpd, ConnectAndDisconnectWithCommandCounts) {
  Event c = ParseMessage("postfix/smtpd", "connect from unknown[2a02:168:636a::15e2]");
  EXPECT_EQ(c.kind, EventKind::kSmtpdConnect);
  EXPECT_EQ(c.client.address, "2a02:168:636a::15e2");
  Event d = ParseMessage("postfix/smtpd",
                         "disconnect from example.org[198.51.100.100] ehlo=1 auth=1 mail=1 rcpt=1 "
                         "data=1 rset=1 quit=1 commands=7");
  EXPECT_EQ(d.kind, EventKind::kSmtpdDisconnect);
  EXPECT_EQ(d.client.name, "example.org");
  EXPECT_EQ(d.counts, "ehlo=1 auth=1 mail=1 rcpt=1 data=1 rset=1 quit=1 commands=7");
  Event old = ParseMessage("postfix/smtpd", "disconnect from jurann.biz[77.95.228.43]");
  EXPECT_EQ(old.counts, "");
  Event u = ParseMessage("postfix/smtpd", "disconnect from unknown[unknown] commands=0/0");
  EXPECT_EQ(u.client.address, "unknown");
  EXPECT_EQ(u.counts, "commands=0/0");
}

TEST(Smtpd, ClientLineWithSaslAndFilterFields) {
  Event ev = ParseMessage("postfix/smtpd",
                          "8B84D8D1CF: client=example.org[198.51.100.100], sasl_method=CRAM-MD5, "
                          "sasl_username=tu@example.com");
  EXPECT_EQ(ev.kind, EventKind::kSmtpdClient);
  EXPECT_EQ(ev.client.name, "example.org");
  EXPECT_EQ(ev.sasl_method, "CRAM-MD5");
  EXPECT_EQ(ev.sasl_username, "tu@example.com");
  Event f = ParseMessage("postfix/10025/smtpd",
                         "4PbC4z6W5Qz3tG3: client=localhost[127.0.0.1], orig_queue_id="
                         "4PbC4x469Jz3tBr, orig_client=mail.nistoresio.co.cz[185.31.160.120]");
  EXPECT_EQ(f.orig_queue_id, "4PbC4x469Jz3tBr");
  EXPECT_EQ(f.orig_client, "mail.nistoresio.co.cz[185.31.160.120]");
  Event s = ParseMessage("postfix/smtpd",
                         "A1B2C3D4E5: client=example.com[192.168.0.1], sasl_method=LOGIN, "
                         "sasl_username=user@example.com, sasl_sender=<id352ib@sample.net>");
  EXPECT_EQ(s.sasl_sender, "<id352ib@sample.net>");
}

TEST(Smtpd, LostConnectionTimeoutAndTooManyErrors) {
  struct Case {
    std::string_view message, action, stage;
    int64_t bytes;
    std::string_view qid;
  } cases[] = {
      {"lost connection after DATA (7774180 bytes) from unknown[72.13.58.7]", "lost connection",
       "DATA", 7774180, ""},
      {"NOQUEUE: lost connection after CONNECT from unknown[192.0.2.25]", "lost connection",
       "CONNECT", -1, "NOQUEUE"},
      {"timeout after END-OF-MESSAGE from unknown[72.13.58.7]", "timeout", "END-OF-MESSAGE", -1,
       ""},
      {"too many errors after RCPT from example.com[192.0.2.11]", "too many errors", "RCPT", -1,
       ""},
      {"lost connection after DATA (approximately 0 bytes) from example.com[10.0.0.1]",
       "lost connection", "DATA", 0, ""},
      {"bare <LF> received after CONNECT from example.net[1.2.3.4]", "bare <LF> received",
       "CONNECT", -1, ""},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/smtpd", c.message);
    EXPECT_EQ(ev.kind, EventKind::kSmtpdLostConnection) << c.message;
    EXPECT_EQ(ev.action, c.action) << c.message;
    EXPECT_EQ(ev.stage, c.stage) << c.message;
    EXPECT_EQ(ev.count, c.bytes) << c.message;
    EXPECT_EQ(ev.qid, c.qid) << c.message;
  }
}

TEST(Smtpd, SaslFailureWithAndWithoutClientPort) {
  Event a = ParseMessage("postfix/submission/smtpd",
                         "warning: unknown[112.95.43.75]: SASL LOGIN authentication failed: "
                         "UGFzc3dvcmQ6");
  EXPECT_EQ(a.kind, EventKind::kSmtpdSaslFailed);
  EXPECT_EQ(a.sasl_method, "LOGIN");
  EXPECT_EQ(a.client.address, "112.95.43.75");
  EXPECT_EQ(a.text, "SASL LOGIN authentication failed: UGFzc3dvcmQ6");
  Event b = ParseMessage("postfix/smtpd",
                         "warning: unknown[192.0.2.237]:55729: SASL LOGIN authentication failed: "
                         "authentication failure");
  EXPECT_EQ(b.client.port, "55729");
  Event c = ParseMessage("postfix/smtpd",
                         "warning: unknown[192.0.2.152]: SASL LOGIN authentication failed: "
                         "(reason unavailable), sasl_username=admin");
  EXPECT_EQ(c.sasl_username, "admin");
  EXPECT_EQ(c.text, "SASL LOGIN authentication failed: (reason unavailable)");
  Event d = ParseMessage("postfix/smtpd",
                         "warning: example.com[192.168.0.1]: SASL DIGEST-MD5 authentication "
                         "failed");
  EXPECT_EQ(d.sasl_method, "DIGEST-MD5");
}

TEST(Smtpd, WarningsNameTheirClient) {
  struct Case {
    std::string_view message, name, address;
  } cases[] = {
      {"warning: non-SMTP command from unknown[198.235.24.129]: GET / HTTP/1.1", "unknown",
       "198.235.24.129"},
      {"warning: Connection rate limit exceeded: 31 from spamhost.domain.org[192.0.2.123] for "
       "service smtpd",
       "spamhost.domain.org", "192.0.2.123"},
      {"warning: hostname some.client.com does not resolve to address 1.2.3.4", "some.client.com",
       "1.2.3.4"},
      {"warning: 122.179.84.12: address not listed for hostname abts-kk-dynamic.example.in",
       "abts-kk-dynamic.example.in", "122.179.84.12"},
      {"warning: dict_ldap_get_values[1]: DN uid=x not found, skipping", "", ""},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/smtpd", c.message);
    EXPECT_EQ(ev.kind, EventKind::kSmtpdWarning) << c.message;
    EXPECT_EQ(ev.severity, "warning") << c.message;
    EXPECT_EQ(ev.client.name, c.name) << c.message;
    EXPECT_EQ(ev.client.address, c.address) << c.message;
  }
}

TEST(Smtpd, ImproperPipelining) {
  Event ev = ParseMessage("postfix/smtpd",
                          "improper command pipelining after EHLO from unknown[2001:968:9999:20:"
                          "415c:cd2:da8e:d0cf]: MAIL FROM:<>\\nRCPT TO:<tom@example.net>\\n");
  EXPECT_EQ(ev.kind, EventKind::kSmtpdWarning);
  EXPECT_EQ(ev.stage, "EHLO");
  EXPECT_EQ(ev.client.address, "2001:968:9999:20:415c:cd2:da8e:d0cf");
}

TEST(Smtpd, DiscardingEhloKeywordsIsNoise) {
  Event ev = ParseMessage("postfix/smtpd", "discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME");
  EXPECT_EQ(ev.kind, EventKind::kNoise);
  EXPECT_EQ(ev.text, "CHUNKING ETRN DSN 8BITMIME");
}

}  // namespace
}  // namespace mailwhy
