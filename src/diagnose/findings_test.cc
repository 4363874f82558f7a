// findings_test - each journey detector on hand-built journeys: when it fires, when it
// stays quiet (no delays logged, a == 0, redacted parts, local-only mail, mailing-list
// sender domains), the values it hands to its texts, and that every id has texts in both
// languages in the built-in rules.
#include "diagnose/findings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "diagnose/classifier_testing.h"
#include "diagnose/finding_text.h"
#include "diagnose/journey_diagnosis.h"

namespace mailwhy {
namespace {

const Classifier& C() { return *BuiltInClassifier(); }

constexpr int64_t kDec5 = 1670263200;  // 2022-12-05 18:00:00 UTC

LogTime At(int64_t seconds_after) {
  LogTime t;
  t.unix_us = (kDec5 + seconds_after) * 1000000;
  t.known = true;
  return t;
}

Attempt Smtp(const std::string& status, const std::string& text, double a, double b, double c,
             double d, int64_t when = 1) {
  Attempt at;
  at.time = At(when);
  at.daemon = "smtp";
  at.relay = "mx.example.net[192.0.2.1]:25";
  at.remote = "mx.example.net[192.0.2.1]";
  at.status = status;
  at.text = text;
  at.delays[0] = a;
  at.delays[1] = b;
  at.delays[2] = c;
  at.delays[3] = d;
  at.delay = a + b + c + d;
  return at;
}

RecipientStatus StatusOf(const std::string& s) {
  if (s == "sent") return RecipientStatus::kSent;
  if (s == "bounced") return RecipientStatus::kBounced;
  return RecipientStatus::kDeferred;
}

// An outbound message from a SASL client with one recipient and the given attempts.
Journey Outbound(std::vector<Attempt> attempts, const std::string& from = "tu@example.com") {
  Journey j;
  j.host = "mx1";
  j.qid = "ABCDEF1234";
  j.first_seen = At(0);
  j.last_seen = attempts.empty() ? At(0) : attempts.back().time;
  j.direction = Direction::kOutbound;
  j.arrival = "smtpd";
  j.client.name = "client.example.org";
  j.client.ip = "198.51.100.20";
  j.has_from = true;
  j.from = from;
  j.has_message_id = true;
  j.message_id = "<1@example.com>";
  Recipient r;
  r.address = "bob@example.net";
  if (!attempts.empty()) r.status = StatusOf(attempts.back().status);
  r.attempts = std::move(attempts);
  j.end = r.status == RecipientStatus::kDeferred ? JourneyEnd::kOpen : JourneyEnd::kRemoved;
  j.recipients.push_back(std::move(r));
  return j;
}

size_t Count(const JourneyDiagnosis& d, const std::string& id) {
  size_t n = 0;
  for (const Finding& f : d.findings) n += f.id == id ? 1 : 0;
  return n;
}

const Finding* Get(const JourneyDiagnosis& d, const std::string& id) {
  for (const Finding& f : d.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::string Value(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.values) {
    if (k == key) return v;
  }
  return "";
}

bool Has(const JourneyDiagnosis& d, const std::string& id) { return Get(d, id) != nullptr; }

bool HasPrefix(const JourneyDiagnosis& d, const std::string& prefix) {
  for (const Finding& f : d.findings) {
    if (f.id.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

const char kGmailMessageId[] =
    "host gmail-smtp-in.l.google.com[142.250.157.27] said: 550-5.7.1 [198.51.100.25] Messages "
    "missing a valid messageId header are not 550 5.7.1 accepted. x - gsmtp (in reply to end of "
    "DATA command)";
const char kSent[] = "250 2.0.0 Ok: queued as EEC702AAC0E";
const char kTimedOut[] = "connect to mx.example.net[192.0.2.1]:25: Connection timed out";

// --- Message-ID -----------------------------------------------------------------

TEST(EmptyMessageId, RefusedRecipientIsNamed) {
  Journey j = Outbound({Smtp("bounced", kGmailMessageId, 0.15, 0.1, 0.2, 0.33)});
  j.message_id = "<>";
  j.recipients[0].attempts[0].relay = "gmail-smtp-in.l.google.com[142.250.157.27]:25";
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.empty-message-id");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->recipient, 0);
  EXPECT_EQ(Value(*f, "relay_host"), "gmail-smtp-in.l.google.com");
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_NE(t.summary.find("empty Message-ID"), std::string::npos) << t.summary;
  ASSERT_EQ(t.remedies.size(), 3u);
  EXPECT_NE(t.remedies[2].find("SPF"), std::string::npos);
  EXPECT_NE(t.remedies[2].find("mailwhy probe domain example.com"), std::string::npos);
}

TEST(EmptyMessageId, RefusalForAnotherHeaderIsNotBlamedOnIt) {
  Journey j = Outbound({Smtp("bounced",
                             "host gmail-smtp-in.l.google.com[142.250.157.27] said: 550-5.7.1 "
                             "Messages with multiple addresses in From: header are not accepted. "
                             "- gsmtp (in reply to end of DATA command)",
                             0.15, 0.1, 0.2, 0.33)});
  j.message_id = "<>";
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  EXPECT_FALSE(Has(d, "journey.empty-message-id"));
  EXPECT_TRUE(Has(d, "journey.empty-message-id.outbound"));
}

TEST(EmptyMessageId, ValidMessageIdGivesNothing) {
  Journey j = Outbound({Smtp("bounced", kGmailMessageId, 0.15, 0.1, 0.2, 0.33)});
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(j, C()), "journey.empty-message-id"));
}

TEST(EmptyMessageId, AcceptedButLeftThisHostIsARisk) {
  Journey j = Outbound({Smtp("sent", kSent, 0.1, 0, 0.1, 0.1)});
  j.message_id = "<>";
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  EXPECT_TRUE(Has(d, "journey.empty-message-id.outbound"));
  EXPECT_FALSE(Has(d, "journey.empty-message-id"));
}

TEST(EmptyMessageId, LocalDeliveryOnlyGivesNothing) {
  Journey j = Outbound({Smtp("sent", "delivered to maildir", 0, 0, 0, 0.02)});
  j.recipients[0].attempts[0].daemon = "virtual";
  j.message_id = "<>";
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(j, C()), "journey.empty-message-id"));
}

// --- envelope sender ------------------------------------------------------------

Journey FromPickup(const std::string& pickup_sender, const std::string& from) {
  Journey j = Outbound({Smtp("deferred",
                             "host mx.example.net[192.0.2.1] refused to talk to me: 554 Local "
                             "Policy Violation",
                             0, 0, 1.6, 0)},
                       from);
  j.arrival = "pickup";
  j.client = Client{};
  j.pickup.uid = 48;
  j.pickup.sender = pickup_sender;
  return j;
}

TEST(UnqualifiedSender, PickupWithoutDomain) {
  JourneyDiagnosis d = DiagnoseJourney(FromPickup("apache", "apache@example.com"), C());
  const Finding* f = Get(d, "journey.unqualified-sender");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->recipient, -1);
  EXPECT_EQ(Value(*f, "uid"), "48");
  EXPECT_EQ(Value(*f, "pickup_sender"), "apache");
  EXPECT_EQ(Value(*f, "sender"), "apache@example.com");
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_NE(t.summary.find("uid 48"), std::string::npos) << t.summary;
  std::string all;
  for (const auto& r : t.remedies) all += r + "\n";
  EXPECT_NE(all.find("sendmail -f info@example.com"), std::string::npos) << all;
  EXPECT_NE(all.find("fifth parameter"), std::string::npos) << all;
}

TEST(UnqualifiedSender, QualifiedPickupSenderGivesNothing) {
  JourneyDiagnosis d = DiagnoseJourney(FromPickup("news@example.com", "news@example.com"), C());
  EXPECT_FALSE(Has(d, "journey.unqualified-sender"));
}

TEST(UnqualifiedSender, CronMailKeptHereGivesNothing) {
  Journey j = FromPickup("root", "root@mx1.example.com");
  j.recipients[0].attempts[0].daemon = "local";
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  EXPECT_FALSE(Has(d, "journey.unqualified-sender"));
  EXPECT_FALSE(Has(d, "journey.host-name-sender"));
}

TEST(UnqualifiedSender, HidesTheHostNameFindingItExplains) {
  // myorigin = $myhostname: the completed address is at a host name too.
  JourneyDiagnosis d = DiagnoseJourney(FromPickup("apache", "apache@web01.example.com"), C());
  EXPECT_TRUE(Has(d, "journey.unqualified-sender"));
  EXPECT_FALSE(Has(d, "journey.host-name-sender"));
}

TEST(HostNameSender, MachineNameIsFlagged) {
  JourneyDiagnosis d = DiagnoseJourney(FromPickup("www@web01.hmk-temp.com", "www@web01.hmk-temp.com"), C());
  const Finding* f = Get(d, "journey.host-name-sender");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "host_label"), "web01");
  EXPECT_EQ(Value(*f, "sender_domain"), "web01.hmk-temp.com");
  std::string all;
  for (const auto& r : TextsOf(*f, Lang::kEn).remedies) all += r + "\n";
  EXPECT_NE(all.find("Return-Path"), std::string::npos) << all;
}

