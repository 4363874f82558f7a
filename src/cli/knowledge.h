// NAME
//   knowledge - load the knowledge base the way every command does
// DESCRIPTION
//   LoadKnowledge() loads the built-in rules, then /etc/mailwhy/rules.d when it exists,
//   then each --rules DIR in the order given (a later file of the same name replaces an
//   earlier one), and compiles them. Errors name the file and line.
//
//   AddRulesOption() gives a command its --rules DIR option: one directory per --rules,
//   repeatable, so that `--rules DIR mail.log` leaves the log file to the command.
//
//   KnowledgeLoader loads in a thread of its own while the command reads its logs:
//   parsing the rule files takes tens of milliseconds, and a command that needs the
//   classifier only once journeys are rebuilt (why) or only for failures (report)
//   need not wait for it before it starts reading. When loading fails, failed() turns
//   true, so that the reading can stop and the error is told at once.
#ifndef MAILWHY_CLI_KNOWLEDGE_H_
#define MAILWHY_CLI_KNOWLEDGE_H_

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "diagnose/classifier.h"
#include "util/status.h"

namespace CLI {
class App;
}

namespace mailwhy {

void AddRulesOption(CLI::App* cmd, std::vector<std::string>* rule_dirs);
Status LoadKnowledge(const std::vector<std::string>& rule_dirs, std::shared_ptr<const Classifier>* out);

class KnowledgeLoader {
 public:
  // Starts LoadKnowledge(rule_dirs) in a thread.
  explicit KnowledgeLoader(std::vector<std::string> rule_dirs);
  ~KnowledgeLoader();  // waits for the thread
  KnowledgeLoader(const KnowledgeLoader&) = delete;
  KnowledgeLoader& operator=(const KnowledgeLoader&) = delete;

  // Becomes ready with the classifier, or with null when loading failed. The classifier
  // lives as long as the loader.
  std::shared_future<const Classifier*> classifier() const { return ready_; }
  // Waits for the load; on success *out (when given) shares the classifier.
  Status Wait(std::shared_ptr<const Classifier>* out = nullptr);
  // Turns true when loading has failed: reading the logs can stop (LogReadOptions::stop).
  const std::atomic<bool>* failed() const { return &failed_; }

 private:
  std::promise<const Classifier*> promise_;
  std::shared_future<const Classifier*> ready_;
  std::shared_ptr<const Classifier> classifier_;
  Status status_;
  std::atomic<bool> failed_{false};
  std::thread thread_;
};

}  // namespace mailwhy

#endif  // MAILWHY_CLI_KNOWLEDGE_H_
