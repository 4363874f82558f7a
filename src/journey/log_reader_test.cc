// log_reader_test - the read pipeline over real files: rotation, compression, bad input.
#include "journey/log_reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mailwhy {
namespace {

class Collect : public JourneySink {
 public:
  void OnJourney(Journey&& j) override { journeys.push_back(std::move(j)); }
  std::vector<Journey> journeys;
};

// As Collect, taking its time over each journey.
class SlowCollect : public Collect {
 public:
  void OnJourney(Journey&& j) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    Collect::OnJourney(std::move(j));
  }
};

class LogReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mailwhy-logreader-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string dir_;
};

const char kFirstHalf[] =
    "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from c.example.org[192.0.2.7]\n"
    "Dec  7 13:28:01 mail postfix/smtpd[18505]: A17F830001CA: client=c.example.org[192.0.2.7]\n"
    "Dec  7 13:28:01 mail postfix/cleanup[18502]: A17F830001CA: message-id=<one@example.org>\n"
    "Dec  7 13:28:01 mail postfix/qmgr[3398]: A17F830001CA: from=<a@example.org>, size=2259, nrcpt=1 (queue active)\n"
    "Dec  7 13:28:02 mail postfix/smtp[18832]: A17F830001CA: to=<r@example.com>, relay=mx.example.com[198.51.100.3]:25, delay=0.75, delays=0/0.03/0.66/0.06, dsn=4.0.0, status=deferred (host mx.example.com[198.51.100.3] said: 451 4.7.1 Greylisted, try again later (in reply to RCPT TO command))\n"
    "Dec  7 13:28:03 mail dovecot: imap-login: Login: user=<a@example.org>\n";
const char kSecondHalf[] =
    "Dec  7 13:38:02 mail postfix/qmgr[3398]: A17F830001CA: from=<a@example.org>, size=2259, nrcpt=1 (queue active)\n"
    "Dec  7 13:38:03 mail postfix/smtp[18900]: A17F830001CA: to=<r@example.com>, relay=mx.example.com[198.51.100.3]:25, delay=602, delays=601/0.01/0.5/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4F2A01C3D2)\n"
    "Dec  7 13:38:03 mail postfix/qmgr[3398]: A17F830001CA: removed\n"
    "Dec  7 13:38:04 mail postfix/smtpd[18505]: this is not a line postfix writes\n";

TEST_F(LogReaderTest, MessageStraddlingARotationIsOneJourney) {
  std::string old_path = Write("mail.log.1", kFirstHalf);
  ASSERT_EQ(std::system(("gzip " + old_path).c_str()), 0);
  std::string live = Write("mail.log", kSecondHalf);
  Collect sink;
  LogReadStats stats;
  Status s = ReadLogs({old_path + ".gz", live}, LogReadOptions(), &sink, &stats);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(sink.journeys.size(), 1u);
  const Journey& j = sink.journeys[0];
  EXPECT_EQ(j.qid, "A17F830001CA");
  EXPECT_EQ(j.activations, 2);
  ASSERT_EQ(j.recipients.size(), 1u);
  EXPECT_EQ(j.recipients[0].status, RecipientStatus::kSent);
  EXPECT_EQ(j.recipients[0].attempts.size(), 2u);
  EXPECT_EQ(j.end, JourneyEnd::kRemoved);
  // Evidence points into both files.
  EXPECT_EQ(j.lines.front().file, 0u);
  EXPECT_EQ(j.lines.back().file, 1u);
  EXPECT_EQ(j.lines.back().line, 3u);

  EXPECT_EQ(stats.lines, 10u);
  EXPECT_EQ(stats.other_lines, 1u);     // dovecot
  EXPECT_EQ(stats.unknown_lines, 1u);   // the made-up smtpd line
  ASSERT_EQ(stats.unknown_samples.size(), 1u);
  EXPECT_NE(stats.unknown_samples[0].find("mail.log:4:"), std::string::npos);
  ASSERT_EQ(stats.files.size(), 2u);
  EXPECT_TRUE(stats.files[0].first.known);
}

