// journeys_command - `mailwhy journeys [LOG...] [--json] [--stats] [--year Y] [--lang L]
//                    [--rules DIR]`
//
// Prints every message's journey with its diagnosis: each recipient's verdict and the
// journey's findings (diagnose/journey_diagnosis.h), in the language of --lang. NDJSON
// (one journey per line, docs/FORMATS.md) with --json, otherwise one readable block per
// journey with one line per verdict and per finding (`mailwhy why` tells the whole
// story of one message). --stats prints to standard error what was read: lines, lines
// per daemon, lines not understood (with samples), journeys, and how many were still
// open at the end.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "diagnose/journey_diagnosis.h"
#include "journey/log_reader.h"
#include "render/journey_render.h"
#include "render/verdict_render.h"

namespace mailwhy {

namespace {

struct JourneysOptions {
  std::vector<std::string> files;
  bool json = false;
  bool stats = false;
  int year = 0;
  int threads = 0;  // 0: ReadThreads() decides
  std::string color = "auto";
  std::string lang;
  std::vector<std::string> rule_dirs;
};

constexpr size_t kTextWidth = 100;
constexpr size_t kPartBytes = 4096;

// Diagnoses each journey as it is emitted and renders it with its verdicts and findings;
// with the sink in a thread of its own, the reading thread may have rendered it already
// (Prepare). Buffers output and writes it in large blocks: one write per journey would
// dominate.
class PrintingSink : public JourneySink {
 public:
  PrintingSink(bool json, Lang lang, const Classifier& classifier, RenderContext ctx)
      : json_(json), lang_(lang), classifier_(classifier), ctx_(ctx) {
    buf_.reserve(1 << 20);
  }
  ~PrintingSink() override { Flush(); }
  bool Prepare(Journey* j) const override {
    j->prepared.reserve(2 * kPartBytes);
    Render(*j, &j->prepared);
    return true;
  }
  void OnJourney(Journey&& j) override {
    if (!j.prepared.empty()) buf_ += j.prepared;  // a rendered journey is never empty
    else Render(j, &buf_);
    if (buf_.size() >= (1 << 20)) Flush();
  }
  void Flush() {
    if (!buf_.empty()) fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
  }

 private:
  void Render(const Journey& j, std::string* out) const {
    // Per thread (both the sink's and the correlating thread render): each journey's
    // verdicts are written over the last one's, keeping their memory.
    thread_local JourneyDiagnosis d;
    DiagnoseJourneyTo(j, classifier_, &d);
    if (json_) Json(j, d, out);
    else Text(j, d, out);
  }

  void Json(const Journey& j, const JourneyDiagnosis& d, std::string* out) const {
    // Each rendered part is 1 to 3 KB: room for that up front, not doubling from empty.
    // The parts are kept per thread (both threads render), so their buffers serve
    // journey after journey.
    thread_local std::vector<std::string> verdicts, findings;
    verdicts.resize(j.recipients.size());
    for (size_t i = 0; i < verdicts.size(); ++i) {
      verdicts[i].clear();
      if (i >= d.recipients.size() || !d.recipients[i].has_verdict) continue;
      verdicts[i].reserve(kPartBytes);
      AppendVerdictJson(d.recipients[i].verdict, lang_, &verdicts[i]);
    }
    findings.resize(d.findings.size());
    for (size_t i = 0; i < d.findings.size(); ++i) {
      findings[i].clear();
      findings[i].reserve(kPartBytes);
      AppendFindingJson(d.findings[i], j, lang_, &findings[i]);
    }
    AppendJourneyJson(j, verdicts, &findings, ctx_, out);
  }

  void Text(const Journey& j, const JourneyDiagnosis& d, std::string* out) const {
    std::vector<std::string> verdicts(j.recipients.size());
    for (size_t i = 0; i < d.recipients.size(); ++i) {
      if (d.recipients[i].has_verdict) {
        AppendVerdictBrief(d.recipients[i].verdict, lang_, kTextWidth, "    verdict   ", &verdicts[i]);
      }
    }
    std::string findings;
    for (const Finding& f : d.findings) AppendFindingBrief(f, lang_, kTextWidth, "  finding   ", &findings);
    AppendJourneyText(j, verdicts, findings, ctx_, out);
  }

