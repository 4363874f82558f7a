// NAME
//   rule - one entry of the knowledge base: conditions, verdict, texts, examples
// DESCRIPTION
//   A Rule is what one [[rule]] table of rules/*.toml says (the schema is described in
//   rule_set.h). Conditions are ANDed: a rule applies when every condition it has holds.
//   Text conditions are compiled into the shared Hyperscan database by the Classifier.
//
//   RuleText holds one language's texts. They may contain placeholders, "{lookup_url}"
//   or "{lookup_url|the list's web site}", filled from the verdict's details and context
//   when a verdict is rendered (verdict.h).
#ifndef MAILWHY_DIAGNOSE_RULE_H_
#define MAILWHY_DIAGNOSE_RULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnose/taxonomy.h"

namespace mailwhy {

struct RuleText {
  std::string summary;
  std::string explanation;
  std::vector<std::string> remedies;
};

// An `examples` entry: a text that must classify to its rule, with optional context.
struct RuleExample {
  std::string text;
  std::string dsn, status, stage, relay, recipient, sender;
  int code = 0;
  std::optional<Origin> origin;
  bool only_text = true;  // a bare string: classified through ClassifyPasted()
  int line = 0;
};

// A named provider: how to recognise that a delivery went to it.
struct Provider {
  std::string name;                   // "gmail"
  std::vector<std::string> relays;    // host suffixes of its MX hosts
  std::vector<std::string> domains;   // recipient domains (and their subdomains)
  std::vector<std::string> markers;   // phrases only its replies carry ("gsmtp")
  std::string file;
  int line = 0;
};

struct Rule {
  std::string id;
  std::string file;   // "40-smtp-text.toml" or the user file's path
  int line = 0;
  int order = 0;      // precedence: lower wins

  // Conditions (empty = no condition).
  std::vector<std::string> status;       // sent, deferred, bounced, expired, rejected, ...
  std::vector<std::string> dsn;          // "5.7.26", "5.7." (prefix), "x.2.2" (any class)
  std::vector<std::string> code;         // "550", "55x", "5xx"
  std::vector<std::string> stage;        // see StageOfCommand()
  std::vector<Origin> origin;
  std::vector<std::string> relay;        // host suffixes
  std::vector<std::string> domain;       // recipient domain suffixes
  std::vector<std::string> sender_local; // envelope sender local parts ("apache")
  std::string provider;                  // the delivery must have gone to this provider
  std::optional<bool> has_text;          // text present / absent

  // Text conditions, normalised (regexes as written). The Classifier compiles them.
  std::vector<std::string> any, all, unless, regex;
  std::vector<std::vector<std::string>> ordered;

  // Verdict.
  Reason reason = Reason::kUndefined;
  FailureClass failure_class = FailureClass::kPermanent;
  Side side = Side::kSender;
  std::vector<std::string> extract;      // detail names to take from the text
  std::vector<std::pair<std::string, std::string>> details;  // fixed details

  RuleText en, ja;
  std::vector<std::string> refs;
  std::string source;                    // the evidence the rule rests on
  std::vector<RuleExample> examples;

  bool HasTextCondition() const {
    return !any.empty() || !all.empty() || !ordered.empty() || !regex.empty();
  }
  const RuleText& Text(Lang lang) const { return lang == Lang::kJa ? ja : en; }
};

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_RULE_H_
