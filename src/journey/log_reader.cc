// log_reader - the read pipeline of one run (see log_reader.h).
#include "journey/log_reader.h"

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "journey/hand_off.h"
#include "journey/prefilter.h"
#include "postfix/event_parser.h"
#include "postfix/message.h"
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

// Counts warnings, fatal errors, panics and master's lines per distinct text.
class ProblemCounter {
 public:
  explicit ProblemCounter(LogReadStats* stats) : stats_(stats) {}
  void Count(const Record& rec, const Event& ev) {
    std::string_view text = postfix::SplitMessage(rec.message).body;
    if (text.size() > 300) text = text.substr(0, 300);
    key_.assign(ev.severity);
    key_ += '\x1f';
    key_ += ev.daemon;
    key_ += '\x1f';
    key_ += text;
    auto it = index_.find(key_);
    if (it != index_.end()) {
      ++stats_->problems[it->second].count;
      return;
    }
    if (stats_->problems.size() >= LogReadStats::kMaxProblemTexts) {
      ++stats_->problems_not_kept;
      return;
    }
    index_.emplace(key_, stats_->problems.size());
    stats_->problems.push_back({std::string(ev.severity), std::string(ev.daemon), std::string(text), 1});
  }

 private:
  LogReadStats* stats_;
  std::unordered_map<std::string, size_t> index_;
  std::string key_;
};

bool Stopped(const LogReadOptions& options) {
  return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
}

// Per-file state of the parsing half.
struct FileCursor {
  FileCursor(const std::string& path, int64_t mtime, int forced_year) : times(mtime, forced_year) {
    span.path = path;
  }
  StampMemo stamps;
  TimeResolver times;
  FileSpan span;
};

// Adds a file that has been read to the totals, with its read error if there was one.
// Both line readers (LineReader, SelectedLineReader) report the same way.
template <typename Reader>
void FinishFile(const Reader& reader, FileCursor* cursor, LogReadStats* stats, Status* first_error) {
  cursor->span.bytes = reader.bytes_read();
  stats->lines += cursor->span.lines;
  stats->bytes += cursor->span.bytes;
  stats->overlong_lines += reader.overlong_lines();
  if (!reader.status().ok()) {
    stats->errors.push_back(reader.status().ToString());
    if (first_error->ok()) *first_error = reader.status();
  }
  stats->files.push_back(std::move(cursor->span));
}

// Gives a parsed record its time and counts it in its file's span.
void NoteRecord(FileCursor* cursor, LogReadStats* stats, Record* rec) {
  cursor->times.Resolve(rec);
  if (rec->time.known) {
    if (!cursor->span.first.known) cursor->span.first = rec->time;
    cursor->span.last = rec->time;
  }
  if (rec->format == PrefixFormat::kNone) ++stats->no_prefix_lines;
}

// Counts a parsed event. Returns false when it is not for the correlator (another
// program's line).
bool CountEvent(const Record& rec, const Event& ev, const std::string& path,
                uint64_t line_number, std::string_view line, const LogReadOptions& options,
                DaemonCounter* daemons, ProblemCounter* problems, LogReadStats* stats) {
  if (!ev.severity.empty() || ev.daemon == "master") problems->Count(rec, ev);
  if (ev.kind == EventKind::kOther) {
    ++stats->other_lines;
    return false;
  }
  ++stats->postfix_lines;
  daemons->Count(ev.daemon);
  if (ev.truncated) ++stats->truncated_records;
  if (ev.kind == EventKind::kUnknown) {
    ++stats->unknown_lines;
    if (stats->unknown_samples.size() < options.unknown_samples) {
      stats->unknown_samples.push_back(path + ":" + std::to_string(line_number) + ": " +
                                       std::string(line.substr(0, 300)));
    }
  }
  return true;
}

// Parses one line into *rec and *ev and counts it. Returns false when the line is not for
// the correlator (empty, or another program's).
bool ParseLine(std::string_view line, const std::string& path, uint64_t line_number,
               const LogReadOptions& options, FileCursor* cursor, DaemonCounter* daemons,
               CandidateSelector* selector, ProblemCounter* problems, LogReadStats* stats,
               Record* rec, Event* ev) {
  ++cursor->span.lines;
  if (line.empty()) return false;
  if (selector != nullptr && cursor->span.first.known && !selector->MightWant(line)) return false;
  ParseRecord(line, rec, &cursor->stamps);  // which starts by resetting *rec
  NoteRecord(cursor, stats, rec);
  if (selector != nullptr && !selector->Wants(*rec)) return false;
  ParseEvent(*rec, ev);  // which starts by resetting *ev
  if (selector != nullptr) selector->Learn(*rec, *ev);
  return CountEvent(*rec, *ev, path, line_number, line, options, daemons, problems, stats);
}

