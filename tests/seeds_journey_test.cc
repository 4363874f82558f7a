// seeds_journey_test - the seed cases that involve a whole journey, through the real
// pipeline: examples/seed-cases.log (the seed cases' own log lines, see examples/README.md)
// is read by ReadLogs(), each journey is diagnosed, and the test checks the verdict
// (reason, class, side), the journey findings and that the texts name the fix. Expected
// values come from ../shared/seeds/CASES.md, never from the program's output. The last
// tests run the binary: `why` as seed 004 asks it, the `why` timeline (dates on later
// days, findings after the verdicts, Japanese line breaks), and `journeys --json`, whose
// recipients carry verdict objects and whose journeys carry findings.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"
#include "diagnose/finding_text.h"
#include "diagnose/journey_diagnosis.h"
#include "journey/log_reader.h"
#include "testing.h"

namespace mailwhy {
namespace {

using mailwhy::testing::BinaryPath;
using mailwhy::testing::RunCommand;
using mailwhy::testing::SourcePath;

const Classifier& C() { return *BuiltInClassifier(); }

class Collect : public JourneySink {
 public:
  void OnJourney(Journey&& j) override { journeys.push_back(std::move(j)); }
  std::vector<Journey> journeys;
};

// The example log's journeys by queue ID (the NOQUEUE one under "NOQUEUE").
const std::map<std::string, Journey>& Seeds() {
  static const std::map<std::string, Journey> seeds = [] {
    Collect sink;
    LogReadOptions o;
    o.forced_year = 2022;
    LogReadStats stats;
    Status s = ReadLogs({SourcePath("examples/seed-cases.log")}, o, &sink, &stats);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::map<std::string, Journey> out;
    for (Journey& j : sink.journeys) out.emplace(j.qid, std::move(j));
    return out;
  }();
  return seeds;
}

struct Diagnosed {
  const Journey* journey = nullptr;
  JourneyDiagnosis d;
  const Verdict& verdict() const { return d.recipients.at(0).verdict; }
  const Finding* finding(const std::string& id) const {
    for (const Finding& f : d.findings) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }
  std::string ids() const {
    std::string s;
    for (const Finding& f : d.findings) s += f.id + " ";
    return s;
  }
};

Diagnosed Diagnose(const std::string& qid) {
  Diagnosed out;
  auto it = Seeds().find(qid);
  if (it == Seeds().end()) {
    ADD_FAILURE() << "no journey " << qid << " in examples/seed-cases.log";
    return out;
  }
  out.journey = &it->second;
  out.d = DiagnoseJourney(it->second, C());
  return out;
}

std::string Value(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.values) {
    if (k == key) return v;
  }
  return "";
}

void ExpectVerdict(const Verdict& v, const std::string& reason, const std::string& cls,
                   const std::string& side) {
  EXPECT_EQ(ToString(v.reason), reason) << "rule " << v.rule_id;
  EXPECT_EQ(ToString(v.failure_class), cls) << "rule " << v.rule_id;
  EXPECT_EQ(ToString(v.side), side) << "rule " << v.rule_id;
}

// All the English text a reader gets: summary, explanation and remedies.
std::string AllText(const VerdictTexts& t) {
  std::string s = t.summary + "\n" + t.explanation + "\n";
  for (const auto& r : t.remedies) s += r + "\n";
  return s;
}

std::string Remedies(const VerdictTexts& t) {
  std::string s;
  for (const auto& r : t.remedies) s += r + "\n";
  return s;
}

#define EXPECT_HAS(haystack, needle) \
  EXPECT_NE((haystack).find(needle), std::string::npos) << "no \"" << (needle) << "\" in:\n" << (haystack)

TEST(SeedJourney, Case01MailboxFullIsRetried) {
  Diagnosed s = Diagnose("A123B45670C");
  ExpectVerdict(s.verdict(), "mailboxfull", "temporary", "recipient");
  EXPECT_HAS(Remedies(TextsOf(s.verdict(), Lang::kEn)), "maximal_queue_lifetime");
  // One deferral and nothing odd on the way: the verdict says it all.
  EXPECT_EQ(s.d.findings.size(), 0u) << s.ids();
}

TEST(SeedJourney, Case02InboundRejectFromBothSides) {
  Diagnosed s = Diagnose("NOQUEUE");
  ExpectVerdict(s.verdict(), "blocked", "permanent", "sending-ip");
  EXPECT_EQ(s.verdict().Detail("dnsbl"), "sbl-xbl.spamhaus.org");
  EXPECT_HAS(Remedies(TextsOf(s.verdict(), Lang::kEn)), "delisting");
  const Finding* f = s.finding("journey.inbound-refused");
  ASSERT_NE(f, nullptr) << s.ids();
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_HAS(t.summary, "Our server refused");
  EXPECT_HAS(t.summary, "203.0.113.5");
  EXPECT_HAS(t.explanation, "test@monikura.rei.jp");  // the sender gets the bounce
  EXPECT_HAS(Remedies(t), "For the sender");
  EXPECT_HAS(Remedies(t), "For us");
  EXPECT_HAS(TextsOf(*f, Lang::kJa).summary, "拒否");
}

TEST(SeedJourney, Case03GmailUnauthenticatedAndItsBounceNotice) {
  Diagnosed s = Diagnose("B223C45671D");
  ExpectVerdict(s.verdict(), "authfailure", "permanent", "sender-domain");
  EXPECT_EQ(s.verdict().provider, "gmail");
  EXPECT_HAS(Remedies(TextsOf(s.verdict(), Lang::kEn)), "v=spf1");
  EXPECT_NE(s.finding("journey.bounce-notice"), nullptr) << s.ids();
  EXPECT_EQ(s.finding("journey.empty-message-id"), nullptr) << s.ids();
}

TEST(SeedJourney, Case04EmptyMessageId) {
  Diagnosed s = Diagnose("C323D45672E");
  ExpectVerdict(s.verdict(), "notcompliantrfc", "permanent", "sending-app");
  EXPECT_EQ(s.verdict().provider, "gmail");
  const Finding* f = s.finding("journey.empty-message-id");
  ASSERT_NE(f, nullptr) << s.ids();
  EXPECT_EQ(f->recipient, 0);
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_HAS(t.summary, "left here with an empty Message-ID header");
  EXPECT_HAS(Remedies(t), "valid, unique Message-ID");
  EXPECT_HAS(Remedies(t), "SPF");  // the second step the article's author found
  EXPECT_HAS(TextsOf(*f, Lang::kJa).summary, "Message-ID");
}

TEST(SeedJourney, Case05BounceNoticeIsLinkedAndTheJourneyEnds) {
  Diagnosed s = Diagnose("B223C45671D");
  ASSERT_NE(s.journey, nullptr);
  EXPECT_EQ(ToString(s.journey->end), "removed");
  ASSERT_EQ(s.journey->children.size(), 1u);
  EXPECT_EQ(s.journey->children[0].qid, "D123E45678F");
  EXPECT_EQ(s.journey->children[0].kind, "non-delivery-notification");
  const Finding* f = s.finding("journey.bounce-notice");
  ASSERT_NE(f, nullptr) << s.ids();
  EXPECT_EQ(Value(*f, "notice_qid"), "D123E45678F");
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_HAS(t.summary, "D123E45678F");
  EXPECT_HAS(t.summary, "test@monikura.rei.com");  // the notice goes to the sender
  EXPECT_HAS(Remedies(t), "mailwhy why --qid D123E45678F");
  Diagnosed notice = Diagnose("D123E45678F");
  ASSERT_NE(notice.journey, nullptr);
  EXPECT_EQ(notice.journey->parent.qid, "B223C45671D");
}

TEST(SeedJourney, Case24And30SentIsDeliveredToTheNextHop) {
  Diagnosed s = Diagnose("8B84D8D1CF");
  ExpectVerdict(s.verdict(), "delivered", "none", "recipient");
  VerdictTexts v = TextsOf(s.verdict(), Lang::kEn);
  EXPECT_EQ(v.summary, "Delivered: mail.example.net accepted the message.");
  const Finding* f = s.finding("journey.delivered");
  ASSERT_NE(f, nullptr) << s.ids();
  EXPECT_EQ(Value(*f, "queued_as"), "EEC702AAC0E");
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_HAS(t.summary, "mail.example.net");
  EXPECT_HAS(t.summary, "EEC702AAC0E");
  EXPECT_HAS(Remedies(t), "grep EEC702AAC0E");
  EXPECT_HAS(Remedies(t), "spam");
  EXPECT_HAS(Remedies(t), "filter");
}

TEST(SeedJourney, Case25LowReputationNoEnvelopeProblem) {
  Diagnosed s = Diagnose("40CF214402FA");
  ExpectVerdict(s.verdict(), "badreputation", "permanent", "sending-ip");
  EXPECT_HAS(Remedies(TextsOf(s.verdict(), Lang::kEn)), "DNSBL");
  // news@hmk-example.com is the organisation's own domain: nothing to flag.
  EXPECT_EQ(s.finding("journey.host-name-sender"), nullptr) << s.ids();
  EXPECT_EQ(s.finding("journey.delays.connect"), nullptr) << s.ids();
}

TEST(SeedJourney, Case26ConnectionSetUpAndHostNameSender) {
  Diagnosed s = Diagnose("36986C9F8BC");
  ExpectVerdict(s.verdict(), "spamdetected", "permanent", "content");
  EXPECT_EQ(s.verdict().provider, "gmail");
  const Finding* delays = s.finding("journey.delays.connect");
  ASSERT_NE(delays, nullptr) << s.ids();
  EXPECT_EQ(Value(*delays, "part_seconds"), "60");  // 60 of the 61 seconds
  EXPECT_HAS(TextsOf(*delays, Lang::kEn).summary, "60 seconds");
  EXPECT_HAS(TextsOf(*delays, Lang::kEn).explanation, "gmail-smtp-in.l.google.com");
  const Finding* sender = s.finding("journey.host-name-sender");
  ASSERT_NE(sender, nullptr) << s.ids();
  EXPECT_EQ(Value(*sender, "sender_domain"), "web01.hmk-temp.com");
  VerdictTexts t = TextsOf(*sender, Lang::kEn);
  EXPECT_HAS(AllText(t), "Return-Path");
  EXPECT_HAS(Remedies(t), "organisation's domain");
}

TEST(SeedJourney, Case29FoundBySenderRecipientAndTime) {
  std::string out;
  int rc = RunCommand("LANG=C " + BinaryPath() + " why --json --year 2022 --from tu@example.com "
                      "--to tu@example.net --at '2022-12-05 18:38' --around 5m " +
                      SourcePath("examples/seed-cases.log") + " 2>&1", &out);
  ASSERT_EQ(rc, 0) << out;
  nlohmann::json j = nlohmann::json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(j["qid"], "8B84D8D1CF");
  EXPECT_EQ(j["recipients"][0]["verdict"]["reason"], "delivered");
}

TEST(SeedJourney, Case31FirstAttemptTimedOut) {
  Diagnosed s = Diagnose("9C95E9E2D0");
  const Finding* f = s.finding("journey.deferrals.pending");
  ASSERT_NE(f, nullptr) << s.ids();
  ASSERT_EQ(f->history.size(), 2u);
  const Verdict& first = f->history[0].verdict;
  ExpectVerdict(first, "networkerror", "temporary", "network");
  EXPECT_HAS(Remedies(TextsOf(first, Lang::kEn)), "outbound port 25");
}

TEST(SeedJourney, Case32DnsblAfterThreeDaysInTheQueue) {
  Diagnosed s = Diagnose("9C95E9E2D0");
  ExpectVerdict(s.verdict(), "blocked", "temporary", "sending-ip");
  EXPECT_EQ(s.verdict().Detail("lookup_url"),
            "https://dnsbl.example.net/dnsbl-lookup.cgi?ip=203.0.113.111");
  EXPECT_HAS(Remedies(TextsOf(s.verdict(), Lang::kEn)), "delisting");
  const Finding* waited = s.finding("journey.delays.queue");
  ASSERT_NE(waited, nullptr) << s.ids();
  EXPECT_HAS(TextsOf(*waited, Lang::kEn).summary, "2.9 days");  // delays=248120/...
  EXPECT_HAS(TextsOf(*waited, Lang::kJa).summary, "2.9日");
  EXPECT_HAS(Remedies(TextsOf(*waited, Lang::kEn)), "maximal_queue_lifetime");
  const Finding* history = s.finding("journey.deferrals.pending");
  ASSERT_NE(history, nullptr) << s.ids();
  EXPECT_EQ(Value(*history, "attempts"), "2");
  EXPECT_EQ(ToString(history->history[1].verdict.reason), "blocked");
}

TEST(SeedJourney, Case33WebServerWithoutEnvelopeSender) {
  Diagnosed s = Diagnose("AD06FAF3E1");
  const Verdict& v = s.verdict();
  EXPECT_TRUE(v.reason == Reason::kPolicyViolation || v.reason == Reason::kRejected) << v.rule_id;
  EXPECT_EQ(ToString(v.side), "sending-app");
  const Finding* f = s.finding("journey.unqualified-sender");
  ASSERT_NE(f, nullptr) << s.ids();
  EXPECT_EQ(Value(*f, "uid"), "48");
  EXPECT_EQ(Value(*f, "pickup_sender"), "apache");
  EXPECT_EQ(Value(*f, "sender"), "apache@example.com");
  VerdictTexts t = TextsOf(*f, Lang::kEn);
  EXPECT_HAS(t.summary, "uid 48");
  EXPECT_HAS(Remedies(t), "sendmail -f");
  EXPECT_HAS(Remedies(t), "fifth parameter");
  EXPECT_HAS(Remedies(t), "From:");
  EXPECT_EQ(s.finding("journey.host-name-sender"), nullptr) << s.ids();
}

// --- `mailwhy why`: the timeline --------------------------------------------------

std::string WhyText(const std::string& args) {
  std::string out;
  int rc = RunCommand("TZ=UTC " + BinaryPath() + " why --year 2022 --color never --no-evidence " +
                      args + " " + SourcePath("examples/seed-cases.log") + " 2>&1", &out);
  EXPECT_EQ(rc, 0) << out;
  return out;
}

TEST(Timeline, RetryOnAnotherDayShowsItsDate) {
  std::string out = WhyText("--lang en --qid 9C95E9E2D0");
  EXPECT_HAS(out, "   18:53:10  smtp to <tu@example.net>");           // same day: the clock
  EXPECT_HAS(out, "   2022-12-08 11:34:22  smtp to <tu@example.net>");  // three days later
}

TEST(Timeline, FindingsFollowTheVerdicts) {
  std::string out = WhyText("--lang en --qid AD06FAF3E1");
  size_t verdict = out.find("(rule text.web-server-sender)");
  size_t finding = out.find("(finding journey.unqualified-sender)");
  ASSERT_NE(verdict, std::string::npos) << out;
  ASSERT_NE(finding, std::string::npos) << out;
  EXPECT_LT(verdict, finding);
  EXPECT_HAS(out, "What the journey shows about the whole message:");
}

TEST(Timeline, JapaneseWrapsBetweenCharactersNotInsideWords) {
  std::string out = WhyText("--lang ja --qid AD06FAF3E1");
  // Narrow words stay whole ("Postfi" / "x" was a break inside a word).
  auto count = [&](const std::string& word) {
    size_t n = 0;
    for (size_t at = out.find(word); at != std::string::npos; at = out.find(word, at + 1)) ++n;
    return n;
  };
  EXPECT_GT(count("Postfix"), 0u);
  EXPECT_EQ(count("Postfix"), count("Postf")) << out;
  EXPECT_EQ(count("Return-Path"), count("Return-")) << out;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    // A line may not start with closing punctuation.
    size_t text = line.find_first_not_of(' ');
    if (text == std::string::npos) continue;
    EXPECT_NE(line.compare(text, 3, "。"), 0) << line;
    EXPECT_NE(line.compare(text, 3, "、"), 0) << line;
  }
}

