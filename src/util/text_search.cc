// text_search - case-insensitive substring search (see text_search.h).
#include "util/text_search.h"

#include <hs.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace mailwhy {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool RestMatches(const char* p, std::string_view needle) {
  for (size_t i = 1; i < needle.size(); ++i) {
    if (Lower(p[i]) != needle[i]) return false;
  }
  return true;
}

}  // namespace

CaseInsensitiveSearch::CaseInsensitiveSearch(std::string_view needle) {
  needle_.reserve(needle.size());
  for (char c : needle) needle_.push_back(Lower(c));
  first_lower_ = needle_.empty() ? '\0' : needle_[0];
  first_upper_ = Upper(first_lower_);
}

bool CaseInsensitiveSearch::In(std::string_view text) const {
  return Find(text) != std::string_view::npos;
}

size_t CaseInsensitiveSearch::Find(std::string_view text, size_t from) const {
  if (from > text.size()) return std::string_view::npos;
  if (needle_.empty()) return from;
  if (text.size() - from < needle_.size()) return std::string_view::npos;
  const char* p = text.data() + from;
  const char* last = text.data() + text.size() - needle_.size();  // last possible start
  while (p <= last) {
    size_t room = static_cast<size_t>(last - p) + 1;
    const char* a = static_cast<const char*>(std::memchr(p, first_lower_, room));
    const char* b = first_upper_ == first_lower_
                        ? nullptr
                        : static_cast<const char*>(std::memchr(p, first_upper_, a ? static_cast<size_t>(a - p) : room));
    const char* hit = b != nullptr ? b : a;
    if (hit == nullptr) return std::string_view::npos;
    if (RestMatches(hit, needle_)) return static_cast<size_t>(hit - text.data());
    p = hit + 1;
  }
  return std::string_view::npos;
}

size_t CountByte(std::string_view text, char byte) {
  const char* p = text.data();
  const char* end = p + text.size();
  size_t count = 0;
#if defined(__SSE2__)
  // Compare 16 bytes at a time; each match adds 1 to its lane's 8-bit counter (a match is
  // -1, subtracted), and the counters are summed (psadbw) before any could overflow.
  const __m128i needle = _mm_set1_epi8(byte);
  while (end - p >= 16) {
    size_t blocks = std::min<size_t>(static_cast<size_t>(end - p) / 16, 255);
    __m128i lanes = _mm_setzero_si128();
    for (size_t i = 0; i < blocks; ++i, p += 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, needle));
    }
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; p < end; ++p) count += *p == byte;
  return count;
}

size_t FindBytes(std::string_view text, std::string_view needle, size_t from) {
  if (from > text.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  if (needle.size() > text.size() - from) return std::string_view::npos;
  const char* base = text.data();
  const char* p = base + from;
  const size_t n = needle.size();
  const char* last_start = base + text.size() - n;  // the last position a match can start
  const char first = needle.front();
#if defined(__SSE2__)
  if (n >= 2) {
    // Muła's "SIMD-friendly" filter: a position is a candidate when the bytes at it and
    // at it + n - 1 equal the needle's first and last byte.
    const __m128i first_bytes = _mm_set1_epi8(first);
    const __m128i last_bytes = _mm_set1_epi8(needle.back());
    for (; last_start - p >= 15; p += 16) {
      const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i at_last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 1));
      unsigned candidates = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_and_si128(_mm_cmpeq_epi8(at_first, first_bytes), _mm_cmpeq_epi8(at_last, last_bytes))));
      while (candidates != 0) {
        const int bit = __builtin_ctz(candidates);
        if (std::memcmp(p + bit + 1, needle.data() + 1, n - 2) == 0) {
          return static_cast<size_t>(p + bit - base);
        }
        candidates &= candidates - 1;
      }
    }
  }
#endif
  for (; p <= last_start; ++p) {
    if (*p == first && std::memcmp(p + 1, needle.data() + 1, n - 1) == 0) {
      return static_cast<size_t>(p - base);
    }
  }
  return std::string_view::npos;
}

WordFinder::WordFinder(const std::vector<std::string>& words) {
  std::vector<const char*> literals;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    literals.push_back(w.data());
    lengths.push_back(w.size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(ids.size()));
  }
  if (literals.empty()) return;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(literals.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, &db_,
                           &err) != HS_SUCCESS) {
    hs_free_compile_error(err);
    db_ = nullptr;
    return;
  }
  if (hs_alloc_scratch(db_, &scratch_) != HS_SUCCESS) {
    hs_free_database(db_);
    db_ = nullptr;
    scratch_ = nullptr;
  }
}

WordFinder::~WordFinder() {
  if (scratch_) hs_free_scratch(scratch_);
  if (db_) hs_free_database(db_);
}

namespace {

int OnWord(unsigned int, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  const auto& on_match = *static_cast<const std::function<bool(size_t)>*>(ctx);
  return on_match(static_cast<size_t>(to)) ? 0 : 1;
}

}  // namespace

void WordFinder::FindAll(std::string_view text,
                         const std::function<bool(size_t end)>& on_match) const {
  if (db_ == nullptr || text.empty() || text.size() > UINT32_MAX) return;
  hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_, OnWord,
          const_cast<std::function<bool(size_t)>*>(&on_match));
}

}  // namespace mailwhy
