// NAME
//   journey_diagnosis - verdicts for every recipient of a journey, and what the journey shows
// SYNOPSIS
//   JourneyDiagnosis d = DiagnoseJourney(journey, classifier);
//   d.recipients[i].verdict      // what recipient i's last attempt (or refusal) means
//   d.findings                   // "journey.empty-message-id", "journey.delays.connect", ...
// DESCRIPTION
//   DiagnoseJourney() classifies each recipient's outcome (journey_facts.h): the last
//   delivery attempt, or the refusal. A recipient with neither (still waiting for its
//   first attempt) gets no verdict (has_verdict false).
//
//   Findings are what the journey shows beyond one reply (an empty Message-ID, a web
//   server's unqualified sender, time lost to connection set-up, the deferrals before a
//   message expired): the detectors are in findings.h, their texts in the knowledge base
//   ([[finding]] tables). Each finding names its texts, carries the values they need and,
//   for a deferral history, each attempt's own verdict grouped when consecutive attempts
//   ended the same way.
// THREAD SAFETY
//   Pure function of its arguments; the Classifier may be shared.
// BUGS
//   A journey is judged alone: an earlier message's deferrals that explain this one's
//   wait (a backlog for the same destination) are not looked at.
#ifndef MAILWHY_DIAGNOSE_JOURNEY_DIAGNOSIS_H_
#define MAILWHY_DIAGNOSE_JOURNEY_DIAGNOSIS_H_

#include <memory>
#include <string>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/finding_rule.h"
#include "diagnose/verdict.h"
#include "journey/journey.h"

namespace mailwhy {

// Consecutive delivery attempts of one recipient that ended the same way (same status,
// same rule), with the verdict of the first of them.
struct AttemptGroup {
  LogTime first, last;
  int count = 0;
  std::string status;          // as logged: deferred, bounced, sent, ...
  Verdict verdict;
};

struct Finding {
  std::string id;              // e.g. "journey.empty-message-id"
  int recipient = -1;          // the recipient it concerns, or -1 for the whole journey
  KeyValues values;            // placeholders for the finding's texts
  std::shared_ptr<const FindingRule> rule;  // its texts; null when no rule file has the id
  std::vector<AttemptGroup> history;        // deferral findings: the attempts, in order
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
// The same into *out, which may hold an earlier journey's diagnosis: its verdicts are
// rewritten in place (Classifier::ClassifyTo), for callers that diagnose journey after
// journey.
void DiagnoseJourneyTo(const Journey& j, const Classifier& classifier, JourneyDiagnosis* out);

// One recipient's verdict as DiagnoseJourney() gives it, without the journey's findings
// (for callers that summarise many journeys). False, *out untouched, when the recipient
// has no verdict yet. `r` need not be one of j.recipients (a recipient as it stood at an
// earlier attempt).
bool DiagnoseRecipient(const Journey& j, const Recipient& r, const Classifier& classifier,
                       Verdict* out);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_JOURNEY_DIAGNOSIS_H_
