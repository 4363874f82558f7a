// report_command - `mailwhy report`: the health of the whole server, from its logs
//
// pflogsumm's report (grand totals, traffic per day and hour, per-domain delivery,
// top senders and recipients, deferral/bounce/reject detail) computed from journeys, so
// that a content filter's round trip counts once, plus what pflogsumm cannot say:
// failures grouped by diagnosed reason and by destination provider with an example and
// the remedy, refusals by reason (DNSBL zone, PTR, ...), expired messages.
//
//   mailwhy report [LOG...] [--since T] [--until T] [--top N] [--lang ja|en]
//                  [--json | --csv[=SECTION] [--csv-dir DIR] | --html FILE]
//
// Output: text for people (default), NDJSON with one object per section (--json),
// CSV (--csv=SECTION: that section to standard output; --csv --csv-dir DIR: one file
// per section, DIR/SECTION.csv; --csv alone: every section to standard output, each
// after a "# SECTION" line), or one self-contained HTML page (--html FILE, "-" for
// standard output). docs/FORMATS.md ("report") describes the sections and fields.
//
// Exit status: 0 done, 2 error (bad option, unreadable input, unwritable output).
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "journey/log_reader.h"
#include "report/report_builder.h"
#include "report/report_csv.h"
#include "report/report_html.h"
#include "report/report_json.h"
#include "report/report_labels.h"
#include "report/report_tables.h"
#include "report/report_text.h"
#include "report/report_view.h"
#include "util/user_time.h"

