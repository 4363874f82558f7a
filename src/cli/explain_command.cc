// explain_command - `mailwhy explain [TEXT... | -] [--json] [--lang ja|en] [--rules DIR]`
//
// Says what a pasted error means: a Postfix log line (with or without its syslog prefix),
// several log lines (one verdict per failure line), a bounce-mail fragment, or a bare SMTP
// reply, multi-line replies included. TEXT words are joined with spaces; with no TEXT or
// "-" the text is read from standard input. Output is a block per verdict for people, or
// with --json one JSON object per verdict and line (DESIGN.md's Verdict plus "v": 1).
//
// The language is --lang, else LC_ALL, LC_MESSAGES, LANG in that order (ja_JP.* and ja
// give Japanese, anything else English). Rules come from the built-in set,
// /etc/mailwhy/rules.d when it exists, and each --rules DIR (see diagnose/rule_set.h).
//
// Exit status: 0 a verdict was given, 1 there was no text to explain, 2 error (unreadable
// rules or input).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "diagnose/classifier.h"
#include "render/verdict_render.h"
#include "util/terminal_text.h"

namespace mailwhy {

namespace {

struct ExplainOptions {
  std::vector<std::string> words;
  bool json = false;
  std::string lang;
  std::vector<std::string> rule_dirs;
  std::string color = "auto";
};

int RunExplain(const ExplainOptions& o) {
  std::string text;
  if (o.words.empty() || (o.words.size() == 1 && o.words[0] == "-")) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
      std::cerr << "mailwhy: explain: cannot read standard input\n";
      return 2;
    }
  } else {
    for (const auto& w : o.words) text += (text.empty() ? "" : " ") + w;
  }

  std::shared_ptr<const Classifier> classifier;
  Status s = LoadKnowledge(o.rule_dirs, &classifier);
  if (!s.ok()) {
    std::cerr << "mailwhy: " << s.ToString() << "\n";
    return 2;
  }

  const Lang lang = LanguageFromOption(o.lang);
  const bool color = WantColor(o.color);

  std::vector<Verdict> verdicts = classifier->ClassifyPastedAll(text);
  bool any_text = false;
  std::string out;
  for (size_t i = 0; i < verdicts.size(); ++i) {
    const Verdict& v = verdicts[i];
    any_text = any_text || v.reason != Reason::kUndefined;
    if (o.json) {
      std::string obj;
      AppendVerdictJson(v, lang, &obj);
      out += "{\"v\":1," + obj.substr(1) + "\n";
      continue;
    }
    if (i) out += "\n";
    for (const auto& e : v.evidence) {
      // Each line of a pasted multi-line reply on its own quoted line.
      size_t b = 0;
      while (b <= e.size()) {
        size_t nl = e.find('\n', b);
        std::string_view line(e.data() + b, (nl == std::string::npos ? e.size() : nl) - b);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out += "> " + EscapeForTerminal(line) + "\n";
        if (nl == std::string::npos) break;
        b = nl + 1;
      }
    }
    if (!v.evidence.empty()) out += "\n";
    AppendVerdictText(v, lang, color, 80, "", &out);
  }
  std::cout << out << std::flush;
  return any_text ? 0 : 1;
}

}  // namespace

void RegisterExplainCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "say what a pasted log line, bounce text or SMTP reply means and how to fix it");
  cmd->add_option("text", opts->words,
                  "the text to explain (quote it); '-' or nothing reads standard input");
  cmd->add_flag("--json", opts->json, "one JSON object per verdict (docs/FORMATS.md)");
  cmd->add_option("--lang", opts->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"ja", "en"}));
  AddRulesOption(cmd, &opts->rule_dirs);
  cmd->add_option("--color", opts->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->callback([opts, exit_code] { *exit_code = RunExplain(*opts); });
}

}  // namespace mailwhy
