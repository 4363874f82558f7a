// NAME
//   text_search - find a word in text regardless of ASCII case, quickly
// DESCRIPTION
//   Addresses in logs keep the case the client typed (`TU@Example.NET`), so a search for
//   an address must ignore case. CaseInsensitiveSearch lower-cases the needle once and
//   scans with memchr for its first byte in both cases, comparing the rest only there:
//   close to memchr's speed on text where that byte is rare. Bytes >= 0x80 compare exactly.
//
//   FindBytes is an exact search for the short needles of log grammars (", relay=",
//   " with cipher ") in one line: it tests the needle's first and last byte at sixteen
//   positions at once and compares the rest only where both agree. The C library's memmem
//   prepares a table per call, which costs more than the search on a 150-byte line.
//
//   WordFinder looks for several words at once in a large buffer (a block of a log, not
//   one line), with the same case rule. It runs Hyperscan's literal matcher, which
//   scans at gigabytes per second whatever the words' first bytes are: the first pass of
//   `mailwhy why` reads the whole log this way, at close to grep's speed.
// THREAD SAFETY
//   CaseInsensitiveSearch is a value. A WordFinder is used by one thread at a time (it
//   owns one Hyperscan scratch).
#ifndef MAILWHY_UTIL_TEXT_SEARCH_H_
#define MAILWHY_UTIL_TEXT_SEARCH_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace mailwhy {

class CaseInsensitiveSearch {
 public:
  explicit CaseInsensitiveSearch(std::string_view needle);
  // True when the needle occurs in `text`. An empty needle occurs everywhere.
  bool In(std::string_view text) const;
  // Where it first occurs at or after `from`, or npos; an empty needle at `from` (when
  // from <= text.size()).
  size_t Find(std::string_view text, size_t from = 0) const;
  const std::string& needle() const { return needle_; }

 private:
  std::string needle_;   // lower case
  char first_lower_, first_upper_;
};

// The number of `byte` in `text`: SIMD, for counting the lines between the few that a
// WordFinder points at (line numbers without splitting lines).
size_t CountByte(std::string_view text, char byte);

// The position of the first `needle` in `text` at or after `from`, or npos; an empty
// needle is found at `from` (when from <= text.size()). Same answers as
// std::string_view::find.
size_t FindBytes(std::string_view text, std::string_view needle, size_t from = 0);

class WordFinder {
 public:
  // Empty words are ignored. If Hyperscan cannot build its database (out of memory),
  // ok() is false and FindAll finds nothing.
  explicit WordFinder(const std::vector<std::string>& words);
  ~WordFinder();
  WordFinder(const WordFinder&) = delete;
  WordFinder& operator=(const WordFinder&) = delete;

  bool ok() const { return db_ != nullptr; }
  // Calls on_match(end) with the offset just past each occurrence of a word, in
  // increasing order (an offset may repeat when two words end at the same byte). The
  // callback returns false to stop the scan. REQUIRES: text.size() < 4 GiB (callers scan
  // blocks of a few megabytes).
  void FindAll(std::string_view text, const std::function<bool(size_t end)>& on_match) const;

 private:
  hs_database* db_ = nullptr;
  hs_scratch* scratch_ = nullptr;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_TEXT_SEARCH_H_
