// diagnose_provider_codes_test - the providers' own error tables through the classifier:
// Gmail's SMTP error reference (121 rows), Microsoft's and Yahoo's code lists
// (../shared/corpus/provider-codes). Each row must get a specific reason (not undefined or
// onhold) for at least 95% of the rows; agreement with Sisimai's label (mapped to the 5.6
// names) is printed, not asserted, since some labels are debatable. Each text is also
// normalized both ways (sixteen bytes at a time and byte by byte), which must agree.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"
#include "diagnose/normalize.h"
#include "testing.h"

namespace mailwhy {
namespace {

const Classifier& C() { return *BuiltInClassifier(); }

std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) { header = false; continue; }
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

// Sisimai v5.1 names to 5.6 names; "?" marks a text-only match in the Gmail table.
std::string MapSisimai(std::string r) {
  while (!r.empty() && (r.back() == '?' || r.back() == ' ')) r.pop_back();
  if (r == "speeding" || r == "toomanyconn") return "ratelimited";
  if (r == "mesgtoobig" || r == "exceedlimit") return "emailtoolarge";
  return r;
}

// Every taxonomy name mentioned in a free-form label ("rejected (v5.1) / ratelimited").
std::set<std::string> LabelsIn(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c >= 'a' && c <= 'z') {
      word.push_back(c);
      continue;
    }
    Reason r;
    std::string mapped = MapSisimai(word);
    if (!word.empty() && ParseReason(mapped, &r)) out.insert(mapped);
    word.clear();
  }
  return out;
}

struct Tally {
  int rows = 0, specific = 0, labelled = 0, agree = 0;
  std::vector<std::string> misses;
};

void Count(const std::string& name, const std::string& text, const std::string& relay,
           const std::set<std::string>& labels, Tally* t) {
  NormalizedText by_blocks, by_bytes;
  Normalize(text, &by_blocks);
  NormalizeByteByByte(text, &by_bytes);
  EXPECT_EQ(by_blocks.text, by_bytes.text) << name;
  EXPECT_EQ(by_blocks.code, by_bytes.code) << name;
  EXPECT_EQ(by_blocks.enhanced, by_bytes.enhanced) << name;
  FailureFacts f;
  f.text = text;
  f.relay = relay;
  Verdict v = C().Classify(f);
  ++t->rows;
  std::string got(ToString(v.reason));
  if (v.reason != Reason::kUndefined && v.reason != Reason::kOnHold) {
    ++t->specific;
  } else {
    t->misses.push_back(name + ": unspecific (" + got + "): " + text.substr(0, 90));
  }
  if (!labels.empty()) {
    ++t->labelled;
    if (labels.count(got)) {
      ++t->agree;
    } else {
      std::string want;
      for (const auto& l : labels) want += (want.empty() ? "" : "/") + l;
      t->misses.push_back(name + ": " + got + " (" + v.rule_id + "), label " + want + ": " +
                          text.substr(0, 80));
    }
  }
}

void Report(const std::string& list, const Tally& t) {
  double specific = t.rows ? 100.0 * t.specific / t.rows : 0;
  double agree = t.labelled ? 100.0 * t.agree / t.labelled : 0;
  std::printf("%s: %d rows, %d specific (%.1f%%); %d labelled, %d agree (%.1f%%)\n",
              list.c_str(), t.rows, t.specific, specific, t.labelled, t.agree, agree);
  for (const auto& m : t.misses) std::printf("  %s\n", m.c_str());
  EXPECT_GE(specific, 95.0) << list;
}

TEST(ProviderCodes, GmailErrorReference) {
  MAILWHY_REQUIRE_SHARED(dir, "corpus/provider-codes");
  Tally t;
  for (const auto& cols : ReadTsv(dir + "/gmail-3726730-2026-02-15.tsv")) {
    ASSERT_GE(cols.size(), 4u);
    std::set<std::string> labels;
    if (!cols[2].empty()) labels.insert(MapSisimai(cols[2]));
    Count(cols[0] + " " + cols[1], cols[0] + " " + cols[1] + " " + cols[3],
          "gmail-smtp-in.l.google.com", labels, &t);
  }
  EXPECT_EQ(t.rows, 121);
  Report("gmail", t);
}

TEST(ProviderCodes, MicrosoftCodes) {
  MAILWHY_REQUIRE_SHARED(dir, "corpus/provider-codes");
  Tally t;
  for (const auto& cols : ReadTsv(dir + "/outlookcom-codes.tsv")) {
    ASSERT_GE(cols.size(), 4u);
    // "5.7.606-649" is a range: the reply carries one code of it.
    std::string code = cols[1];
    size_t dash = code.find('-');
    if (dash != std::string::npos && code[0] >= '0' && code[0] <= '9') code = code.substr(0, dash);
    Count(cols[0] + " " + cols[1], cols[0] + " " + code + " " + cols[2],
          "example-com.mail.protection.outlook.com", LabelsIn(cols[3]), &t);
  }
  Report("microsoft", t);
}

TEST(ProviderCodes, YahooCodes) {
  MAILWHY_REQUIRE_SHARED(dir, "corpus/provider-codes");
  Tally t;
  for (const auto& cols : ReadTsv(dir + "/yahoo-codes.tsv")) {
    ASSERT_GE(cols.size(), 5u);
    std::string text = cols[0];
    if (cols[1] != "-") text += " " + cols[1];
    if (cols[2] != "-" && cols[2].find('.') == std::string::npos) text += " [" + cols[2] + "]";
    text += " " + cols[3];
    Count(cols[0] + " " + cols[2], text, "mta7.am0.yahoodns.net", LabelsIn(cols[4]), &t);
  }
  Report("yahoo", t);
}

}  // namespace
}  // namespace mailwhy
