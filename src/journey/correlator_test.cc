// correlator_test - multi-line sequences become the journeys an admin would draw by hand.
//
// The sequences follow real logs (lightmeter fixtures, pixelpark's log, the seed articles)
// as quoted in POSTFIX-LOG-FORMATS.md §4; expected journeys are written from what Postfix
// did, not from the program's output.
#include "journey/correlator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "postfix/event_parser.h"
#include "syslog/prefix_parser.h"
#include "syslog/time_resolver.h"

namespace mailwhy {
namespace {

class Collect : public JourneySink {
 public:
  void OnJourney(Journey&& j) override { journeys.push_back(std::move(j)); }
  std::vector<Journey> journeys;
};

// Feeds lines through the real pipeline (prefix, time, event) into a correlator.
std::vector<Journey> Correlate(const std::vector<std::string>& lines, CorrelatorOptions opts = {}) {
  Collect sink;
  Correlator c(opts, &sink);
  TimeResolver times(/*reference: 2026-11-22*/ 1795392000, 0);
  uint64_t n = 0;
  for (const std::string& line : lines) {
    Record rec;
    ParseRecord(line, &rec);
    times.Resolve(&rec);
    Event ev;
    ParseEvent(rec, &ev);
    c.Add(rec, ev, LineSource{0, ++n, line});
  }
  c.Finish();
  return std::move(sink.journeys);
}

const Journey* ByQid(const std::vector<Journey>& js, std::string_view qid) {
  for (const Journey& j : js) {
    if (j.qid == qid) return &j;
  }
  return nullptr;
}

TEST(Correlator, BounceWithNotificationAndContentFilterChild) {
  // lightmeter 1_bounce_simple: submission, amavis re-injection, remote 5.1.1, DSN back.
  auto js = Correlate({
      "Jun  3 10:40:57 mail postfix/submission/smtpd[9708]: connect from some.domain.name[1.2.3.4]",
      "Jun  3 10:40:57 mail postfix/submission/smtpd[9708]: 4AA091855DA0: client=some.domain.name[1.2.3.4], sasl_method=PLAIN, sasl_username=user@sender.com",
      "Jun  3 10:40:57 mail postfix/cleanup[9709]: 4AA091855DA0: message-id=<ca10035e@mail.sender.com>",
      "Jun  3 10:40:57 mail postfix/qmgr[2216]: 4AA091855DA0: from=<user@sender.com>, size=813, nrcpt=1 (queue active)",
      "Jun  3 10:40:57 mail postfix/submission/smtpd[9708]: disconnect from some.domain.name[1.2.3.4] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
      "Jun  3 10:40:58 mail postfix/smtpd[9714]: connect from localhost[127.0.0.1]",
      "Jun  3 10:40:58 mail postfix/smtpd[9714]: 776E41855DB2: client=localhost[127.0.0.1]",
      "Jun  3 10:40:58 mail postfix/cleanup[9709]: 776E41855DB2: message-id=<ca10035e@mail.sender.com>",
      "Jun  3 10:40:58 mail postfix/qmgr[2216]: 776E41855DB2: from=<user@sender.com>, size=1234, nrcpt=1 (queue active)",
      "Jun  3 10:40:58 mail postfix/smtpd[9714]: disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
      "Jun  3 10:40:58 mail postfix/smtp[9711]: 4AA091855DA0: to=<invalid.email@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.4, delays=0.05/0.01/0.01/1.3, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 776E41855DB2)",
      "Jun  3 10:40:58 mail postfix/qmgr[2216]: 4AA091855DA0: removed",
      "Jun  3 10:40:59 mail postfix/smtp[9890]: 776E41855DB2: to=<invalid.email@example.com>, relay=mx.example.com[11.22.33.44]:25, delay=1.9, delays=0/0/1.5/0.37, dsn=5.1.1, status=bounced (host mx.example.com[11.22.33.44] said: 550 5.1.1 <invalid.email@example.com> User unknown (in reply to RCPT TO command))",
      "Jun  3 10:40:59 mail postfix/cleanup[9709]: A48191855DA0: message-id=<20200603084059.A48191855DA0@mail.sender.com>",
      "Jun  3 10:40:59 mail postfix/bounce[9719]: 776E41855DB2: sender non-delivery notification: A48191855DA0",
      "Jun  3 10:40:59 mail postfix/qmgr[2216]: A48191855DA0: from=<>, size=3143, nrcpt=1 (queue active)",
      "Jun  3 10:40:59 mail postfix/qmgr[2216]: 776E41855DB2: removed",
      "Jun  3 10:40:59 mail postfix/lmtp[9717]: A48191855DA0: to=<user@sender.com>, relay=mail.sender.com[/var/run/dovecot/lmtp], delay=0.03, delays=0.01/0/0.02/0.01, dsn=2.0.0, status=sent (250 2.0.0 <user@sender.com> IkiQKTt+117kJgAAWP5Hkg Saved)",
      "Jun  3 10:40:59 mail postfix/qmgr[2216]: A48191855DA0: removed",
  });
  ASSERT_EQ(js.size(), 3u);
  const Journey* sub = ByQid(js, "4AA091855DA0");
  const Journey* filtered = ByQid(js, "776E41855DB2");
  const Journey* dsn = ByQid(js, "A48191855DA0");
  ASSERT_TRUE(sub && filtered && dsn);

  EXPECT_EQ(sub->arrival, "smtpd");
  EXPECT_EQ(sub->arrival_service, "submission");
  EXPECT_EQ(sub->client.sasl_user, "user@sender.com");
  EXPECT_EQ(sub->from, "user@sender.com");
  ASSERT_EQ(sub->recipients.size(), 1u);
  EXPECT_EQ(sub->recipients[0].status, RecipientStatus::kSent);
  ASSERT_EQ(sub->children.size(), 1u);
  EXPECT_EQ(sub->children[0].qid, "776E41855DB2");
  EXPECT_EQ(sub->children[0].kind, "reinjected");
  EXPECT_EQ(sub->end, JourneyEnd::kRemoved);

  EXPECT_EQ(filtered->parent.qid, "4AA091855DA0");
  EXPECT_EQ(filtered->parent.kind, "reinjected");
  ASSERT_EQ(filtered->recipients.size(), 1u);
  EXPECT_EQ(filtered->recipients[0].status, RecipientStatus::kBounced);
  ASSERT_EQ(filtered->recipients[0].attempts.size(), 1u);
  EXPECT_EQ(filtered->recipients[0].attempts[0].reply.code, 550);
  EXPECT_EQ(filtered->recipients[0].attempts[0].reply.dsn, "5.1.1");
  EXPECT_EQ(filtered->recipients[0].attempts[0].reply.command, "RCPT TO");
  EXPECT_EQ(filtered->direction, Direction::kOutbound);
  ASSERT_EQ(filtered->children.size(), 1u);
  EXPECT_EQ(filtered->children[0].qid, "A48191855DA0");
  EXPECT_EQ(filtered->children[0].kind, "non-delivery-notification");

  EXPECT_EQ(dsn->parent.qid, "776E41855DB2");
  EXPECT_EQ(dsn->arrival, "bounce");
  EXPECT_TRUE(dsn->has_from);
  EXPECT_EQ(dsn->from, "");
  EXPECT_EQ(dsn->recipients[0].status, RecipientStatus::kSent);
  EXPECT_EQ(dsn->direction, Direction::kLocal);
}

TEST(Correlator, QueuedAsOnLoopbackLinksOnlyAJourneyThatExists) {
  // A relay on loopback that is not a content filter: "queued as" names its own queue.
  auto js = Correlate({
      "Jun  3 10:40:57 mail postfix/qmgr[2216]: 5AA091855DA0: from=<user@sender.com>, size=813, nrcpt=1 (queue active)",
      "Jun  3 10:40:58 mail postfix/smtp[9711]: 5AA091855DA0: to=<a@example.com>, relay=127.0.0.1[127.0.0.1]:2525, delay=1.4, delays=0.05/0.01/0.01/1.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 99XYZ)",
      "Jun  3 10:40:58 mail postfix/qmgr[2216]: 5AA091855DA0: removed",
  });
  ASSERT_EQ(js.size(), 1u);
  EXPECT_TRUE(js[0].children.empty());
  EXPECT_EQ(js[0].recipients.at(0).attempts.at(0).queued_as, "99XYZ");
}

TEST(Correlator, DeferredThenExpiredReturnsToSender) {
  // lightmeter 18_expired: retries over days, then expired with a bounce notice.
  auto js = Correlate({
      "Sep 25 18:26:34 smtpnode16 postfix-239.58.50.50/smtpd[4546]: 23EBE3D5C0: client=h-3857624469d1756194e464[239.58.50.50]",
      "Sep 25 18:26:34 smtpnode16 postfix-239.58.50.50/cleanup[4547]: 23EBE3D5C0: message-id=<abc@h-5e67b9b4406.com>",
      "Sep 25 18:26:34 smtpnode16 postfix-239.58.50.50/qmgr[31214]: 23EBE3D5C0: from=<h-498b874f2bf0cf639807ad80e1@h-5e67b9b4406.com>, size=2259, nrcpt=1 (queue active)",
      "Sep 25 18:26:36 smtpnode16 postfix-239.58.50.50/smtp[2851]: 23EBE3D5C0: to=<h-664d01@h-695da2287.com>, relay=ALT2.ASPMX.L.GOOGLE.com[3.155.237.60]:25, delay=2, delays=0.5/0/1.3/0.2, dsn=4.1.1, status=deferred (host ALT2.ASPMX.L.GOOGLE.com[3.155.237.60] said: 452 4.1.1 <h-664d01@h-695da2287.com> user is over quota, please try again later (in reply to RCPT TO command))",
      "Sep 30 12:46:04 smtpnode16 postfix-239.58.50.50/qmgr[31214]: 23EBE3D5C0: from=<h-498b874f2bf0cf639807ad80e1@h-5e67b9b4406.com>, size=2259, nrcpt=1 (queue active)",
      "Sep 30 12:46:06 smtpnode16 postfix-239.58.50.50/smtp[2851]: 23EBE3D5C0: to=<h-664d01@h-695da2287.com>, relay=ALT2.ASPMX.L.GOOGLE.com[3.155.237.60]:25, delay=411573, delays=411571/0/1.5/0.2, dsn=4.1.1, status=deferred (host ALT2.ASPMX.L.GOOGLE.com[3.155.237.60] said: 452 4.1.1 <h-664d01@h-695da2287.com> user is over quota, please try again later (in reply to RCPT TO command))",
      "Sep 30 20:46:08 smtpnode16 postfix-239.58.50.50/qmgr[31214]: 23EBE3D5C0: from=<h-498b874f2bf0cf639807ad80e1@h-5e67b9b4406.com>, status=expired, returned to sender",
      "Sep 30 20:46:08 smtpnode16 postfix-239.58.50.50/cleanup[4547]: A7E673C067: message-id=<20200930184608.A7E673C067@smtpnode16>",
      "Sep 30 20:46:08 smtpnode16 postfix-239.58.50.50/bounce[3001]: 23EBE3D5C0: sender non-delivery notification: A7E673C067",
      "Sep 30 20:46:08 smtpnode16 postfix-239.58.50.50/qmgr[31214]: 23EBE3D5C0: removed",
  });
  const Journey* j = ByQid(js, "23EBE3D5C0");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->instance, "postfix-239.58.50.50");
  EXPECT_TRUE(j->expired);
  EXPECT_EQ(j->activations, 2);
  ASSERT_EQ(j->recipients.size(), 1u);
  EXPECT_EQ(j->recipients[0].status, RecipientStatus::kExpired);
  EXPECT_EQ(j->recipients[0].attempts.size(), 2u);
  ASSERT_EQ(j->children.size(), 1u);
  EXPECT_EQ(j->children[0].qid, "A7E673C067");
  const Journey* notice = ByQid(js, "A7E673C067");
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ(notice->parent.qid, "23EBE3D5C0");
  EXPECT_EQ(notice->end, JourneyEnd::kOpen);  // its delivery is not in this log
}

TEST(Correlator, TwoMessagesInOneSmtpdSession) {
  auto js = Correlate({
      "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from client.example.org[192.0.2.7]",
      "Dec  7 13:28:01 mail postfix/smtpd[18505]: A17F830001CA: client=client.example.org[192.0.2.7]",
      "Dec  7 13:28:01 mail postfix/cleanup[18502]: A17F830001CA: message-id=<one@example.org>",
      "Dec  7 13:28:01 mail postfix/qmgr[3398]: A17F830001CA: from=<a@example.org>, size=2259, nrcpt=1 (queue active)",
      "Dec  7 13:28:02 mail postfix/smtpd[18505]: B27F830001CB: client=client.example.org[192.0.2.7]",
      "Dec  7 13:28:02 mail postfix/cleanup[18502]: B27F830001CB: message-id=<two@example.org>",
      "Dec  7 13:28:02 mail postfix/qmgr[3398]: B27F830001CB: from=<b@example.org>, size=1000, nrcpt=1 (queue active)",
      "Dec  7 13:28:02 mail postfix/smtpd[18505]: disconnect from client.example.org[192.0.2.7] ehlo=1 mail=2 rcpt=2 data=2 quit=1 commands=8",
      "Dec  7 13:28:02 mail postfix/virtual[21138]: A17F830001CA: to=<x@example.com>, relay=virtual, delay=0.16, delays=0.11/0.03/0/0.02, dsn=2.0.0, status=sent (delivered to maildir)",
      "Dec  7 13:28:02 mail postfix/qmgr[3398]: A17F830001CA: removed",
      "Dec  7 13:28:03 mail postfix/virtual[21138]: B27F830001CB: to=<y@example.com>, relay=virtual, delay=0.16, delays=0.11/0.03/0/0.02, dsn=2.0.0, status=sent (delivered to maildir)",
      "Dec  7 13:28:03 mail postfix/qmgr[3398]: B27F830001CB: removed",
  });
  ASSERT_EQ(js.size(), 2u);
  for (const Journey& j : js) {
    EXPECT_EQ(j.client.ip, "192.0.2.7") << j.qid;
    EXPECT_EQ(j.end, JourneyEnd::kRemoved) << j.qid;  // the disconnect did not abort them
    EXPECT_EQ(j.direction, Direction::kInbound) << j.qid;
    ASSERT_EQ(j.recipients.size(), 1u);
    EXPECT_EQ(j.recipients[0].status, RecipientStatus::kSent);
  }
  EXPECT_EQ(ByQid(js, "A17F830001CA")->message_id, "<one@example.org>");
  EXPECT_EQ(ByQid(js, "B27F830001CB")->message_id, "<two@example.org>");
}

TEST(Correlator, ReusedQueueIdStartsANewJourney) {
  auto js = Correlate({
      "Feb  1 13:17:02 mail postfix/pickup[28541]: DADADADADA: uid=0 from=<root>",
      "Feb  1 13:17:02 mail postfix/cleanup[28542]: DADADADADA: message-id=<first@mail>",
      "Feb  1 13:17:02 mail postfix/qmgr[3398]: DADADADADA: from=<root@mail>, size=300, nrcpt=1 (queue active)",
      "Feb  1 13:17:02 mail postfix/local[28543]: DADADADADA: to=<root@mail>, relay=local, delay=0.1, delays=0.09/0/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)",
      "Feb  1 13:17:02 mail postfix/qmgr[3398]: DADADADADA: removed",
      "Feb  1 13:17:05 mail postfix/pickup[28541]: DADADADADA: uid=0 from=<root>",
      "Feb  1 13:17:05 mail postfix/cleanup[28542]: DADADADADA: message-id=<second@mail>",
      "Feb  1 13:17:05 mail postfix/qmgr[3398]: DADADADADA: from=<root@mail>, size=400, nrcpt=1 (queue active)",
      "Feb  1 13:17:05 mail postfix/local[28543]: DADADADADA: to=<root@mail>, relay=local, delay=0.1, delays=0.09/0/0/0.01, dsn=5.1.1, status=bounced (unknown user: \"root\")",
      "Feb  1 13:17:05 mail postfix/qmgr[3398]: DADADADADA: removed",
  });
  ASSERT_EQ(js.size(), 2u);
  EXPECT_EQ(js[0].message_id, "<first@mail>");
  EXPECT_EQ(js[0].recipients[0].status, RecipientStatus::kSent);
  EXPECT_EQ(js[1].message_id, "<second@mail>");
  EXPECT_EQ(js[1].recipients[0].status, RecipientStatus::kBounced);
  EXPECT_EQ(js[0].direction, Direction::kLocal);
  EXPECT_EQ(js[0].pickup.uid, 0);
  EXPECT_EQ(js[0].pickup.sender, "root");
}

TEST(Correlator, NoqueueRejectIsAJourneyOfItsOwn) {
  auto js = Correlate({
      "Oct 22 02:13:42 conch postfix/smtpd[26895]: connect from jurann.biz[77.95.228.43]",
      "Oct 22 02:13:42 conch postfix/smtpd[26895]: NOQUEUE: reject: RCPT from jurann.biz[77.95.228.43]: 554 5.7.1 Service unavailable; Client host [77.95.228.43] blocked using zen.spamhaus.org; http://www.spamhaus.org/sbl/query/SBLCSS; from=<botanised@jurann.biz> to=<kdent@seaglass.com> proto=ESMTP helo=<jurann.biz>",
      "Oct 22 02:13:42 conch postfix/smtpd[26895]: disconnect from jurann.biz[77.95.228.43]",
      "2023-03-14T00:26:51.985219+01:00 helga postfix/postscreen[3163107]: NOQUEUE: reject: RCPT from [185.246.220.193]:62795: 550 5.7.1 Service unavailable; client [185.246.220.193] blocked using zen.spamhaus.org; from=<ripe@uhu-banane.de>, to=<zz@hotmail.com>, proto=ESMTP, helo=<3BqSwxw>",
      "NOQUEUE: reject_warning: RCPT from example.com[93.184.216.34]: 553 5.7.1 <sender@example.com>: Sender address rejected: not owned by user ph123; from=<sender@example.com> to=<recipient@example.com> proto=ESMTP helo=<example.com>",
  });
  ASSERT_EQ(js.size(), 2u);
  const Journey& a = js[0];
  EXPECT_EQ(a.qid, "NOQUEUE");
  EXPECT_EQ(a.direction, Direction::kInbound);
  EXPECT_EQ(a.end, JourneyEnd::kRejected);
  EXPECT_EQ(a.client.ip, "77.95.228.43");
  EXPECT_EQ(a.client.helo, "jurann.biz");
  EXPECT_EQ(a.from, "botanised@jurann.biz");
  ASSERT_EQ(a.recipients.size(), 1u);
  EXPECT_EQ(a.recipients[0].address, "kdent@seaglass.com");
  EXPECT_EQ(a.recipients[0].status, RecipientStatus::kRejected);
  EXPECT_EQ(a.recipients[0].reject_stage, "RCPT");
  EXPECT_EQ(a.recipients[0].reject_reply.code, 554);
  EXPECT_EQ(a.recipients[0].reject_reply.dsn, "5.7.1");
  const Journey& b = js[1];
  EXPECT_EQ(b.arrival, "postscreen");
  EXPECT_EQ(b.recipients[0].address, "zz@hotmail.com");
  EXPECT_EQ(b.from, "ripe@uhu-banane.de");
}

TEST(Correlator, QidlessConnectFailureJoinsTheNextDeliveryOfItsProcess) {
  auto js = Correlate({
      "Dec  5 18:38:12 tu8 postfix/qmgr[61182]: 8B84D8D1CF: from=<tu@example.com>, size=1284, nrcpt=1 (queue active)",
      "Dec  5 18:38:42 tu8 postfix/smtp[84479]: connect to mx1.example.net[203.0.113.111]:25: Connection timed out",
      "Dec  5 18:38:42 tu8 postfix/smtp[99999]: connect to other.example[192.0.2.1]:25: Connection refused",
      "Dec  5 18:39:12 tu8 postfix/smtp[84479]: 8B84D8D1CF: to=<tu@example.net>, relay=none, delay=60, delays=0.03/0.03/60/0, dsn=4.4.1, status=deferred (connect to mail.example.net[203.0.113.112]:25: Connection timed out)",
  });
  ASSERT_EQ(js.size(), 1u);
  const Journey& j = js[0];
  ASSERT_EQ(j.recipients.size(), 1u);
  const Attempt& a = j.recipients[0].attempts.at(0);
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_NE(a.notes[0].text.find("mx1.example.net"), std::string::npos);
  EXPECT_EQ(a.shape, TextShape::kConnectFailed);
  EXPECT_EQ(j.recipients[0].status, RecipientStatus::kDeferred);
  EXPECT_EQ(j.end, JourneyEnd::kOpen);
  EXPECT_EQ(j.direction, Direction::kOutbound);
  EXPECT_EQ(j.lines.size(), 3u);  // the note's line is evidence too; the other pid's is not
}

TEST(Correlator, SessionThatEndsBeforeDataAbortsItsMessage) {
  auto js = Correlate({
      "Feb  8 21:28:47 mx postfix/smtps/smtpd[1036]: connect from unknown[2a02:168:636a::15e2]",
      "Feb  8 21:28:47 mx postfix/smtps/smtpd[1036]: DE81A2E2DAA: client=unknown[2a02:168:636a::15e2], sasl_method=PLAIN, sasl_username=u@h-24e89d.com",
      "Feb  8 21:28:47 mx postfix/smtps/smtpd[1036]: DE81A2E2DAA: reject: RCPT from unknown[2a02:168:636a::15e2]: 550 5.1.1 <h-c7@h-14dc4a6d.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<h-d2315d@h-24e89d.com> to=<h-c7@h-14dc4a6d.com> proto=ESMTP helo=<[IPv6:2a02:168:636a::15e2]>",
      "Feb  8 21:28:48 mx postfix/smtps/smtpd[1036]: disconnect from unknown[2a02:168:636a::15e2] ehlo=1 auth=1 mail=1 rcpt=0/1 quit=1 commands=4/5",
      "Feb  8 21:29:00 mx postfix/smtpd[1040]: connect from unknown[192.0.2.9]",
      "Feb  8 21:29:00 mx postfix/smtpd[1040]: EF81A2E2DAB: client=unknown[192.0.2.9]",
      "Feb  8 21:29:05 mx postfix/smtpd[1040]: lost connection after DATA (7774180 bytes) from unknown[192.0.2.9]",
  });
  ASSERT_EQ(js.size(), 2u);
  const Journey* rejected = ByQid(js, "DE81A2E2DAA");
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(rejected->end, JourneyEnd::kRejected);
  ASSERT_EQ(rejected->recipients.size(), 1u);
  EXPECT_EQ(rejected->recipients[0].status, RecipientStatus::kRejected);
  EXPECT_EQ(rejected->recipients[0].reject_reply.dsn, "5.1.1");
  const Journey* aborted = ByQid(js, "EF81A2E2DAB");
  ASSERT_NE(aborted, nullptr);
  EXPECT_EQ(aborted->end, JourneyEnd::kAborted);
}

TEST(Correlator, CleanupRejectEndsTheMessage) {
  auto js = Correlate({
      "Jan 25 18:54:51 mx postfix/smtpd[8960]: B37FD2E05B9: client=h-ca74[254.65.43.194]",
      "Jan 25 18:54:51 mx postfix/cleanup[8966]: B37FD2E05B9: milter-reject: END-OF-MESSAGE from h-ca74[254.65.43.194]: 5.7.1 Blocked by SpamAssassin; from=<wumt5@cchfdc.com> to=<voorzitter@example.com> proto=ESMTP helo=<ecsolved.com>",
      "Jan 25 18:54:52 mx postfix/smtpd[8960]: disconnect from h-ca74[254.65.43.194] ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5",
  });
  ASSERT_EQ(js.size(), 1u);
  EXPECT_EQ(js[0].end, JourneyEnd::kRejected);
  ASSERT_EQ(js[0].recipients.size(), 1u);
  EXPECT_EQ(js[0].recipients[0].address, "voorzitter@example.com");
  EXPECT_EQ(js[0].recipients[0].status, RecipientStatus::kRejected);
  ASSERT_EQ(js[0].checks.size(), 1u);
  EXPECT_EQ(js[0].checks[0].action, "milter-reject");
}

TEST(Correlator, SeedRefusedToTalkNoteJoinsTheDeferral) {
  // seed 004 case 33: a web server's mail, refused by the remote's local policy.
  auto js = Correlate({
      "Dec 5 18:38:12 tu8 postfix/pickup[22765]: 8B84D8D1CF: uid=48 from=<apache>",
      "Dec 5 18:38:12 tu8 postfix/cleanup[21711]: 8B84D8D1CF: message-id=20221205183811.8983.30194A77@example.com",
      "Dec 5 18:38:12 tu8 postfix/qmgr[1208]: 8B84D8D1CF: from=apache@example.com, size=1597, nrcpt=1 (queue active)",
      "Dec 5 18:38:12 tu8 postfix/smtp[22294]: 8B84D8D1CF: host mail.example.net[203.0.113.112] refused to talk to me: 554 Local Policy Violation – see https://ipcheck.example.net/dnsbl-lookup.cgi?ip=203.0.113.111",
      "Dec 5 18:38:12 tu8 postfix/smtp[22294]: 8B84D8D1CF: to=tu@example.net, relay=mail.example.net[203.0.113.112]:25, delay=1.6, delays=0/0/1.6/0, dsn=4.0.0, status=deferred (host mail.example.net[203.0.113.112]: refused to talk to me: 554 Local Policy Violation – see https://ipcheck.example.net/dnsbl-lookup.cgi?ip=203.0.113.111)",
  });
  ASSERT_EQ(js.size(), 1u);
  const Journey& j = js[0];
  EXPECT_EQ(j.pickup.uid, 48);
  EXPECT_EQ(j.pickup.sender, "apache");
  EXPECT_EQ(j.from, "apache@example.com");
  EXPECT_EQ(j.message_id, "20221205183811.8983.30194A77@example.com");
  ASSERT_EQ(j.recipients.size(), 1u);
  EXPECT_EQ(j.recipients[0].address, "tu@example.net");
  EXPECT_EQ(j.recipients[0].status, RecipientStatus::kDeferred);
  const Attempt& a = j.recipients[0].attempts.at(0);
  EXPECT_EQ(a.shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(a.reply.code, 554);
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_EQ(a.notes[0].shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(j.direction, Direction::kOutbound);
}

TEST(Correlator, SessionsAreKeyedByHostAndPid) {
  // The same pid on another host, and a pid whose digits begin another's, are other
  // sessions: only the session that was lost aborts its message.
  auto js = Correlate({
      "Feb  8 21:29:00 mx postfix/smtpd[104]: connect from unknown[192.0.2.9]",
      "Feb  8 21:29:00 mx postfix/smtpd[104]: 4AA0918551: client=unknown[192.0.2.9]",
      "Feb  8 21:29:00 mx postfix/smtpd[1040]: connect from unknown[192.0.2.10]",
      "Feb  8 21:29:00 mx postfix/smtpd[1040]: 4AA0918552: client=unknown[192.0.2.10]",
      "Feb  8 21:29:00 mx2 postfix/smtpd[104]: connect from unknown[192.0.2.11]",
      "Feb  8 21:29:00 mx2 postfix/smtpd[104]: 4AA0918553: client=unknown[192.0.2.11]",
      "Feb  8 21:29:05 mx postfix/smtpd[104]: lost connection after DATA (100 bytes) from unknown[192.0.2.9]",
  });
  ASSERT_EQ(js.size(), 3u);
  ASSERT_TRUE(ByQid(js, "4AA0918551") && ByQid(js, "4AA0918552") && ByQid(js, "4AA0918553"));
  EXPECT_EQ(ByQid(js, "4AA0918551")->end, JourneyEnd::kAborted);
  EXPECT_EQ(ByQid(js, "4AA0918552")->end, JourneyEnd::kOpen);
  EXPECT_EQ(ByQid(js, "4AA0918553")->end, JourneyEnd::kOpen);
}

TEST(Correlator, QueuedAsOnAnotherHostInTheInputIsARelayedChild) {
  // The next hop's log is in the input too: its journey becomes the child, whether it
  // shows up after the "queued as" line or was already there.
  for (bool child_first : {false, true}) {
    std::vector<std::string> lines = {
        "Mar  1 10:00:00 out postfix/qmgr[20]: 1A2B3C: from=<a@out.example>, size=900, nrcpt=1 (queue active)",
        "Mar  1 10:00:01 out postfix/smtp[21]: 1A2B3C: to=<b@in.example>, relay=in.example[198.51.100.5]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D)",
        "Mar  1 10:00:01 out postfix/qmgr[20]: 1A2B3C: removed",
    };
    const std::string child = "Mar  1 10:00:01 in postfix/smtpd[30]: 9F8E7D: client=out.example[192.0.2.1]";
    lines.insert(child_first ? lines.begin() : lines.end(), child);
    auto js = Correlate(lines);
    ASSERT_EQ(js.size(), 2u) << child_first;
    const Journey* parent = ByQid(js, "1A2B3C");
    const Journey* relayed = ByQid(js, "9F8E7D");
    ASSERT_TRUE(parent && relayed) << child_first;
    EXPECT_EQ(relayed->host, "in");
    EXPECT_EQ(relayed->parent.qid, "1A2B3C");
    EXPECT_EQ(relayed->parent.kind, "relayed");
    EXPECT_EQ(relayed->parent.host, "out");
    ASSERT_EQ(parent->children.size(), 1u) << child_first;
    EXPECT_EQ(parent->children[0].qid, "9F8E7D");
    EXPECT_EQ(parent->children[0].host, "in");
  }
}

// The same queue ID open on two other hosts: the relayed child is the one on the host
// that appeared first in the input, whatever the hosts are called (never the order of
// a hash map).
TEST(Correlator, QueuedAsOnTwoOtherHostsLinksTheHostSeenFirst) {
  for (const auto& [first, second] : {std::pair<std::string, std::string>{"zeta", "alpha"},
                                      std::pair<std::string, std::string>{"alpha", "zeta"},
                                      std::pair<std::string, std::string>{"mx2", "mx1"},
                                      std::pair<std::string, std::string>{"mx1", "mx2"}}) {
    const std::vector<std::string> lines = {
        "Mar  1 10:00:00 " + first + " postfix/smtpd[30]: 9F8E7D: client=out.example[192.0.2.1]",
        "Mar  1 10:00:00 " + second + " postfix/smtpd[31]: 9F8E7D: client=out.example[192.0.2.1]",
        "Mar  1 10:00:00 out postfix/qmgr[20]: 1A2B3C: from=<a@out.example>, size=900, nrcpt=1 (queue active)",
        "Mar  1 10:00:01 out postfix/smtp[21]: 1A2B3C: to=<b@in.example>, relay=in.example[198.51.100.5]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D)",
        "Mar  1 10:00:01 out postfix/qmgr[20]: 1A2B3C: removed",
    };
    auto js = Correlate(lines);
    const Journey* parent = ByQid(js, "1A2B3C");
    ASSERT_NE(parent, nullptr) << first;
    ASSERT_EQ(parent->children.size(), 1u) << first;
    EXPECT_EQ(parent->children[0].host, first);
    for (const Journey& j : js) {
      if (j.qid != "9F8E7D") continue;
      EXPECT_EQ(j.parent.qid.empty(), j.host != first) << j.host;
    }
  }
}

TEST(Correlator, EvidenceLinesInOrderWithTheirTextOnlyWhenKept) {
  const std::vector<std::string> lines = {
      "Feb  1 13:17:02 mail postfix/pickup[28541]: C0FFEE1: uid=0 from=<root>",
      "Feb  1 13:17:02 mail postfix/cleanup[28542]: C0FFEE1: message-id=<x@mail>",
      "Feb  1 13:17:02 mail postfix/qmgr[1]: C0FFEE1: from=<root@mail>, size=300, nrcpt=1 (queue active)",
      "Feb  1 13:17:03 mail postfix/local[28544]: C0FFEE1: to=<root@mail>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=2.0.0, status=sent (delivered to mailbox)",
      "Feb  1 13:17:03 mail postfix/qmgr[1]: C0FFEE1: removed",
  };
  for (bool keep : {false, true}) {
    CorrelatorOptions opts;
    opts.keep_lines = keep;
    auto js = Correlate(lines, opts);
    ASSERT_EQ(js.size(), 1u);
    const Journey& j = js[0];
    ASSERT_EQ(j.lines.size(), lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(j.lines[i].line, i + 1);
      EXPECT_EQ(j.lines[i].text, keep ? lines[i] : "") << i;
    }
    EXPECT_EQ(j.lines[3].kind, EventKind::kDelivery);
    EXPECT_EQ(j.lines[3].recipient, 0);
    EXPECT_EQ(j.lines[3].attempt, 0);
    ASSERT_EQ(j.recipients.size(), 1u);
    ASSERT_EQ(j.recipients[0].attempts.size(), 1u);
    EXPECT_EQ(j.recipients[0].attempts[0].daemon, "local");
    EXPECT_EQ(j.recipients[0].status, RecipientStatus::kSent);
  }
}

TEST(Correlator, EndedJourneysAreReleasedSoMemoryFollowsOpenMessages) {
  Collect sink;
  CorrelatorOptions opts;
  Correlator c(opts, &sink);
  TimeResolver times(1795392000, 2026);
  size_t max_open = 0;
  uint64_t n = 0;
  for (int i = 0; i < 20000; ++i) {
    int minute = i / 60 % 60, hour = i / 3600 % 24, second = i % 60;
    char stamp[32];
    snprintf(stamp, sizeof stamp, "Nov 20 %02d:%02d:%02d", hour, minute, second);
    char qid[16];
    snprintf(qid, sizeof qid, "%08X", 0x10000000 + i);
    std::string lines[] = {
        std::string(stamp) + " mx postfix/pickup[1]: " + qid + ": uid=0 from=<root>",
        std::string(stamp) + " mx postfix/qmgr[2]: " + qid + ": from=<root@mx>, size=1, nrcpt=1 (queue active)",
        std::string(stamp) + " mx postfix/local[3]: " + qid + ": to=<root@mx>, relay=local, delay=0.1, delays=0.09/0/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)",
        std::string(stamp) + " mx postfix/qmgr[2]: " + qid + ": removed",
    };
    for (const std::string& line : lines) {
      Record rec;
      ParseRecord(line, &rec);
      times.Resolve(&rec);
      Event ev;
      ParseEvent(rec, &ev);
      c.Add(rec, ev, LineSource{0, ++n, line});
    }
    max_open = std::max(max_open, c.open_journeys());
  }
  c.Finish();
  EXPECT_EQ(sink.journeys.size(), 20000u);
  // One message per second, each waits out a 60 s grace: about 61 held at any time.
  EXPECT_LE(max_open, 70u);
}

}  // namespace
}  // namespace mailwhy
