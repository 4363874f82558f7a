// report_parts_test - the report's small parts: grouping keys, text layout, the bounded
// detail tally, string-keyed maps, HTML escaping, the SVG charts.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "diagnose/classifier_testing.h"
#include "report/address_keys.h"
#include "report/address_keys_testing.h"
#include "report/detail_tally.h"
#include "report/html_text.h"
#include "report/report_data.h"
#include "report/report_view.h"
#include "util/string_map.h"
#include "report/svg_chart.h"
#include "report/text_layout.h"

namespace mailwhy {
namespace {

TEST(AddressKeys, LikePflogsumm) {
  EXPECT_EQ(AddressKey("Bob@Example.COM"), "Bob@example.com");
  EXPECT_EQ(AddressKey("root"), "root");
  EXPECT_EQ(AddressDomain("bob@example.com"), "example.com");
  EXPECT_EQ(AddressDomain("root"), "root");
  EXPECT_EQ(AddressDomain("@example.com"), "@example.com");
  struct {
    const char *name, *ip, *want;
  } cases[] = {
      {"mail.example.com", "192.0.2.1", "example.com"},
      {"a.b.Example.COM", "192.0.2.1", "example.com"},
      {"mx.example.co.uk", "192.0.2.1", "example.co.uk"},
      {"mx.example.de", "192.0.2.1", "mx.example.de"},     // two-letter TLD, no 2-3 label before
      {"Mail.Example.Info", "192.0.2.1", "Mail.Example.Info"},
      {"localhost", "127.0.0.1", "localhost"},
      {"unknown", "192.0.2.7", "192.0.2.7"},
      {"", "2001:db8::1", "2001:db8::1"},
  };
  for (const auto& c : cases) EXPECT_EQ(ClientDomain(c.name, c.ip), c.want) << c.name;
}

// Skipping a word with nothing to mask in one step must mask exactly what offering every
// character to the scanners masks: on every rule example (real replies) and on random
// texts made of the characters that start, end or join the masked shapes.
TEST(AddressKeys, SkippingPlainWordsMasksTheSame) {
  std::vector<std::string> texts;
  ASSERT_NE(BuiltInClassifier(), nullptr);
  for (const auto& rule : BuiltInClassifier()->rules().rules()) {
    for (const auto& example : rule->examples) texts.push_back(example.text);
  }
  ASSERT_GT(texts.size(), 200u);
  const std::string pieces[] = {"a", "Zq", "x", "0", "7", "19", "2024", ".", "-", "_", "+", "%",
                                "@", "<", ">", "[", "]", ":", " ", "T", "Z", "/", ";", "=",
                                "\xE2\x80\xA6", "\t", "example.com", "192.0.2.1", "::"};
  std::mt19937 rng(20261123);
  for (int n = 0; n < 20000; ++n) {
    std::string t;
    const int parts = static_cast<int>(rng() % 24);
    for (int k = 0; k < parts; ++k) t += pieces[rng() % std::size(pieces)];
    texts.push_back(t);
  }
  std::string fast, slow;
  for (const std::string& t : texts) {
    MaskVariablePartsInto(t, /*skip_plain_words=*/true, &fast);
    MaskVariablePartsInto(t, /*skip_plain_words=*/false, &slow);
    ASSERT_EQ(fast, slow) << t;
  }
}

TEST(AddressKeys, RelayHost) {
  EXPECT_EQ(RelayHost("ASPMX.L.GOOGLE.COM[108.177.125.26]:25"), "aspmx.l.google.com");
  EXPECT_EQ(RelayHost("[192.0.2.1]:25"), "192.0.2.1");
  EXPECT_EQ(RelayHost("none"), "none");
  EXPECT_EQ(RelayHost("mail.example.com[private/dovecot-lmtp]"), "mail.example.com");
}

TEST(AddressKeys, MaskVariableParts) {
  const std::string dots = "\xE2\x80\xA6";
  EXPECT_EQ(MaskVariableParts("550 5.1.1 <bob@example.net>: User unknown"),
            "550 5.1.1 <" + dots + ">: User unknown");
  EXPECT_EQ(MaskVariableParts("Client host [203.0.113.5] blocked; see /ip/203.0.113.5"),
            "Client host [" + dots + "] blocked; see /ip/" + dots);
  EXPECT_EQ(MaskVariableParts("from [2001:db8::25]:25"), "from [" + dots + "]:25");
  // Enhanced status codes, versions and non-addresses stay.
  EXPECT_EQ(MaskVariableParts("4.7.1 try later"), "4.7.1 try later");
  EXPECT_EQ(MaskVariableParts("version 1.2.3.4.5"), "version 1.2.3.4.5");
  EXPECT_EQ(MaskVariableParts("<script>"), "<script>");
  // Per-message trace tokens, not words, codes or host names.
  EXPECT_EQ(MaskVariableParts("p=OverQuotaTemp 0014158418ecb-128e438f664si6647 - gsmtp"),
            "p=OverQuotaTemp " + dots + " - gsmtp");
  EXPECT_EQ(MaskVariableParts("550-5.7.26 S3150 id 1670241603"), "550-5.7.26 S3150 id " + dots);
  EXPECT_EQ(MaskVariableParts("host mta6.am0.yahoodns.net said"), "host mta6.am0.yahoodns.net said");
  EXPECT_EQ(MaskVariableParts("[BN8NAM11FT066.eop-nam11.prod.outlook.com 2024-06-01T00:33:09.415Z 08DC81F0A1B2C3D4]"),
            "[" + dots + ".eop-nam11.prod.outlook.com " + dots + " " + dots + "]");
  EXPECT_EQ(MaskVariableParts("at 2022-12-05 18:38:12+09:00 ok"), "at " + dots + " ok");
  EXPECT_EQ(MaskVariableParts("NoSuchUser a1b2c3d4e5f6.103 - gsmtp"), "NoSuchUser " + dots + " - gsmtp");
  EXPECT_EQ(MaskVariableParts("Why?s=mfrom;id=adavis@blue7875.info;ip=192.0.2.1"),
            "Why?s=mfrom;id=" + dots + ";ip=" + dots);
  EXPECT_EQ(MaskVariableParts("write to postmaster@example.com."), "write to " + dots + ".");
  EXPECT_EQ(MaskVariableParts("UnsolicitedMessageError"), "UnsolicitedMessageError");
  // At the very start and the very end of the text, and a token after "_", "+" or "%".
  EXPECT_EQ(MaskVariableParts("1670241603"), dots);
  EXPECT_EQ(MaskVariableParts("<a@b> ok [192.0.2.7]"), "<" + dots + "> ok [" + dots + "]");
  EXPECT_EQ(MaskVariableParts("id_0014158418ecb128e438f done"), "id_" + dots + " done");
  EXPECT_EQ(MaskVariableParts("x.0014158418ecb128e438f"), "x.0014158418ecb128e438f");
  EXPECT_EQ(MaskVariableParts(""), "");
}

TEST(AddressKeys, BufferFormsReplaceWhatTheBufferHeld) {
  std::string buffer = "left over from the previous journey, longer than the new text";
  MaskVariablePartsTo("550 <bob@example.net> unknown", &buffer);
  EXPECT_EQ(buffer, MaskVariableParts("550 <bob@example.net> unknown"));
  MaskVariablePartsTo("plain", &buffer);
  EXPECT_EQ(buffer, "plain");
  AddressKeyTo("Bob@Example.COM", &buffer);
  EXPECT_EQ(buffer, "Bob@example.com");
  AddressKeyTo("root", &buffer);
  EXPECT_EQ(buffer, "root");
}

TEST(StringMap, CountForInsertsOnceAndFindsByView) {
  StringMap<int> m;
  std::string buffer = "example.com";
  ++CountFor(m, buffer);
  buffer = "example.net";
  ++CountFor(m, buffer);
  buffer = "example.com";
  ++CountFor(m, std::string_view(buffer));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m.at("example.com"), 2);
  EXPECT_EQ(m.at("example.net"), 1);
  EXPECT_NE(m.find(std::string_view("example.net")), m.end());
  EXPECT_EQ(m.find(std::string_view("example.org")), m.end());
}

// The report's tables come from hash maps whose order is unspecified and changes from run
// to run. Filled in two different orders with nothing but ties, every table comes out
// the same and ordered by name: each sort has a last key that no two rows share.
TEST(ReportView, TablesDoNotDependOnTheMapsOrder) {
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) names.push_back("n" + std::to_string(i * 7919 % 1009) + ".example");
  auto fill = [&](bool reverse) {
    auto data = std::make_unique<ReportData>();
    for (size_t k = 0; k < names.size(); ++k) {
      const std::string& n = names[reverse ? names.size() - 1 - k : k];
      DeliveryDomainStats& d = CountFor(data->recipient_domains, n);
      d.sent = 1;
      d.bytes = 10;
      d.bounced = 1;
      data->failures[n].counts.bounced = 1;
      data->providers[n].counts.bounced = 1;
      RejectGroup& g = data->rejects["(none)\x1f" + n];
      g.zone = n;
      g.count = 1;
      data->reject_detail.Add(n, "text");
      data->reject_detail.Add("RCPT", n);
    }
    return data;
  };
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  ReportViewOptions options;
  options.top = 0;  // every row
  for (bool reverse : {false, true}) {
    const std::unique_ptr<ReportData> data = fill(reverse);
    const ReportView v = MakeReportView(*data, options);
    std::vector<std::string> domains, failing, rules, providers, zones, groups, texts;
    for (const auto& r : v.recipient_domains) domains.push_back(r.domain);
    for (const auto& r : v.failing_domains) failing.push_back(r.domain);
    for (const auto& r : v.failures_by_reason) rules.push_back(r.rule);
    for (const auto& r : v.failures_by_provider) providers.push_back(r.provider);
    for (const auto& r : v.rejects_by_reason) zones.push_back(r.zone);
    for (const auto& g : v.reject_detail) {
      if (g.name == "RCPT") {
        for (const auto& t : g.texts) texts.push_back(t.text);
      } else {
        groups.push_back(g.name);
      }
    }
    EXPECT_EQ(domains, sorted) << reverse;
    EXPECT_EQ(failing, sorted) << reverse;
    EXPECT_EQ(rules, sorted) << reverse;
    EXPECT_EQ(providers, sorted) << reverse;
    EXPECT_EQ(zones, sorted) << reverse;
    EXPECT_EQ(groups, sorted) << reverse;
    EXPECT_EQ(texts, sorted) << reverse;
  }
}

