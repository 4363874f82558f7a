// Tests for rule_cache: a decoded knowledge base is the parsed one, field for field and
// verdict for verdict; anything damaged is refused; LoadRules() reads the cache and
// falls back to parsing when it cannot.
#include "diagnose/rule_cache.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diagnose/classifier.h"
#include "diagnose/embedded_rules.h"
#include "util/cache_dir_testing.h"
#include "util/cache_file.h"

namespace mailwhy {
namespace {

std::vector<RuleFile> BuiltinFiles() {
  std::vector<RuleFile> files;
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    files.push_back(RuleFile{std::string(f.name), std::string(f.name), std::string(f.text), true});
  }
  return files;
}

// The built-in rules as parsed from TOML, without any cache.
const RuleSet& Parsed() {
  static const RuleSet set = [] {
    RuleSet s;
    Status st = LoadRuleFiles(BuiltinFiles(), &s);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s;
  }();
  return set;
}

// Field by field, written out here rather than through the codec, so that a field the
// codec leaves out on both sides still shows.
void ExpectSameText(const RuleText& a, const RuleText& b) {
  EXPECT_EQ(a.summary, b.summary);
  EXPECT_EQ(a.explanation, b.explanation);
  EXPECT_EQ(a.remedies, b.remedies);
}

void ExpectSameRule(const Rule& a, const Rule& b) {
  SCOPED_TRACE(a.id);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.file, b.file);
  EXPECT_EQ(a.line, b.line);
  EXPECT_EQ(a.order, b.order);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.dsn, b.dsn);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.stage, b.stage);
  EXPECT_EQ(a.origin, b.origin);
  EXPECT_EQ(a.relay, b.relay);
  EXPECT_EQ(a.domain, b.domain);
  EXPECT_EQ(a.sender_local, b.sender_local);
  EXPECT_EQ(a.provider, b.provider);
  EXPECT_EQ(a.has_text, b.has_text);
  EXPECT_EQ(a.any, b.any);
  EXPECT_EQ(a.all, b.all);
  EXPECT_EQ(a.unless, b.unless);
  EXPECT_EQ(a.regex, b.regex);
  EXPECT_EQ(a.ordered, b.ordered);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.failure_class, b.failure_class);
  EXPECT_EQ(a.side, b.side);
  EXPECT_EQ(a.extract, b.extract);
  EXPECT_EQ(a.details, b.details);
  ExpectSameText(a.en, b.en);
  ExpectSameText(a.ja, b.ja);
  EXPECT_EQ(a.refs, b.refs);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.examples.size(), b.examples.size());
  for (size_t i = 0; i < a.examples.size(); ++i) {
    const RuleExample& x = a.examples[i];
    const RuleExample& y = b.examples[i];
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.dsn, y.dsn);
    EXPECT_EQ(x.status, y.status);
    EXPECT_EQ(x.stage, y.stage);
    EXPECT_EQ(x.relay, y.relay);
    EXPECT_EQ(x.recipient, y.recipient);
    EXPECT_EQ(x.sender, y.sender);
    EXPECT_EQ(x.code, y.code);
    EXPECT_EQ(x.origin, y.origin);
    EXPECT_EQ(x.only_text, y.only_text);
    EXPECT_EQ(x.line, y.line);
  }
}