TEST(HostNameSender, MailingListDomainIsNot) {
  for (const char* from : {"news@mail.example.com", "list@lists.example.org", "info@example.co.jp",
                           "bounces+1234@em1234.example.com", "a@example.com"}) {
    Journey j = Outbound({Smtp("sent", kSent, 0.1, 0, 0.1, 0.1)}, from);
    EXPECT_FALSE(Has(DiagnoseJourney(j, C()), "journey.host-name-sender")) << from;
  }
}

TEST(HostNameSender, NullSenderAndBounceNoticesAreNot) {
  Journey j = Outbound({Smtp("sent", kSent, 0.1, 0, 0.1, 0.1)}, "");
  EXPECT_FALSE(Has(DiagnoseJourney(j, C()), "journey.host-name-sender"));
  j.from = "MAILER-DAEMON@mx1.example.com";
  j.arrival = "bounce";
  EXPECT_FALSE(Has(DiagnoseJourney(j, C()), "journey.host-name-sender"));
}

TEST(HostNameSender, TheServerOwnName) {
  // The log's host is "mx1"; mail.example.com would pass (see host_name_test.cc).
  Journey j = Outbound({Smtp("sent", kSent, 0.1, 0, 0.1, 0.1)}, "root@mx1.example.com");
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.host-name-sender");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "host_label"), "mx1");
}