namespace mailwhy {

namespace {

struct ReportCommandOptions {
  std::vector<std::string> files;
  std::string since, until;
  size_t top = 20;
  bool json = false;
  bool csv = false;
  std::string csv_section;
  std::string csv_dir;
  std::string html;
  std::string lang;
  std::string color = "auto";
  int year = 0;
  int threads = 0;  // 0: ReadThreads() decides
  std::vector<std::string> rule_dirs;
};

bool ParseWindow(const ReportCommandOptions& o, ReportOptions* ro) {
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  for (auto [text, slot] : {std::pair{&o.since, &ro->since_us}, std::pair{&o.until, &ro->until_us}}) {
    if (text->empty()) continue;
    UserTime t;
    Status s = ParseUserTime(*text, now, &t);
    if (!s.ok()) {
      std::cerr << "mailwhy: " << s.ToString() << "\n";
      return false;
    }
    *slot = t.unix_s * 1000000;
  }
  return true;
}

bool WriteFile(const std::string& path, const std::string& data) {
  if (path == "-") {
    fwrite(data.data(), 1, data.size(), stdout);
    return fflush(stdout) == 0;
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
  f.close();
  if (!f) {
    std::cerr << "mailwhy: cannot write " << path << "\n";
    return false;
  }
  return true;
}

bool WriteCsv(const ReportCommandOptions& o, const ReportView& view) {
  if (!o.csv_section.empty()) {
    ReportSection section;
    ParseSectionId(o.csv_section, &section);  // validated when the options were read
    std::string out;
    AppendReportCsv(MakeReportTable(view, section), &out);
    return WriteFile("-", out);
  }
  std::vector<ReportTable> tables = MakeReportTables(view);
  if (!o.csv_dir.empty()) {
    if (mkdir(o.csv_dir.c_str(), 0777) != 0 && errno != EEXIST) {
      std::cerr << "mailwhy: cannot create directory " << o.csv_dir << "\n";
      return false;
    }
    for (const ReportTable& t : tables) {
      std::string out;
      AppendReportCsv(t, &out);
      if (!WriteFile(o.csv_dir + "/" + std::string(SectionId(t.section)) + ".csv", out)) return false;
    }
    return true;
  }
  std::string out;
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += "# ";
    out += SectionId(tables[i].section);
    out += "\r\n";
    AppendReportCsv(tables[i], &out);
  }
  return WriteFile("-", out);
}

int RunReport(ReportCommandOptions o) {
  if (!o.csv_section.empty()) {
    ReportSection section;
    if (!ParseSectionId(o.csv_section, &section)) {
      // "--csv mail.log": CLI11 took the log file for the section name.
      struct stat st;
      if (stat(o.csv_section.c_str(), &st) == 0) {
        o.files.insert(o.files.begin(), o.csv_section);
        o.csv_section.clear();
      } else {
        std::string ids;
        for (ReportSection s : AllReportSections()) ids += " " + std::string(SectionId(s));
        std::cerr << "mailwhy: unknown report section '" << o.csv_section << "'; sections:" << ids << "\n";
        return 2;
      }
    }
  }
  if (!o.csv_dir.empty() && !o.csv) {
    std::cerr << "mailwhy: --csv-dir needs --csv\n";
    return 2;
  }
  ReportOptions ro;
  if (!ParseWindow(o, &ro)) return 2;
  std::vector<std::string> files;
  if (!ResolveInputs(o.files, &files)) return 2;

  // Failures wait for the knowledge base while it loads; everything else is counted
  // meanwhile (ReportBuilder: LATE CLASSIFIER).
  KnowledgeLoader loader(o.rule_dirs);
  ReportBuilder builder(ro, loader.classifier());
  LogReadOptions lo;
  lo.forced_year = o.year;
  lo.threads = ReadThreads(o.threads);
  lo.stop = loader.failed();
  LogReadStats stats;
  Status read = ReadLogs(files, lo, &builder, &stats);
  Status loaded = loader.Wait();
  if (!loaded.ok()) {
    std::cerr << "mailwhy: " << loaded.ToString() << "\n";
    return 2;
  }
  builder.Finish();
  builder.AddReadStats(stats);
  for (const std::string& e : stats.errors) std::cerr << "mailwhy: " << e << "\n";
  // A report of zeros for a log that could not be read would look like a quiet server.
  if (!read.ok() && stats.lines == 0) return 2;

  ReportViewOptions vo;
  vo.top = o.top;
  vo.lang = LanguageFromOption(o.lang);
  ReportView view = MakeReportView(builder.data(), vo);

  bool written;
  if (o.json) {
    std::string out;
    AppendReportJson(MakeReportTables(view), &out);
    written = WriteFile("-", out);
  } else if (o.csv) {
    written = WriteCsv(o, view);
  } else if (!o.html.empty()) {
    std::string out;
    AppendReportHtml(view, &out);
    written = WriteFile(o.html, out);
  } else {
    ReportTextOptions to;
    to.color = WantColor(o.color);
    std::string out;
    AppendReportText(view, to, &out);
    written = WriteFile("-", out);
  }
  return read.ok() && written ? 0 : 2;
}

}  // namespace

void RegisterReportCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "sum up the server: pflogsumm's totals, failures grouped by reason and provider");
  cmd->add_option("logs", o->files,
                  "log files (plain, .gz, .zst, .xz; '-' for stdin); rotated sets are read oldest "
                  "first; default /var/log/mail.log or /var/log/maillog");
  cmd->add_option("--since", o->since, "count what happened at or after this time "
                  "(2022-12-05 18:38, Dec 5, yesterday, -2h, ISO 8601)");
  cmd->add_option("--until", o->until, "count what happened before this time");
  cmd->add_option("--top", o->top, "rows per list (default 20; 0 = all)");
  CLI::Option* json = cmd->add_flag("--json", o->json, "NDJSON, one object per section (docs/FORMATS.md)");
  CLI::Option* csv = cmd->add_option("--csv", o->csv_section,
                                     "CSV; --csv=SECTION writes that section to standard output")
                         ->expected(0, 1);
  cmd->add_option("--csv-dir", o->csv_dir, "with --csv: write one SECTION.csv per section into DIR");
  CLI::Option* html = cmd->add_option("--html", o->html, "write one self-contained HTML page to FILE ('-': stdout)");
  json->excludes(csv)->excludes(html);
  csv->excludes(html);
  cmd->add_option("--lang", o->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"ja", "en"}));
  cmd->add_option("--color", o->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->add_option("--year", o->year, "year of the first record of BSD-style logs (default: "
                  "inferred from each file's modification time)")->check(CLI::Range(1970, 9999));
  AddRulesOption(cmd, &o->rule_dirs);
  AddThreadsOption(cmd, &o->threads);
  cmd->callback([o, csv, exit_code] {
    ReportCommandOptions opts = *o;
    opts.csv = csv->count() > 0;
    *exit_code = RunReport(std::move(opts));
  });
}

}  // namespace mailwhy
