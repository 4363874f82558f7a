// log_reader - the read pipeline of one run (see log_reader.h).
#include "journey/log_reader.h"

#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

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
  explicit FileCursor(int64_t mtime, int forced_year) : times(mtime, forced_year) {}
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
  cursor->times.Resolve(rec);
  if (rec->time.known) {
    if (!cursor->span.first.known) cursor->span.first = rec->time;
    cursor->span.last = rec->time;
  }
  if (rec->format == PrefixFormat::kNone) ++stats->no_prefix_lines;
  if (selector != nullptr && !selector->Wants(*rec)) return false;
  ParseEvent(*rec, ev);  // which starts by resetting *ev
  if (selector != nullptr) selector->Learn(*rec, *ev);
  if (!ev->severity.empty() || ev->daemon == "master") problems->Count(*rec, *ev);
  if (ev->kind == EventKind::kOther) {
    ++stats->other_lines;
    return false;
  }
  ++stats->postfix_lines;
  daemons->Count(ev->daemon);
  if (ev->truncated) ++stats->truncated_records;
  if (ev->kind == EventKind::kUnknown) {
    ++stats->unknown_lines;
    if (stats->unknown_samples.size() < options.unknown_samples) {
      stats->unknown_samples.push_back(path + ":" + std::to_string(line_number) + ": " +
                                       std::string(line.substr(0, 300)));
    }
  }
  return true;
}

// Lines parsed by the reading thread, handed to the correlating thread in order. The
// batch owns a copy of its lines, since records and events are views into them.
struct Batch {
  static constexpr size_t kBytes = 256 * 1024;
  struct Item {
    Record rec;
    Event ev;
    LineSource where;
  };
  Batch() : bytes(new char[kBytes]) {}
  // Copies `line` into the batch; false when it does not fit (the batch is full).
  bool Store(std::string_view line, std::string_view* copy) {
    if (used + line.size() > kBytes) return false;
    std::memcpy(bytes.get() + used, line.data(), line.size());
    *copy = std::string_view(bytes.get() + used, line.size());
    used += line.size();
    return true;
  }
  void Clear() {
    used = 0;
    items.clear();
  }
  std::unique_ptr<char[]> bytes;
  size_t used = 0;
  std::vector<Item> items;
};

// A bounded hand-over of batches between two threads, in order; a null batch marks the
// end. Used batches come back through Recycle(), so the steady state allocates nothing.
template <typename BatchT>
class HandOff {
 public:
  void Push(std::unique_ptr<BatchT> b) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [this] { return full_.size() < kDepth; });
    full_.push_back(std::move(b));
    ready_.notify_one();
  }
  std::unique_ptr<BatchT> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [this] { return !full_.empty(); });
    std::unique_ptr<BatchT> b = std::move(full_.front());
    full_.pop_front();
    room_.notify_one();
    return b;
  }
  // True when a Push() would wait for room.
  bool Full() {
    std::lock_guard<std::mutex> lock(mu_);
    return full_.size() >= kDepth;
  }
  // A used batch is emptied by the thread that fills it again (Fresh), not by the one
  // that used it: what it holds was allocated by the filling thread, and glibc's malloc
  // frees memory of another thread's arena much more slowly.
  void Recycle(std::unique_ptr<BatchT> b) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(b));
  }
  std::unique_ptr<BatchT> Fresh() {
    std::unique_ptr<BatchT> b;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (free_.empty()) return std::make_unique<BatchT>();
      b = std::move(free_.back());
      free_.pop_back();
    }
    b->Clear();
    return b;
  }

 private:
  static constexpr size_t kDepth = 4;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::unique_ptr<BatchT>> full_;
  std::vector<std::unique_ptr<BatchT>> free_;
};

using BatchQueue = HandOff<Batch>;

