// journey_diagnosis - verdicts for every recipient of a journey (see journey_diagnosis.h).
#include "diagnose/journey_diagnosis.h"

#include "diagnose/findings.h"
#include "diagnose/journey_facts.h"

namespace mailwhy {

bool DiagnoseRecipient(const Journey& j, const Recipient& r, const Classifier& classifier,
                       Verdict* out) {
  if (r.attempts.empty() && r.reject_action.empty()) return false;
  *out = classifier.Classify(FactsForRecipient(j, r));
  return true;
}

JourneyDiagnosis DiagnoseJourney(const Journey& j, const Classifier& classifier) {
  JourneyDiagnosis d;
  d.recipients.resize(j.recipients.size());
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    d.recipients[i].has_verdict =
        DiagnoseRecipient(j, j.recipients[i], classifier, &d.recipients[i].verdict);
  }
  d.findings = FindJourneyFindings(j, d.recipients, classifier);
  for (Finding& f : d.findings) f.rule = classifier.rules().FindFinding(f.id);
  return d;
}

}  // namespace mailwhy