TEST_F(LogReaderTest, WarningsFatalErrorsAndMasterLinesAreCountedPerText) {
  std::string path = Write("mail.log",
      "Dec  7 13:28:01 mail postfix/smtpd[1]: warning: hostname x.example does not resolve to address 192.0.2.1\n"
      "Dec  7 13:28:02 mail postfix/smtpd[1]: warning: hostname x.example does not resolve to address 192.0.2.1\n"
      "Dec  7 13:28:02 mail postfix/cleanup[2]: 9BECF3F19D: warning: header Subject: hello from local; from=<a@b> to=<c@d>\n"
      "Dec  7 13:28:03 mail postfix/master[9]: daemon started -- version 3.7.11, configuration /etc/postfix\n"
      "Dec  7 13:28:04 mail postfix/sendmail[7]: fatal: root(0): message file too big\n");
  Collect sink;
  LogReadStats stats;
  ASSERT_TRUE(ReadLogs({path}, LogReadOptions(), &sink, &stats).ok());
  ASSERT_EQ(stats.problems.size(), 3u);  // a header check's "warning" is an action, not one
  EXPECT_EQ(stats.problems[0].severity, "warning");
  EXPECT_EQ(stats.problems[0].daemon, "smtpd");
  EXPECT_EQ(stats.problems[0].text, "hostname x.example does not resolve to address 192.0.2.1");
  EXPECT_EQ(stats.problems[0].count, 2u);
  EXPECT_EQ(stats.problems[1].daemon, "master");
  EXPECT_EQ(stats.problems[1].severity, "");
  EXPECT_EQ(stats.problems[2].severity, "fatal");
  EXPECT_EQ(stats.problems[2].text, "root(0): message file too big");
}

TEST_F(LogReaderTest, MissingFileIsReportedAndTheOthersAreStillRead) {
  std::string live = Write("mail.log", kFirstHalf);
  Collect sink;
  LogReadStats stats;
  Status s = ReadLogs({dir_ + "/nope.log", live}, LogReadOptions(), &sink, &stats);
  EXPECT_FALSE(s.ok());
  ASSERT_EQ(stats.errors.size(), 1u);
  EXPECT_NE(stats.errors[0].find("nope.log"), std::string::npos) << stats.errors[0];
  EXPECT_EQ(sink.journeys.size(), 1u);  // the open message of the second file
}

