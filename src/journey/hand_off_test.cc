// hand_off_test - SinkWork: the sink's thread parses what it claims, the correlating
// thread what it takes back unclaimed, and journeys reach the sink in order meanwhile.
#include "journey/hand_off.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "postfix/event_parser.h"

namespace mailwhy {
namespace {

const char* const kLines[] = {
    "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from c.example.org[192.0.2.7]",
    "",
    "Dec  7 13:28:02 mail postfix/smtp[18832]: A17F830001CA: to=<r@example.com>, "
    "relay=mx.example.com[198.51.100.3]:25, delay=0.75, delays=0/0.03/0.66/0.06, dsn=4.0.0, "
    "status=deferred (host mx.example.com[198.51.100.3] said: 451 4.7.1 Greylisted (in reply "
    "to RCPT TO command))",
    "Dec  7 13:28:03 mail dovecot: imap-login: Login: user=<a@example.org>",
    "no prefix at all",
};

// kLines `copies` times; with `thin`, as they are, else after 20 copies more: enough
// text (a quarter of Batch::kBytes) for a batch to be worth offering.
std::unique_ptr<Batch> BatchOf(int copies, bool thin = false) {
  auto b = std::make_unique<Batch>();
  if (!thin) copies += 20;
  for (int i = 0; i < copies; ++i) {
    for (const char* line : kLines) {
      std::string_view copy;
      EXPECT_TRUE(b->Store(line, &copy));
      LineSource where;
      where.text = copy;
      b->Add(where);
    }
  }
  return b;
}

// Each item as ParseRecord and ParseEvent give it directly (empty lines stay unparsed).
void ExpectParsed(const Batch& b) {
  for (const Batch::Item& item : b) {
    if (item.where.text.empty()) {
      EXPECT_EQ(item.rec.tag, "");
      continue;
    }
    Record rec;
    Event ev;
    ParseRecord(item.where.text, &rec);
    ParseEvent(rec, &ev);
    EXPECT_EQ(item.rec.tag, rec.tag) << item.where.text;
    EXPECT_EQ(item.rec.message, rec.message) << item.where.text;
    EXPECT_EQ(item.rec.stamp.second, rec.stamp.second) << item.where.text;
    EXPECT_EQ(item.ev.kind, ev.kind) << item.where.text;
    EXPECT_EQ(item.ev.qid, ev.qid) << item.where.text;
    EXPECT_EQ(item.ev.to, ev.to) << item.where.text;
    EXPECT_EQ(item.ev.reply.code, ev.reply.code) << item.where.text;
    EXPECT_EQ(item.rec.host, rec.host) << item.where.text;
    EXPECT_EQ(item.rec.pid, rec.pid) << item.where.text;
    EXPECT_EQ(item.ev.relay, ev.relay) << item.where.text;
    EXPECT_EQ(item.ev.status, ev.status) << item.where.text;
    EXPECT_EQ(item.ev.delay, ev.delay) << item.where.text;
    EXPECT_EQ(item.ev.text, ev.text) << item.where.text;
    EXPECT_EQ(item.ev.client.address, ev.client.address) << item.where.text;
  }
}

class Recorder : public JourneySink {
 public:
  void OnJourney(Journey&& j) override { qids.push_back(j.qid); }
  std::vector<std::string> qids;
};

// A batch is full at kBytes of lines or kMaxLines lines, whichever comes first, and an
// empty batch takes the longest line there is.
TEST(Batch, FillsUpByBytesOrByLines) {
  Batch b;
  std::string_view copy;
  for (size_t i = 0; i < Batch::kMaxLines; ++i) {
    ASSERT_TRUE(b.Store("", &copy)) << i;  // empty lines take no bytes, still a line each
    b.Add(LineSource{});
  }
  EXPECT_FALSE(b.Store("", &copy));
  b.Clear();
  const std::string longest(Batch::kLongestLine, 'x');
  ASSERT_TRUE(b.Store(longest, &copy));
  EXPECT_EQ(copy, longest);
  b.Add(LineSource{});
  EXPECT_FALSE(b.Store("x", &copy));
  b.Clear();
  const std::string line(1000, 'y');
  size_t stored = 0;
  while (b.Store(line, &copy)) {
    b.Add(LineSource{});
    ++stored;
  }
  EXPECT_EQ(stored, Batch::kBytes / line.size());
}

// Items are reused, not rebuilt, when a batch is filled again: what an earlier line left in
// an item's record and event must not show through the next line's parse.
TEST(Batch, ReusedItemsParseAsFreshOnes) {
  Batch b;
  std::string_view copy;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(b.Store(kLines[2], &copy));  // the delivery line: sets the most fields
    LineSource where;
    where.text = copy;
    b.Add(where);
  }
  StampMemo memo;
  b.Parse(&memo);
  ExpectParsed(b);
  b.Clear();
  EXPECT_TRUE(b.empty());
  for (int i = 0; i < 60; ++i) {
    const char* line = kLines[i % 2 == 0 ? 0 : (i % 3 == 0 ? 3 : 4)];  // no empty lines
    ASSERT_TRUE(b.Store(line, &copy));
    LineSource where;
    where.text = copy;
    b.Add(where);
  }
  EXPECT_EQ(b.size(), 60u);
  b.Parse(&memo);
  ExpectParsed(b);
  b.DropLast();
  EXPECT_EQ(b.size(), 59u);
}

// Waits up to 20 s for the sink's thread to have parsed `n` batches.
bool WaitForParsedAhead(SinkWork* work, uint64_t n) {
  for (int i = 0; i < 20000 && work->parsed_ahead() < n; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return work->parsed_ahead() == n;
}

// With no thread serving yet: takes every batch back, parsed by this thread, then starts
// the sink's thread, which must find nothing left to parse, and ends it.
void TakeBackHereThenEnd(SinkWork* work, const std::vector<Batch*>& batches) {
  StampMemo memo;
  for (Batch* b : batches) {
    work->TakeBack(b, &memo);
    ExpectParsed(*b);
  }
  Recorder sink;
  std::thread second([&] { work->Serve(&sink); });
  work->Push(nullptr);
  second.join();
  EXPECT_EQ(work->parsed_ahead(), 0u);
}

TEST(SinkWork, TheIdleSinkThreadParsesWhatIsOffered) {
  SinkWork work;
  Recorder sink;
  std::thread second([&] { work.Serve(&sink); });
  std::vector<std::unique_ptr<Batch>> batches;
  for (int i = 0; i < 3; ++i) {
    batches.push_back(BatchOf(i + 1));
    work.Offer(batches.back().get());
  }
  ASSERT_TRUE(WaitForParsedAhead(&work, 3));
  StampMemo memo;
  for (auto& b : batches) {
    work.TakeBack(b.get(), &memo);
    ExpectParsed(*b);
  }
  work.Push(nullptr);
  second.join();
  EXPECT_EQ(work.parsed_ahead(), 3u);
}

TEST(SinkWork, AnUnclaimedBatchIsParsedByTheThreadThatTakesItBack) {
  SinkWork work;
  std::vector<std::unique_ptr<Batch>> batches;
  for (int i = 0; i < 2; ++i) {
    batches.push_back(BatchOf(2));
    work.Offer(batches.back().get());
  }
  TakeBackHereThenEnd(&work, {batches[0].get(), batches[1].get()});
}

TEST(SinkWork, ABatchOfLittleTextIsNotOffered) {
  SinkWork work;
  std::unique_ptr<Batch> thin = BatchOf(2, true);
  ASSERT_LT(thin->used, Batch::kBytes / 4);
  EXPECT_FALSE(work.Offer(thin.get()));
  std::unique_ptr<Batch> full = BatchOf(0);
  ASSERT_GE(full->used, Batch::kBytes / 4);
  EXPECT_TRUE(work.Offer(full.get()));
  TakeBackHereThenEnd(&work, {thin.get(), full.get()});
}

TEST(SinkWork, LinesAreNotOfferedToASinkThreadWithJourneysPilingUp) {
  SinkWork work;
  std::unique_ptr<Batch> before = BatchOf(1);
  EXPECT_TRUE(work.Offer(before.get()));
  work.Push(work.Fresh());
  std::unique_ptr<Batch> one_waiting = BatchOf(1);
  EXPECT_TRUE(work.Offer(one_waiting.get()));  // one batch may wait while lines are parsed
  work.Push(work.Fresh());
  std::unique_ptr<Batch> kept = BatchOf(2);
  EXPECT_FALSE(work.Offer(kept.get()));
  TakeBackHereThenEnd(&work, {before.get(), one_waiting.get(), kept.get()});
}

// Each batch taken back at once, so that the sink's thread is often still parsing it:
// TakeBack() must wait for it to finish.
TEST(SinkWork, TakingBackABatchBeingParsedWaitsForIt) {
  SinkWork work;
  Recorder sink;
  std::thread second([&] { work.Serve(&sink); });
  StampMemo memo;
  for (int round = 0; round < 2000; ++round) {
    std::unique_ptr<Batch> b = BatchOf(20);
    work.Offer(b.get());
    std::this_thread::yield();
    work.TakeBack(b.get(), &memo);
    ExpectParsed(*b);
    if (::testing::Test::HasFailure()) break;
  }
  work.Push(nullptr);
  second.join();
}

// Both threads busy at once, many times over: journeys arrive in order and complete,
// every batch comes back parsed whoever parsed it.
TEST(SinkWork, JourneysArriveInOrderWhileLinesAreParsedByEitherThread) {
  SinkWork work;
  Recorder sink;
  std::thread second([&] { work.Serve(&sink); });
  StampMemo memo;
  std::vector<std::string> sent;
  std::vector<std::unique_ptr<Batch>> in_flight;
  for (int round = 0; round < 300; ++round) {
    in_flight.push_back(BatchOf(1 + round % 7));
    work.Offer(in_flight.back().get());
    if (in_flight.size() > 3) {
      work.TakeBack(in_flight.front().get(), &memo);
      ExpectParsed(*in_flight.front());
      in_flight.erase(in_flight.begin());
    }
    if (round % 3 == 0) {
      std::unique_ptr<JourneyBatch> jb = work.Fresh();
      for (int k = 0; k < 5; ++k) {
        auto j = std::make_unique<Journey>();
        j->qid = std::to_string(round) + "-" + std::to_string(k);
        sent.push_back(j->qid);
        jb->journeys.push_back(std::move(j));
      }
      work.Push(std::move(jb));
    }
  }
  for (auto& b : in_flight) {
    work.TakeBack(b.get(), &memo);
    ExpectParsed(*b);
  }
  work.Push(nullptr);
  second.join();
  EXPECT_EQ(sink.qids, sent);
}

// Each journey batch comes back from the sink's thread for reuse, and the correlating
// thread gets it empty when it takes it to fill again: no journey outlives its batch's
// next use (who frees them is a matter of speed: docs/BENCHMARKS.md).
TEST(SinkWork, JourneyBatchesComeBackForReuseAndAreEmptiedWhenRefilled) {
  SinkWork work;
  Recorder sink;
  std::thread second([&] { work.Serve(&sink); });
  const JourneyBatch* pushed = nullptr;
  {
    std::unique_ptr<JourneyBatch> jb = work.Fresh();
    for (int k = 0; k < 5; ++k) {
      auto j = std::make_unique<Journey>();
      j->qid = "Q" + std::to_string(k);
      jb->journeys.push_back(std::move(j));
    }
    pushed = jb.get();
    work.Push(std::move(jb));
  }
  work.Push(nullptr);
  second.join();
  ASSERT_EQ(sink.qids.size(), 5u);
  std::unique_ptr<JourneyBatch> again = work.Fresh();
  EXPECT_EQ(again.get(), pushed);           // the same batch, reused
  EXPECT_TRUE(again->journeys.empty());     // its journeys freed on the way
  EXPECT_GE(again->journeys.capacity(), 5u);
}

}  // namespace
}  // namespace mailwhy
