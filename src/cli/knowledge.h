// NAME
//   knowledge - load the knowledge base the way every command does
// DESCRIPTION
//   LoadKnowledge() loads the built-in rules, then /etc/mailwhy/rules.d when it exists,
//   then each --rules DIR in the order given (a later file of the same name replaces an
//   earlier one), and compiles them. Errors name the file and line.
//
//   AddRulesOption() gives a command its --rules DIR option: one directory per --rules,
//   repeatable, so that `--rules DIR mail.log` leaves the log file to the command.
#ifndef MAILWHY_CLI_KNOWLEDGE_H_
#define MAILWHY_CLI_KNOWLEDGE_H_

#include <memory>
#include <string>
#include <vector>

#include "diagnose/classifier.h"
#include "util/status.h"

namespace CLI {
class App;
}

namespace mailwhy {

void AddRulesOption(CLI::App* cmd, std::vector<std::string>* rule_dirs);
Status LoadKnowledge(const std::vector<std::string>& rule_dirs, std::shared_ptr<const Classifier>* out);

}  // namespace mailwhy

#endif  // MAILWHY_CLI_KNOWLEDGE_H_
