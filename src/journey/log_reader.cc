// log_reader - the read pipeline of one run (see log_reader.h).
#include "journey/log_reader.h"

#include <ctime>
#include <memory>

#include "postfix/event_parser.h"
#include "syslog/prefix_parser.h"
#include "syslog/time_resolver.h"
#include "util/byte_source.h"
#include "util/line_reader.h"

namespace mailwhy {

namespace {

// Per-daemon line counts: a handful of daemons, so a linear scan with the last hit first.
class DaemonCounter {
 public:
  explicit DaemonCounter(std::vector<DaemonCount>* counts) : counts_(counts) {}
  void Count(std::string_view daemon) {
    if (last_ < counts_->size() && (*counts_)[last_].daemon == daemon) {
      ++(*counts_)[last_].lines;
      return;
    }
    for (size_t i = 0; i < counts_->size(); ++i) {
      if ((*counts_)[i].daemon == daemon) {
        ++(*counts_)[i].lines;
        last_ = i;
        return;
      }
    }
    counts_->push_back({std::string(daemon), 1});
    last_ = counts_->size() - 1;
  }

 private:
  std::vector<DaemonCount>* counts_;
  size_t last_ = 0;
};

}  // namespace

Status ReadLogs(const std::vector<std::string>& paths, const LogReadOptions& options,
                JourneySink* sink, LogReadStats* stats) {
  Status first_error;
  Correlator correlator(options.correlator, sink);
  DaemonCounter daemons(&stats->per_daemon);
  Record rec;
  Event ev;
  for (uint32_t file_index = 0; file_index < paths.size(); ++file_index) {
    const std::string& path = paths[file_index];
    FileSpan span;
    span.path = path;
    std::unique_ptr<ByteSource> source;
    Status s = OpenByteSource(path, &source);
    if (!s.ok()) {
      stats->errors.push_back(s.ToString());
      if (first_error.ok()) first_error = s;
      stats->files.push_back(std::move(span));
      continue;
    }
    TimeResolver times(source->mtime(), options.forced_year);
    LineReader reader(std::move(source));
    std::string_view line;
    while (reader.Next(&line)) {
      if (line.empty()) {
        ++span.lines;
        continue;
      }
      rec = Record();
      ParseRecord(line, &rec);
      times.Resolve(&rec);
      if (rec.time.known) {
        if (!span.first.known) span.first = rec.time;
        span.last = rec.time;
      }
      if (rec.format == PrefixFormat::kNone) ++stats->no_prefix_lines;
      ev = Event();
      ParseEvent(rec, &ev);
      ++span.lines;
      if (ev.kind == EventKind::kOther) {
        ++stats->other_lines;
        continue;
      }
      ++stats->postfix_lines;
      daemons.Count(ev.daemon);
      if (ev.truncated) ++stats->truncated_records;
      if (ev.kind == EventKind::kUnknown) {
        ++stats->unknown_lines;
        if (stats->unknown_samples.size() < options.unknown_samples) {
          stats->unknown_samples.push_back(path + ":" + std::to_string(reader.line_number()) +
                                           ": " + std::string(line.substr(0, 300)));
        }
      }
      LineSource where{file_index, reader.line_number(), line};
      correlator.Add(rec, ev, where);
    }
    span.bytes = reader.bytes_read();
    stats->lines += span.lines;
    stats->bytes += span.bytes;
    stats->overlong_lines += reader.overlong_lines();
    if (!reader.status().ok()) {
      stats->errors.push_back(reader.status().ToString());
      if (first_error.ok()) first_error = reader.status();
    }
    stats->files.push_back(std::move(span));
  }
  correlator.Finish();
  stats->correlator = correlator.stats();
  return first_error;
}

}  // namespace mailwhy