  bool json_;
  Lang lang_;
  const Classifier& classifier_;
  RenderContext ctx_;
  std::string buf_;
};

void PrintStats(const LogReadStats& s) {
  std::string out;
  out += fmt::format("files:               {}\n", s.files.size());
  for (const FileSpan& f : s.files) {
    out += fmt::format("  {}: {} lines, {} bytes, {} .. {}\n", f.path, f.lines, f.bytes,
                       TimeText(f.first), TimeText(f.last));
  }
  out += fmt::format("lines read:          {}\n", s.lines);
  out += fmt::format("postfix lines:       {}\n", s.postfix_lines);
  for (const DaemonCount& d : s.per_daemon) {
    out += fmt::format("  {:<18} {}\n", d.daemon.empty() ? "(unknown daemon)" : d.daemon, d.lines);
  }
  out += fmt::format("other programs:      {}\n", s.other_lines);
  out += fmt::format("without prefix:      {}\n", s.no_prefix_lines);
  out += fmt::format("not understood:      {}\n", s.unknown_lines);
  for (const std::string& u : s.unknown_samples) out += fmt::format("  {}\n", u);
  out += fmt::format("truncated records:   {}\n", s.truncated_records);
  out += fmt::format("overlong lines:      {}\n", s.overlong_lines);
  out += fmt::format("journeys:            {}\n", s.correlator.journeys);
  out += fmt::format("  NOQUEUE rejects:   {}\n", s.correlator.noqueue_rejects);
  out += fmt::format("  open at end:       {}\n", s.correlator.open_at_end);
  out += fmt::format("reject warnings:     {}\n", s.correlator.reject_warnings);
  std::cerr << out;
}

int RunJourneys(const JourneysOptions& o) {
  std::shared_ptr<const Classifier> classifier;
  Status loaded = LoadKnowledge(o.rule_dirs, &classifier);
  if (!loaded.ok()) {
    std::cerr << "mailwhy: " << loaded.ToString() << "\n";
    return 2;
  }
  std::vector<std::string> files;
  if (!ResolveInputs(o.files, &files)) return 2;
  RenderContext ctx;
  ctx.files = &files;
  ctx.color = WantColor(o.color);
  LogReadOptions ro;
  ro.forced_year = o.year;
  ro.threads = ReadThreads(o.threads);
  LogReadStats stats;
  Status s;
  {
    PrintingSink sink(o.json, LanguageFromOption(o.lang), *classifier, ctx);
    s = ReadLogs(files, ro, &sink, &stats);
  }
  fflush(stdout);
  for (const std::string& e : stats.errors) std::cerr << "mailwhy: " << e << "\n";
  if (o.stats) PrintStats(stats);
  return s.ok() ? 0 : 2;
}

}  // namespace

void RegisterJourneysCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<JourneysOptions>();
  CLI::App* cmd = app.add_subcommand("journeys", "rebuild every message's journey from the logs");
  cmd->add_option("logs", opts->files,
                  "log files (plain, .gz, .zst, .xz; '-' for stdin); rotated sets are read "
                  "oldest first; default /var/log/mail.log or /var/log/maillog");
  cmd->add_flag("--json", opts->json, "NDJSON, one journey per line (docs/FORMATS.md)");
  cmd->add_flag("--stats", opts->stats, "print what was read to standard error");
  cmd->add_option("--year", opts->year, "year of the first record of BSD-style logs (default: "
                  "inferred from each file's modification time)")->check(CLI::Range(1970, 9999));
  AddThreadsOption(cmd, &opts->threads);
  cmd->add_option("--color", opts->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->add_option("--lang", opts->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"ja", "en"}));
  AddRulesOption(cmd, &opts->rule_dirs);
  cmd->callback([opts, exit_code] { *exit_code = RunJourneys(*opts); });
}

}  // namespace mailwhy
