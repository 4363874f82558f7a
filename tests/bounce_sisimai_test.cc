// bounce_sisimai_test - conformance of `mailwhy bounce` with Sisimai's labelled corpus.
//
// Reads every mail of ../shared/corpus/sisimai/set-of-emails/maildir/bsd, classifies each
// recipient with the built-in rules and compares with expected.tsv (one row per file and
// recipient index: reason_2026, status, replycode). Prints the agreement per family
// (the file name without its number: "lhost-postfix", "rhost-google", "arf", ...) and
// overall, for the reason and for the status and reply code where the label has a real
// one (Sisimai's internal x.0.9xx / 5.9.xxx codes are left out). Fails below 95 % reason
// agreement. The disagreements we keep on purpose are listed in docs/BENCHMARKS.md.
//
// Also: maildir/not (non-bounces) gives no record, and the CRLF (dos) and CR (mac) copies
// give the same records and verdicts as each other and as the bsd file of the same name
// when that file has the same content.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bounce/bounce_facts.h"
#include "bounce/bounce_reader.h"
#include "bounce/line_ends.h"
#include "bounce/mail_input.h"
#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"
#include "testing.h"

namespace mailwhy {
namespace {

std::shared_ptr<const Classifier> BuiltIn() { return BuiltInClassifier(); }

struct Got {
  std::string reason, status, rule;
  int reply = 0;
};

std::string Base(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// file name -> the records of that file, in order.
std::map<std::string, std::vector<Got>> ReadFolder(const std::string& dir) {
  std::map<std::string, std::vector<Got>> out;
  Status s = ForEachMail(dir, [&](MailInput& m) {
    auto& list = out[Base(m.file)];
    BounceReport rep;
    if (!ReadBounce(m.bytes, &rep).ok()) return;
    for (const auto& r : rep.records) {
      Verdict v = BuiltIn()->Classify(FactsOfRecord(rep, r));
      list.push_back(Got{std::string(ToString(v.reason)), r.status, v.rule_id, r.reply_code});
    }
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string c;
  while (std::getline(ss, c, '\t')) cols.push_back(c);
  if (!line.empty() && line.back() == '\t') cols.emplace_back();
  return cols;
}

// Sisimai's own pseudo codes (5.0.911, 4.0.947, 5.9.210) are not statuses a mail gives.
bool RealStatus(const std::string& s) {
  if (s.empty()) return false;
  if (s.size() > 4 && s.compare(1, 3, ".0.") == 0 && s.size() >= 7 && s[4] == '9') return false;
  if (s.compare(1, 3, ".9.") == 0) return false;
  return true;
}

struct Tally {
  size_t ok = 0, all = 0;
  void Add(bool good) { ++all; ok += good; }
  double Rate() const { return all ? 100.0 * ok / all : 100.0; }
};

TEST(SisimaiCorpus, ReasonStatusAndReplyAgreement) {
  MAILWHY_REQUIRE_SHARED(bsd, "corpus/sisimai/set-of-emails/maildir/bsd");
  MAILWHY_REQUIRE_SHARED(tsv, "corpus/sisimai/expected.tsv");
  ASSERT_NE(BuiltIn(), nullptr);
  auto got = ReadFolder(bsd);

  std::stringstream in(testing::ReadFile(tsv));
  std::string line;
  std::getline(in, line);  // header
  const std::vector<std::string> head = Split(line);
  auto col = [&](const char* name) {
    return static_cast<size_t>(std::find(head.begin(), head.end(), name) - head.begin());
  };
  const size_t kFile = col("file"), kIndex = col("index"), kStatus = col("status"),
               kReply = col("replycode"), kReason = col("reason_2026");
  ASSERT_LT(kReason, head.size()) << "expected.tsv has no reason_2026 column";

  Tally reason, status, reply;
  std::map<std::string, Tally> families;
  std::vector<std::string> misses;
  while (std::getline(in, line)) {
    auto c = Split(line);
    if (c.size() <= kReason) continue;
    const std::string file = Base(c[kFile]);
    const size_t idx = static_cast<size_t>(std::stoi(c[kIndex])) - 1;
    const std::string family = file.substr(0, file.rfind('-'));
    const auto it = got.find(file);
    const Got* g = it != got.end() && idx < it->second.size() ? &it->second[idx] : nullptr;
    const bool good = g != nullptr && g->reason == c[kReason];
    reason.Add(good);
    families[family].Add(good);
    if (!good) {
      misses.push_back(fmt::format("{}#{}: want {}, got {}", file, idx + 1, c[kReason],
                                   g ? g->reason + " (" + g->rule + ")" : std::string("no record")));
    }
    if (RealStatus(c[kStatus])) status.Add(g != nullptr && g->status == c[kStatus]);
    if (!c[kReply].empty()) reply.Add(g != nullptr && std::to_string(g->reply) == c[kReply]);
  }

  std::cout << "\nSisimai set-of-emails, maildir/bsd, against expected.tsv (reason_2026)\n";
  std::cout << fmt::format("  {:<28} {:>9} {:>7}\n", "family", "agree", "rate");
  for (const auto& [family, t] : families) {
    std::cout << fmt::format("  {:<28} {:>4}/{:<4} {:>6.1f}%\n", family, t.ok, t.all, t.Rate());
  }
  std::cout << fmt::format("  {:<28} {:>4}/{:<4} {:>6.1f}%\n", "OVERALL reason", reason.ok, reason.all, reason.Rate());
  std::cout << fmt::format("  {:<28} {:>4}/{:<4} {:>6.1f}%\n", "status (real codes)", status.ok, status.all, status.Rate());
  std::cout << fmt::format("  {:<28} {:>4}/{:<4} {:>6.1f}%\n", "reply code", reply.ok, reply.all, reply.Rate());
  std::cout << "  disagreements:\n";
  for (const auto& m : misses) std::cout << "    " << m << "\n";
  EXPECT_GE(reason.Rate(), 95.0) << "reason agreement fell below 95%";
}

TEST(SisimaiCorpus, NonBouncesGiveNoRecord) {
  MAILWHY_REQUIRE_SHARED(dir, "corpus/sisimai/set-of-emails/maildir/not");
  for (const auto& [file, records] : ReadFolder(dir)) {
    EXPECT_TRUE(records.empty()) << file << " was read as a bounce";
  }
}

std::string Key(const std::vector<Got>& records) {
  std::string k;
  for (const auto& g : records) k += g.reason + "/" + g.rule + "/" + g.status + "/" + std::to_string(g.reply) + ";";
  return k;
}

TEST(SisimaiCorpus, CrlfAndCrCopiesReadLikeLf) {
  MAILWHY_REQUIRE_SHARED(dos, "corpus/sisimai/set-of-emails/maildir/dos");
  MAILWHY_REQUIRE_SHARED(mac, "corpus/sisimai/set-of-emails/maildir/mac");
  MAILWHY_REQUIRE_SHARED(bsd, "corpus/sisimai/set-of-emails/maildir/bsd");
  auto d = ReadFolder(dos);
  auto m = ReadFolder(mac);
  auto b = ReadFolder(bsd);
  size_t same_as_bsd = 0;
  for (const auto& [file, records] : d) {
    EXPECT_FALSE(records.empty()) << "dos/" << file << " gave no record";
    ASSERT_TRUE(m.count(file)) << "mac/" << file << " missing";
    EXPECT_EQ(Key(records), Key(m[file])) << file << ": the CRLF and CR copies differ";
    if (!b.count(file)) continue;
    // Only where the copy is the bsd file with other line ends (a few were updated since).
    std::string lf = testing::ReadFile(dos + "/" + file);
    NormalizeLineEnds(&lf);
    std::string orig = testing::ReadFile(bsd + "/" + file);
    NormalizeLineEnds(&orig);
    if (lf != orig) continue;
    ++same_as_bsd;
    EXPECT_EQ(Key(records), Key(b[file])) << file << ": the CRLF copy reads differently from the LF one";
  }
  EXPECT_GT(same_as_bsd, 40u);
}

}  // namespace
}  // namespace mailwhy