// The sink as the correlator sees it when the sink runs in a thread of its own: journeys
// go into batches by pointer and are handed over in order; Flush() sends the last one and
// the end. When the sink's thread is behind (the queue is full), this thread would only
// wait for room: it prepares the batch itself instead (JourneySink::Prepare), so that the
// sink's work is shared by both cores where the sink is the slower half (`journeys`).
class HandOffSink : public JourneySink {
 public:
  HandOffSink(SinkWork* queue, const JourneySink* sink)
      : queue_(queue), sink_(sink), batch_(queue->Fresh()) {}
  void TakeJourney(std::unique_ptr<Journey> journey) override {
    batch_->journeys.push_back(std::move(journey));
    if (batch_->journeys.size() >= JourneyBatch::kJourneys) Send();
  }
  void OnJourney(Journey&& journey) override {
    TakeJourney(std::make_unique<Journey>(std::move(journey)));
  }
  void Flush() {
    if (!batch_->journeys.empty()) Send();
    queue_->Push(nullptr);
  }

 private:
  void Send() {
    if (queue_->Full()) {
      for (std::unique_ptr<Journey>& j : batch_->journeys) {
        if (!sink_->Prepare(j.get())) break;
      }
    }
    queue_->Push(std::move(batch_));
    batch_ = queue_->Fresh();
  }

  SinkWork* queue_;
  const JourneySink* sink_;
  std::unique_ptr<JourneyBatch> batch_;
};

// Opens one input; on failure records the error (and an empty span for the file) and
// returns false, so that the other files are still read. With read_ahead, a compressed
// input is decompressed ahead in a thread of its own (ReadAhead): it pays where every
// line is parsed, not for the prefilter's cheap scans.
bool OpenInput(const std::string& path, bool read_ahead, LogReadStats* stats,
               Status* first_error, std::unique_ptr<ByteSource>* source) {
  Status s = OpenByteSource(path, source);
  if (s.ok()) {
    if (read_ahead && (*source)->compression() != Compression::kNone) {
      *source = ReadAhead(std::move(*source));
    }
    return true;
  }
  stats->errors.push_back(s.ToString());
  if (first_error->ok()) *first_error = s;
  FileSpan span;
  span.path = path;
  stats->files.push_back(std::move(span));
  return false;
}

// Reads and parses every file, handing each line meant for the correlator to it, or,
// when `queue` is given, to batches for the thread that correlates.
Status ParseFiles(const std::vector<std::string>& paths, const LogReadOptions& options,
                  LogReadStats* stats, Correlator* correlator, BatchQueue* queue) {
  Status first_error;
  DaemonCounter daemons(&stats->per_daemon);
  ProblemCounter problems(stats);
  std::unique_ptr<Batch> batch = queue != nullptr ? queue->Fresh() : nullptr;
  Record rec;
  Event ev;
  for (uint32_t file_index = 0; file_index < paths.size(); ++file_index) {
    if (Stopped(options)) break;
    const std::string& path = paths[file_index];
    std::unique_ptr<ByteSource> source;
    if (!OpenInput(path, options.threads >= 2, stats, &first_error, &source)) continue;
    FileCursor cursor(path, source->mtime(), options.forced_year);
    LineReader reader(std::move(source));
    std::string_view line;
    while (!Stopped(options) && reader.Next(&line)) {
      if (queue == nullptr) {
        if (ParseLine(line, path, reader.line_number(), options, &cursor, &daemons, nullptr,
                      &problems, stats, &rec, &ev)) {
          correlator->Add(rec, ev, LineSource{file_index, reader.line_number(), line});
        }
        continue;
      }
      std::string_view copy;
      if (!batch->Store(line, &copy)) {
        queue->Push(std::move(batch));
        batch = queue->Fresh();
        batch->Store(line, &copy);  // an empty batch takes any line (Batch::kLongestLine)
      }
      Batch::Item& item = batch->Add(LineSource{file_index, reader.line_number(), copy});
      if (!ParseLine(copy, path, reader.line_number(), options, &cursor, &daemons, nullptr,
                     &problems, stats, &item.rec, &item.ev)) {
        batch->DropLast();
      }
    }
    FinishFile(reader, &cursor, stats, &first_error);
  }
  if (queue != nullptr) {
    if (!batch->empty()) queue->Push(std::move(batch));
    queue->Push(nullptr);
  }
  return first_error;
}

