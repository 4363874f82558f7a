// knowledge - load the knowledge base the way every command does (see knowledge.h).
#include "cli/knowledge.h"

namespace mailwhy {

Status LoadKnowledge(const std::vector<std::string>& rule_dirs, std::shared_ptr<const Classifier>* out) {
  RuleLoadOptions load;
  load.user_dirs = DefaultUserRuleDirs();
  load.user_dirs.insert(load.user_dirs.end(), rule_dirs.begin(), rule_dirs.end());
  return Classifier::Load(load, out);
}

}  // namespace mailwhy
