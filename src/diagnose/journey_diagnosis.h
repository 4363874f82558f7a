// NAME
//   journey_diagnosis - verdicts for every recipient of a journey
// DESCRIPTION
//   DiagnoseJourney() classifies each recipient's outcome (journey_facts.h): the last
//   delivery attempt, or the refusal. A recipient with neither (still waiting for its
//   first attempt) gets no verdict (has_verdict false).
//
//   Findings are what the journey shows beyond one reply (an empty Message-ID, a web
//   server's unqualified sender, time lost to connection set-up): each names a text in
//   the knowledge base and carries the values that text needs.
// THREAD SAFETY
//   Pure function of its arguments; the Classifier may be shared.
#ifndef MAILWHY_DIAGNOSE_JOURNEY_DIAGNOSIS_H_
#define MAILWHY_DIAGNOSE_JOURNEY_DIAGNOSIS_H_

#include <string>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/verdict.h"
#include "journey/journey.h"

namespace mailwhy {

struct Finding {
  std::string id;              // e.g. "journey.empty-message-id"
  int recipient = -1;          // the recipient it concerns, or -1 for the whole journey
  KeyValues values;            // placeholders for the finding's texts
};

struct RecipientDiagnosis {
  bool has_verdict = false;
  Verdict verdict;
};

struct JourneyDiagnosis {
  std::vector<RecipientDiagnosis> recipients;  // same order as Journey::recipients
  std::vector<Finding> findings;
};

JourneyDiagnosis DiagnoseJourney(const Journey& j, const Classifier& classifier);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_JOURNEY_DIAGNOSIS_H_
