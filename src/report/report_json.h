// NAME
//   report_json - the report as NDJSON: one object per section
// DESCRIPTION
//   AppendReportJson() writes one line per table: {"v":1, "type":"report", "section":ID,
//   ...fields, "rows":[{column: value, ...}, ...]}. Sections without rows (summary,
//   totals) have no "rows". The line order is the report's section order, so `jq
//   'select(.section=="totals")'` picks one. docs/FORMATS.md ("report") lists the keys.
//
//   Log-derived text goes through JsonWriter, which escapes control characters and
//   replaces invalid UTF-8: every line is valid JSON whatever the log held.
#ifndef MAILWHY_REPORT_REPORT_JSON_H_
#define MAILWHY_REPORT_REPORT_JSON_H_

#include <string>
#include <vector>

#include "report/report_tables.h"

namespace mailwhy {

void AppendReportTableJson(const ReportTable& table, std::string* out);
void AppendReportJson(const std::vector<ReportTable>& tables, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_JSON_H_
