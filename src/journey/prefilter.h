// NAME
//   prefilter - rebuild only the messages a search can be about
// DESCRIPTION
//   `mailwhy why --to ADDRESS` over months of logs should cost close to grep, not a full
//   parse. The search words (an address, a domain, a Message-ID, a client) appear on at
//   least one line of every message that can match. So the read runs twice:
//
//   1. CollectCandidates() looks for the words in whole blocks of each file at once,
//      case-insensitively and without splitting lines (WordFinder: grep's speed); a line
//      that holds one is parsed just enough to learn its queue ID (host, instance, queue
//      ID) and, for smtp and lmtp lines, its process (host, pid), whose queue-ID-less
//      lines (an earlier MX that timed out) belong to the same delivery.
//   2. ReadLogs() then reads the files again through a SelectedLineReader, which looks
//      in whole blocks for the candidates' queue IDs, their smtp processes ("[pid]")
//      and the words, again with a WordFinder, and hands on only the lines that hold
//      one, with their line numbers; the lines in between are counted, not split.
//      MightWant() then checks the queue ID and pid after "tag[pid]: " without parsing
//      the prefix, and Wants() decides on the parsed record (host, instance, queue ID);
//      NOQUEUE rejects are kept when they hold a word. As it goes, the selector learns
//      the queue IDs a candidate hands on (bounce notices, "queued as", "forwarded as"),
//      so those children are rebuilt too: the reader looks for what the selector learnt
//      from then on. With more than kMaxFinderCandidates candidates
//      (`--from` a busy domain) rebuilding would cost more than it saves, and every line
//      goes through MightWant() instead.
//
//   The result holds every journey that mentions a word; the caller's filter decides.
// BUGS
//   Lines of a candidate's smtpd session that carry no queue ID are not read, so a
//   candidate never queued (client gone after RCPT) ends "open" rather than "aborted". A
//   child whose first lines precede the line that names it (Postfix < 3.11 logs a
//   bounce notice's cleanup line first) misses those lines. Standard input cannot be
//   read twice: with "-" among the files, the reader parses everything. A line with a
//   redacted clock ("XX:XX:XX") takes the time of the previous line that was parsed,
//   which with the prefilter may lie further back.
#ifndef MAILWHY_JOURNEY_PREFILTER_H_
#define MAILWHY_JOURNEY_PREFILTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "postfix/event.h"
#include "syslog/record.h"
#include "util/byte_source.h"
#include "util/status.h"
#include "util/string_map.h"
#include "util/text_search.h"

namespace mailwhy {

class CandidateSelector {
 public:
  explicit CandidateSelector(const std::vector<std::string>& words);

  const std::vector<std::string>& words() const { return raw_words_; }

  // Pass 1: a raw line that holds a word; remembers its message and process.
  void Take(std::string_view line);
  // Pass 2, before parsing: false when the raw line cannot be one of the candidates'
  // (cheap; true when in doubt, e.g. a tag without a numeric pid).
  bool MightWant(std::string_view line) const;
  // Pass 2: whether this record is worth a full parse.
  bool Wants(const Record& rec);
  // Pass 2: after a wanted record was parsed, learn the queue IDs it hands on.
  void Learn(const Record& rec, const Event& ev);

  size_t candidates() const { return messages_.size(); }
  // What a line Wants() accepts must hold, besides a word: a candidate's queue ID or
  // "[pid]" of one of their processes. Take() and Learn() only append to this list.
  const std::vector<std::string>& literals() const { return literals_; }
  // A finder for literals [from, to), and the words too when with_words is set.
  std::unique_ptr<WordFinder> MakeFinder(size_t from, size_t to, bool with_words) const;

 private:
  bool HasWord(std::string_view text) const;
  const std::string& MessageKey(std::string_view host, std::string_view tag, std::string_view qid);
  const std::string& ProcessKey(std::string_view host, int32_t pid);

  void AddMessage(std::string_view host, std::string_view tag, std::string_view qid);