TEST(RuleCache, EncodingGivesBackEveryField) {
  const std::string bytes = EncodeRuleSet(Parsed());
  RuleSet decoded;
  ASSERT_TRUE(DecodeRuleSet(bytes, &decoded));
  EXPECT_EQ(EncodeRuleSet(decoded), bytes);
  ASSERT_EQ(decoded.rules().size(), Parsed().rules().size());
  ASSERT_GT(decoded.rules().size(), 200u);
  for (size_t i = 0; i < decoded.rules().size(); ++i) {
    ExpectSameRule(*Parsed().rules()[i], *decoded.rules()[i]);
  }
  ASSERT_EQ(decoded.providers().size(), Parsed().providers().size());
  for (size_t i = 0; i < decoded.providers().size(); ++i) {
    const Provider& a = Parsed().providers()[i];
    const Provider& b = decoded.providers()[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.relays, b.relays);
    EXPECT_EQ(a.domains, b.domains);
    EXPECT_EQ(a.markers, b.markers);
    EXPECT_EQ(a.file, b.file);
    EXPECT_EQ(a.line, b.line);
  }
  ASSERT_EQ(decoded.findings().size(), Parsed().findings().size());
  for (size_t i = 0; i < decoded.findings().size(); ++i) {
    const FindingRule& a = *Parsed().findings()[i];
    const FindingRule& b = *decoded.findings()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.file, b.file);
    EXPECT_EQ(a.line, b.line);
    EXPECT_EQ(a.side, b.side);
    ExpectSameText(a.en, b.en);
    ExpectSameText(a.ja, b.ja);
    EXPECT_EQ(a.refs, b.refs);
    EXPECT_EQ(a.source, b.source);
  }
  ASSERT_EQ(decoded.files().size(), Parsed().files().size());
  for (size_t i = 0; i < decoded.files().size(); ++i) {
    EXPECT_EQ(decoded.files()[i].name, Parsed().files()[i].name);
    EXPECT_EQ(decoded.files()[i].display, Parsed().files()[i].display);
    EXPECT_EQ(decoded.files()[i].builtin, Parsed().files()[i].builtin);
  }
  ASSERT_NE(decoded.Find("fallback.onhold"), nullptr);
  EXPECT_NE(decoded.FindFinding("journey.empty-message-id"), nullptr);
}

TEST(RuleCache, DecodedRulesClassifyAndReadAlike) {
  RuleSet decoded;
  ASSERT_TRUE(DecodeRuleSet(EncodeRuleSet(Parsed()), &decoded));
  std::shared_ptr<const Classifier> from_toml, from_cache;
  ASSERT_TRUE(Classifier::FromRuleSet(Parsed(), &from_toml).ok());
  ASSERT_TRUE(Classifier::FromRuleSet(std::move(decoded), &from_cache).ok());
  const auto toml_results = from_toml->CheckExamples();
  const auto cache_results = from_cache->CheckExamples();
  ASSERT_EQ(toml_results.size(), cache_results.size());
  ASSERT_GT(cache_results.size(), 200u);
  for (size_t i = 0; i < cache_results.size(); ++i) {
    const Verdict& a = toml_results[i].got;
    const Verdict& b = cache_results[i].got;
    EXPECT_TRUE(cache_results[i].ok) << cache_results[i].rule->id;
    EXPECT_EQ(a.rule_id, b.rule_id);
    EXPECT_EQ(a.reason, b.reason);
    EXPECT_EQ(a.provider, b.provider);
    EXPECT_EQ(a.details, b.details);
    EXPECT_EQ(a.context, b.context);
    for (Lang lang : {Lang::kEn, Lang::kJa}) {
      const VerdictTexts ta = TextsOf(a, lang), tb = TextsOf(b, lang);
      EXPECT_EQ(ta.summary, tb.summary);
      EXPECT_EQ(ta.explanation, tb.explanation);
      EXPECT_EQ(ta.remedies, tb.remedies);
      EXPECT_EQ(ta.refs, tb.refs);
    }
  }
}