// --- delays ---------------------------------------------------------------------

TEST(Delays, ConnectionSetUpDominates) {
  Attempt a = Smtp("bounced", "host mx.example.net[192.0.2.1] said: 550 5.7.1 no", 0.01, 0, 60, 0.81);
  a.notes.push_back(AttemptNote{At(30), EventKind::kSmtpConnectFail, TextShape::kConnectFailed,
                                "connect to mx1.example.net[192.0.2.9]:25: Connection timed out"});
  JourneyDiagnosis d = DiagnoseJourney(Outbound({a}), C());
  const Finding* f = Get(d, "journey.delays.connect");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "part_seconds"), "60");
  EXPECT_EQ(Value(*f, "total_seconds"), "60.82");
  EXPECT_EQ(Value(*f, "share"), "98");
  EXPECT_EQ(Value(*f, "failed_hosts"), "mx1.example.net[192.0.2.9]:25: Connection timed out");
  VerdictTexts en = TextsOf(*f, Lang::kEn);
  EXPECT_NE(en.summary.find("60 seconds"), std::string::npos) << en.summary;
  VerdictTexts ja = TextsOf(*f, Lang::kJa);
  EXPECT_NE(ja.summary.find("60秒"), std::string::npos) << ja.summary;
}

TEST(Delays, DaysInTheQueueOnARetry) {
  Journey j = Outbound({Smtp("deferred", kTimedOut, 0.03, 0.03, 30, 0, 30),
                        Smtp("deferred", "host mx.example.net[192.0.2.1] refused to talk to me: "
                             "554 5.7.0 Blocked", 248120, 0.02, 2.2, 0, 248122)});
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.delays.queue");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "try"), "2");
  EXPECT_NE(TextsOf(*f, Lang::kEn).summary.find("2.9 days"), std::string::npos);
  EXPECT_NE(TextsOf(*f, Lang::kJa).summary.find("2.9日"), std::string::npos);
}

TEST(Delays, FirstAttemptWaitIsABacklogUnlessItIsLong) {
  JourneyDiagnosis d = DiagnoseJourney(Outbound({Smtp("sent", kSent, 120, 0.1, 0.2, 0.3)}), C());
  EXPECT_TRUE(Has(d, "journey.delays.backlog"));
  // An hour before the first attempt in this log: deferred before, in an older log.
  d = DiagnoseJourney(Outbound({Smtp("sent", kSent, 3600, 0.1, 0.2, 0.3)}), C());
  EXPECT_TRUE(Has(d, "journey.delays.queue"));
}

TEST(Delays, QueueManagerAndTransmission) {
  EXPECT_TRUE(Has(DiagnoseJourney(Outbound({Smtp("sent", kSent, 0.1, 20, 0.2, 0.3)}), C()),
                  "journey.delays.qmgr"));
  EXPECT_TRUE(Has(DiagnoseJourney(Outbound({Smtp("sent", kSent, 0.1, 0, 0.2, 45)}), C()),
                  "journey.delays.transmit"));
}

