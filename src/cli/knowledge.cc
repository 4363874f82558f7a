// knowledge - load the knowledge base the way every command does (see knowledge.h).
#include "cli/knowledge.h"

#include <CLI/CLI.hpp>

namespace mailwhy {

void AddRulesOption(CLI::App* cmd, std::vector<std::string>* rule_dirs) {
  cmd->add_option("--rules", *rule_dirs, "extra rule directory (repeatable)")
      ->allow_extra_args(false);
}

Status LoadKnowledge(const std::vector<std::string>& rule_dirs, std::shared_ptr<const Classifier>* out) {
  RuleLoadOptions load;
  load.user_dirs = DefaultUserRuleDirs();
  load.user_dirs.insert(load.user_dirs.end(), rule_dirs.begin(), rule_dirs.end());
  return Classifier::Load(load, out);
}

}  // namespace mailwhy
