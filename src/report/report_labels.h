// NAME
//   report_labels - the report's section names and labels, in English and Japanese
// DESCRIPTION
//   Each section has a stable id (the JSON "section" field, the CSV file name, the
//   `--csv SECTION` argument) and a title. English titles are pflogsumm's where it has
//   the section ("Grand Totals", "Per-Hour Traffic Daily Average", "Host/Domain Summary:
//   Message Delivery", "message bounce detail (by relay)"), because admins know them;
//   Japanese titles translate them and keep pflogsumm's name in parentheses.
//
//   Label() translates a field key ("received", "bytes delivered", "remedy") for people;
//   machine output uses the keys themselves. A key without a translation is returned as
//   it is.
#ifndef MAILWHY_REPORT_REPORT_LABELS_H_
#define MAILWHY_REPORT_REPORT_LABELS_H_

#include <string_view>
#include <vector>

#include "diagnose/taxonomy.h"

namespace mailwhy {

enum class ReportSection : uint8_t {
  kSummary, kTotals, kPerDay, kPerHour, kRecipientDomains, kSenderDomains,
  kSendersByCount, kRecipientsByCount, kSendersBySize, kRecipientsBySize,
  kFailuresByReason, kFailuresByProvider, kRejectsByReason, kExpired,
  kDeferralDetail, kBounceDetail, kRejectDetail, kNoSize, kProblems,
};

// Every section, in the order the report prints them.
const std::vector<ReportSection>& AllReportSections();
std::string_view SectionId(ReportSection s);
bool ParseSectionId(std::string_view id, ReportSection* out);
// per_hour_average: the per-hour table shows daily averages (the log spans several days).
std::string_view SectionTitle(ReportSection s, Lang lang, bool per_hour_average = false);
std::string_view Label(std::string_view key, Lang lang);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_LABELS_H_
