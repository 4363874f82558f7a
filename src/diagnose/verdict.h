// NAME
//   verdict - what the classifier concluded about one failure, and its texts in ja/en
// SYNOPSIS
//   Verdict v = classifier.Classify(facts);
//   VerdictTexts t = TextsOf(v, Lang::kJa);   // placeholders filled from the details
//   // ToString(v.reason) == "authfailure", v.rule_id == "gmail.auth.5.7.26"
// DESCRIPTION
//   The fields are DESIGN.md's Verdict (JSON contract v1): reason, class, side, rule,
//   provider (empty = null), details, evidence; the summary, explanation, remedies and
//   refs live in the rule and are rendered per language by TextsOf().
//
//   `details` are the facts the text revealed and the JSON output shows: dnsbl (the
//   list's zone), listed_ip, lookup_url, url, truncated ("true" when the text was visibly
//   cut off). `context` holds what placeholders may also use but JSON does not repeat
//   (relay, recipient_domain, sender_domain, dsn, code, ...).
//
//   FillPlaceholders() replaces "{name}" and "{name|fallback}". TextsOf() drops a
//   remedy whose placeholder has no value and no fallback: a remedy that cannot name its
//   URL is better left out than printed with a hole.
// LIFETIME
//   A Verdict shares ownership of its rule, so it stays valid after the Classifier that
//   made it is gone.
#ifndef MAILWHY_DIAGNOSE_VERDICT_H_
#define MAILWHY_DIAGNOSE_VERDICT_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnose/rule.h"
#include "diagnose/taxonomy.h"

namespace mailwhy {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct Verdict {
  Reason reason = Reason::kUndefined;
  FailureClass failure_class = FailureClass::kNone;
  Side side = Side::kSender;
  std::string rule_id;
  std::string provider;               // "gmail", ... ; "" = none
  std::shared_ptr<const Rule> rule;   // texts; null only for a default-constructed Verdict
  KeyValues details;
  KeyValues context;
  std::vector<std::string> evidence;  // the text(s) that decided

  // The detail's value, or "" when absent (a view into this verdict).
  std::string_view Detail(std::string_view key) const;
  // A detail or, failing that, a context value; "" when neither has it.
  std::string_view Value(std::string_view key) const;
  bool truncated() const { return Detail("truncated") == "true"; }
};

struct VerdictTexts {
  std::string summary;
  std::string explanation;
  std::vector<std::string> remedies;
  std::vector<std::string> refs;
};

// *missing is set when a placeholder had neither a value nor a fallback.
std::string FillPlaceholders(std::string_view text, const Verdict& v, bool* missing);
// An empty placeholder value leaves "  " or " ." behind: this tidies a filled text.
std::string TidyFilledText(std::string s);
VerdictTexts TextsOf(const Verdict& v, Lang lang);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_VERDICT_H_
