// hand_off - implementation of hand_off.h: parsing a batch, and the second thread's work.
#include "journey/hand_off.h"

#include <algorithm>

#include "postfix/event_parser.h"

namespace mailwhy {

void Batch::Parse(StampMemo* memo) {
  for (Item& item : *this) {
    if (item.where.text.empty()) continue;
    ParseRecord(item.where.text, &item.rec, memo);
    ParseEvent(item.rec, &item.ev);
  }
}

bool SinkWork::Full() {
  std::lock_guard<std::mutex> lock(mu_);
  return journeys_.size() >= kJourneyDepth;
}

void SinkWork::Push(std::unique_ptr<JourneyBatch> b) {
  std::unique_lock<std::mutex> lock(mu_);
  room_.wait(lock, [this] { return journeys_.size() < kJourneyDepth; });
  journeys_.push_back(std::move(b));
  work_.notify_one();
}

bool SinkWork::Offer(Batch* b) {
  // A batch filled by its line limit with little text (empty or very short lines, as in
  // damaged input) is not worth waking the other thread for.
  if (b->used < Batch::kBytes / 4) {
    b->state = Batch::State::kKept;
    return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (journeys_.size() >= kBusyJourneys) {
    // The sink's thread has journeys piling up: it is the busier one (`journeys`), and
    // lines it parsed would only cross back to the other thread's cache.
    b->state = Batch::State::kKept;
    return false;
  }
  b->state = Batch::State::kRead;
  offered_.push_back(b);
  work_.notify_one();
  return true;
}

void SinkWork::TakeBack(Batch* b, StampMemo* memo) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (b->state == Batch::State::kParsing || b->state == Batch::State::kParsed) {
      // The second thread has it: parse the next unclaimed ones meanwhile.
      while (b->state != Batch::State::kParsed && !offered_.empty()) {
        Batch* next = offered_.front();
        offered_.pop_front();
        next->state = Batch::State::kParsing;
        lock.unlock();
        next->Parse(memo);
        lock.lock();
        next->state = Batch::State::kParsed;
      }
      room_.wait(lock, [b] { return b->state == Batch::State::kParsed; });
      return;
    }
    if (b->state == Batch::State::kRead) {
      // Still offered; being the oldest batch not taken back, it is at the front.
      offered_.erase(std::find(offered_.begin(), offered_.end(), b));
    }
    b->state = Batch::State::kParsing;
  }
  b->Parse(memo);
  b->state = Batch::State::kParsed;  // this thread's own again: no one else looks
}

void SinkWork::Serve(JourneySink* sink) {
  StampMemo memo;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_.wait(lock, [this] { return !journeys_.empty() || !offered_.empty(); });
    if (!journeys_.empty()) {
      std::unique_ptr<JourneyBatch> batch = std::move(journeys_.front());
      journeys_.pop_front();
      room_.notify_all();
      if (batch == nullptr) return;
      lock.unlock();
      // The journeys are freed by the thread that allocated them, when it empties the
      // batch to fill it again (Spares::Fresh): both threads are busy now that this one
      // parses ahead, and a thread frees its own memory faster (docs/BENCHMARKS.md).
      for (std::unique_ptr<Journey>& j : batch->journeys) sink->OnJourney(std::move(*j));
      spares_.Put(std::move(batch));
      lock.lock();
      continue;
    }
    Batch* b = offered_.front();
    offered_.pop_front();
    b->state = Batch::State::kParsing;
    lock.unlock();
    b->Parse(&memo);
    lock.lock();
    b->state = Batch::State::kParsed;
    ++parsed_ahead_;
    room_.notify_all();
  }
}

uint64_t SinkWork::parsed_ahead() {
  std::lock_guard<std::mutex> lock(mu_);
  return parsed_ahead_;
}

}  // namespace mailwhy
