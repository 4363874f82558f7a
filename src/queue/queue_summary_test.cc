// queue_summary_test - domains by age, causes by rule, the oldest messages.
#include "queue/queue_summary.h"

#include <gtest/gtest.h>

#include <memory>

#include "diagnose/classifier_testing.h"

namespace mailwhy {
namespace {

std::shared_ptr<const Classifier> BuiltIn() { return BuiltInClassifier(); }

QueueEntry Entry(const char* id, int64_t arrival, std::vector<QueueRecipient> r) {
  QueueEntry e;
  e.queue_name = "deferred";
  e.queue_id = id;
  e.arrival_time = arrival;
  e.message_size = 1000;
  e.sender = "s@example.jp";
  e.recipients = std::move(r);
  return e;
}

TEST(AgeBucket, QshapeBuckets) {
  EXPECT_EQ(AgeBucket(0), 0u);
  EXPECT_EQ(AgeBucket(5 * 60), 0u);
  EXPECT_EQ(AgeBucket(5 * 60 + 1), 1u);
  EXPECT_EQ(AgeBucket(1280 * 60), kAgeBuckets - 2);
  EXPECT_EQ(AgeBucket(3 * 86400), kAgeBuckets - 1);
}

TEST(SummarizeQueue, DomainsReasonsAndOldest) {
  ASSERT_NE(BuiltIn(), nullptr);
  const int64_t now = 1703325600;
  const char* timeout = "connect to mx.example.org[192.0.2.1]:25: Connection timed out";
  const char* full = "host mx.example.net[192.0.2.2] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)";
  std::vector<QueueEntry> q = {
      Entry("AAAA000001", now - 60, {{"a@example.org", timeout}, {"b@example.org", timeout}}),
      Entry("AAAA000002", now - 2 * 86400, {{"c@example.net", full}}),
      Entry("AAAA000003", now - 3600, {{"d@example.org", ""}}),
  };
  QueueSummary s = SummarizeQueue(q, *BuiltIn(), now, 2);
  EXPECT_EQ(s.messages, 3u);
  EXPECT_EQ(s.recipients, 4u);
  EXPECT_EQ(s.bytes, 3000);
  ASSERT_EQ(s.domains.size(), 2u);
  EXPECT_EQ(s.domains[0].domain, "example.org");
  EXPECT_EQ(s.domains[0].recipients, 3u);
  EXPECT_EQ(s.domains[0].buckets[0], 2u);               // a minute old
  EXPECT_EQ(s.domains[1].buckets[kAgeBuckets - 1], 1u);  // two days old
  EXPECT_EQ(s.total.recipients, 4u);

  ASSERT_EQ(s.reasons.size(), 3u);
  EXPECT_EQ(s.reasons[0].recipients, 2u);
  EXPECT_EQ(s.reasons[0].messages, 1u);
  EXPECT_EQ(s.reasons[0].verdict.reason, Reason::kNetworkError);
  EXPECT_EQ(s.reasons[0].domains, std::vector<std::string>{"example.org"});
  bool pending = false, full_seen = false;
  for (const auto& r : s.reasons) {
    pending = pending || (r.pending && r.recipients == 1);
    full_seen = full_seen || r.verdict.reason == Reason::kMailboxFull;
  }
  EXPECT_TRUE(pending);
  EXPECT_TRUE(full_seen);

  ASSERT_EQ(s.oldest.size(), 2u);
  EXPECT_EQ(s.oldest[0].entry->queue_id, "AAAA000002");
  EXPECT_EQ(s.oldest[0].verdict.reason, Reason::kMailboxFull);
  EXPECT_EQ(s.oldest[1].entry->queue_id, "AAAA000003");
  EXPECT_TRUE(s.oldest[1].pending);
}

TEST(FactsOfQueueRecipient, RelayFromTheReason) {
  QueueEntry e;
  e.queue_name = "deferred";
  QueueRecipient r{"x@gmail.com", "host gmail-smtp-in.l.google.com[142.250.157.27] said: 421-4.7.28 rate (in reply to end of DATA command)"};
  FailureFacts f = FactsOfQueueRecipient(e, r);
  EXPECT_EQ(f.relay, "gmail-smtp-in.l.google.com");
  EXPECT_EQ(f.relay_ip, "142.250.157.27");
  EXPECT_EQ(f.status, "deferred");
  EXPECT_EQ(f.origin, Origin::kDelivery);
}

}  // namespace
}  // namespace mailwhy