  std::vector<std::string> raw_words_;
  std::vector<CaseInsensitiveSearch> words_;
  std::unordered_set<std::string> messages_;   // host|instance|qid
  StringSet qids_;                             // the qids alone
  std::unordered_set<std::string> processes_;  // host|pid of smtp and lmtp
  std::unordered_set<int32_t> pids_;           // their pids alone
  std::vector<std::string> literals_;
  std::string scratch_;
};

// Pass 1 over the files. Errors are left for the parsing pass to report. With threads >= 2
// a plain file of 64 MiB or more is scanned in two halves at once (the lines found are
// taken in file order, so the result is the same). A compressed file is read in this
// thread: the scan costs little beside inflating it, so decompressing ahead would only
// add a copy (measured).
void CollectCandidates(const std::vector<std::string>& paths, CandidateSelector* selector,
                       int threads = 1);

// Every address the logs write as to=<...> (orig_to= too) or from=<...>, in lower case,
// at most `limit` of each: what "did you mean" compares a search with when nothing
// matched. One pass of block scans, nothing parsed: a small part of a full read's cost.
struct AddressCensus {
  std::unordered_set<std::string> recipients, senders;
};
void CollectAddresses(const std::vector<std::string>& paths, size_t limit, AddressCensus* census);

// Above this many candidate messages, pass 2 looks at every line (see DESCRIPTION).
inline constexpr size_t kMaxFinderCandidates = 1000;

// The bytes of one input as blocks of whole lines (only the input's last line may lack
// "\n"), read from the ByteSource in 512 KiB blocks. A line longer than a block is
// split. A block is valid until the next call. (Memory mapping was measured too: on
// page-cached files it cost more system time than read(), and counted in RSS.)
class LineBlocks {
 public:
  // block_size: 0 for the default; tests use small ones.
  explicit LineBlocks(std::unique_ptr<ByteSource> source, size_t block_size = 0);
  bool Next(std::string_view* block);   // false at the end or on a read error
  bool at_end() const { return at_end_; }  // the last block returned was the input's last
  uint64_t bytes_read() const { return offset_; }
  const Status& status() const { return status_; }

 private:
  std::unique_ptr<ByteSource> source_;
  size_t read_block_;
  std::unique_ptr<char[]> buf_;
  size_t filled_ = 0, whole_ = 0;  // buf_[0, whole_) was returned
  uint64_t offset_ = 0;            // bytes of the input consumed
  bool eof_ = false, at_end_ = false;
  Status status_;
};

// Pass 2 over one input: like LineReader (line_reader.h: lines without "\n" or a
// trailing "\r", cut at max_line bytes, the last line needs no "\n"), but returning only
// the lines that hold one of the selector's finder words, unless select_all is set.
// line_number() is the true line number in the file; lines() counts every line read.
// BUGS: a line longer than a block (512 KiB) is read as several lines.
class SelectedLineReader {
 public:
  SelectedLineReader(std::unique_ptr<ByteSource> source, const CandidateSelector* selector,
                     size_t max_line = 64 * 1024);
  // While set, every line is returned (the reader is a plain line reader).
  void set_select_all(bool all) { select_all_ = all; }
  bool Next(std::string_view* line);
  uint64_t line_number() const { return line_number_; }
  uint64_t lines() const { return counted_lines_; }
  uint64_t bytes_read() const { return blocks_.bytes_read(); }
  uint64_t overlong_lines() const { return overlong_; }
  const Status& status() const { return blocks_.status(); }
  // After Next() returned false: the file's last line (cut like the others), "" if none.
  const std::string& last_line() const { return last_line_; }

 private:
  bool LoadBlock();
  std::string_view Cut(const char* begin, const char* end);

  LineBlocks blocks_;
  const CandidateSelector* selector_;
  size_t max_line_;
  // Hyperscan compiles a few literals in about 0.1 ms but hundreds in milliseconds, and
  // children are learnt one by one: `main_` holds the words and the literals up to
  // main_literals_, `recent_` the few learnt since, until there are kMaxRecent of them.
  // *_hit_ caches where each finder's next match ends in block_ (kNotSearched, kAbsent).
  static constexpr size_t kMaxRecent = 32;
  size_t NextHit(const WordFinder& finder, size_t* cached) const;
  std::unique_ptr<WordFinder> main_, recent_;
  size_t main_literals_ = 0, recent_literals_ = 0;
  size_t main_hit_ = 0, recent_hit_ = 0;
  std::string_view block_;
  size_t pos_ = 0;          // next byte of block_ not yet looked at
  bool select_all_ = false;
  uint64_t line_number_ = 0, counted_lines_ = 0, overlong_ = 0;
  std::string last_line_;
};

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_PREFILTER_H_
