// journeys_command - `mailwhy journeys [LOG...] [--json] [--stats] [--year Y]`
//
// Prints every message's journey: NDJSON (one journey per line, docs/FORMATS.md) with
// --json, otherwise one readable block per journey. --stats prints to standard error what
// was read: lines, lines per daemon, lines not understood (with samples), journeys, and
// how many were still open at the end.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/inputs.h"
#include "journey/log_reader.h"
#include "render/journey_render.h"

namespace mailwhy {

namespace {

struct JourneysOptions {
  std::vector<std::string> files;
  bool json = false;
  bool stats = false;
  int year = 0;
  int threads = 1;
  std::string color = "auto";
};

// Buffers output and writes it in large blocks: one write per journey would dominate.
class PrintingSink : public JourneySink {
 public:
  PrintingSink(bool json, RenderContext ctx) : json_(json), ctx_(ctx) { buf_.reserve(1 << 20); }
  ~PrintingSink() override { Flush(); }
  void OnJourney(Journey&& j) override {
    if (json_) AppendJourneyJson(j, no_verdicts_, ctx_, &buf_);
    else AppendJourneyText(j, no_verdicts_, ctx_, &buf_);
    if (buf_.size() >= (1 << 20)) Flush();
  }
  void Flush() {
    if (!buf_.empty()) fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
  }

 private:
  bool json_;
  RenderContext ctx_;
  std::string buf_;
  std::vector<std::string> no_verdicts_;
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
  std::vector<std::string> files;
  if (!ResolveInputs(o.files, &files)) return 2;
  RenderContext ctx;
  ctx.files = &files;
  ctx.color = WantColor(o.color);
  LogReadOptions ro;
  ro.forced_year = o.year;
  ro.threads = o.threads;
  LogReadStats stats;
  Status s;
  {
    PrintingSink sink(o.json, ctx);
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
  cmd->add_option("--threads", opts->threads, "1 (default): read, parse and correlate in one thread; 2: "
                  "parse in a second thread (same output)")->check(CLI::Range(1, 2));
  cmd->add_option("--color", opts->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->callback([opts, exit_code] { *exit_code = RunJourneys(*opts); });
}

}  // namespace mailwhy
