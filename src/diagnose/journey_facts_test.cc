// journey_facts_test - the facts of a refused recipient, of a delivery attempt and of a
// recipient never tried, each written into facts that held another recipient's before.
#include "diagnose/journey_facts.h"

#include <gtest/gtest.h>

#include <string>

namespace mailwhy {
namespace {

Journey Refused() {
  Journey j;
  j.qid = "NOQUEUE";
  j.has_from = true;
  j.from = "spammer@bad.example";
  j.client.name = "unknown";
  j.client.ip = "192.0.2.9";
  Recipient r;
  r.address = "user@example.com";
  r.status = RecipientStatus::kRejected;
  r.reject_stage = "RCPT";
  r.reject_action = "reject";
  r.reject_reply.code = 554;
  r.reject_reply.dsn = "5.7.1";
  r.reject_reply.text = "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked";
  j.recipients.push_back(r);
  return j;
}

Journey Delivered() {
  Journey j;
  j.qid = "A17F830001CA";
  j.pickup.sender = "apache";  // no envelope sender logged: pickup's is taken
  Recipient r;
  r.address = "friend@example.net";
  r.status = RecipientStatus::kDeferred;
  Attempt a;
  a.relay = "mx.example.net[198.51.100.3]:25";
  a.remote = "mx2.example.net[198.51.100.4]";
  a.dsn = "4.7.1";
  a.text = "host mx2.example.net[198.51.100.4] said: 451 4.7.1 Greylisted";
  a.reply.code = 451;
  a.reply.dsn = "4.7.1";
  r.attempts.push_back(a);
  j.recipients.push_back(r);
  return j;
}

Journey NeverTried() {
  Journey j;
  j.qid = "B27F830001CB";
  j.has_from = true;  // the null sender
  Recipient r;
  r.address = "postmaster@example.org";
  j.recipients.push_back(r);
  return j;
}

void ExpectRefused(const FailureFacts& f) {
  EXPECT_EQ(f.origin, Origin::kInboundReject);
  EXPECT_EQ(f.recipient, "user@example.com");
  EXPECT_EQ(f.sender, "spammer@bad.example");
  EXPECT_EQ(f.status, "rejected");
  EXPECT_EQ(f.text, "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked");
  EXPECT_EQ(f.reply_code, 554);
  EXPECT_EQ(f.enhanced, "5.7.1");
  EXPECT_EQ(f.stage, "rcpt");
  EXPECT_EQ(f.client, "unknown[192.0.2.9]");
  EXPECT_EQ(f.dsn, "");
  EXPECT_EQ(f.relay, "");
  EXPECT_EQ(f.relay_ip, "");
}

void ExpectDelivered(const FailureFacts& f) {
  EXPECT_EQ(f.origin, Origin::kDelivery);
  EXPECT_EQ(f.recipient, "friend@example.net");
  EXPECT_EQ(f.sender, "apache");
  EXPECT_EQ(f.status, "deferred");
  EXPECT_EQ(f.text, "host mx2.example.net[198.51.100.4] said: 451 4.7.1 Greylisted");
  EXPECT_EQ(f.reply_code, 451);
  EXPECT_EQ(f.enhanced, "4.7.1");
  EXPECT_EQ(f.dsn, "4.7.1");
  EXPECT_EQ(f.relay, "mx2.example.net");  // the host the text names, not relay=
  EXPECT_EQ(f.relay_ip, "198.51.100.4");
  EXPECT_EQ(f.stage, "");
  EXPECT_EQ(f.client, "");
}

void ExpectNeverTried(const FailureFacts& f) {
  EXPECT_EQ(f.origin, Origin::kUnknown);
  EXPECT_EQ(f.recipient, "postmaster@example.org");
  EXPECT_EQ(f.sender, "");
  EXPECT_EQ(f.status, "pending");
  EXPECT_EQ(f.text, "");
  EXPECT_EQ(f.reply_code, 0);
  EXPECT_EQ(f.enhanced, "");
  EXPECT_EQ(f.dsn, "");
  EXPECT_EQ(f.relay, "");
  EXPECT_EQ(f.relay_ip, "");
  EXPECT_EQ(f.stage, "");
  EXPECT_EQ(f.client, "");
  EXPECT_FALSE(f.truncated);
}

TEST(FactsForRecipient, RefusedDeliveredAndNeverTried) {
  const Journey refused = Refused(), delivered = Delivered(), never = NeverTried();
  ExpectRefused(FactsForRecipient(refused, refused.recipients[0]));
  ExpectDelivered(FactsForRecipient(delivered, delivered.recipients[0]));
  ExpectNeverTried(FactsForRecipient(never, never.recipients[0]));
}

// Written again and again into the same facts, each recipient's facts come out whole:
// nothing of the recipient before shows through.
TEST(FactsForRecipientTo, RewritesEveryField) {
  const Journey refused = Refused(), delivered = Delivered(), never = NeverTried();
  FailureFacts f;
  f.truncated = true;
  for (int round = 0; round < 2; ++round) {
    FactsForRecipientTo(refused, refused.recipients[0], &f);
    ExpectRefused(f);
    FactsForRecipientTo(delivered, delivered.recipients[0], &f);
    ExpectDelivered(f);
    FactsForRecipientTo(never, never.recipients[0], &f);
    ExpectNeverTried(f);
    FactsForRecipientTo(delivered, delivered.recipients[0], &f);
    ExpectDelivered(f);
    FactsForRecipientTo(refused, refused.recipients[0], &f);
    ExpectRefused(f);
  }
}

}  // namespace
}  // namespace mailwhy
