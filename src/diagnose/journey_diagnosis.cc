// journey_diagnosis - verdicts for every recipient of a journey (see journey_diagnosis.h).
#include "diagnose/journey_diagnosis.h"

#include "diagnose/findings.h"
#include "diagnose/journey_facts.h"

namespace mailwhy {

JourneyDiagnosis DiagnoseJourney(const Journey& j, const Classifier& classifier) {
  JourneyDiagnosis d;
  d.recipients.resize(j.recipients.size());
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    const Recipient& r = j.recipients[i];
    if (r.attempts.empty() && r.reject_action.empty()) continue;
    d.recipients[i].has_verdict = true;
    d.recipients[i].verdict = classifier.Classify(FactsForRecipient(j, r));
  }
  d.findings = FindJourneyFindings(j, d.recipients, classifier);
  for (Finding& f : d.findings) f.rule = classifier.rules().FindFinding(f.id);
  return d;
}

}  // namespace mailwhy
