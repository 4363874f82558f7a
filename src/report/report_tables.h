// NAME
//   report_tables - the report's sections as plain tables: what JSON, CSV and HTML print
// DESCRIPTION
//   A ReportTable is one section as named values: `fields` (a section's single values,
//   e.g. the grand totals, or the number of days behind the per-hour averages) and rows
//   under `columns`. Keys are the stable machine names documented in docs/FORMATS.md
//   ("report"); the JSON, CSV and HTML printers write tables without knowing what a
//   section means, so the three always agree.
//
//   Times are cells of kind kTime (printed as RFC 3339 with the logged offset); absent
//   values are kNull (JSON null, empty CSV field, "–" in HTML).
// BUGS
//   CSV has no place for a section's fields beside its rows: the per-hour table's `days`
//   and the domain tables' totals are in JSON and HTML only.
#ifndef MAILWHY_REPORT_REPORT_TABLES_H_
#define MAILWHY_REPORT_REPORT_TABLES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "report/report_labels.h"
#include "report/report_view.h"
#include "syslog/record.h"

namespace mailwhy {

struct ReportCell {
  enum class Kind : uint8_t { kNull, kInt, kNumber, kText, kBool, kTime, kList };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  bool b = false;
  std::string s;
  std::vector<std::string> list;
  LogTime time;

  static ReportCell Null() { return ReportCell(); }
  static ReportCell Int(int64_t v);
  static ReportCell Number(double v);
  static ReportCell Text(std::string v);
  static ReportCell TextOrNull(std::string v);   // "" becomes null
  static ReportCell Bool(bool v);
  static ReportCell Time(const LogTime& t);        // unknown becomes null
  static ReportCell List(std::vector<std::string> v);
};

struct ReportTable {
  ReportSection section = ReportSection::kSummary;
  std::string title;
  std::vector<std::pair<std::string, ReportCell>> fields;
  std::vector<std::string> columns;
  std::vector<std::vector<ReportCell>> rows;

  bool has_rows_layout() const { return !columns.empty(); }
};

ReportTable MakeReportTable(const ReportView& v, ReportSection section);
std::vector<ReportTable> MakeReportTables(const ReportView& v);

// "YYYY-MM-DD" of a per-day row.
std::string DayText(const DayRow& d);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_TABLES_H_