// Reads every file into line batches that the sink's thread may parse ahead (SinkWork),
// and correlates them in order, parsing here those it has not claimed. While the sink's
// thread is the busier one (journeys piled up for it when a batch was offered), the next
// lines are parsed here as they are read, as ParseFiles() does: batching them would only
// cost. The order of the lines, their times and every count are as with ParseFiles():
// only where the parsing happens differs.
Status ParseFilesAhead(const std::vector<std::string>& paths, const LogReadOptions& options,
                       LogReadStats* stats, Correlator* correlator, SinkWork* work) {
  // Batches in flight: enough for the other thread to parse one while this thread reads
  // the next and correlates the one before.
  constexpr size_t kInFlight = 4;
  // Lines parsed here, unbatched, after a batch the sink's thread was too busy to take.
  constexpr size_t kDirectLines = 4096;
  Record rec;
  Event ev;
  Status first_error;
  DaemonCounter daemons(&stats->per_daemon);
  ProblemCounter problems(stats);
  StampMemo memo;
  std::deque<std::unique_ptr<Batch>> in_flight;
  Spares<Batch> spares;
  for (uint32_t file_index = 0; file_index < paths.size(); ++file_index) {
    if (Stopped(options)) break;
    const std::string& path = paths[file_index];
    std::unique_ptr<ByteSource> source;
    if (!OpenInput(path, true, stats, &first_error, &source)) continue;
    FileCursor cursor(path, source->mtime(), options.forced_year);
    // The oldest batch, parsed, through the same steps as ParseLine().
    const auto correlate_oldest = [&] {
      Batch* b = in_flight.front().get();
      work->TakeBack(b, &memo);
      for (Batch::Item& item : *b) {
        ++cursor.span.lines;
        if (item.where.text.empty()) continue;
        NoteRecord(&cursor, stats, &item.rec);
        if (CountEvent(item.rec, item.ev, path, item.where.line, item.where.text, options,
                       &daemons, &problems, stats)) {
          correlator->Add(item.rec, item.ev, item.where);
        }
      }
      spares.Put(std::move(in_flight.front()));
      in_flight.pop_front();
    };
    // Returns false when the sink's thread was too busy to be offered the batch.
    const auto send = [&](std::unique_ptr<Batch> b) {
      const bool offered = work->Offer(b.get());
      in_flight.push_back(std::move(b));
      while (in_flight.size() > kInFlight) correlate_oldest();
      return offered;
    };
    LineReader reader(std::move(source));
    // A line parsed here as it is read, unbatched.
    const auto correlate_directly = [&](std::string_view line) {
      if (ParseLine(line, path, reader.line_number(), options, &cursor, &daemons, nullptr,
                    &problems, stats, &rec, &ev)) {
        correlator->Add(rec, ev, LineSource{file_index, reader.line_number(), line});
      }
    };
    std::unique_ptr<Batch> batch = spares.Fresh();
    size_t direct_left = 0;
    std::string_view line;
    while (!Stopped(options) && reader.Next(&line)) {
      if (direct_left > 0) {
        --direct_left;
        correlate_directly(line);
        continue;
      }
      std::string_view copy;
      if (!batch->Store(line, &copy)) {
        const bool offered = send(std::move(batch));
        batch = spares.Fresh();
        if (!offered) {
          // Everything read before this line first, then this line and the next ones
          // directly.
          while (!in_flight.empty()) correlate_oldest();
          direct_left = kDirectLines;
          correlate_directly(line);
          continue;
        }
        batch->Store(line, &copy);  // an empty batch takes any line (Batch::kLongestLine)
      }
      batch->Add(LineSource{file_index, reader.line_number(), copy});
    }
    if (!batch->empty()) send(std::move(batch));
    // The file's span and counts are complete once its last batch is correlated.
    while (!in_flight.empty()) correlate_oldest();
    FinishFile(reader, &cursor, stats, &first_error);
  }
  return first_error;
}

