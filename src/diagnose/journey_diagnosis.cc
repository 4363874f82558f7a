// journey_diagnosis - verdicts for every recipient of a journey (see journey_diagnosis.h).
#include "diagnose/journey_diagnosis.h"

#include "diagnose/findings.h"
#include "diagnose/journey_facts.h"

namespace mailwhy {

bool DiagnoseRecipient(const Journey& j, const Recipient& r, const Classifier& classifier,
                       Verdict* out) {
  if (r.attempts.empty() && r.reject_action.empty()) return false;
  // Facts and verdict rewritten in place: a report or a journey listing diagnoses every
  // recipient, and fresh ones cost a dozen or more allocations each time.
  thread_local FailureFacts facts;
  FactsForRecipientTo(j, r, &facts);
  classifier.ClassifyTo(facts, out);
  return true;
}

JourneyDiagnosis DiagnoseJourney(const Journey& j, const Classifier& classifier) {
  JourneyDiagnosis d;
  DiagnoseJourneyTo(j, classifier, &d);
  return d;
}

void DiagnoseJourneyTo(const Journey& j, const Classifier& classifier, JourneyDiagnosis* out) {
  JourneyDiagnosis& d = *out;
  d.recipients.resize(j.recipients.size());
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    RecipientDiagnosis& rd = d.recipients[i];
    rd.has_verdict = DiagnoseRecipient(j, j.recipients[i], classifier, &rd.verdict);
    if (!rd.has_verdict) rd.verdict = Verdict();  // nothing of an earlier journey's
  }
  d.findings = FindJourneyFindings(j, d.recipients, classifier);
  for (Finding& f : d.findings) f.rule = classifier.rules().FindFinding(f.id);
}

}  // namespace mailwhy