// Finished journeys on their way from the correlating thread to the sink's thread, by
// pointer: moving a journey costs as much as correlating a line. The sink's thread frees
// each journey once the sink has it (see the consumer in ReadLogs), so the batch the
// correlating thread empties again holds only null pointers.
struct JourneyBatch {
  static constexpr size_t kJourneys = 64;
  void Clear() { journeys.clear(); }
  std::vector<std::unique_ptr<Journey>> journeys;
};

// The sink as the correlator sees it when the sink runs in a thread of its own: journeys
// are moved into batches and handed over in order; Flush() sends the last one and the end.
// When the sink's thread is behind (the queue is full), this thread would only wait for
// room: it prepares the batch itself instead (JourneySink::Prepare), so that the sink's
// work is shared by both cores where the sink is the slower half (`journeys`).
class HandOffSink : public JourneySink {
 public:
  HandOffSink(HandOff<JourneyBatch>* queue, const JourneySink* sink)
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

  HandOff<JourneyBatch>* queue_;
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
    FileCursor cursor(source->mtime(), options.forced_year);
    cursor.span.path = path;
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
        batch->Store(line, &copy);  // a line is at most 64 KiB: it fits an empty batch
      }
      batch->items.emplace_back();
      Batch::Item& item = batch->items.back();
      if (!ParseLine(copy, path, reader.line_number(), options, &cursor, &daemons, nullptr,
                     &problems, stats, &item.rec, &item.ev)) {
        batch->items.pop_back();
        continue;
      }
      item.where = LineSource{file_index, reader.line_number(), copy};
    }
    FinishFile(reader, &cursor, stats, &first_error);
  }
  if (queue != nullptr) {
    if (!batch->items.empty()) queue->Push(std::move(batch));
    queue->Push(nullptr);
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
    FileCursor cursor(source->mtime(), options.forced_year);
    cursor.span.path = path;
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

// Feeds the correlator from `paths`: in this thread, or (threads >= 3) from another
// thread that reads and parses while this one correlates. Same lines, same order.
Status CorrelateFiles(const std::vector<std::string>& paths, const LogReadOptions& options,
                      Correlator* correlator, LogReadStats* stats) {
  bool from_stdin = false;
  for (const std::string& p : paths) from_stdin = from_stdin || p == "-";
  if (!options.search_words.empty() && !from_stdin) {
    CandidateSelector selector(options.search_words);
    CollectCandidates(paths, &selector, options.threads);
    stats->prefiltered = true;
    return ParseSelectedFiles(paths, options, stats, correlator, &selector);
  }
  if (options.threads < 3) return ParseFiles(paths, options, stats, correlator, nullptr);
  Status result;
  BatchQueue queue;
  std::thread parser([&] { result = ParseFiles(paths, options, stats, nullptr, &queue); });
  while (std::unique_ptr<Batch> batch = queue.Pop()) {
    for (const Batch::Item& item : batch->items) correlator->Add(item.rec, item.ev, item.where);
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
    Status result = CorrelateFiles(paths, options, &correlator, stats);
    correlator.Finish();
    stats->correlator = correlator.stats();
    return result;
  }
  // The sink in a thread of its own, receiving the journeys in the order the correlator
  // emits them (and, with 3, reading and parsing in another: CorrelateFiles).
  HandOff<JourneyBatch> journeys;
  std::thread consumer([&] {
    while (std::unique_ptr<JourneyBatch> batch = journeys.Pop()) {
      for (std::unique_ptr<Journey>& j : batch->journeys) {
        sink->OnJourney(std::move(*j));
        // Freed here, not by the thread that allocated it (HandOff::Recycle's rule):
        // the program's allocator (mimalloc) frees another thread's memory cheaply, and
        // this thread is the idle one for `report` (docs/BENCHMARKS.md).
        j.reset();
      }
      journeys.Recycle(std::move(batch));
    }
  });
  HandOffSink hand_off(&journeys, sink);
  Correlator correlator(options.correlator, &hand_off);
  Status result = CorrelateFiles(paths, options, &correlator, stats);
  correlator.Finish();
  stats->correlator = correlator.stats();
  hand_off.Flush();
  consumer.join();
  return result;
}

}  // namespace mailwhy
