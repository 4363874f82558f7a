// bounce_seeds_test - the seed cases that arrive as error mails or queue listings
// (seeds/CASES.md 07, 07b, 08, 12, 15, 22), read end to end: the mail or the listing as the
// article shows it, through the reader, the knowledge base and the command line. The
// expected values come from CASES.md.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "bounce/bounce_facts.h"
#include "bounce/bounce_reader.h"
#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"
#include "queue/mailq_text.h"
#include "queue/queue_summary.h"
#include "testing.h"
#include "util/civil_time.h"

namespace mailwhy {
namespace {

const Classifier& C() { return *BuiltInClassifier(); }

// The seed 001 bounce, as the article prints it, with the headers Postfix gives it.
const char kPostfixPreamble[] =
    "From: MAILER-DAEMON@mail.hogehoge.ne.jp (Mail Delivery System)\n"
    "Subject: Undelivered Mail Returned to Sender\n\n"
    "This is the Postfix program at host mail.hogehoge.ne.jp.\n"
    "I’m sorry to have to inform you that the message returned\n"
    "below could not be delivered to one or more destinations.\n"
    "For further assistance, please contact <info@hogehoge.ne.jp>\n"
    "If you do so, please include this problem report. You can\n"
    "delete your own text from the message returned below.\n"
    "The Postfix program\n"
    "<xxxxxx@xxxxxx.com>: Name service error for domain xxxxxx.com: Host not found\n";

struct Read {
  BounceReport report;
  Verdict verdict;
};

Read ReadOne(const std::string& mail) {
  Read r;
  Status s = ReadBounce(mail, &r.report);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (!r.report.records.empty()) r.verdict = C().Classify(FactsOfRecord(r.report, r.report.records[0]));
  return r;
}

TEST(SeedBounce, Case07bPostfixPreambleIsRecognised) {
  Read r = ReadOne(kPostfixPreamble);
  EXPECT_EQ(r.report.family, "postfix");
  ASSERT_EQ(r.report.records.size(), 1u);
  EXPECT_EQ(r.report.records[0].recipient, "xxxxxx@xxxxxx.com");
}

TEST(SeedBounce, Case07HostNotFoundInTheBounceBody) {
  Read r = ReadOne(kPostfixPreamble);
  EXPECT_EQ(ToString(r.verdict.reason), "hostunknown");
  EXPECT_EQ(ToString(r.verdict.failure_class), "permanent");
  EXPECT_EQ(ToString(r.verdict.side), "sender");
}

TEST(SeedBounce, Case12UserUnknownFromSendmailAndQmail) {
  Read sendmail = ReadOne(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@hogehoge.ne.jp>\n"
      "Subject: Returned mail: see transcript for details\n\n"
      "   ----- The following addresses had permanent fatal errors -----\n<xxxxxx@hogehoge.ne.jp>\n\n"
      "   ----- Transcript of session follows -----\n"
      "... while talking to mx.hogehoge.ne.jp.:\n>>> RCPT To:<xxxxxx@hogehoge.ne.jp>\n"
      "<<< 550 5.1.1 xxxxxx@hogehoge.ne.jp... User unknown\n");
  EXPECT_EQ(sendmail.report.family, "sendmail");
  EXPECT_EQ(ToString(sendmail.verdict.reason), "userunknown");
  EXPECT_EQ(ToString(sendmail.verdict.failure_class), "permanent");

  Read qmail = ReadOne(
      "From: MAILER-DAEMON@mx.hogehoge.ne.jp\nSubject: failure notice\n\n"
      "Hi. This is the qmail-send program at mx.hogehoge.ne.jp.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
      "<xxxxxx@hogehoge.ne.jp>:\nSorry, no mailbox here by that name. (#5.1.1)\n");
  EXPECT_EQ(qmail.report.family, "qmail");
  EXPECT_EQ(qmail.report.records[0].status, "5.1.1");
  EXPECT_EQ(ToString(qmail.verdict.reason), "userunknown");
  EXPECT_EQ(ToString(qmail.verdict.failure_class), "permanent");
}

TEST(SeedBounce, Case15QmailReplyInAPostfixBounce) {
  Read r = ReadOne(
      "From: MAILER-DAEMON@mail.example.jp (Mail Delivery System)\n"
      "Subject: Undelivered Mail Returned to Sender\n\n"
      "This is the mail system at host mail.example.jp.\n\n                   The mail system\n\n"
      "<xxxxxx@hogehoge.ne.jp>: host mx.hogehoge.ne.jp[192.0.2.1] said: 550 sorry, no\n"
      "    mailbox here by that name. (#5.1.1) (in reply to RCPT TO command)\n");
  ASSERT_EQ(r.report.records.size(), 1u);
  EXPECT_EQ(r.report.records[0].command, "RCPT TO");
  EXPECT_EQ(r.report.records[0].reply_code, 550);
  EXPECT_EQ(ToString(r.verdict.reason), "userunknown");
  EXPECT_EQ(ToString(r.verdict.failure_class), "permanent");
}

TEST(SeedBounce, Case22SendmailReasonCutOff) {
  // seeds/002: the bounce as the user forwarded it to the administrator.
  Read r = ReadOne(
      "Subject: FW: Returned mail: see transcript for details\n\n"
      "-----Original Message-----\n"
      "Subject: Returned mail: see transcript for details\n\n"
      "----- The following addresses had permanent fatal errors ----- %Address%@gmail.com\n"
      "(reason: 550-5.7.1 Our system has detected that this message is)\n");
  EXPECT_EQ(r.report.family, "sendmail");
  ASSERT_EQ(r.report.records.size(), 1u);
  EXPECT_EQ(r.report.records[0].recipient, "%Address%@gmail.com");
  EXPECT_EQ(ToString(r.verdict.reason), "spamdetected");
  EXPECT_EQ(ToString(r.verdict.failure_class), "permanent");
  EXPECT_EQ(r.verdict.provider, "gmail");
  EXPECT_TRUE(r.verdict.truncated()) << "the cut-off text must be said to be cut off";
}

// Sets TZ for one test and puts the old value back.
class ZoneFor {
 public:
  explicit ZoneFor(const char* zone) {
    const char* old = getenv("TZ");
    had_ = old != nullptr;
    if (had_) old_ = old;
    setenv("TZ", zone, 1);
    ReloadLocalZone();
  }
  ~ZoneFor() {
    if (had_) setenv("TZ", old_.c_str(), 1); else unsetenv("TZ");
    ReloadLocalZone();
  }

