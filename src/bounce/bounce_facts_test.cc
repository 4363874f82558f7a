// bounce_facts_test - a record as classifier input.
#include "bounce/bounce_facts.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(FactsOfRecord, ActionStatusAndStage) {
  BounceReport rep;
  rep.original.from = "Neko <neko@example.org>";
  BounceRecord r;
  r.recipient = "a@example.jp";
  r.action = "failed";
  r.status = "5.1.1";
  r.reply_code = 550;
  r.command = "RCPT TO";
  r.remote_mta = "mx.example.jp [192.0.2.1]";
  r.diagnostic = "550 5.1.1 unknown";
  FailureFacts f = FactsOfRecord(rep, r);
  EXPECT_EQ(f.status, "bounced");
  EXPECT_EQ(f.stage, "rcpt");
  EXPECT_EQ(f.relay, "mx.example.jp");
  EXPECT_EQ(f.relay_ip, "192.0.2.1");
  EXPECT_EQ(f.sender, "neko@example.org");
  EXPECT_EQ(f.enhanced, "5.1.1");
  EXPECT_EQ(f.origin, Origin::kUnknown);

  r.status = "4.4.1";
  EXPECT_EQ(FactsOfRecord(rep, r).status, "expired");  // failed with a temporary code
  r.action = "delayed";
  EXPECT_EQ(FactsOfRecord(rep, r).status, "deferred");
  r.action = "delivered";
  EXPECT_EQ(FactsOfRecord(rep, r).status, "sent");
  r.command.clear();
  EXPECT_EQ(FactsOfRecord(rep, r).stage, "other");  // the notice does not say
  r.command = "end of DATA";
  EXPECT_EQ(FactsOfRecord(rep, r).stage, "end-of-data");
  r.command = "CONN";
  EXPECT_EQ(FactsOfRecord(rep, r).stage, "connect");
}

TEST(FactsOfRecord, LocalMailerTypeIsEvidence) {
  BounceRecord r;
  r.diagnostic = "procmail: Couldn't create \"/var/spool/mail/neko\"";
  r.diagnostic_type = "x-unix";
  EXPECT_EQ(FactsOfRecord(BounceReport{}, r).text, "X-Unix; procmail: Couldn't create \"/var/spool/mail/neko\"");
}

}  // namespace
}  // namespace mailwhy
