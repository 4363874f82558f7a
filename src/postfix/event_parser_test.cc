// event_parser_test - dispatch by program, inference by shape, robustness and speed.
#include <cstdio>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(EventParser, OtherProgramsAreOther) {
  for (std::string_view tag : {"dovecot", "amavis", "opendkim", "policyd-spf", "postgrey"}) {
    Event ev = ParseMessage(tag, "connect from x[1.2.3.4]");
    EXPECT_EQ(ev.kind, EventKind::kOther) << tag;
    EXPECT_EQ(ev.text, "connect from x[1.2.3.4]") << tag;
  }
}

TEST(EventParser, TagPartsAreCopiedIntoTheEvent) {
  Event ev = ParseMessage("postfix-out/submission/smtpd", "connect from x[1.2.3.4]");
  EXPECT_EQ(ev.instance, "postfix-out");
  EXPECT_EQ(ev.service, "submission");
  EXPECT_EQ(ev.daemon, "smtpd");
}

TEST(EventParser, DaemonInferredFromShapeWhenTagIsBarePostfix) {
  struct Case {
    std::string_view message;
    EventKind kind;
    std::string_view daemon;
  } cases[] = {
      {"8B84D8D1CF: to=<a@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, "
       "delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)",
       EventKind::kDelivery, "smtp"},
      {"95154657C: to=<a@example.com>, relay=local, delay=0.1, delays=0.09/0/0/0.01, dsn=2.0.0, "
       "status=sent (delivered to mailbox)",
       EventKind::kDelivery, "local"},
      {"0F5383D: to=<tom@example.com>, relay=dovecot, delay=4.3, delays=4.1/0.01/0/0.15, "
       "dsn=2.0.0, status=sent (delivered via dovecot service)",
       EventKind::kDelivery, "pipe"},
      {"connect from mail.example.com[192.0.2.1]", EventKind::kSmtpdConnect, "smtpd"},
      {"A1B2C3D4E5: client=mail.example.com[192.0.2.1]", EventKind::kSmtpdClient, "smtpd"},
      {"A1B2C3D4E5: message-id=<x@y>", EventKind::kCleanupMessageId, "cleanup"},
      {"A1B2C3D4E5: from=<a@b>, size=1, nrcpt=1 (queue active)", EventKind::kQmgrActive, "qmgr"},
      {"A1B2C3D4E5: removed", EventKind::kQmgrRemoved, "qmgr"},
      {"A1B2C3D4E5: uid=0 from=<root>", EventKind::kPickup, "pickup"},
      {"A1B2C3D4E5: sender non-delivery notification: B1B2C3D4E5", EventKind::kBounceNotice,
       "bounce"},
      {"connect to mx.example.com[192.0.2.1]:25: Connection refused", EventKind::kSmtpConnectFail,
       "smtp"},
      {"PASS OLD [192.0.2.1]:1234", EventKind::kPostscreen, "postscreen"},
      {"NOQUEUE: reject: RCPT from [192.0.2.1]:62795: 550 5.7.1 no; from=<a@b>, to=<c@d>, "
       "proto=ESMTP, helo=<x>",
       EventKind::kSmtpdReject, "postscreen"},
      {"Trusted TLS connection established to mx[192.0.2.1]:25: TLSv1.3 with cipher X (256/256 "
       "bits)",
       EventKind::kTls, "smtp"},
      {"Deleted: 3 messages", EventKind::kPostsuper, "postsuper"},
      {"daemon started -- version 3.7.11, configuration /etc/postfix", EventKind::kNoise,
       "master"},
      {"warning: unknown[192.0.2.1]: SASL LOGIN authentication failed: x",
       EventKind::kSmtpdSaslFailed, "smtpd"},
      {"warning: something odd happened", EventKind::kWarning, ""},
      {"something nobody logs", EventKind::kUnknown, ""},
  };
  for (const Case& c : cases) {
    for (std::string_view tag : {"postfix", ""}) {
      Event ev = ParseMessage(tag, c.message);
      EXPECT_EQ(ev.kind, c.kind) << "tag \"" << tag << "\": " << c.message;
      EXPECT_EQ(ev.daemon, c.daemon) << "tag \"" << tag << "\": " << c.message;
    }
  }
}

TEST(EventParser, MislabelledLineIsReadByItsShape) {
  // logwatch files a qmgr line under smtpd; the tag's daemon is kept.
  Event ev = ParseMessage("postfix/smtpd",
                          "A1B2C3D4E5: from=<anyone@example.com>, size=25302, nrcpt=2 (queue "
                          "active)");
  EXPECT_EQ(ev.kind, EventKind::kQmgrActive);
  EXPECT_EQ(ev.daemon, "smtpd");
}

TEST(EventParser, UnknownKeepsTheWholeMessage) {
  Event ev = ParseMessage("postfix/qmgr", "A1B2C3D4E5: something new in Postfix 4");
  EXPECT_EQ(ev.kind, EventKind::kUnknown);
  EXPECT_EQ(ev.text, "A1B2C3D4E5: something new in Postfix 4");
  EXPECT_EQ(ev.qid, "A1B2C3D4E5");
}