 private:
  bool had_ = false;
  std::string old_;
};

TEST(SeedQueue, Case08MailqEntryWithEnDashes) {
  ZoneFor tokyo("Asia/Tokyo");
  const int64_t now = UnixFromCivilUtc(2023, 12, 23, 1, 0, 0);
  std::vector<QueueEntry> e;
  QueueReadStats st;
  ReadMailqText(
      "# mailq\n-Queue ID- –Size– —-Arrival Time—- -Sender/Recipient——-\n"
      "366815BF0A 2134 Fri Dec 22 14:38:43 hoge@xxxxxx.net\n"
      "(host ml.xxxxxx.com[210.172.140.106] said: 450 Rcpt to <taro@xxxxxx.com> – Temporary local "
      "problem – I said try later (in reply to RCPT TO command))\n"
      "taro@xxxxxx.com\n— 2 Kbytes in 1 Request.\n",
      now, &e, &st);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].queue_id, "366815BF0A");
  EXPECT_EQ(e[0].message_size, 2134);
  EXPECT_EQ(e[0].sender, "hoge@xxxxxx.net");
  ASSERT_EQ(e[0].recipients.size(), 1u);
  EXPECT_EQ(e[0].recipients[0].address, "taro@xxxxxx.com");
  // 14:38:43 in Tokyo.
  EXPECT_EQ(e[0].arrival_time, UnixFromCivilUtc(2023, 12, 22, 5, 38, 43));
  Verdict v = C().Classify(FactsOfQueueRecipient(e[0], e[0].recipients[0]));
  EXPECT_TRUE(v.reason == Reason::kSystemError || v.reason == Reason::kOnHold) << ToString(v.reason);
  EXPECT_EQ(ToString(v.failure_class), "temporary");
  EXPECT_EQ(ToString(v.side), "recipient-server");
}

}  // namespace
}  // namespace mailwhy
