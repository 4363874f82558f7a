// report_html - one self-contained HTML page (see report_html.h).
#include "report/report_html.h"

#include <fmt/format.h>

#include "report/html_text.h"
#include "report/report_labels.h"
#include "report/report_tables.h"
#include "report/svg_chart.h"
#include "util/civil_time.h"

namespace mailwhy {

namespace {

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}
header{padding-top:18px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d5d9e0;padding-bottom:4px}
.meta{color:#566074;margin:2px 0}
nav{margin:10px 0;font-size:13px}nav a{margin-right:10px;color:#2d5fa3;text-decoration:none}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.card span{color:#566074;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0}figcaption{font-weight:600;margin:6px 0}
.chart{background:#fff;border:1px solid #dde1e8;border-radius:6px;max-width:100%;height:auto}
.chart .axis,.chart .legend,.chart .label,.chart .value{font-size:11px;fill:#3b4456}
.chart .grid{stroke:#e3e6ec;stroke-width:1}
table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}
th,td{border:1px solid #e1e4ea;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#eef1f5;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.t{overflow-wrap:anywhere;min-width:12em}
td.null{color:#9aa3b2}
.fields{color:#566074;margin:4px 0}
footer{color:#8a93a3;font-size:12px;padding:24px 20px}
)";

std::string TimeHtml(const LogTime& t) {
  std::string rfc = FormatRfc3339(t.unix_us, t.utc_offset_s);
  std::string shown = rfc.substr(0, 19);
  if (shown.size() > 10) shown[10] = ' ';
  return fmt::format("<time datetime=\"{}\">{}</time>", HtmlEscape(rfc), HtmlEscape(shown));
}

// A field key as people read it: its translation, else the key with spaces.
std::string ColumnLabel(std::string_view key, Lang lang) {
  std::string_view l = Label(key, lang);
  if (l != key) return std::string(l);
  std::string s(key);
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return std::string(Label(s, lang));
}

void Cell(const ReportCell& c, std::string* out) {
  switch (c.kind) {
    case ReportCell::Kind::kNull:
      *out += "<td class=\"null\">\xE2\x80\x93</td>";
      return;
    case ReportCell::Kind::kInt:
      *out += fmt::format("<td class=\"n\">{}</td>", c.i);
      return;
    case ReportCell::Kind::kNumber:
      *out += fmt::format("<td class=\"n\">{:.1f}</td>", c.d);
      return;
    case ReportCell::Kind::kBool:
      *out += c.b ? "<td>true</td>" : "<td>false</td>";
      return;
    case ReportCell::Kind::kTime:
      *out += "<td class=\"n\">" + TimeHtml(c.time) + "</td>";
      return;
    case ReportCell::Kind::kText:
      *out += "<td class=\"t\">";
      AppendHtmlEscaped(c.s, out);
      *out += "</td>";
      return;
    case ReportCell::Kind::kList:
      *out += "<td class=\"t\">";
      for (size_t i = 0; i < c.list.size(); ++i) {
        if (i > 0) *out += "<br>";
        AppendHtmlEscaped(c.list[i], out);
      }
      *out += "</td>";
      return;
  }
}

void Table(const ReportTable& t, Lang lang, std::string* out) {
  *out += fmt::format("<section id=\"{}\"><h2>", SectionId(t.section));
  AppendHtmlEscaped(t.title, out);
  *out += "</h2>";
  if (t.has_rows_layout()) {
    if (!t.fields.empty()) {
      *out += "<p class=\"fields\">";
      for (const auto& [key, cell] : t.fields) {
        AppendHtmlEscaped(ColumnLabel(key, lang), out);
        *out += cell.kind == ReportCell::Kind::kInt ? fmt::format(": {} ", cell.i) : std::string(" ");
      }
      *out += "</p>";
    }
    if (t.rows.empty()) {
      *out += "<p>";
      AppendHtmlEscaped(Label("nothing", lang), out);
      *out += "</p></section>\n";
      return;
    }
    *out += "<table><thead><tr>";
    for (const std::string& c : t.columns) {
      *out += "<th>";
      AppendHtmlEscaped(ColumnLabel(c, lang), out);
      *out += "</th>";
    }
    *out += "</tr></thead><tbody>\n";
    for (const std::vector<ReportCell>& row : t.rows) {
      *out += "<tr>";
      for (const ReportCell& c : row) Cell(c, out);
      *out += "</tr>\n";
    }
    *out += "</tbody></table></section>\n";
    return;
  }
  *out += "<table><tbody>\n";
  for (const auto& [key, cell] : t.fields) {
    *out += "<tr><th>";
    AppendHtmlEscaped(ColumnLabel(key, lang), out);
    *out += "</th>";
    Cell(cell, out);
    *out += "</tr>\n";
  }
  *out += "</tbody></table></section>\n";
}

void Cards(const ReportView& v, std::string* out) {
  const Lang lang = v.options.lang;
  const ReportTotals& t = v.totals;
  auto card = [&](int64_t n, std::string_view key, std::string extra = "") {
    *out += fmt::format("<div class=\"card\"><b>{}{}</b><span>", n, extra);
    AppendHtmlEscaped(Label(key, lang), out);
    *out += "</span></div>";
  };
  *out += "<div class=\"cards\">";
  card(t.received, "received");
  card(t.delivered, "delivered");
  card(t.deferred, "deferred");
  card(t.bounced, "bounced");
  card(t.expired, "expired");
  card(t.rejected, "rejected", fmt::format(" <small>({}%)</small>", v.rejected_percent));
  card(t.reject_warnings, "reject warnings");
  card(t.held, "held");
  card(t.discarded, "discarded");
  *out += "</div>\n";
}

void Figure(const std::string& title, const std::string& svg, std::string* out) {
  *out += "<figure><figcaption>";
  AppendHtmlEscaped(title, out);
  *out += "</figcaption>";
  *out += svg;
  *out += "</figure>\n";
}

void Charts(const ReportView& v, std::string* out) {
  const Lang lang = v.options.lang;
  Chart traffic;
  traffic.title = std::string(Label("traffic chart", lang));
  const char* colors[] = {"#4e79a7", "#59a14f", "#f28e2b", "#e15759", "#9c755f"};
  const char* keys[] = {"received", "delivered", "deferred", "bounced", "rejected"};
  for (int k = 0; k < 5; ++k) traffic.series.push_back({std::string(Label(keys[k], lang)), colors[k], {}});
  auto add = [&](const TrafficCounts& c) {
    double vals[] = {double(c.received), double(c.delivered), double(c.deferred), double(c.bounced),
                     double(c.rejected)};
    for (int k = 0; k < 5; ++k) traffic.series[k].values.push_back(vals[k]);
  };
  if (v.per_day.size() > 1) {
    // Days without traffic are drawn as zero, not skipped: the x axis is time.
    int64_t first = DaysFromCivil(v.per_day.front().year, v.per_day.front().month, v.per_day.front().day);
    int64_t last = DaysFromCivil(v.per_day.back().year, v.per_day.back().month, v.per_day.back().day);
    size_t next = 0;
    for (int64_t day = first; day <= last && last - first < 3660; ++day) {
      DayRow row;
      CivilFromDays(day, &row.year, &row.month, &row.day);
      if (next < v.per_day.size() && DayText(v.per_day[next]) == DayText(row)) row.counts = v.per_day[next++].counts;
      traffic.labels.push_back(DayText(row).substr(5));
      add(row.counts);
    }
  } else {
    for (int h = 0; h < 24; ++h) {
      traffic.labels.push_back(fmt::format("{:02d}:00", h));
      add(v.per_hour[h]);
    }
  }
  *out += "<section id=\"charts\"><div class=\"charts\">\n";
  Figure(traffic.title, LineChartSvg(traffic, 1100, 280), out);

  Chart reasons;
  reasons.title = std::string(Label("reason chart", lang));
  reasons.series = {{std::string(Label("bounced (rcpt)", lang)), "#e15759", {}},
                    {std::string(Label("expired (rcpt)", lang)), "#b07aa1", {}},
                    {std::string(Label("still deferred (rcpt)", lang)), "#f28e2b", {}},
                    {std::string(Label("delayed", lang)), "#edc948", {}}};
  for (const FailureRow& r : v.failures_by_reason) {
    reasons.labels.push_back(fmt::format("{} \xC2\xB7 {}", ToString(r.reason), r.rule));
    reasons.series[0].values.push_back(double(r.counts.bounced));
    reasons.series[1].values.push_back(double(r.counts.expired));
    reasons.series[2].values.push_back(double(r.counts.deferred));
    reasons.series[3].values.push_back(double(r.counts.delayed));
  }
  if (!reasons.labels.empty()) Figure(reasons.title, BarChartSvg(reasons, 1100), out);

  Chart domains;
  domains.title = std::string(Label("domain chart", lang));
  domains.series = {{std::string(Label("bounced", lang)), "#e15759", {}},
                    {std::string(Label("deferrals", lang)), "#f28e2b", {}}};
  for (const DomainDeliveryRow& r : v.failing_domains) {
    domains.labels.push_back(r.domain);
    domains.series[0].values.push_back(double(r.stats.bounced));
    domains.series[1].values.push_back(double(r.stats.defers));
  }
  if (!domains.labels.empty()) Figure(domains.title, BarChartSvg(domains, 1100), out);
  *out += "</div></section>\n";
}

}  // namespace

void AppendReportHtml(const ReportView& v, std::string* out) {
  const Lang lang = v.options.lang;
  const ReportSource& s = v.source;
  std::vector<ReportTable> tables = MakeReportTables(v);
  *out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\n", ToString(lang));
  // No script, no network: the page is only text, inline styles and inline SVG.
  *out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:\">\n";
  *out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  AppendHtmlEscaped(Label("report title", lang), out);
  *out += "</title>\n<style>";
  *out += kStyle;
  *out += "</style></head><body>\n<header><h1>";
  AppendHtmlEscaped(Label("report title", lang), out);
  *out += "</h1>\n<p class=\"meta\">";
  AppendHtmlEscaped(Label("files", lang), out);
  *out += ": ";
  for (size_t i = 0; i < s.files.size(); ++i) {
    if (i > 0) *out += ", ";
    AppendHtmlEscaped(s.files[i].path, out);
  }
  *out += "</p>\n<p class=\"meta\">";
  AppendHtmlEscaped(Label("span", lang), out);
  *out += ": ";
  if (s.first.known) *out += TimeHtml(s.first);
  *out += " \xE2\x80\x93 ";
  if (s.last.known) *out += TimeHtml(s.last);
  if (s.has_since || s.has_until) {
    *out += " (";
    AppendHtmlEscaped(Label("window", lang), out);
    *out += ": ";
    if (s.has_since) *out += TimeHtml(LogTime{s.since_us, s.first.utc_offset_s, true});
    *out += " \xE2\x80\x93 ";
    if (s.has_until) *out += TimeHtml(LogTime{s.until_us, s.first.utc_offset_s, true});
    *out += ")";
  }
  *out += "</p>\n<nav>";
  for (const ReportTable& t : tables) {
    *out += fmt::format("<a href=\"#{}\">", SectionId(t.section));
    AppendHtmlEscaped(t.title, out);
    *out += "</a> ";
  }
  *out += "</nav></header>\n<main>\n";
  Cards(v, out);
  Charts(v, out);
  for (const ReportTable& t : tables) Table(t, lang, out);
  *out += "</main>\n<footer>mailwhy report</footer>\n</body></html>\n";
}

}  // namespace mailwhy
