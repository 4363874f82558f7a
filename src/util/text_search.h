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
//   FindAnyOf finds the first of up to four bytes, as the grammars' scans to the end of a
//   word do ("key=value, key=value": the first '=', ',' or ' '). It tests sixteen bytes at
//   once, where a loop over the bytes takes one step per byte and strpbrk builds a table
//   per call.
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

#include <bit>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The position of the first byte of `text` at or after `from` that equals a, b, c or d,
// or npos. Repeat a byte to look for fewer: FindAnyOf(text, ',', ' ', ' ', ' '). Same
// answers as std::string_view::find_first_of with those bytes.
inline size_t FindAnyOf(std::string_view text, char a, char b, char c, char d, size_t from = 0);

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

// Inline: the grammars call it for words of a few bytes, where a call costs more than the
// scan.
inline size_t FindAnyOf(std::string_view text, char a, char b, char c, char d, size_t from) {
  if (from >= text.size()) return std::string_view::npos;
  const char* base = text.data();
  const char* p = base + from;
  const char* end = base + text.size();
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c),
                vd = _mm_set1_epi8(d);
  for (; end - p >= 16; p += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                                      _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) return static_cast<size_t>(p - base) + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  for (; p < end; ++p) {
    if (*p == a || *p == b || *p == c || *p == d) return static_cast<size_t>(p - base);
  }
  return std::string_view::npos;
}

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_TEXT_SEARCH_H_
