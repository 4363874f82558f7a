// NAME
//   classifier - facts about a failure in, verdict out, by the rules of the knowledge base
// SYNOPSIS
//   std::shared_ptr<const Classifier> c;
//   Status s = Classifier::Load(RuleLoadOptions{}, &c);        // built-in rules
//   Verdict v = c->ClassifyPasted("550 5.1.1 <bob@example.net>: User unknown");
//   // v.reason == Reason::kUserUnknown
// DESCRIPTION
//   Classify() normalises the text (normalize.h), scans it once with the rule patterns
//   (matcher.h), finds the provider the delivery went to ([[provider]] tables: relay host
//   suffix, then recipient domain, then a marker phrase in the text), and tries the rules
//   in precedence order (rule_set.h); the first rule whose conditions all hold decides.
//   Rules whose patterns the text lacks are skipped without a look (an index from each
//   pattern to the rules that need it), which decides nothing: they could not hold.
//   The built-in rules end with `fallback.onhold` (there is text, nothing decided) and
//   `fallback.undefined` (no text at all), so every input gets a verdict.
//
//   The verdict's class is what was logged when the log says it: status=deferred, or a
//   4xx reply, is temporary (Postfix will try again) even if the rule's usual class is
//   permanent; status=bounced or a 5xx reply is permanent. A rule of class "none"
//   (delivered) keeps it.
//
//   ClassifyPasted() accepts what people paste: a Postfix log line (with or without its
//   syslog prefix), a bounce-mail fragment, or a bare SMTP reply, multi-line replies
//   included (see pasted.h). ClassifyPastedAll() gives one verdict per failure line when
//   several log lines are pasted.
//
//   CheckExamples() runs every rule's examples and reports those that classify to
//   another rule (`mailwhy rules check`, and the unit tests).
// THREAD SAFETY
//   A Classifier is immutable after Load(); all methods may be called concurrently.
// BUGS
//   The classifier sees one failure at a time; what the rest of the journey shows (an
//   empty Message-ID, a web server's uid) is added by the journey-level diagnosis.
#ifndef MAILWHY_DIAGNOSE_CLASSIFIER_H_
#define MAILWHY_DIAGNOSE_CLASSIFIER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/facts.h"
#include "diagnose/matcher.h"
#include "diagnose/rule_set.h"
#include "diagnose/verdict.h"
#include "util/status.h"
#include "util/string_map.h"

namespace mailwhy {

class Classifier {
 public:
  // Loads and compiles the rules. On error *out is untouched.
  static Status Load(const RuleLoadOptions& options, std::shared_ptr<const Classifier>* out);
  static Status FromRuleSet(RuleSet rules, std::shared_ptr<const Classifier>* out);

  Verdict Classify(const FailureFacts& facts) const;
  // As Classify(), into *out. The strings and lists *out holds from an earlier verdict are
  // reused, as is this thread's working memory: classifying many failures in a row into
  // the same Verdict does not allocate for each. The verdict is the same.
  void ClassifyTo(const FailureFacts& facts, Verdict* out) const;
  Verdict ClassifyPasted(std::string_view pasted) const;
  std::vector<Verdict> ClassifyPastedAll(std::string_view pasted) const;

  struct ExampleResult {
    const Rule* rule;
    const RuleExample* example;
    Verdict got;
    bool ok;
  };
  std::vector<ExampleResult> CheckExamples() const;
  Verdict ClassifyExample(const RuleExample& example) const;
  // The facts an example with fields (not a bare string, which ClassifyPasted() reads)
  // stands for: its text, with the fields it sets.
  static FailureFacts ExampleFacts(const RuleExample& example);

  const RuleSet& rules() const { return rules_; }
  size_t pattern_count() const { return matcher_.size(); }

  // Public for make_shared only; use Load() or FromRuleSet().
  struct Private {};
  explicit Classifier(Private) {}

 private:
  struct CompiledRule {
    std::shared_ptr<const Rule> rule;
    std::vector<uint32_t> any, all, unless;
  };
  struct CompiledProvider {
    const Provider* provider;
    std::vector<uint32_t> markers;
  };
  struct Prepared;

  bool Matches(const CompiledRule& cr, const Prepared& p) const;
  std::string DetectProvider(const Prepared& p) const;

  RuleSet rules_;
  Matcher matcher_;
  std::vector<CompiledRule> compiled_;
  // Which rules a text can match, by the patterns found in it, so that Classify() tries
  // only those (in their order) instead of every rule. One bit per index into compiled_,
  // rule_words_ words per set: the rules that need no pattern, and per pattern the rules
  // that cannot match without it (a rule's first `all` pattern, else each of its `any`).
  size_t rule_words_ = 0;
  std::vector<uint64_t> rules_without_pattern_;
  std::vector<uint64_t> rules_by_pattern_;  // pattern id * rule_words_ + word
  std::vector<CompiledProvider> providers_;
  // Each provider's relay and domain suffixes, to the first provider (index into
  // providers_) that lists it: a host is looked up once per label, not compared with
  // every suffix of every provider.
  StringMap<size_t> relay_suffixes_, domain_suffixes_;
};

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_CLASSIFIER_H_
