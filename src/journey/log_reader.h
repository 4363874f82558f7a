// NAME
//   log_reader - read log files into journeys: the whole pipeline of one run
// SYNOPSIS
//   LogReadStats stats;
//   Status s = ReadLogs(OrderOldestFirst(paths), options, &sink, &stats);
// DESCRIPTION
//   For each file in the order given: bytes (plain or compressed) -> lines -> records
//   (prefix, resolved time) -> events -> the Correlator, which hands finished journeys to
//   the sink. One Correlator spans all files, so a message whose lines straddle a rotation
//   is one journey. Lines that are not Postfix's are counted as context; Postfix lines the
//   parser does not recognise are counted and sampled (never fatal).
//
//   A file that cannot be opened or read is reported in stats->errors and skipped; the
//   others are still read. The returned Status is the first such error (or OK), so the
//   command can exit 2 after printing what it could.
// THREAD SAFETY
//   One call per thread. The stages can run in threads of their own (options.threads):
//     1  everything in the calling thread;
//     2  the calling thread reads, parses and correlates; the sink runs in a second
//        thread (journeys are handed over in batches: few objects, so little traffic
//        between the cores). When the sink falls behind, the calling thread does the
//        sink's Prepare() work for the batch it hands over instead of waiting for room;
//        when the sink is idle, its thread parses batches of lines ahead of the calling
//        thread (hand_off.h: SinkWork), which then only correlates them;
//     3  as 2, and a third thread reads and parses while the calling thread correlates
//        (pays with three cores or more: every line crosses between threads).
//   Lines reach the correlator, and journeys the sink, in the same order whatever the
//   number of threads, so the output is identical. The sink is called from one thread at
//   a time (with 2 or 3, not the caller's) and never after ReadLogs() returns.
#ifndef MAILWHY_JOURNEY_LOG_READER_H_
#define MAILWHY_JOURNEY_LOG_READER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "journey/correlator.h"
#include "syslog/record.h"
#include "util/status.h"

namespace mailwhy {

struct LogReadOptions {
  int forced_year = 0;             // --year; 0 infers the year from each file's mtime
  int threads = 1;                 // 1, 2 or 3 stages in threads of their own (see THREAD
                                   // SAFETY; same output). Commands use
                                   // DefaultReadThreads() unless told otherwise.
  CorrelatorOptions correlator;
  // When set, only messages that mention one of these words (case-insensitive) are
  // rebuilt, in two passes over the files (prefilter.h); the per-line counts then cover
  // only the lines that were parsed.
  std::vector<std::string> search_words;
  size_t unknown_samples = 5;      // how many unrecognised lines to keep for --stats
  // When it turns true (set by another thread: the command cannot go on, its knowledge
  // base failed to load), parsing stops at the next line; the counts cover what was read.
  const std::atomic<bool>* stop = nullptr;
};

struct FileSpan {
  std::string path;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  LogTime first, last;             // the first and last known times in the file
};

struct DaemonCount {
  std::string daemon;
  uint64_t lines = 0;
};

// Lines Postfix wrote about itself rather than about a message: warnings, fatal errors,
// panics and the master daemon's messages, counted per distinct text.
struct ProblemCount {
  std::string severity;            // "warning", "error", "fatal", "panic", "" for master
  std::string daemon;
  std::string text;                // the message without severity and queue ID
  uint64_t count = 0;
};

struct LogReadStats {
  uint64_t lines = 0;
  uint64_t bytes = 0;
  uint64_t postfix_lines = 0;
  uint64_t other_lines = 0;        // other programs: dovecot, amavis, opendkim, ...
  uint64_t unknown_lines = 0;      // Postfix lines not understood
  uint64_t no_prefix_lines = 0;    // lines without a syslog prefix
  uint64_t overlong_lines = 0;
  uint64_t truncated_records = 0;  // records cut by Postfix or syslog
  std::vector<DaemonCount> per_daemon;   // in order of first appearance
  std::vector<std::string> unknown_samples;  // "file:line: text"
  std::vector<FileSpan> files;
  std::vector<std::string> errors;
  // Up to kMaxProblemTexts distinct texts, in order of first appearance; the lines of
  // texts beyond that are counted in problems_not_kept.
  static constexpr size_t kMaxProblemTexts = 5000;
  std::vector<ProblemCount> problems;
  uint64_t problems_not_kept = 0;
  bool prefiltered = false;        // search_words applied: counts cover parsed lines only
  CorrelatorStats correlator;
  // With 2 threads, the line batches the sink's thread parsed ahead. It depends on how
  // the threads happened to run, so no output shows it (for tests and benchmarks).
  uint64_t batches_parsed_ahead = 0;
};

Status ReadLogs(const std::vector<std::string>& paths, const LogReadOptions& options,
                JourneySink* sink, LogReadStats* stats);

// The number of threads that pays on this machine: one per core, at most 3.
int DefaultReadThreads();

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_LOG_READER_H_
