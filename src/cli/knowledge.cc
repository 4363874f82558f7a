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

KnowledgeLoader::KnowledgeLoader(std::vector<std::string> rule_dirs)
    : ready_(promise_.get_future().share()) {
  thread_ = std::thread([this, dirs = std::move(rule_dirs)] {
    status_ = LoadKnowledge(dirs, &classifier_);
    if (!status_.ok()) failed_.store(true, std::memory_order_relaxed);
    promise_.set_value(status_.ok() ? classifier_.get() : nullptr);
  });
}

KnowledgeLoader::~KnowledgeLoader() {
  if (thread_.joinable()) thread_.join();
}

Status KnowledgeLoader::Wait(std::shared_ptr<const Classifier>* out) {
  if (thread_.joinable()) thread_.join();
  if (out != nullptr && status_.ok()) *out = classifier_;
  return status_;
}

}  // namespace mailwhy
