// rules_command - `mailwhy rules check [--rules DIR]` and `mailwhy rules list [--json]`
//
// check: loads the built-in rules, /etc/mailwhy/rules.d (when it exists) and each --rules
// DIR; a file that does not load is reported as "FILE:LINE: what is wrong". Then every
// rule's examples are classified and must come back to their own rule. Prints one line
// per failing example and the counts. Exit status 0 only when everything loads and every
// example passes; 1 when an example fails; 2 when a file does not load.
//
// list: one line per rule in precedence order (id, reason, class, side, provider,
// file:line), or with --json one object per rule and line.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/knowledge.h"
#include "diagnose/classifier.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"

namespace mailwhy {

namespace {

struct RulesOptions {
  std::vector<std::string> rule_dirs;
  bool json = false;
};

int RunCheck(const RulesOptions& o) {
  std::shared_ptr<const Classifier> c;
  Status s = LoadKnowledge(o.rule_dirs, &c);
  if (!s.ok()) {
    std::cerr << "mailwhy: " << s.ToString() << "\n";
    return 2;
  }
  int failed = 0, total = 0;
  for (const auto& r : c->CheckExamples()) {
    ++total;
    if (r.ok) continue;
    ++failed;
    std::string text = r.example->text.substr(0, 120);
    std::cout << fmt::format("{}:{}: example of {} classified as {}: {}\n", r.rule->file,
                             r.example->line, r.rule->id,
                             r.got.rule_id.empty() ? "nothing" : r.got.rule_id,
                             EscapeForTerminal(text));
  }
  const RuleSet& rules = c->rules();
  std::cout << fmt::format("{} files, {} providers, {} rules, {} patterns, {} examples: {}\n",
                           rules.files().size(), rules.providers().size(), rules.rules().size(),
                           c->pattern_count(), total,
                           failed ? fmt::format("{} failed", failed) : std::string("all pass"));
  return failed ? 1 : 0;
}

int RunList(const RulesOptions& o) {
  std::shared_ptr<const Classifier> c;
  Status s = LoadKnowledge(o.rule_dirs, &c);
  if (!s.ok()) {
    std::cerr << "mailwhy: " << s.ToString() << "\n";
    return 2;
  }
  std::string out;
  for (const auto& r : c->rules().rules()) {
    if (o.json) {
      JsonWriter w(&out);
      w.BeginObject();
      w.Field("v", 1);
      w.Field("id", r->id);
      w.Field("file", r->file);
      w.Field("line", r->line);
      w.Field("reason", ToString(r->reason));
      w.Field("class", ToString(r->failure_class));
      w.Field("side", ToString(r->side));
      w.FieldOrNull("provider", r->provider);
      w.Field("summary_en", r->en.summary);
      w.Field("summary_ja", r->ja.summary);
      w.Field("source", r->source);
      w.EndObject();
      w.Finish();
      out += '\n';
    } else {
      out += fmt::format("{:<40} {:<16} {:<10} {:<17} {:<12} {}:{}\n", r->id, ToString(r->reason),
                         ToString(r->failure_class), ToString(r->side),
                         r->provider.empty() ? "-" : r->provider, r->file, r->line);
    }
  }
  std::cout << out << std::flush;
  return 0;
}

}  // namespace

void RegisterRulesCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<RulesOptions>();
  CLI::App* cmd = app.add_subcommand("rules", "check or list the knowledge base (rules/*.toml)");
  cmd->require_subcommand(1);
  CLI::App* check = cmd->add_subcommand("check", "load every rule file and run every example");
  AddRulesOption(check, &opts->rule_dirs);
  check->callback([opts, exit_code] { *exit_code = RunCheck(*opts); });
  CLI::App* list = cmd->add_subcommand("list", "list the rules in precedence order");
  AddRulesOption(list, &opts->rule_dirs);
  list->add_flag("--json", opts->json, "one JSON object per rule");
  list->callback([opts, exit_code] { *exit_code = RunList(*opts); });
}

}  // namespace mailwhy
