// NAME
//   report_html - the report as one self-contained HTML page with charts
// DESCRIPTION
//   AppendReportHtml() writes a whole page: inline CSS, inline SVG charts (traffic over
//   time, delivery failures by reason, delivery failures by recipient domain; see
//   svg_chart.h), the grand totals, then every section as a table (report_tables.h, the
//   same rows as JSON and CSV). Nothing is fetched when the page is opened: it can be
//   mailed, archived or opened offline.
//
//   Every log-derived string is HTML-escaped (html_text.h). The page carries a
//   Content-Security-Policy that allows no script and no network access at all, so even
//   a missed escape could not run code or call out.
// BUGS
//   Charts are drawn at a fixed size and scaled by the browser; a log spanning years
//   draws one point per day, which gets crowded.
#ifndef MAILWHY_REPORT_REPORT_HTML_H_
#define MAILWHY_REPORT_REPORT_HTML_H_

#include <string>

#include "report/report_view.h"

namespace mailwhy {

void AppendReportHtml(const ReportView& view, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_HTML_H_