TEST(TextLayout, WidthsCountWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("総計"), 4u);
  EXPECT_EQ(DisplayWidth("ｱ"), 1u);   // halfwidth katakana
  EXPECT_EQ(PadRight("総計", 6), "総計  ");
}

TEST(TextLayout, WrapBreaksAtSpacesAndNeverCuts) {
  std::vector<std::string> lines = Wrap("the quick brown fox jumps", 10);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "the quick");
  EXPECT_EQ(lines[1], "brown fox");
  EXPECT_EQ(lines[2], "jumps");
  std::vector<std::string> url = Wrap("https://example.com/a/very/long/path", 10);
  std::string joined;
  for (const std::string& l : url) {
    EXPECT_LE(DisplayWidth(l), 10u);
    joined += l;
  }
  EXPECT_EQ(joined, "https://example.com/a/very/long/path");
  std::vector<std::string> ja = Wrap("受信者のメールボックスが一杯です", 10);
  for (const std::string& l : ja) EXPECT_LE(DisplayWidth(l), 10u);
  EXPECT_EQ(ja.size(), 4u);
  // Japanese breaks where the line is full, not at an earlier space, and never puts
  // "。" at the start of a line.
  std::vector<std::string> mixed = Wrap("IP 203.0.113.1がブロックリストに載っています。", 20);
  EXPECT_EQ(mixed[0], "IP 203.0.113.1がブロ");
  std::vector<std::string> stop = Wrap("あいうえお。かきくけこ", 10);
  ASSERT_EQ(stop.size(), 3u);
  EXPECT_EQ(stop[0], "あいうえ");
  EXPECT_EQ(stop[1], "お。かきく");
  EXPECT_EQ(stop[2], "けこ");
}