TEST_F(LogReaderTest, BinaryAndOverlongInputNeverCrashes) {
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  junk += "\n" + std::string(5000, 'x') + "\nDec  7 13:2";
  std::string path = Write("junk.log", junk);
  Collect sink;
  LogReadStats stats;
  Status s = ReadLogs({path}, LogReadOptions(), &sink, &stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(stats.lines, 0u);
}

// A digest of everything a journey says, to compare two runs.
std::string Digest(const Journey& j) {
  std::string d = j.host + "|" + j.qid + "|" + j.from + "|" + std::string(ToString(j.end)) + "|" +
                  std::to_string(j.first_seen.unix_us) + "|" + std::to_string(j.lines.size());
  for (const Recipient& r : j.recipients) {
    d += "|" + r.address + ":" + std::string(ToString(r.status)) + ":" + std::to_string(r.attempts.size());
    for (const Attempt& a : r.attempts) d += ":" + a.text;
  }
  for (const Link& l : j.children) d += "|child " + l.qid + " " + l.kind;
  for (const LineRef& l : j.lines) d += "|" + std::to_string(l.file) + ":" + std::to_string(l.line);
  return d;
}

// The example log's messages, repeated `copies` times with fresh queue IDs and times:
// enough lines to fill many batches.
std::string ManyMessages(int copies) {
  std::string text;
  for (int copy = 0; copy < copies; ++copy) {
    char qid[16];
    snprintf(qid, sizeof qid, "%08X", 0x20000000 + copy);
    char stamp[32];
    snprintf(stamp, sizeof stamp, "Dec  7 %02d:%02d:%02d", copy / 3600 % 24, copy / 60 % 60, copy % 60);
    std::string half(kFirstHalf);
    half += kSecondHalf;
    for (size_t at; (at = half.find("A17F830001CA")) != std::string::npos;) half.replace(at, 12, qid);
    for (size_t at = 0; (at = half.find("Dec  7 13:", at)) != std::string::npos; at += 15) {
      half.replace(at, 15, stamp);
    }
    text += half;
  }
  return text;
}

// What a run counted, to compare two runs (the parse-ahead of --threads 2 moves where
// lines are parsed, never what is counted).
std::string StatsDigest(const LogReadStats& st) {
  std::string d = std::to_string(st.lines) + " " + std::to_string(st.bytes) + " " +
                  std::to_string(st.postfix_lines) + " " + std::to_string(st.other_lines) + " " +
                  std::to_string(st.unknown_lines) + " " + std::to_string(st.no_prefix_lines) + " " +
                  std::to_string(st.truncated_records) + " " + std::to_string(st.problems.size());
  for (const DaemonCount& c : st.per_daemon) d += "|" + c.daemon + "=" + std::to_string(c.lines);
  for (const std::string& u : st.unknown_samples) d += "|" + u;
  for (const FileSpan& f : st.files) {
    d += "|" + f.path + " " + std::to_string(f.lines) + " " + std::to_string(f.bytes) + " " +
         std::to_string(f.first.unix_us) + " " + std::to_string(f.last.unix_us);
  }
  return d;
}

TEST_F(LogReaderTest, TwoThreadsGiveExactlyTheSameJourneysAsOne) {
  // Empty lines, lines without a prefix and warnings between the messages, and a second
  // file: every kind of line a batch can hold, and a batch that ends with its file.
  std::string text = ManyMessages(400);
  for (size_t at = 0, n = 0; (at = text.find('\n', at)) != std::string::npos; ++at, ++n) {
    if (n % 97 == 5) text.insert(at + 1, "\n");
    if (n % 101 == 7) text.insert(at + 1, "a line with no syslog prefix at all\n");
    if (n % 89 == 3) {
      // Stamped at the start, so that it does not move the log's clock ahead.
      text.insert(at + 1, "Dec  7 00:00:00 mail postfix/smtpd[1]: warning: hostname x.example "
                          "does not resolve to address 192.0.2.1\n");
    }
  }
  // A line longer than a batch's share of lines (32 KB): it must travel whole.
  const size_t middle = text.find('\n', text.size() / 2) + 1;
  text.insert(middle, "Dec  7 00:00:00 mail postfix/smtpd[1]: warning: " + std::string(40000, 'x') +
                          "\n");
  std::string path = Write("many.log", text);
  std::string second = Write("more.log", ManyMessages(50));
  // A gzip copy too: with threads it is decompressed ahead in a thread of its own.
  std::string gz = Write("many2.log", text);
  ASSERT_EQ(std::system(("gzip " + gz).c_str()), 0);
  // Runs 6 and 7: two threads with a sink slow enough that journeys pile up for it, so
  // that the reading thread parses lines itself, batched and unbatched, between the
  // batches the sink's thread parses.
  std::vector<std::string> runs[8];
  std::string stats_digests[8];
  uint64_t lines = 0;
  for (int threads = 1; threads <= 4; ++threads) {
    for (int compressed = 0; compressed < 2; ++compressed) {
      Collect fast_sink;
      SlowCollect slow_sink;
      Collect& sink = threads == 4 ? slow_sink : fast_sink;
      LogReadStats stats;
      LogReadOptions options;
      options.threads = threads == 4 ? 2 : threads;
      ASSERT_TRUE(ReadLogs({compressed ? gz + ".gz" : path, second}, options, &sink, &stats).ok());
      const int run = (threads - 1) * 2 + compressed;
      for (const Journey& j : sink.journeys) runs[run].push_back(Digest(j));
      stats_digests[run] = StatsDigest(stats);
      for (size_t at; compressed && (at = stats_digests[run].find(gz + ".gz")) != std::string::npos;) {
        stats_digests[run].replace(at, gz.size() + 3, path);  // the same lines, another name
      }
      lines = stats.lines;
    }
  }
  EXPECT_GT(lines, 400u * 10u + 50u * 10u);
  ASSERT_EQ(runs[0].size(), 450u);
  for (int i = 1; i < 8; ++i) {
    EXPECT_EQ(runs[0], runs[i]) << i;
    EXPECT_EQ(stats_digests[0], stats_digests[i]) << i;
  }
}

// A sink whose work can be done ahead (Prepare). Its first OnJourney holds the sink's
// thread back until the reading thread has prepared a batch (or 20 s have passed): the
// hand-over queue then fills up, which is when the reading thread prepares instead of
// waiting.
class SlowPreparingSink : public JourneySink {
 public:
  bool Prepare(Journey* j) const override {
    j->prepared = "ahead:" + Digest(*j);
    std::lock_guard<std::mutex> lock(mu_);
    ++prepared_ahead_;
    prepared_.notify_all();
    return true;
  }
  void OnJourney(Journey&& j) override {
    if (outputs.empty()) {
      std::unique_lock<std::mutex> lock(mu_);
      prepared_.wait_for(lock, std::chrono::seconds(20), [this] { return prepared_ahead_ > 0; });
    }
    outputs.push_back(j.prepared.empty() ? "here:" + Digest(j) : j.prepared);
  }
  int prepared_ahead() const {
    std::lock_guard<std::mutex> lock(mu_);
    return prepared_ahead_;
  }
  std::vector<std::string> outputs;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable prepared_;
  mutable int prepared_ahead_ = 0;
};

TEST_F(LogReaderTest, ABehindSinkIsHelpedByTheReadingThreadInTheSameOrder) {
  std::string path = Write("many.log", ManyMessages(2000));
  LogReadOptions options;
  Collect reference;
  LogReadStats stats;
  ASSERT_TRUE(ReadLogs({path}, options, &reference, &stats).ok());
  ASSERT_EQ(reference.journeys.size(), 2000u);
  options.threads = 2;
  SlowPreparingSink sink;
  ASSERT_TRUE(ReadLogs({path}, options, &sink, &stats).ok());
  EXPECT_GT(sink.prepared_ahead(), 0);
  ASSERT_EQ(sink.outputs.size(), reference.journeys.size());
  int ahead = 0;
  for (size_t i = 0; i < sink.outputs.size(); ++i) {
    const std::string digest = Digest(reference.journeys[i]);
    ASSERT_TRUE(sink.outputs[i] == "ahead:" + digest || sink.outputs[i] == "here:" + digest) << i;
    ahead += sink.outputs[i].starts_with("ahead:");
  }
  EXPECT_EQ(ahead, sink.prepared_ahead());
}

// A command whose knowledge base failed to load stops reading (LogReadOptions::stop).
class StopAtFirstJourney : public JourneySink {
 public:
  explicit StopAtFirstJourney(std::atomic<bool>* stop) : stop_(stop) {}
  void OnJourney(Journey&&) override {
    ++journeys;
    stop_->store(true);
  }
  int journeys = 0;

 private:
  std::atomic<bool>* stop_;
};

TEST_F(LogReaderTest, AStopFlagEndsTheReading) {
  std::string path = Write("many.log", ManyMessages(1000));  // 10,000 lines
  for (int threads = 1; threads <= 3; ++threads) {
    std::atomic<bool> stop{true};
    Collect sink;
    LogReadStats stats;
    LogReadOptions options;
    options.threads = threads;
    options.stop = &stop;
    ASSERT_TRUE(ReadLogs({path}, options, &sink, &stats).ok());
    EXPECT_EQ(stats.lines, 0u) << threads;
    EXPECT_TRUE(sink.journeys.empty()) << threads;
  }
  // Turned on while reading: the rest of the file is left unread.
  std::atomic<bool> stop{false};
  StopAtFirstJourney sink(&stop);
  LogReadStats stats;
  LogReadOptions options;
  options.stop = &stop;
  ASSERT_TRUE(ReadLogs({path}, options, &sink, &stats).ok());
  EXPECT_GE(sink.journeys, 1);
  EXPECT_LT(stats.lines, 10000u);
  EXPECT_GT(stats.lines, 0u);
}

TEST_F(LogReaderTest, SearchWordsRebuildTheSameJourneysForThoseMessages) {
  const char kLog[] =
      "Dec  7 13:28:01 mail postfix/smtpd[1]: A17F830001CA: client=c.example.org[192.0.2.7]\n"
      "Dec  7 13:28:01 mail postfix/cleanup[2]: A17F830001CA: message-id=<one@example.org>\n"
      "Dec  7 13:28:01 mail postfix/qmgr[3]: A17F830001CA: from=<a@example.org>, size=2259, nrcpt=1 (queue active)\n"
      "Dec  7 13:28:01 mail postfix/smtpd[1]: B27F830001CB: client=d.example.org[192.0.2.8]\n"
      "Dec  7 13:28:01 mail postfix/qmgr[3]: B27F830001CB: from=<b@example.org>, size=1000, nrcpt=1 (queue active)\n"
      "Dec  7 13:28:30 mail postfix/smtp[9]: connect to mx1.example.com[198.51.100.2]:25: Connection timed out\n"
      "Dec  7 13:28:31 mail postfix/smtp[9]: A17F830001CA: to=<R@Example.com>, relay=mx.example.com[198.51.100.3]:25, delay=30, delays=0/0.03/30/0.06, dsn=5.1.1, status=bounced (host mx.example.com[198.51.100.3] said: 550 5.1.1 unknown (in reply to RCPT TO command))\n"
      "Dec  7 13:28:31 mail postfix/cleanup[2]: C37F830001CC: message-id=<dsn@mail>\n"
      "Dec  7 13:28:31 mail postfix/bounce[4]: A17F830001CA: sender non-delivery notification: C37F830001CC\n"
      "Dec  7 13:28:31 mail postfix/qmgr[3]: C37F830001CC: from=<>, size=3000, nrcpt=1 (queue active)\n"
      "Dec  7 13:28:31 mail postfix/qmgr[3]: A17F830001CA: removed\n"
      "Dec  7 13:28:32 mail postfix/smtp[10]: B27F830001CB: to=<other@example.net>, relay=mx.example.net[198.51.100.4]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)\n"
      "Dec  7 13:28:32 mail postfix/qmgr[3]: B27F830001CB: removed\n"
      "Dec  7 13:28:33 mail postfix/local[5]: C37F830001CC: to=<a@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)\n"
      "Dec  7 13:28:33 mail postfix/qmgr[3]: C37F830001CC: removed\n"
      "Dec  7 13:29:00 mail postfix/smtpd[6]: NOQUEUE: reject: RCPT from x.example[192.0.2.9]: 554 5.7.1 <r@example.com>: Relay access denied; from=<s@x.example> to=<r@example.com> proto=ESMTP helo=<x>\n";
  std::string path = Write("mail.log", kLog);
  std::map<std::string, std::string> full, searched;
  for (int pass = 0; pass < 2; ++pass) {
    Collect sink;
    LogReadStats stats;
    LogReadOptions options;
    if (pass == 1) options.search_words = {"r@example.com"};
    ASSERT_TRUE(ReadLogs({path}, options, &sink, &stats).ok());
    EXPECT_EQ(stats.prefiltered, pass == 1);
    for (const Journey& j : sink.journeys) (pass == 0 ? full : searched)[j.qid] = Digest(j);
  }
  // The message to the word (any case), its bounce notice (learnt from the notice line)
  // and the NOQUEUE reject; not the unrelated message.
  ASSERT_EQ(searched.count("A17F830001CA"), 1u);
  EXPECT_EQ(searched["A17F830001CA"], full["A17F830001CA"]);  // with its connect-timeout note
  EXPECT_EQ(searched.count("NOQUEUE"), 1u);
  EXPECT_EQ(searched.count("B27F830001CB"), 0u);
  ASSERT_EQ(searched.count("C37F830001CC"), 1u);
}

TEST_F(LogReaderTest, SearchOverManyBlocksRebuildsTheMessageExactlyAsAFullRead) {
  // About 10 MB: the wanted message's lines lie in different blocks, among
  // thousands of others of the same processes; its last line has no "\n" and CRLF ends.
  std::string text;
  const int kCopies = 9000;
  for (int copy = 0; copy < kCopies; ++copy) {
    char qid[16];
    snprintf(qid, sizeof qid, "%08X", 0x30000000 + copy);
    std::string half = copy == kCopies / 2 ? kFirstHalf : std::string(kFirstHalf) + kSecondHalf;
    if (copy == kCopies - 1) half = kSecondHalf;  // the wanted message ends here
    std::string id = copy == kCopies - 1 ? "3000" + std::string("1194") : qid;
    for (size_t at; (at = half.find("A17F830001CA")) != std::string::npos;) half.replace(at, 12, id);
    if (copy == kCopies / 2 || copy == kCopies - 1) {
      for (size_t at; (at = half.find("r@example.com")) != std::string::npos;) {
        half.replace(at, 13, "Needle@Example.com");
      }
    }
    for (char c : half) {
      if (c == '\n') text += '\r';
      text += c;
    }
  }
  text.pop_back();  // no "\n" after the last line
  text.pop_back();
  std::string path = Write("big.log", text);
  ASSERT_GT(text.size(), 9u << 20);
  // Plain and gzip-compressed (the reads of a compressed file come in other sizes).
  std::string gz = Write("big2.log", text);
  ASSERT_EQ(std::system(("gzip " + gz).c_str()), 0);
  for (const std::string& file : {path, gz + ".gz"}) {
    std::map<std::string, std::string> full, searched;
    LogReadStats stats[2];
    for (int pass = 0; pass < 2; ++pass) {
      Collect sink;
      LogReadOptions options;
      if (pass == 1) options.search_words = {"needle@example.com"};
      ASSERT_TRUE(ReadLogs({file}, options, &sink, &stats[pass]).ok());
      for (const Journey& j : sink.journeys) (pass == 0 ? full : searched)[j.qid] = Digest(j);
    }
    const std::string wanted = "30001194";
    ASSERT_EQ(searched.count(wanted), 1u) << file;
    EXPECT_EQ(searched[wanted], full[wanted]) << file;  // same lines, same line numbers
    EXPECT_EQ(searched.size(), 1u);
    EXPECT_EQ(stats[1].lines, stats[0].lines);
    EXPECT_EQ(stats[1].bytes, stats[0].bytes);
    ASSERT_EQ(stats[1].files.size(), 1u);
    EXPECT_EQ(stats[1].files[0].first.unix_us, stats[0].files[0].first.unix_us);
    EXPECT_EQ(stats[1].files[0].last.unix_us, stats[0].files[0].last.unix_us);
  }
}

}  // namespace
}  // namespace mailwhy