TEST(Delays, QuietWhenNothingDominatesOrNothingWasLogged) {
  // Short: 4 s of 4.5 s is not worth a word.
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(Outbound({Smtp("sent", kSent, 0.1, 0, 4, 0.4)}), C()),
                         "journey.delays"));
  // Even: no part above half.
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(Outbound({Smtp("sent", kSent, 10, 0, 10, 10)}), C()),
                         "journey.delays"));
  // a == 0 and everything 0.
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(Outbound({Smtp("sent", kSent, 0, 0, 0, 0)}), C()),
                         "journey.delays"));
  // Postfix before 2.3 logged no delays= (all -1), and a redacted field reads as -1.
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(Outbound({Smtp("sent", kSent, -1, -1, -1, -1)}), C()),
                         "journey.delays"));
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(Outbound({Smtp("sent", kSent, 0.1, -1, 60, 0)}), C()),
                         "journey.delays"));
}

TEST(Delays, NoWaitBeforeTheQueueManager) {
  // a == 0 (a message Postfix tried at once) does not hide a slow connection.
  JourneyDiagnosis d = DiagnoseJourney(Outbound({Smtp("sent", kSent, 0, 0, 31, 0.2)}), C());
  EXPECT_TRUE(Has(d, "journey.delays.connect"));
  EXPECT_FALSE(Has(d, "journey.delays.queue"));
  EXPECT_FALSE(Has(d, "journey.delays.backlog"));
}

TEST(Delays, SharedTransactionIsSaidOnce) {
  Journey j = Outbound({Smtp("sent", kSent, 0.01, 0, 60, 0.8)});
  Recipient second = j.recipients[0];
  second.address = "carol@example.net";
  j.recipients.push_back(second);
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  ASSERT_EQ(Count(d, "journey.delays.connect"), 1u);
  EXPECT_EQ(Get(d, "journey.delays.connect")->recipient, -1);
}

// --- history --------------------------------------------------------------------

TEST(History, DeferralsStillQueued) {
  Journey j = Outbound({Smtp("deferred", kTimedOut, 0, 0, 30, 0, 30),
                        Smtp("deferred", kTimedOut, 300, 0, 30, 0, 360),
                        Smtp("deferred", "host mx.example.net[192.0.2.1] said: 451 4.5.1 Mailbox "
                             "full (in reply to end of DATA command)", 900, 0, 1, 0, 1290)});
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.deferrals.pending");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "attempts"), "3");
  EXPECT_EQ(Value(*f, "deferrals"), "3");
  ASSERT_EQ(f->history.size(), 2u);  // the two time-outs are one group
  EXPECT_EQ(f->history[0].count, 2);
  EXPECT_EQ(ToString(f->history[0].verdict.reason), "networkerror");
  EXPECT_EQ(f->history[1].count, 1);
  EXPECT_EQ(ToString(f->history[1].verdict.reason), "mailboxfull");
  EXPECT_NE(TextsOf(*f, Lang::kEn).summary.find("22 minutes"), std::string::npos)
      << TextsOf(*f, Lang::kEn).summary;
}

TEST(History, OneDeferralIsNoHistory) {
  JourneyDiagnosis d = DiagnoseJourney(Outbound({Smtp("deferred", kTimedOut, 0, 0, 30, 0)}), C());
  EXPECT_FALSE(HasPrefix(d, "journey.deferrals"));
}

TEST(History, DeliveredOrBouncedAfterDeferrals) {
  Journey late = Outbound({Smtp("deferred", kTimedOut, 0, 0, 30, 0, 30),
                           Smtp("sent", kSent, 600, 0, 0.2, 0.2, 630)});
  JourneyDiagnosis d = DiagnoseJourney(late, C());
  ASSERT_TRUE(Has(d, "journey.deferrals.delivered"));
  EXPECT_EQ(Get(d, "journey.deferrals.delivered")->history.back().status, "sent");
  Journey refused = Outbound({Smtp("deferred", kTimedOut, 0, 0, 30, 0, 30),
                              Smtp("bounced", "host mx.example.net[192.0.2.1] said: 550 5.1.1 "
                                   "User unknown (in reply to RCPT TO command)", 600, 0, 0.2, 0, 630)});
  EXPECT_TRUE(Has(DiagnoseJourney(refused, C()), "journey.deferrals.bounced"));
}

