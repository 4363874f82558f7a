// rule_set_test - a bad rule file fails with "FILE:LINE: what is wrong" (asserted exactly),
// user files replace built-in ones of the same name, and texts_from fills what is left out.
#include "diagnose/rule_set.h"

#include <gtest/gtest.h>

#include <string>

namespace mailwhy {
namespace {

// A complete rule (14 lines); `extra` lines go after the id line.
std::string Rule(const std::string& id, const std::string& extra = "") {
  return "[[rule]]\n"
         "id = \"" + id + "\"\n" + extra +
         "reason = \"blocked\"\n"
         "class = \"permanent\"\n"
         "side = \"sending-ip\"\n"
         "any = [\"foo\"]\n"
         "source = \"test\"\n"
         "examples = [\"foo\"]\n"
         "en.summary = \"s\"\n"
         "en.explanation = \"e\"\n"
         "en.remedies = [\"r\"]\n"
         "ja.summary = \"s\"\n"
         "ja.explanation = \"e\"\n"
         "ja.remedies = [\"r\"]\n";
}

Status Load(const std::string& text, RuleSet* out = nullptr) {
  RuleSet set;
  return LoadRuleFiles({RuleFile{"50-test.toml", "bad.toml", text, false}}, out ? out : &set);
}

TEST(RuleSet, ValidRuleLoads) {
  RuleSet set;
  Status s = Load(Rule("a.b") + Rule("a.c"), &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(set.rules().size(), 2u);
  EXPECT_EQ(set.rules()[1]->id, "a.c");
  EXPECT_EQ(set.rules()[1]->line, 15);
  EXPECT_EQ(set.rules()[0]->any, std::vector<std::string>{"foo"});
}

TEST(RuleSet, UnknownKeyNamesItsLine) {
  EXPECT_EQ(Load(Rule("a", "reasn = \"blocked\"\n")).ToString(),
            "bad.toml:3: unknown key 'reasn' in [[rule]]");
}

TEST(RuleSet, UnknownReasonSideClass) {
  std::string r = Rule("a");
  std::string bad_reason = r;
  bad_reason.replace(bad_reason.find("\"blocked\""), 9, "\"blockd\"");
  EXPECT_EQ(Load(bad_reason).ToString(), "bad.toml:3: unknown reason 'blockd'");
  std::string bad_side = r;
  bad_side.replace(bad_side.find("\"sending-ip\""), 12, "\"sender-ip\"");
  EXPECT_EQ(Load(bad_side).ToString(), "bad.toml:5: unknown side 'sender-ip'");
  std::string bad_class = r;
  bad_class.replace(bad_class.find("\"permanent\""), 11, "\"fatal\"");
  EXPECT_EQ(Load(bad_class).ToString(),
            "bad.toml:4: unknown class 'fatal' (temporary, permanent, none)");
}

TEST(RuleSet, MissingJapaneseText) {
  std::string r = Rule("a");
  r = r.substr(0, r.find("ja.summary"));
  EXPECT_EQ(Load(r).ToString(), "bad.toml:1: rule 'a' has no ja.summary");
}

TEST(RuleSet, RemedyCountsMustMatch) {
  std::string r = Rule("a");
  r.replace(r.find("ja.remedies = [\"r\"]"), 19, "ja.remedies = [\"r\", \"q\"]");
  EXPECT_EQ(Load(r).ToString(), "bad.toml:1: rule 'a' has 1 en.remedies but 2 ja.remedies");
}

TEST(RuleSet, DuplicateIds) {
  EXPECT_EQ(Load(Rule("a") + Rule("a")).ToString(),
            "bad.toml:15: duplicate rule id 'a' (first at bad.toml:1)");
}

TEST(RuleSet, BadRegexIsReportedAtItsLine) {
  std::string msg = Load(Rule("a", "regex = [\"(unclosed\"]\n")).ToString();
  EXPECT_EQ(msg.rfind("bad.toml:3: bad regex '(unclosed': ", 0), 0u) << msg;
}

TEST(RuleSet, BackReferencesAreRefused) {
  std::string msg = Load(Rule("a", "regex = [\"(a)\\\\1\"]\n")).ToString();
  EXPECT_EQ(msg.rfind("bad.toml:3: bad regex", 0), 0u) << msg;
}

TEST(RuleSet, TomlSyntaxError) {
  std::string msg = Load("[[rule]]\nid = \"a\n").ToString();
  EXPECT_EQ(msg.rfind("bad.toml:2: ", 0), 0u) << msg;
}

TEST(RuleSet, UnknownPlaceholder) {
  std::string r = Rule("a");
  r.replace(r.find("en.summary = \"s\""), 16, "en.summary = \"see {lookup}\"");
  EXPECT_EQ(Load(r).ToString(), "bad.toml:9: unknown placeholder '{lookup}'");
}

TEST(RuleSet, UnknownProvider) {
  EXPECT_EQ(Load(Rule("a", "provider = \"gmial\"\n")).ToString(),
            "bad.toml:1: rule 'a' names unknown provider 'gmial'");
}

TEST(RuleSet, BadCodesAndDsn) {
  EXPECT_EQ(Load(Rule("a", "dsn = [\"5.x.1\"]\n")).ToString(),
            "bad.toml:3: bad value '5.x.1' in 'dsn'");
  EXPECT_EQ(Load(Rule("a", "code = [\"65x\"]\n")).ToString(),
            "bad.toml:3: bad value '65x' in 'code'");
  EXPECT_EQ(Load(Rule("a", "stage = [\"rcpt-to\"]\n")).ToString(),
            "bad.toml:3: bad value 'rcpt-to' in 'stage'");
}

TEST(RuleSet, TopLevelKeysAreRuleProviderAndFindingOnly) {
  EXPECT_EQ(Load("title = \"x\"\n" + Rule("a")).ToString(),
            "bad.toml:1: unknown top-level key 'title' "
            "(expected [[rule]], [[provider]] or [[finding]])");
}

TEST(RuleSet, MissingSourceOrExamples) {
  std::string r = Rule("a");
  r.erase(r.find("source = \"test\"\n"), 16);
  EXPECT_EQ(Load(r).ToString(), "bad.toml:1: rule 'a' has no 'source' (cite the evidence)");
  r = Rule("a");
  r.erase(r.find("examples = [\"foo\"]\n"), 19);
  EXPECT_EQ(Load(r).ToString(), "bad.toml:1: rule 'a' has no 'examples'");
}

TEST(RuleSet, TextsFromFillsWhatIsLeftOut) {
  std::string base = Rule("base");
  std::string child =
      "[[rule]]\nid = \"child\"\nreason = \"blocked\"\nclass = \"permanent\"\n"
      "side = \"sending-ip\"\nany = [\"bar\"]\nsource = \"t\"\nexamples = [\"bar\"]\n"
      "texts_from = \"base\"\nen.summary = \"own\"\n";
  RuleSet set;
  Status s = Load(base + child, &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(set.rules()[1]->en.summary, "own");
  EXPECT_EQ(set.rules()[1]->ja.summary, "s");
  EXPECT_EQ(set.rules()[1]->en.remedies, std::vector<std::string>{"r"});
  EXPECT_EQ(Load(child).ToString(), "bad.toml:9: texts_from 'base' does not name an earlier rule");
}

TEST(RuleSet, UserFileReplacesBuiltInOfTheSameName) {
  RuleSet set;
  Status s = LoadRuleFiles({RuleFile{"50-x.toml", "50-x.toml", Rule("builtin.one"), true},
                            RuleFile{"60-y.toml", "60-y.toml", Rule("builtin.two"), true},
                            RuleFile{"50-x.toml", "/etc/mailwhy/rules.d/50-x.toml",
                                     Rule("user.one"), false},
                            RuleFile{"05-first.toml", "/etc/mailwhy/rules.d/05-first.toml",
                                     Rule("user.first"), false}},
                           &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(set.rules().size(), 3u);
  EXPECT_EQ(set.rules()[0]->id, "user.first");
  EXPECT_EQ(set.rules()[1]->id, "user.one");
  EXPECT_EQ(set.rules()[1]->file, "/etc/mailwhy/rules.d/50-x.toml");
  EXPECT_EQ(set.rules()[2]->id, "builtin.two");
}

// A complete [[finding]] (10 lines); `extra` lines go after the id line.
std::string FindingToml(const std::string& id, const std::string& extra = "") {
  return "[[finding]]\n"
         "id = \"" + id + "\"\n" + extra +
         "side = \"sending-app\"\n"
         "source = \"test\"\n"
         "en.summary = \"waited {part}\"\n"
         "en.explanation = \"e\"\n"
         "en.remedies = [\"r {qid}\"]\n"
         "ja.summary = \"s\"\n"
         "ja.explanation = \"e\"\n"
         "ja.remedies = [\"r\"]\n";
}

TEST(RuleSet, FindingLoadsBesideRules) {
  RuleSet set;
  Status s = Load(Rule("a") + FindingToml("journey.x") + FindingToml("journey.y"), &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(set.rules().size(), 1u);
  ASSERT_EQ(set.findings().size(), 2u);
  std::shared_ptr<const FindingRule> f = set.FindFinding("journey.y");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 25);
  EXPECT_EQ(f->en.summary, "waited {part}");
  ASSERT_TRUE(f->side.has_value());
  EXPECT_EQ(ToString(*f->side), "sending-app");
  EXPECT_EQ(set.FindFinding("journey.z"), nullptr);
}

TEST(RuleSet, FindingErrorsNameTheirLine) {
  EXPECT_EQ(Load(FindingToml("journey.x", "when = \"x\"\n")).ToString(),
            "bad.toml:3: unknown key 'when' in [[finding]]");
  EXPECT_EQ(Load(FindingToml("journey.x", "examples = [\"x\"]\n")).ToString(),
            "bad.toml:3: unknown key 'examples' in [[finding]]");
  std::string bad_side = FindingToml("journey.x");
  bad_side.replace(bad_side.find("\"sending-app\""), 13, "\"the-app\"");
  EXPECT_EQ(Load(bad_side).ToString(), "bad.toml:3: unknown side 'the-app'");
  // Finding texts use the detectors' values, not a rule's.
  std::string bad_placeholder = FindingToml("journey.x");
  bad_placeholder.replace(bad_placeholder.find("{part}"), 6, "{lookup_url}");
  EXPECT_EQ(Load(bad_placeholder).ToString(), "bad.toml:5: unknown placeholder '{lookup_url}'");
  std::string no_summary = FindingToml("journey.x");
  no_summary.erase(no_summary.find("ja.summary"), 17);
  EXPECT_EQ(Load(no_summary).ToString(), "bad.toml:1: finding 'journey.x' has no ja.summary");
  std::string uneven = FindingToml("journey.x");
  uneven.replace(uneven.find("ja.remedies = [\"r\"]"), 19, "ja.remedies = [\"r\", \"q\"]");
  EXPECT_EQ(Load(uneven).ToString(),
            "bad.toml:1: finding 'journey.x' has 1 en.remedies but 2 ja.remedies");
  EXPECT_EQ(Load(FindingToml("journey.x") + FindingToml("journey.x")).ToString(),
            "bad.toml:11: duplicate finding id 'journey.x' (first at bad.toml:1)");
}

TEST(RuleSet, FindingsNeedNoRemedies) {
  std::string f = FindingToml("journey.x");
  for (const char* key : {"en.remedies", "ja.remedies"}) {
    size_t at = f.find(key);
    f.erase(at, f.find('\n', at) + 1 - at);
  }
  RuleSet set;
  Status s = Load(f, &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(set.FindFinding("journey.x")->en.remedies.empty());
}

TEST(RuleSet, MissingUserDirectory) {
  RuleSet set;
  RuleLoadOptions o;
  o.builtin = false;
  o.user_dirs = {"/nonexistent/rules.d"};
  EXPECT_EQ(LoadRules(o, &set).ToString(), "/nonexistent/rules.d: cannot open rule directory");
}

}  // namespace
}  // namespace mailwhy
