// NAME
//   failure_tally - group diagnosed failures: by rule, by provider, refusals by reason
// DESCRIPTION
//   The report's answer to "what goes wrong, and how often": each failed recipient comes
//   with its verdict (diagnose/journey_diagnosis.h) and is counted in
//     - ReportData::failures   by rule id (the finest cause the knowledge base names, and
//                              the one that carries a remedy);
//     - ReportData::providers  by destination provider (gmail, microsoft, ... or none);
//     - ReportData::rejects    refusals by rule id and DNSBL zone.
//   Each group keeps counts, the first and last time it happened and one example: the
//   earliest (ties broken by queue ID, then recipient), so the output does not depend on
//   the order journeys were emitted in.
//
//   AddExpiredMessage() keeps the `cap` earliest-expired messages for the list of expired
//   messages; the count of all of them is in the totals.
// THREAD SAFETY
//   Functions of their arguments; not for concurrent use on one ReportData.
#ifndef MAILWHY_REPORT_FAILURE_TALLY_H_
#define MAILWHY_REPORT_FAILURE_TALLY_H_

#include <cstdint>
#include <string_view>

#include "diagnose/verdict.h"
#include "report/report_data.h"

namespace mailwhy {

enum class Outcome : uint8_t { kBounced, kExpired, kDeferred, kDelayed };

// The rule id a verdict is grouped under ("(none)" for a verdict without a rule).
std::string_view GroupRuleId(const Verdict& v);

void AddDeliveryFailure(Outcome outcome, const Verdict& v, const Example& example, ReportData* data);
void AddRefusal(const Verdict& v, std::string_view stage, int64_t lines, const Example& example,
                ReportData* data);
void AddExpiredMessage(ExpiredMessage m, size_t cap, ReportData* data);

// True when a happened before b (unknown times last; ties by queue ID, then recipient).
bool ExampleBefore(const Example& a, const Example& b);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_FAILURE_TALLY_H_
