// NAME
//   report_text - the report for people: pflogsumm's layout, plus the diagnosed sections
// DESCRIPTION
//   AppendReportText() writes every section of a ReportView in pflogsumm's order and
//   vocabulary ("Grand Totals", "Per-Hour Traffic Daily Average", "Host/Domain Summary:
//   Message Delivery", "message bounce detail (by relay)"), so an admin who knows
//   pflogsumm finds their way; the numbers use its k/m units and its column layout. The
//   sections pflogsumm lacks (failures by reason and by provider, rejects by reason,
//   expired messages) follow the traffic tables, before the detail texts.
//
//   Lines fit 80 columns except where a name (a domain, an address) is longer; long
//   texts are wrapped, never cut. Titles and labels are in the view's language; the
//   column headings of pflogsumm's tables stay as pflogsumm writes them.
//
//   Every log-derived string is escaped for the terminal (util/terminal_text.h): a
//   client's HELO or a remote reply can carry escape sequences.
// BUGS
//   pflogsumm's table headings stay in English in the Japanese report, so that their
//   columns line up; a domain or address longer than the last column runs past 80.
#ifndef MAILWHY_REPORT_REPORT_TEXT_H_
#define MAILWHY_REPORT_REPORT_TEXT_H_

#include <string>

#include "report/report_view.h"

namespace mailwhy {

struct ReportTextOptions {
  bool color = false;              // bold section titles
  size_t width = 80;
};

void AppendReportText(const ReportView& view, const ReportTextOptions& options, std::string* out);

// pflogsumm's "%6d%s" with its units: k above 512k, m above 512m (exposed for tests).
std::string CountText(int64_t value);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_TEXT_H_