// --- `mailwhy journeys --json` ----------------------------------------------------

std::vector<nlohmann::json> JourneysJson(const std::string& lang) {
  std::string out;
  int rc = RunCommand("TZ=UTC " + BinaryPath() + " journeys --json --year 2022 --lang " + lang +
                      " " + SourcePath("examples/seed-cases.log") + " 2>&1", &out);
  EXPECT_EQ(rc, 0) << out;
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(JourneysJson, EveryRecipientHasAVerdictObject) {
  const char* fields[] = {"reason", "class", "side", "rule", "provider", "summary",
                          "explanation", "remedies", "refs", "details", "evidence"};
  std::vector<nlohmann::json> journeys = JourneysJson("en");
  ASSERT_EQ(journeys.size(), Seeds().size());
  for (const nlohmann::json& j : journeys) {
    ASSERT_TRUE(j["findings"].is_array()) << j.dump();
    for (const nlohmann::json& r : j["recipients"]) {
      const nlohmann::json& v = r["verdict"];
      ASSERT_TRUE(v.is_object()) << j["qid"];
      for (const char* f : fields) EXPECT_TRUE(v.contains(f)) << j["qid"] << " lacks " << f;
      EXPECT_TRUE(v["remedies"].is_array());
      EXPECT_TRUE(v["details"].is_object());
    }
  }
}

TEST(JourneysJson, FindingsCarryTheirTextsAndValues) {
  std::map<std::string, nlohmann::json> by_qid;
  for (nlohmann::json& j : JourneysJson("en")) by_qid[j["qid"]] = j;
  const nlohmann::json& j = by_qid["C323D45672E"];
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["recipients"][0]["verdict"]["reason"], "notcompliantrfc");
  const nlohmann::json* f = nullptr;
  for (const nlohmann::json& x : j["findings"]) {
    if (x["id"] == "journey.empty-message-id") f = &x;
  }
  ASSERT_NE(f, nullptr) << j["findings"].dump();
  EXPECT_EQ((*f)["recipient"], "monikura_test@gmail.com");
  EXPECT_EQ((*f)["side"], "sending-app");
  EXPECT_TRUE((*f)["values"].is_object());
  EXPECT_TRUE((*f)["history"].is_array());
  EXPECT_NE((*f)["summary"].get<std::string>().find("empty Message-ID"), std::string::npos);

  const nlohmann::json& waited = by_qid["9C95E9E2D0"];
  bool history = false;
  for (const nlohmann::json& x : waited["findings"]) {
    if (x["id"] != "journey.deferrals.pending") continue;
    history = true;
    ASSERT_EQ(x["history"].size(), 2u);
    EXPECT_EQ(x["history"][0]["count"], 1);
    EXPECT_EQ(x["history"][0]["status"], "deferred");
    EXPECT_EQ(x["history"][0]["verdict"]["reason"], "networkerror");
    EXPECT_EQ(x["history"][1]["verdict"]["reason"], "blocked");
  }
  EXPECT_TRUE(history) << waited["findings"].dump();
}

TEST(JourneysJson, LangJaGivesJapaneseTexts) {
  for (const nlohmann::json& j : JourneysJson("ja")) {
    if (j["qid"] != "AD06FAF3E1") continue;
    ASSERT_FALSE(j["findings"].empty());
    EXPECT_NE(j["findings"][0]["summary"].get<std::string>().find("エンベロープ送信者"),
              std::string::npos);
    return;
  }
  ADD_FAILURE() << "AD06FAF3E1 not found";
}

}  // namespace
}  // namespace mailwhy
