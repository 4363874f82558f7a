// NAME
//   hand_off - batches of lines and of journeys crossing between the read pipeline's threads
// SYNOPSIS
//   SinkWork work;
//   std::thread second([&] { work.Serve(&sink); });   // the sink; parses lines when idle
//   work.Offer(batch.get());                           // read, not parsed yet
//   work.TakeBack(batch.get(), &memo);                 // parsed, by either thread
//   work.Push(std::move(journeys));  ...  work.Push(nullptr);  second.join();
// DESCRIPTION
//   The threads of ReadLogs() (log_reader.h) hand work to each other in batches, never
//   line by line or journey by journey, and always in order:
//     Batch         lines with room for their parsed record and event; owns a copy of
//                   the lines, since records and events are views into them;
//     Spares        used batches, kept for reuse;
//     HandOff       a bounded queue of batches (--threads 3: parsed lines from the
//                   reading thread to the correlating one);
//     JourneyBatch  finished journeys, by pointer;
//     SinkWork      the second thread's work: journey batches for the sink, and line
//                   batches to parse ahead while there are none (--threads 2).
//   Used batches are kept and reused, so the steady state allocates nothing.
// THREAD SAFETY
//   HandOff and SinkWork are shared by two threads: one side each, as documented per
//   member. A Batch belongs to the thread that filled it, except between Offer() and
//   TakeBack(), when only SinkWork touches it.
#ifndef MAILWHY_JOURNEY_HAND_OFF_H_
#define MAILWHY_JOURNEY_HAND_OFF_H_

#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "journey/correlator.h"
#include "journey/journey.h"
#include "postfix/event.h"
#include "syslog/prefix_parser.h"
#include "syslog/record.h"
#include "util/line_reader.h"

namespace mailwhy {

// Lines on their way between threads, in order: parsed by the reading thread for the
// correlating one (--threads 3), or read by the correlating thread and parsed by whichever
// thread gets to them first (parse-ahead, --threads 2). The batch owns a copy of its
// lines, since records and events are views into them. Small enough (kBytes of lines,
// at most kMaxLines lines) that a batch's parsed lines (about 1 KB each) stay in the
// caches between the two threads; an empty batch still takes the longest line a
// LineReader returns. The line limit also bounds memory when lines are short: a file of
// empty lines would otherwise fill one batch without end.
struct Batch {
  static constexpr size_t kBytes = 32 * 1024;
  static constexpr size_t kMaxLines = 512;
  static constexpr size_t kLongestLine = LineReader::kDefaultMaxLine;
  struct Item {
    Record rec;
    Event ev;
    LineSource where;
  };
  Batch() : bytes(new char[kBytes + kLongestLine]) {}
  // Copies `line` into the batch; false when the batch is full: it holds kMaxLines
  // lines, or it holds lines and this one would take it past kBytes. The caller adds an
  // item per stored line. REQUIRES: line.size() <= kLongestLine.
  bool Store(std::string_view line, std::string_view* copy) {
    if (count_ >= kMaxLines || (used != 0 && used + line.size() > kBytes)) return false;
    std::memcpy(bytes.get() + used, line.data(), line.size());
    *copy = std::string_view(bytes.get() + used, line.size());
    used += line.size();
    return true;
  }
  // Adds the item of a stored line. Its record and event hold whatever an earlier use of
  // the batch left there: parsing overwrites both (ParseRecord() and ParseEvent() start
  // by resetting them), and an item whose line is empty is never parsed nor read. Built
  // afresh, the kilobyte of empty record and event per line cost the reading thread about
  // a tenth of its time.
  Item& Add(const LineSource& where) {
    if (count_ == items_.size()) items_.emplace_back();
    Item& item = items_[count_++];
    item.where = where;
    return item;
  }
  // Removes the last item added (a line that turned out to be nothing to correlate).
  void DropLast() { --count_; }
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  Item* begin() { return items_.data(); }
  Item* end() { return items_.data() + count_; }
  const Item* begin() const { return items_.data(); }
  const Item* end() const { return items_.data() + count_; }
  void Clear() {
    used = 0;
    count_ = 0;
  }
  // Parses every non-empty line into its item (record and event; the time is resolved
  // later, in order, by the correlating thread). Any thread, with a memo of its own.
  void Parse(StampMemo* memo);
  std::unique_ptr<char[]> bytes;
  size_t used = 0;
  // Parse-ahead only, guarded by SinkWork's mutex: offered and unclaimed (kRead), not
  // offered (kKept: the thread that takes it back parses it), being parsed, parsed.
  enum class State : uint8_t { kRead, kKept, kParsing, kParsed };
  State state = State::kRead;

