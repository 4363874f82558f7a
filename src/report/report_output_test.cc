// report_output_test - the four output formats: JSON shape, CSV quoting, HTML and terminal
// escaping of attacker-controlled log text, text layout and languages.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/report_csv.h"
#include "report/report_html.h"
#include "report/report_json.h"
#include "report/report_tables.h"
#include "report/report_test_log.h"
#include "report/report_testing.h"
#include "report/report_text.h"
#include "report/report_view.h"
#include "report/text_layout.h"

namespace mailwhy {
namespace {

using report_testing::BuildReportFromLog;

ReportView MixView(Lang lang = Lang::kEn, size_t top = 20) {
  static const ReportData data = BuildReportFromLog(kReportMixLog);
  return MakeReportView(data, ReportViewOptions{top, lang});
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// A log whose remote reply carries markup and a terminal escape sequence.
const char* kHostileLog =
    "Dec  5 12:00:00 mx postfix/pickup[1]: C1C1C1C1C1: uid=1000 from=<u@example.com>\n"
    "Dec  5 12:00:00 mx postfix/cleanup[2]: C1C1C1C1C1: message-id=<h@example.com>\n"
    "Dec  5 12:00:00 mx postfix/qmgr[3]: C1C1C1C1C1: from=<u@example.com>, size=100, nrcpt=1 (queue active)\n"
    "Dec  5 12:00:01 mx postfix/smtp[4]: C1C1C1C1C1: to=<v@evil.example>, relay=mx.evil.example[192.0.2.9]:25, "
    "delay=1, delays=0/0/0.5/0.5, dsn=5.7.1, status=bounced (host mx.evil.example[192.0.2.9] said: 550 5.7.1 "
    "<script>alert(1)</script> \x1b[2J\x1b]0;owned\x07 go away (in reply to RCPT TO command))\n"
    "Dec  5 12:00:01 mx postfix/qmgr[3]: C1C1C1C1C1: removed\n";

TEST(ReportJson, OneObjectPerSectionInOrder) {
  std::string out;
  AppendReportJson(MakeReportTables(MixView()), &out);
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), AllReportSections().size());
  for (size_t i = 0; i < lines.size(); ++i) {
    nlohmann::json j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j["v"], 1);
    EXPECT_EQ(j["type"], "report");
    EXPECT_EQ(j["section"], std::string(SectionId(AllReportSections()[i])));
  }
  nlohmann::json totals = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(totals["received"], 10);
  EXPECT_EQ(totals["delivered"], 9);
  EXPECT_EQ(totals["reinjected"], 2);
  EXPECT_FALSE(totals.contains("rows"));
  nlohmann::json per_hour = nlohmann::json::parse(lines[3]);
  EXPECT_EQ(per_hour["days"], 2);
  ASSERT_EQ(per_hour["rows"].size(), 24u);
  EXPECT_EQ(per_hour["rows"][16]["rejected"], 4);
  nlohmann::json failures = nlohmann::json::parse(lines[10]);
  ASSERT_FALSE(failures["rows"].empty());
  const nlohmann::json& first = failures["rows"][0];
  for (const char* key : {"reason", "rule", "class", "side", "provider", "failed", "bounced", "expired",
                          "deferred", "delayed", "first", "last", "example_qid", "example_host",
                          "example_time", "example_recipient", "summary", "remedy"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_TRUE(first["first"].get<std::string>().rfind("2022-12-05T", 0) == 0);
}

TEST(ReportJson, HostileTextStaysValidJson) {
  ReportData d = BuildReportFromLog(kHostileLog);
  std::string out;
  AppendReportJson(MakeReportTables(MakeReportView(d, ReportViewOptions{})), &out);
  for (const std::string& line : Lines(out)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

TEST(ReportCsv, QuotesAndGuardsFields) {
  EXPECT_EQ(CsvTextField("plain"), "plain");
  EXPECT_EQ(CsvTextField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvTextField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvTextField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvTextField(" padded"), "\" padded\"");
  EXPECT_EQ(CsvTextField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvTextField("+1"), "'+1");
  EXPECT_EQ(CsvTextField("-rf"), "'-rf");
  EXPECT_EQ(CsvTextField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvTextField("bad\xff"), "bad\xEF\xBF\xBD");
  EXPECT_EQ(CsvTextField("日本語"), "日本語");
}

TEST(ReportCsv, SectionsAreHeaderAndRows) {
  ReportView v = MixView();
  std::string totals;
  AppendReportCsv(MakeReportTable(v, ReportSection::kTotals), &totals);
  std::vector<std::string> lines = Lines(totals);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("received,delivered,forwarded,", 0), 0u);
  EXPECT_EQ(lines[1].rfind("10,9,1,3,5,1,1,6,", 0), 0u);
  EXPECT_EQ(lines[0].back(), '\r');

  std::string hours;
  AppendReportCsv(MakeReportTable(v, ReportSection::kPerHour), &hours);
  lines = Lines(hours);
  ASSERT_EQ(lines.size(), 25u);
  EXPECT_EQ(lines[0], "hour,received,delivered,deferred,bounced,rejected\r");
  EXPECT_EQ(lines[17], "16,1,1,0,0,4\r");

  std::string detail;
  AppendReportCsv(MakeReportTable(v, ReportSection::kRejectDetail), &detail);
  EXPECT_NE(detail.find("RCPT,4,550 5.1.1 <\xE2\x80\xA6>: Recipient address rejected: User unknown in "
                        "virtual mailbox table,3\r\n"),
            std::string::npos);
}

TEST(ReportHtml, LogTextIsEscapedAndThePageIsSelfContained) {
  ReportData d = BuildReportFromLog(kHostileLog);
  std::string html;
  AppendReportHtml(MakeReportView(d, ReportViewOptions{}), &html);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find('\x07'), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  // Nothing to fetch: no external resources, only inline styles and SVG.
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(ReportHtml, HasTheThreeChartsAndEverySection) {
  std::string html;
  AppendReportHtml(MixView(), &html);
  size_t svgs = 0;
  for (size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) ++svgs;
  EXPECT_EQ(svgs, 3u);
  for (ReportSection s : AllReportSections()) {
    EXPECT_NE(html.find("id=\"" + std::string(SectionId(s)) + "\""), std::string::npos) << SectionId(s);
  }
}

TEST(ReportText, TerminalEscapesAreShownNotSent) {
  ReportData d = BuildReportFromLog(kHostileLog);
  std::string text;
  AppendReportText(MakeReportView(d, ReportViewOptions{}), ReportTextOptions{}, &text);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_NE(text.find("<script>alert(1)</script>"), std::string::npos);  // plain text is fine here
}

TEST(ReportText, PflogsummSectionsIn80Columns) {
  std::string text;
  AppendReportText(MixView(), ReportTextOptions{}, &text);
  for (const char* title : {"Grand Totals", "Per-Day Traffic Summary", "Per-Hour Traffic Daily Average",
                            "Host/Domain Summary: Message Delivery", "Host/Domain Summary: Messages Received",
                            "Senders by message count", "Recipients by message count",
                            "Senders by message size", "Recipients by message size",
                            "message deferral detail", "message bounce detail (by relay)",
                            "message reject detail", "Delivery failures by reason", "Rejects by reason",
                            "Expired messages"}) {
    EXPECT_NE(text.find(title), std::string::npos) << title;
  }
  EXPECT_NE(text.find("     10   received\n"), std::string::npos);
  EXPECT_NE(text.find("      3   deferred  (5  deferrals)\n"), std::string::npos);
  EXPECT_NE(text.find("      6   rejected (37%)\n"), std::string::npos);
  for (const std::string& line : Lines(text)) {
    EXPECT_LE(DisplayWidth(line), 80u) << line;
  }
}

TEST(ReportText, JapaneseHeadings) {
  std::string text;
  AppendReportText(MixView(Lang::kJa), ReportTextOptions{}, &text);
  EXPECT_NE(text.find("総計 (Grand Totals)"), std::string::npos);
  EXPECT_NE(text.find("配送失敗の原因別"), std::string::npos);
  EXPECT_NE(text.find("受信"), std::string::npos);
  for (const std::string& line : Lines(text)) {
    EXPECT_LE(DisplayWidth(line), 80u) << line;
  }
}

TEST(ReportText, CountsUsePflogsummUnits) {
  EXPECT_EQ(CountText(0), "     0 ");
  EXPECT_EQ(CountText(524288), "524288 ");
  EXPECT_EQ(CountText(524289), "   512k");
  EXPECT_EQ(CountText(536870913), "   512m");
}

TEST(ReportOutput, SameLogSameBytes) {
  std::string a, b;
  AppendReportJson(MakeReportTables(MakeReportView(BuildReportFromLog(kReportMixLog), ReportViewOptions{})), &a);
  AppendReportJson(MakeReportTables(MakeReportView(BuildReportFromLog(kReportMixLog), ReportViewOptions{})), &b);
  // The summary names the temporary file; everything after it must be identical.
  EXPECT_EQ(a.substr(a.find('\n')), b.substr(b.find('\n')));
}

}  // namespace
}  // namespace mailwhy
