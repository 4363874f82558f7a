// NAME
//   report_csv - the report's sections as CSV (RFC 4180)
// DESCRIPTION
//   AppendReportCsv() writes one section: a header line of column keys, then one line
//   per row. A section without rows (summary, totals) is one header line and one line of
//   values. Fields are quoted when they hold a comma, a quote, a space at either end or a
//   line break; quotes are doubled. Lines end in CRLF, as RFC 4180 says.
//
//   Text from logs is attacker-controlled and CSV files are opened in spreadsheets, which
//   run a cell that starts with "=", "+", "-", "@", TAB or CR as a formula. Such text
//   cells get a leading apostrophe ("'=cmd|..."), the usual defence; numbers are never
//   changed. Bytes that are not UTF-8 become U+FFFD.
//
//   Times are RFC 3339, null is an empty field, lists are joined with spaces.
#ifndef MAILWHY_REPORT_REPORT_CSV_H_
#define MAILWHY_REPORT_REPORT_CSV_H_

#include <string>
#include <string_view>

#include "report/report_tables.h"

namespace mailwhy {

void AppendReportCsv(const ReportTable& table, std::string* out);
// One field, quoted and guarded as described above (exposed for tests).
std::string CsvTextField(std::string_view text);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_CSV_H_
