// report_csv - sections as CSV (see report_csv.h).
#include "report/report_csv.h"

#include <fmt/format.h>

#include "util/civil_time.h"
#include "util/utf8.h"

namespace mailwhy {

namespace {

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string Quoted(std::string_view s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CellField(const ReportCell& c) {
  switch (c.kind) {
    case ReportCell::Kind::kNull: return std::string();
    case ReportCell::Kind::kInt: return fmt::format("{}", c.i);
    case ReportCell::Kind::kNumber: return fmt::format("{}", c.d);
    case ReportCell::Kind::kText: return CsvTextField(c.s);
    case ReportCell::Kind::kBool: return c.b ? "true" : "false";
    case ReportCell::Kind::kTime: return FormatRfc3339(c.time.unix_us, c.time.utc_offset_s);
    case ReportCell::Kind::kList: {
      std::string joined;
      for (const std::string& s : c.list) {
        if (!joined.empty()) joined += ' ';
        joined += s;
      }
      return CsvTextField(joined);
    }
  }
  return std::string();
}

void AppendLine(const std::vector<std::string>& fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append(fields[i]);
  }
  out->append("\r\n");
}

}  // namespace

std::string CsvTextField(std::string_view text) {
  std::string s = ValidUtf8(text);
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                     s[0] == '\r')) {
    s.insert(s.begin(), '\'');
  }
  return Quoted(s);
}

void AppendReportCsv(const ReportTable& t, std::string* out) {
  std::vector<std::string> line;
  if (!t.has_rows_layout()) {
    for (const auto& [key, cell] : t.fields) line.push_back(key);
    AppendLine(line, out);
    line.clear();
    for (const auto& [key, cell] : t.fields) line.push_back(CellField(cell));
    AppendLine(line, out);
    return;
  }
  for (const std::string& c : t.columns) line.push_back(c);
  AppendLine(line, out);
  for (const std::vector<ReportCell>& row : t.rows) {
    line.clear();
    for (const ReportCell& c : row) line.push_back(CellField(c));
    AppendLine(line, out);
  }
}

}  // namespace mailwhy
