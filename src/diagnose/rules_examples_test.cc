// rules_examples_test - every example of every built-in rule classifies to its rule, and
// the built-in knowledge base loads, is complete in both languages and ends with the
// fallbacks.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"

namespace mailwhy {
namespace {

std::shared_ptr<const Classifier> BuiltIn() { return BuiltInClassifier(); }

TEST(BuiltInRules, LoadWithoutError) {
  ASSERT_NE(BuiltIn(), nullptr);
  EXPECT_GT(BuiltIn()->rules().rules().size(), 100u);
}

TEST(BuiltInRules, FallbacksComeLast) {
  ASSERT_NE(BuiltIn(), nullptr);
  const auto& rules = BuiltIn()->rules().rules();
  ASSERT_GE(rules.size(), 2u);
  EXPECT_EQ(rules[rules.size() - 2]->id, "fallback.onhold");
  EXPECT_EQ(rules.back()->id, "fallback.undefined");
}

TEST(BuiltInRules, FileOrderIsPrecedence) {
  ASSERT_NE(BuiltIn(), nullptr);
  const auto& files = BuiltIn()->rules().files();
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.front().name, "10-postfix.toml");
  EXPECT_EQ(files.back().name, "99-fallback.toml");
  for (size_t i = 1; i < files.size(); ++i) EXPECT_LT(files[i - 1].name, files[i].name);
}

// One parameterised test over all rules: the failure names the rule, its file and line,
// the example, and the rule it went to instead.
class RuleExamples : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleExamples, ClassifyToTheirRule) {
  ASSERT_NE(BuiltIn(), nullptr);
  const Rule* rule = BuiltIn()->rules().Find(GetParam());
  ASSERT_NE(rule, nullptr);
  for (const RuleExample& ex : rule->examples) {
    Verdict v = BuiltIn()->ClassifyExample(ex);
    EXPECT_EQ(v.rule_id, rule->id) << rule->file << ":" << ex.line << ": example \"" << ex.text
                                   << "\" classified as " << v.rule_id;
  }
}

std::vector<std::string> AllRuleIds() {
  std::vector<std::string> ids;
  if (auto c = BuiltIn()) {
    for (const auto& r : c->rules().rules()) ids.push_back(r->id);
  }
  return ids;
}

std::string IdToTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllBuiltIn, RuleExamples, ::testing::ValuesIn(AllRuleIds()), IdToTestName);

TEST(BuiltInRules, EveryRuleHasBothLanguagesAndASource) {
  ASSERT_NE(BuiltIn(), nullptr);
  for (const auto& r : BuiltIn()->rules().rules()) {
    EXPECT_FALSE(r->en.summary.empty()) << r->id;
    EXPECT_FALSE(r->ja.summary.empty()) << r->id;
    EXPECT_FALSE(r->en.explanation.empty()) << r->id;
    EXPECT_FALSE(r->ja.explanation.empty()) << r->id;
    EXPECT_EQ(r->en.remedies.size(), r->ja.remedies.size()) << r->id;
    EXPECT_FALSE(r->source.empty()) << r->id;
    EXPECT_FALSE(r->examples.empty()) << r->id;
  }
}

}  // namespace
}  // namespace mailwhy