TEST(RuleCache, DamagedEncodingIsRefused) {
  const std::string bytes = EncodeRuleSet(Parsed());
  RuleSet out;
  EXPECT_FALSE(DecodeRuleSet("", &out));
  EXPECT_FALSE(DecodeRuleSet(bytes + "x", &out));  // trailing bytes
  std::string other_format = bytes;
  other_format[other_format.find("rules-1") + 6] = '2';
  EXPECT_FALSE(DecodeRuleSet(other_format, &out));
  // A taxonomy name this program does not know (as from another version).
  std::string unknown_name = bytes;
  const size_t at = unknown_name.find(std::string("\x0b\0\0\0userunknown", 15));
  ASSERT_NE(at, std::string::npos);
  unknown_name[at + 4] = 'X';
  EXPECT_FALSE(DecodeRuleSet(unknown_name, &out));
  // Every cut refuses; sampled, since each decode reads the whole set.
  for (size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 8) {
    ASSERT_FALSE(DecodeRuleSet(std::string_view(bytes).substr(0, cut), &out)) << cut;
  }
  // Damage anywhere is refused or decodes to something: never a crash or a hang.
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pos(0, bytes.size() - 1);
  for (int round = 0; round < 300; ++round) {
    std::string damaged = bytes;
    for (int k = 0; k < 4; ++k) damaged[pos(rng)] = static_cast<char>(rng());
    RuleSet maybe;
    (void)DecodeRuleSet(damaged, &maybe);
  }
}

TEST(RuleCache, NameFollowsEveryFile) {
  const std::vector<RuleFile> files = BuiltinFiles();
  const std::string name = RuleCacheName(files);
  ASSERT_FALSE(name.empty());
  EXPECT_EQ(RuleCacheName(files), name);
  auto changed = [&](auto change) {
    std::vector<RuleFile> other = files;
    change(&other);
    return RuleCacheName(other);
  };
  EXPECT_NE(changed([](auto* f) { f->back().text += "\n"; }), name);
  EXPECT_NE(changed([](auto* f) { f->front().name = "00-first.toml"; }), name);
  EXPECT_NE(changed([](auto* f) { f->front().display = "/etc/mailwhy/rules.d/x.toml"; }), name);
  EXPECT_NE(changed([](auto* f) { f->front().builtin = false; }), name);
  EXPECT_NE(changed([](auto* f) { f->pop_back(); }), name);
}

TEST(RuleCache, LoadRulesReadsTheCacheAndParsesWhenItCannot) {
  ScopedCacheDir cache;
  ASSERT_TRUE(cache.ok());
  const std::string summary = Parsed().rules().front()->en.summary;
  RuleSet first;
  ASSERT_TRUE(LoadRules(RuleLoadOptions{}, &first).ok());
  EXPECT_EQ(first.rules().front()->en.summary, summary);
  const std::vector<std::string> written = cache.Files();
  ASSERT_EQ(written.size(), 1u);
  ASSERT_EQ(written[0].rfind("rules-", 0), 0u);

  // What the cache holds is what LoadRules() gives: a planted change shows.
  std::string bytes;
  ASSERT_TRUE(ReadCacheFile(written[0], &bytes));
  const size_t at = bytes.find(summary);
  ASSERT_NE(at, std::string::npos);
  bytes[at] = bytes[at] == 'Z' ? 'Y' : 'Z';
  WriteCacheFile(written[0], bytes);
  RuleSet planted;
  ASSERT_TRUE(LoadRules(RuleLoadOptions{}, &planted).ok());
  EXPECT_NE(planted.rules().front()->en.summary, summary);

  // A cache file that does not decode is parsed around, and replaced.
  WriteCacheFile(written[0], "not a rule set");
  RuleSet parsed;
  ASSERT_TRUE(LoadRules(RuleLoadOptions{}, &parsed).ok());
  EXPECT_EQ(parsed.rules().front()->en.summary, summary);
  RuleSet again;
  ASSERT_TRUE(ReadCacheFile(written[0], &bytes));
  EXPECT_TRUE(DecodeRuleSet(bytes, &again));
}

TEST(RuleCache, WorksWithTheCacheOff) {
  ScopedCacheDir cache;
  ::setenv("MAILWHY_CACHE_DIR", "off", 1);  // restored by ScopedCacheDir
  RuleSet set;
  ASSERT_TRUE(LoadRules(RuleLoadOptions{}, &set).ok());
  EXPECT_EQ(set.rules().size(), Parsed().rules().size());
}

}  // namespace
}  // namespace mailwhy