// The second pass of a prefiltered read (prefilter.h): only the lines the selector can
// want are parsed; the others are counted. Single-threaded: little is parsed.
Status ParseSelectedFiles(const std::vector<std::string>& paths, const LogReadOptions& options,
                          LogReadStats* stats, Correlator* correlator,
                          CandidateSelector* selector) {
  Status first_error;
  DaemonCounter daemons(&stats->per_daemon);
  ProblemCounter problems(stats);
  Record rec;
  Event ev;
  // With many candidates the finder would be rebuilt too often: look at every line.
  const bool by_finder = selector->candidates() <= kMaxFinderCandidates;
  for (uint32_t file_index = 0; file_index < paths.size(); ++file_index) {
    if (Stopped(options)) break;
    const std::string& path = paths[file_index];
    std::unique_ptr<ByteSource> source;
    if (!OpenInput(path, false, stats, &first_error, &source)) continue;
    FileCursor cursor(path, source->mtime(), options.forced_year);
    SelectedLineReader reader(std::move(source), selector);
    reader.set_select_all(true);  // until the file's first time is known
    std::string_view line;
    while (!Stopped(options) && reader.Next(&line)) {
      if (ParseLine(line, path, reader.line_number(), options, &cursor, &daemons, selector,
                    &problems, stats, &rec, &ev)) {
        correlator->Add(rec, ev, LineSource{file_index, reader.line_number(), line});
      }
      if (by_finder && cursor.span.first.known) reader.set_select_all(false);
    }
    // The span ends at the file's last line, parsed or not.
    if (!reader.last_line().empty()) {
      rec = Record();
      ParseRecord(reader.last_line(), &rec);
      cursor.times.Resolve(&rec);
      if (rec.time.known) cursor.span.last = rec.time;
    }
    cursor.span.lines = reader.lines();
    FinishFile(reader, &cursor, stats, &first_error);
  }
  return first_error;
}

// Feeds the correlator from `paths`: in this thread (with 2, the sink's thread parsing
// ahead through `work`), or (threads >= 3) from another thread that reads and parses
// while this one correlates. Same lines, same order.
Status CorrelateFiles(const std::vector<std::string>& paths, const LogReadOptions& options,
                      Correlator* correlator, LogReadStats* stats, SinkWork* work) {
  bool from_stdin = false;
  for (const std::string& p : paths) from_stdin = from_stdin || p == "-";
  if (!options.search_words.empty() && !from_stdin) {
    CandidateSelector selector(options.search_words);
    CollectCandidates(paths, &selector, options.threads);
    stats->prefiltered = true;
    return ParseSelectedFiles(paths, options, stats, correlator, &selector);
  }
  if (options.threads == 2 && work != nullptr) {
    return ParseFilesAhead(paths, options, stats, correlator, work);
  }
  if (options.threads < 3) return ParseFiles(paths, options, stats, correlator, nullptr);
  Status result;
  BatchQueue queue;
  std::thread parser([&] { result = ParseFiles(paths, options, stats, nullptr, &queue); });
  while (std::unique_ptr<Batch> batch = queue.Pop()) {
    for (const Batch::Item& item : *batch) correlator->Add(item.rec, item.ev, item.where);
    queue.Recycle(std::move(batch));
  }
  parser.join();
  return result;
}

}  // namespace

int DefaultReadThreads() {
  unsigned cores = std::thread::hardware_concurrency();
  return cores >= 3 ? 3 : cores == 2 ? 2 : 1;
}

Status ReadLogs(const std::vector<std::string>& paths, const LogReadOptions& options,
                JourneySink* sink, LogReadStats* stats) {
  if (options.threads < 2) {
    Correlator correlator(options.correlator, sink);
    Status result = CorrelateFiles(paths, options, &correlator, stats, nullptr);
    correlator.Finish();
    stats->correlator = correlator.stats();
    return result;
  }
  // The sink in a thread of its own, receiving the journeys in the order the correlator
  // emits them (with 2, parsing ahead when it has nothing else to do; with 3, reading and
  // parsing in another thread: CorrelateFiles).
  SinkWork journeys;
  std::thread consumer([&] { journeys.Serve(sink); });
  HandOffSink hand_off(&journeys, sink);
  Correlator correlator(options.correlator, &hand_off);
  Status result = CorrelateFiles(paths, options, &correlator, stats, &journeys);
  correlator.Finish();
  stats->correlator = correlator.stats();
  hand_off.Flush();
  consumer.join();
  stats->batches_parsed_ahead = journeys.parsed_ahead();
  return result;
}

}  // namespace mailwhy