TEST(EventParser, WarningQueueIdAfterSeverity) {
  Event ev = ParseMessage("postfix/smtp",
                          "warning: 6B01A8DEF: non-ESMTP response from mail.example.com"
                          "[192.168.0.1]:25:");
  EXPECT_EQ(ev.kind, EventKind::kWarning);
  EXPECT_EQ(ev.qid, "6B01A8DEF");
}

// Lines used by the robustness and timing tests.
const char* const kSampleLines[][2] = {
    {"postfix/smtp",
     "A17F830001CA: to=<recipient@recipient.com>, relay=mailin6.zih.recipient.relay.example.com"
     "[141.30.67.69]:25, delay=0.75, delays=0/0.03/0.66/0.06, dsn=4.0.0, status=deferred (host "
     "mailin6.zih.recipient.relay.example.com[141.30.67.69] said: 451-You have been greylisted. "
     "(in reply to RCPT TO command))"},
    {"postfix/smtpd",
     "NOQUEUE: reject: RCPT from jurann.biz[77.95.228.43]: 554 5.7.1 Service unavailable; Client "
     "host [77.95.228.43] blocked using zen.spamhaus.org; http://www.spamhaus.org/sbl/query/SBLCSS;"
     " from=<botanised@jurann.biz> to=<kdent@seaglass.com> proto=ESMTP helo=<jurann.biz>"},
    {"postfix/cleanup",
     "48rT2v1hQrz1J0N: prepend: header X-Spam-Status: Yes, score=45.1 from mx2.example.org"
     "[192.0.2.41]; from=<a@b> to=<c@d> proto=ESMTP helo=<mx2.example.org>: X-Spam-Status: Yes"},
    {"postfix/qmgr", "A17F830001CA: from=<bounces@some.example.com>, size=2259, nrcpt=1 (queue "
                     "active)"},
    {"postfix/smtpd", "warning: unknown[192.0.2.237]:55729: SASL LOGIN authentication failed: "
                      "authentication failure, sasl_username=admin"},
    {"postfix/postscreen", "PREGREET 11 after 0.23 from [180.214.239.18]:59187: EHLO User\\r\\n"},
    {"postfix/smtp", "Trusted TLS connection established to mx-ha02.web.de[212.227.17.8]:25: "
                     "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange"},
    {"postfix/anvil", "statistics: max connection rate 3/60s for (smtp:94.156.37.30) at Oct 22"},
    {"postfix/smtpd", "disconnect from unknown[72.10.165.66] ehlo=2 starttls=1 commands=5/7"},
    {"postfix", "4PbC4x469Jz3tBr: client=mail.example.com[1.2.3.4], sasl_method=PLAIN, "
                "sasl_username=u@example.com, orig_queue_id=3mPVKl0Mhjz7sXv"},
};

// Views must stay inside the message: checks every string_view of the event.
void ExpectInside(const Event& ev, std::string_view msg, std::string_view tag) {
  auto inside = [&](std::string_view v) {
    if (v.empty()) return true;
    const char* b = msg.data();
    const char* tb = tag.data();
    return (v.data() >= b && v.data() + v.size() <= b + msg.size()) ||
           (v.data() >= tb && v.data() + v.size() <= tb + tag.size());
  };
  for (std::string_view v : {ev.qid, ev.client.name, ev.client.address, ev.client.port, ev.from,
                             ev.to, ev.orig_to, ev.helo, ev.proto, ev.message_id, ev.stage,
                             ev.counts, ev.zone, ev.relay, ev.relay_peer.name, ev.tls, ev.dsn,
                             ev.status, ev.text, ev.reply.reply, ev.reply.enhanced,
                             ev.reply.command, ev.reply.queued_as, ev.reply.remote.name,
                             ev.child_qid, ev.sasl_username, ev.message_id}) {
    ASSERT_TRUE(inside(v)) << "a field points outside the message: " << msg;
  }
}

TEST(EventParser, EveryCutOfARealLineParsesInsideItsBuffer) {
  for (const auto& sample : kSampleLines) {
    std::string_view tag = sample[0];
    std::string_view full = sample[1];
    for (size_t n = 0; n <= full.size(); ++n) {
      // A heap copy of exactly n bytes, so a read past the end is caught by ASan.
      std::string cut(full.substr(0, n));
      std::string_view msg(cut);
      Event ev = ParseMessage(tag, msg);
      ExpectInside(ev, msg, tag);
    }
  }
}

TEST(EventParser, RandomBytesNeverCrash) {
  std::mt19937 rng(20240601);
  const std::string alphabet = "<>[]():;, =/-.@0123456789ABCDEFz abcdefqueuedasfromto\"?\r\n\t\xc3";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    size_t len = rng() % 120;
    for (size_t j = 0; j < len; ++j) s += alphabet[rng() % alphabet.size()];
    const auto& sample = kSampleLines[rng() % (sizeof kSampleLines / sizeof kSampleLines[0])];
    std::string mixed = std::string(sample[1]).substr(0, rng() % 80) + s;
    Event ev = ParseMessage(sample[0], mixed);
    ExpectInside(ev, mixed, sample[0]);
  }
}

}  // namespace
}  // namespace mailwhy
