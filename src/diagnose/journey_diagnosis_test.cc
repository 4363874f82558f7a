// journey_diagnosis_test - a diagnosis written over an earlier journey's equals a fresh
// one: recipients without a verdict get none, and no verdict of the journey before
// shows through.
#include "diagnose/journey_diagnosis.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "diagnose/classifier_testing.h"

namespace mailwhy {
namespace {

const Classifier& C() { return *BuiltInClassifier(); }

// Two refused recipients: both get a verdict.
Journey TwoRefused() {
  Journey j;
  j.qid = "NOQUEUE";
  j.client.name = "unknown";
  j.client.ip = "192.0.2.9";
  for (const char* to : {"a@example.com", "b@example.com"}) {
    Recipient r;
    r.address = to;
    r.status = RecipientStatus::kRejected;
    r.reject_stage = "RCPT";
    r.reject_action = "reject";
    r.reject_reply.code = 550;
    r.reject_reply.dsn = "5.1.1";
    r.reject_reply.text = std::string("550 5.1.1 <") + to +
                          ">: Recipient address rejected: User unknown in virtual mailbox table";
    j.recipients.push_back(r);
  }
  return j;
}

// Three recipients, none tried yet: no verdicts.
Journey NoneTried() {
  Journey j;
  j.qid = "C37F830001CC";
  for (const char* to : {"x@example.org", "y@example.org", "z@example.org"}) {
    Recipient r;
    r.address = to;
    j.recipients.push_back(r);
  }
  return j;
}

void ExpectSame(const JourneyDiagnosis& got, const JourneyDiagnosis& want) {
  ASSERT_EQ(got.recipients.size(), want.recipients.size());
  for (size_t i = 0; i < got.recipients.size(); ++i) {
    EXPECT_EQ(got.recipients[i].has_verdict, want.recipients[i].has_verdict) << i;
    EXPECT_EQ(got.recipients[i].verdict.rule_id, want.recipients[i].verdict.rule_id) << i;
    EXPECT_EQ(got.recipients[i].verdict.rule, want.recipients[i].verdict.rule) << i;
    EXPECT_EQ(got.recipients[i].verdict.context, want.recipients[i].verdict.context) << i;
    EXPECT_EQ(got.recipients[i].verdict.evidence, want.recipients[i].verdict.evidence) << i;
  }
  ASSERT_EQ(got.findings.size(), want.findings.size());
  for (size_t i = 0; i < got.findings.size(); ++i) EXPECT_EQ(got.findings[i].id, want.findings[i].id);
}

TEST(DiagnoseJourneyTo, OverAnEarlierJourneyEqualsAFreshDiagnosis) {
  const Journey refused = TwoRefused(), none = NoneTried();
  const JourneyDiagnosis fresh_refused = DiagnoseJourney(refused, C());
  const JourneyDiagnosis fresh_none = DiagnoseJourney(none, C());
  ASSERT_TRUE(fresh_refused.recipients[1].has_verdict);
  EXPECT_NE(fresh_refused.recipients[1].verdict.rule_id, "");
  EXPECT_FALSE(fresh_none.recipients[0].has_verdict);
  JourneyDiagnosis d;
  for (int round = 0; round < 2; ++round) {
    DiagnoseJourneyTo(refused, C(), &d);
    ExpectSame(d, fresh_refused);
    DiagnoseJourneyTo(none, C(), &d);
    ExpectSame(d, fresh_none);
    EXPECT_TRUE(d.recipients[1].verdict.context.empty());  // not b@example.com's
  }
}

}  // namespace
}  // namespace mailwhy
