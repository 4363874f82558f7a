// report_json - sections as NDJSON lines (see report_json.h).
#include "report/report_json.h"

#include "util/civil_time.h"
#include "util/json_writer.h"

namespace mailwhy {

namespace {

void WriteCell(const ReportCell& c, JsonWriter* w) {
  switch (c.kind) {
    case ReportCell::Kind::kNull: w->Null(); break;
    case ReportCell::Kind::kInt: w->Int(c.i); break;
    case ReportCell::Kind::kNumber: w->Double(c.d); break;
    case ReportCell::Kind::kText: w->String(c.s); break;
    case ReportCell::Kind::kBool: w->Bool(c.b); break;
    case ReportCell::Kind::kTime: w->String(FormatRfc3339(c.time.unix_us, c.time.utc_offset_s)); break;
    case ReportCell::Kind::kList:
      w->BeginArray();
      for (const std::string& s : c.list) w->String(s);
      w->EndArray();
      break;
  }
}

}  // namespace

void AppendReportTableJson(const ReportTable& t, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("v", 1);
  w.Field("type", "report");
  w.Field("section", SectionId(t.section));
  for (const auto& [key, cell] : t.fields) {
    w.Key(key);
    WriteCell(cell, &w);
  }
  if (t.has_rows_layout()) {
    w.Key("rows");
    w.BeginArray();
    for (const std::vector<ReportCell>& row : t.rows) {
      w.BeginObject();
      for (size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
        w.Key(t.columns[i]);
        WriteCell(row[i], &w);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

void AppendReportJson(const std::vector<ReportTable>& tables, std::string* out) {
  for (const ReportTable& t : tables) AppendReportTableJson(t, out);
}

}  // namespace mailwhy
