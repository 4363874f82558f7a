// NAME
//   rule_cache - a loaded knowledge base kept between runs, so that TOML is parsed once
// SYNOPSIS
//   std::string name = RuleCacheName(files);           // "" when it cannot be cached
//   RuleSet set;
//   if (name.empty() || !ReadCachedRuleSet(name, &set)) {
//     Status s = LoadRuleFiles(files, &set);
//     if (s.ok() && !name.empty()) WriteCachedRuleSet(name, set);
//   }
// DESCRIPTION
//   Parsing the rule files costs about 110 million instructions (toml++ most of them),
//   25 to 30 ms on every run of every command that classifies: a fifth of `report` on a
//   20 MB log. A successful load is a function of the rule files alone, so LoadRules()
//   (rule_set.h) keeps its result in the cache directory (util/cache_file.h) under a
//   fingerprint of every file (name, display name, origin, bytes), of this format's
//   version and of the program file itself: a changed rule file, user directory or
//   program misses, and is loaded and cached afresh. Only successful loads are kept;
//   an error is always found by parsing.
//
//   EncodeRuleSet() writes every field of every rule, provider and finding; taxonomy
//   values go by name (taxonomy.h), not by number. DecodeRuleSet() checks every length
//   and name and gives false on anything it cannot read; the caller then parses the
//   files, so a damaged or foreign cache file costs time, never a wrong verdict.
// THREAD SAFETY
//   Pure functions, apart from the cache directory's own (util/cache_file.h).
// BUGS
//   A field added to Rule, Provider or FindingRule must be added here too: a test
//   compares, field by field through the encoding, a decoded set with the parsed one,
//   and on x86-64 a size check in rule_cache.cc fails the build until it is.
#ifndef MAILWHY_DIAGNOSE_RULE_CACHE_H_
#define MAILWHY_DIAGNOSE_RULE_CACHE_H_

#include <string>
#include <string_view>
#include <vector>

#include "diagnose/rule_set.h"

namespace mailwhy {

std::string EncodeRuleSet(const RuleSet& set);
// False, *out unspecified, when `bytes` is not a whole encoding of this format.
bool DecodeRuleSet(std::string_view bytes, RuleSet* out);

// The cache file's name for these files, or "" when caching is not possible (the
// program file cannot be identified).
std::string RuleCacheName(const std::vector<RuleFile>& files);
bool ReadCachedRuleSet(const std::string& name, RuleSet* out);
void WriteCachedRuleSet(const std::string& name, const RuleSet& set);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_RULE_CACHE_H_