TEST(History, ExpiredNamesTheLifetime) {
  Journey j = Outbound({Smtp("deferred", kTimedOut, 0, 0, 30, 0, 30),
                        Smtp("deferred", kTimedOut, 400000, 0, 30, 0, 432000)});
  j.recipients[0].status = RecipientStatus::kExpired;
  j.expired = true;
  j.last_seen = At(432001);
  j.end = JourneyEnd::kRemoved;
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.expired");
  ASSERT_NE(f, nullptr);
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_NE(t.summary.find("5 days"), std::string::npos) << t.summary;
  std::string all;
  for (const auto& r : t.remedies) all += r;
  EXPECT_NE(all.find("maximal_queue_lifetime"), std::string::npos);
  EXPECT_EQ(f->history.size(), 1u);
  EXPECT_EQ(f->history[0].count, 2);
}

TEST(History, RedactedTimesLeaveNoHoles) {
  // "Dec  5 xx:xx:xx" with nothing before it to borrow a time from: no time is known.
  Journey j = Outbound({Smtp("deferred", kTimedOut, 0, 0, 30, 0), Smtp("deferred", kTimedOut, 0, 0, 30, 0)});
  j.first_seen = j.last_seen = LogTime{};
  for (Attempt& a : j.recipients[0].attempts) a.time = LogTime{};
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.deferrals.pending");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "first"), "");
  EXPECT_EQ(Value(*f, "span_seconds"), "");
  std::string summary = TextsOf(*f, Lang::kEn).summary;
  EXPECT_EQ(summary, "Tried 2 times from ? to ?, and still in the queue: an unknown time since it "
                     "arrived.");
  EXPECT_FALSE(TextsOf(*f, Lang::kJa).summary.empty());
}

// --- outcome --------------------------------------------------------------------

TEST(Outcome, DeliveredNamesTheNextHopAndItsQueueId) {
  Journey j = Outbound({Smtp("sent", kSent, 0.16, 0.05, 0.09, 0.17)});
  j.recipients[0].attempts[0].queued_as = "EEC702AAC0E";
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.delivered");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "queued_as"), "EEC702AAC0E");
  EXPECT_EQ(Value(*f, "relay_host"), "mx.example.net");
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_NE(t.summary.find("mx.example.net"), std::string::npos);
  EXPECT_NE(t.summary.find("EEC702AAC0E"), std::string::npos);
  std::string all;
  for (const auto& r : t.remedies) all += r;
  EXPECT_NE(all.find("spam"), std::string::npos);
}

TEST(Outcome, WithoutQueueIdTheLookUpRemedyIsLeftOut) {
  Journey j = Outbound({Smtp("sent", "250 OK", 0.1, 0, 0.1, 0.1)});
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.delivered");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(TextsOf(*f, Lang::kEn).remedies.size(), 2u);
}

TEST(Outcome, LocalDeliveryAndContentFilterAreNoHandOver) {
  Journey local = Outbound({Smtp("sent", "delivered to maildir", 0, 0, 0, 0.02)});
  local.recipients[0].attempts[0].daemon = "virtual";
  local.recipients[0].attempts[0].relay = "virtual";
  JourneyDiagnosis d = DiagnoseJourney(local, C());
  EXPECT_FALSE(HasPrefix(d, "journey.delivered"));
  EXPECT_EQ(d.recipients[0].verdict.rule_id, "postfix.sent.mailbox");

  Journey filtered = Outbound({Smtp("sent", "250 2.0.0 Ok: queued as 5F1E2D3C", 0, 0, 0, 0.5)});
  filtered.recipients[0].attempts[0].relay = "127.0.0.1[127.0.0.1]:10024";
  filtered.recipients[0].attempts[0].queued_as = "5F1E2D3C";
  filtered.children.push_back(Link{"5F1E2D3C", "reinjected", ""});
  EXPECT_FALSE(HasPrefix(DiagnoseJourney(filtered, C()), "journey.delivered"));
}

TEST(Outcome, BounceNoticeGoesToTheSenderOrThePostmaster) {
  Journey j = Outbound({Smtp("bounced", "host mx.example.net[192.0.2.1] said: 550 5.1.1 User "
                             "unknown (in reply to RCPT TO command)", 0.1, 0, 0.1, 0.1)});
  j.children.push_back(Link{"D123E45678F", "non-delivery-notification", ""});
  JourneyDiagnosis d = DiagnoseJourney(j, C());
  const Finding* f = Get(d, "journey.bounce-notice");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Value(*f, "notice_qid"), "D123E45678F");
  EXPECT_NE(TextsOf(*f, Lang::kEn).summary.find("tu@example.com"), std::string::npos);
  j.from = "";
  d = DiagnoseJourney(j, C());
  EXPECT_NE(TextsOf(*Get(d, "journey.bounce-notice"), Lang::kEn).summary.find("postmaster"),
            std::string::npos);
  j.children[0].kind = "delay-notification";
  EXPECT_TRUE(Has(DiagnoseJourney(j, C()), "journey.delay-notice"));
}