TEST(DetailTally, KeepsAtMostMaxTexts) {
  DetailTally t(2);
  t.Add("smtp", "a");
  t.Add("smtp", "b");
  t.Add("smtp", "c");   // not kept: counted as overflow
  t.Add("smtp", "a");   // kept texts go on counting
  t.Add("lmtp", "d");
  EXPECT_EQ(t.distinct_texts(), 2u);
  const DetailTally::Group& smtp = t.groups().at("smtp");
  EXPECT_EQ(smtp.total, 4);
  EXPECT_EQ(smtp.overflow, 1);
  EXPECT_EQ(smtp.texts.at("a"), 2);
  EXPECT_EQ(t.groups().at("lmtp").overflow, 1);
}

TEST(HtmlText, EscapesMarkupControlsAndBadUtf8) {
  EXPECT_EQ(HtmlEscape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("\x1b[31m"), "\\x1B[31m");
  EXPECT_EQ(HtmlEscape("ok\xc3"), "ok\xEF\xBF\xBD");
  EXPECT_EQ(HtmlEscape("受信"), "受信");
}

TEST(SvgChart, LabelsAreEscaped) {
  Chart c;
  c.title = "t";
  c.labels = {"<b>evil</b>", "ok"};
  c.series = {{"s<", "#000", {1, 2}}};
  std::string bar = BarChartSvg(c, 400);
  std::string line = LineChartSvg(c, 400, 200);
  for (const std::string& svg : {bar, line}) {
    EXPECT_EQ(svg.find("<b>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;b&gt;evil&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  }
}

}  // namespace
}  // namespace mailwhy
