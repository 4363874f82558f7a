// NAME
//   finding_rule - the texts of one finding, as the knowledge base writes them
// DESCRIPTION
//   A finding is something the evidence shows beyond one reply. A journey finding is
//   what a message's whole journey shows: an empty Message-ID at cleanup, a web server's
//   unqualified sender at pickup, days spent waiting in the queue (journey.*, detected by
//   findings.h); other layers' checks use the same tables for their own findings.
//   Detecting it is code; what it means and what to do about it is data: a [[finding]]
//   table of rules/*.toml (schema in rule_set.h), read into a FindingRule.
//
//   Texts may use the placeholders the detector fills (IsKnownFindingPlaceholder(),
//   rule_set.h). A value named X_seconds also gives {X}: the same duration in words of
//   the reader's language ("2.9 days", "2.9日").
// LIFETIME
//   Findings share ownership of their FindingRule, so they outlive the RuleSet.
// BUGS
//   A user file may replace a built-in file's findings with its own texts, but cannot add
//   a detector: a [[finding]] whose id no detector emits is loaded and never used.
#ifndef MAILWHY_DIAGNOSE_FINDING_RULE_H_
#define MAILWHY_DIAGNOSE_FINDING_RULE_H_

#include <optional>
#include <string>
#include <vector>

#include "diagnose/rule.h"
#include "diagnose/taxonomy.h"

namespace mailwhy {

struct FindingRule {
  std::string id;              // "journey.empty-message-id"
  std::string file;
  int line = 0;
  std::optional<Side> side;    // who must act; none for a finding that only explains
  RuleText en, ja;             // summary required; explanation and remedies optional
  std::vector<std::string> refs;
  std::string source;          // the evidence the text rests on

  const RuleText& Text(Lang lang) const { return lang == Lang::kJa ? ja : en; }
};

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_FINDING_RULE_H_