Journey Refused(const std::string& sasl_user) {
  Journey j;
  j.host = "mx1";
  j.qid = "NOQUEUE";
  j.direction = Direction::kInbound;
  j.arrival = "smtpd";
  j.first_seen = j.last_seen = At(0);
  j.client.name = "monikura.rei.jp";
  j.client.ip = "203.0.113.5";
  j.client.sasl_user = sasl_user;
  j.has_from = true;
  j.from = "test@monikura.rei.jp";
  j.end = JourneyEnd::kRejected;
  for (const char* to : {"a@example.com", "b@example.com"}) {
    Recipient r;
    r.address = to;
    r.status = RecipientStatus::kRejected;
    r.reject_action = "reject";
    r.reject_stage = "RCPT";
    r.reject_reply.code = 554;
    r.reject_reply.dsn = "5.7.1";
    r.reject_reply.text = "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using "
                          "sbl-xbl.spamhaus.org";
    j.recipients.push_back(r);
  }
  return j;
}

TEST(Outcome, InboundRefusalIsToldFromBothSidesOnce) {
  JourneyDiagnosis d = DiagnoseJourney(Refused(""), C());
  ASSERT_EQ(Count(d, "journey.inbound-refused"), 1u);
  const Finding* f = Get(d, "journey.inbound-refused");
  EXPECT_EQ(f->recipient, -1);
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_NE(t.summary.find("monikura.rei.jp[203.0.113.5]"), std::string::npos) << t.summary;
  EXPECT_NE(t.explanation.find("test@monikura.rei.jp"), std::string::npos);
  ASSERT_EQ(t.remedies.size(), 3u);
  EXPECT_EQ(t.remedies[0].rfind("For the sender", 0), 0u);
  EXPECT_EQ(t.remedies[1].rfind("For us", 0), 0u);
}

TEST(Outcome, OwnUserRefusedIsASubmission) {
  JourneyDiagnosis d = DiagnoseJourney(Refused("tu@example.com"), C());
  EXPECT_TRUE(Has(d, "journey.submission-refused"));
  EXPECT_FALSE(Has(d, "journey.inbound-refused"));
}

// --- the knowledge base ---------------------------------------------------------

TEST(FindingTexts, EveryIdHasTextsInBothLanguages) {
  for (std::string_view id : FindingIds()) {
    std::shared_ptr<const FindingRule> r = C().rules().FindFinding(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_FALSE(r->en.summary.empty()) << id;
    EXPECT_FALSE(r->ja.summary.empty()) << id;
    EXPECT_EQ(r->en.remedies.size(), r->ja.remedies.size()) << id;
  }
  for (const auto& r : C().rules().findings()) {
    if (r->id.rfind("journey.", 0) != 0) continue;  // other layers' findings (probe.*)
    EXPECT_NE(std::find(FindingIds().begin(), FindingIds().end(), r->id), FindingIds().end())
        << r->id << " has texts but no detector";
  }
}

TEST(FindingTexts, MissingTextsFallBackToTheId) {
  Finding f;
  f.id = "journey.unknown";
  EXPECT_EQ(TextsOf(f, Lang::kEn).summary, "journey.unknown");
}

TEST(FindingTexts, DurationWords) {
  struct Case {
    double seconds;
    const char* en;
    const char* ja;
  } cases[] = {
      {2.2, "2.2 seconds", "2.2秒"},    {1, "1 second", "1秒"},
      {60, "60 seconds", "60秒"},       {1260, "21 minutes", "21分"},
      {7200, "2 hours", "2時間"},       {248120, "2.9 days", "2.9日"},
      {432000, "5 days", "5日"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DurationWords(c.seconds, Lang::kEn), c.en) << "got for " << c.seconds;
    EXPECT_EQ(DurationWords(c.seconds, Lang::kJa), c.ja) << "got for " << c.seconds;
  }
  EXPECT_EQ(DurationWords(-1, Lang::kEn), "");
}

}  // namespace
}  // namespace mailwhy