 private:
  std::vector<Item> items_;  // never shrinks: items are reused, not rebuilt
  size_t count_ = 0;         // items in use
};

// Used batches kept for reuse, so that the steady state allocates nothing. A batch is
// emptied by the thread that takes it again (Fresh), not by the one that gives it back
// (Put): what it holds goes back to the allocator of the thread that allocated it, which
// every allocator does fastest. Either side may be any thread.
template <typename BatchT>
class Spares {
 public:
  void Put(std::unique_ptr<BatchT> b) {
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
  std::mutex mu_;
  std::vector<std::unique_ptr<BatchT>> free_;
};

// A bounded hand-over of batches between two threads, in order; a null batch marks the
// end. Used batches come back through Recycle() (Spares).
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
  void Recycle(std::unique_ptr<BatchT> b) { spares_.Put(std::move(b)); }
  std::unique_ptr<BatchT> Fresh() { return spares_.Fresh(); }

 private:
  static constexpr size_t kDepth = 4;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::unique_ptr<BatchT>> full_;
  Spares<BatchT> spares_;
};

using BatchQueue = HandOff<Batch>;

// Finished journeys on their way from the correlating thread to the sink's thread, by
// pointer: moving a journey costs as much as correlating a line. The journeys go back
// with the used batch and are freed by the correlating thread, which allocated them,
// when it empties the batch to fill it again.
struct JourneyBatch {
  static constexpr size_t kJourneys = 64;
  void Clear() { journeys.clear(); }
  std::vector<std::unique_ptr<Journey>> journeys;
};

// The second thread's work (--threads 2 or more): batches of finished journeys for the
// sink, in order, and while there are none, line batches the correlating thread has read
// but not parsed (parse-ahead, --threads 2 only). The sink's thread would be idle for
// much of `report`; parsing ahead lends that time to the correlating thread, whose
// parsing is more than half its work. A line batch is parsed by whichever thread claims it first:
// the correlating thread takes each back in order and parses it itself if it is still
// unclaimed, so neither thread ever waits for work the other has not started.
class SinkWork {
 public:
  // The journeys side, the correlating thread's (as HandOff): Full() is true when a
  // Push() would wait for room; a null batch is the end, after which Serve() returns.
  bool Full();
  void Push(std::unique_ptr<JourneyBatch> b);
  std::unique_ptr<JourneyBatch> Fresh() { return spares_.Fresh(); }

  // The lines side, the correlating thread's. Offer(): `b` is read, not parsed; the
  // second thread may parse it, unless journeys pile up for it or `b` holds less than a
  // quarter of Batch::kBytes (then Offer() returns false and keeps `b` for TakeBack()).
  // TakeBack(): `b` parsed, by the second thread or, when it has not claimed `b`, here
  // with `memo`; while the second thread is still parsing `b`, this thread parses the
  // next unclaimed batches instead of idling.
  // REQUIRES: every offered batch is taken back, in the order offered, before the end is
  // pushed.
  bool Offer(Batch* b);
  void TakeBack(Batch* b, StampMemo* memo);

  // The second thread: hands each journey batch to `sink` (the sink first: it must not
  // fall behind) and gives the batch back, journeys and all, for the correlating thread
  // to free as it refills it (Fresh()); parses offered batches while there are none.
  // Returns at the end of the journeys.
  void Serve(JourneySink* sink);

  // Line batches Serve() has parsed so far (for tests and benchmarks: it depends on how
  // the threads happen to run).
  uint64_t parsed_ahead();

 private:
  static constexpr size_t kJourneyDepth = 4;
  // Journey batches waiting that make the second thread too busy to be offered lines.
  // One can wait while it parses a batch of lines; two mean it is behind.
  static constexpr size_t kBusyJourneys = 2;
  std::mutex mu_;
  std::condition_variable work_;  // the second thread waits for journeys or lines
  std::condition_variable room_;  // the correlating thread waits for room or a parsed batch
  std::deque<std::unique_ptr<JourneyBatch>> journeys_;
  Spares<JourneyBatch> spares_;
  std::deque<Batch*> offered_;    // read, unclaimed, oldest first
  uint64_t parsed_ahead_ = 0;
};

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_HAND_OFF_H_
