// json_writer - implementation of json_writer.h.
#include "util/json_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "util/utf8.h"

namespace mailwhy {

namespace {

// A byte JSON text cannot take as it is (an escape), or must check (UTF-8): controls,
// '"', '\\', DEL and every byte >= 0x80.
inline bool StopsCopy(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x7F; }

// The offset of the first byte in the 16 bytes at p that the fast copy must stop at, or
// 16 when there is none: controls, '"', '\\', DEL and every byte >= 0x80 (which must be
// checked as UTF-8). With SSE2 a signed compare with 0x20 catches both the controls and
// the bytes >= 0x80.
inline size_t FirstStopIn16(const unsigned char* p) {
#if defined(__SSE2__)
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i stops = _mm_or_si128(
      _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))),
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
  const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
  return mask == 0 ? 16 : static_cast<size_t>(__builtin_ctz(mask));
#else
  for (size_t k = 0; k < 16; ++k) {
    if (StopsCopy(p[k])) return k;
  }
  return 16;
#endif
}

// The length of the longest prefix of `s` that JSON takes as it is (FirstStopIn16's
// bytes end it). Whole blocks, then the last sixteen bytes again, overlapping the blocks
// already found clean; texts shorter than a block byte by byte, since nothing may be
// read past their end.
size_t CleanPrefixLength(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const size_t k = FirstStopIn16(p + i);
    if (k < 16) return i + k;
  }
  if (i == n) return n;
  if (n >= 16) {
    const size_t k = FirstStopIn16(p + n - 16);
    return k == 16 ? n : n - 16 + k;
  }
  for (; i < n; ++i) {
    if (StopsCopy(p[i])) return i;
  }
  return n;
}

// Writes v as fmt's shortest form would when v is a whole number of hundredths below a
// million (Postfix's delays: "0.47", "2.6", "0"), and returns the end; else nullptr.
// The shortest form of such a value is its hundredths with trailing zeros dropped: a
// double carries 15 significant digits, so no shorter decimal reads back as the same.
char* WriteHundredths(double v, char* buf) {
  if (std::signbit(v) || !(v < 1e6)) return nullptr;  // -0 is written "-0"
  const double scaled = v * 100;
  const int64_t hundredths = static_cast<int64_t>(scaled + 0.5);
  if (static_cast<double>(hundredths) / 100 != v) return nullptr;
  fmt::format_int whole(hundredths / 100);
  char* p = std::copy(whole.data(), whole.data() + whole.size(), buf);
  const int cents = static_cast<int>(hundredths % 100);
  if (cents != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) *p++ = static_cast<char>('0' + cents % 10);
  }
  return p;
}


}  // namespace

void AppendJsonEscaped(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0, run = 0;  // bytes [run, i) are copied verbatim
  for (;;) {
    i += CleanPrefixLength(s.substr(i));
    if (i == s.size()) break;
    unsigned char c = p[i];
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c >= 0x80) {
          out->append("\\ufffd");
        } else {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
    }
    ++i;
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
}

bool JsonWriter::CommaDue() {
  if (after_key_) {
    after_key_ = false;
    return false;
  }
  if (depth_ == 0) return false;
  const uint64_t bit = uint64_t{1} << ((depth_ - 1) & 63);
  const bool comma = (written_ & bit) != 0;
  written_ |= bit;
  return comma;
}

void JsonWriter::Separate() {
  if (CommaDue()) out_->push_back(',');
}

void JsonWriter::Open(char c) {
  Separate();
  out_->push_back(c);
  ++depth_;
  written_ &= ~(uint64_t{1} << ((depth_ - 1) & 63));
}

void JsonWriter::Close(char c) {
  out_->push_back(c);
  if (depth_ > 0) --depth_;
}

void JsonWriter::Key(std::string_view key) {
  // Separate()'s comma, the quoted key and the colon in one resize: keys are about a
  // third of what `journeys --json` writes.
  const bool comma = CommaDue();
  const size_t at = out_->size();
  out_->resize(at + (comma ? 1 : 0) + key.size() + 3);
  char* p = out_->data() + at;
  if (comma) *p++ = ',';
  *p++ = '"';
  std::memcpy(p, key.data(), key.size());
  p += key.size();
  *p++ = '"';
  *p = ':';
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  const bool comma = CommaDue();
  if (CleanPrefixLength(s) == s.size()) {
    // Nothing to escape, the common case: comma, quotes and text in one resize, as Key().
    const size_t at = out_->size();
    out_->resize(at + (comma ? 1 : 0) + s.size() + 2);
    char* p = out_->data() + at;
    if (comma) *p++ = ',';
    *p++ = '"';
    if (!s.empty()) std::memcpy(p, s.data(), s.size());  // an empty view may hold null
    p[s.size()] = '"';
    return;
  }
  if (comma) out_->push_back(',');
  out_->push_back('"');
  AppendJsonEscaped(s, out_);
  out_->push_back('"');
}

void JsonWriter::Int(int64_t v) {
  Separate();
  fmt::format_int digits(v);
  out_->append(digits.data(), digits.size());
}

void JsonWriter::Double(double v) {
  Separate();
  if (!std::isfinite(v)) {
    out_->append("null");
    return;
  }
  char buf[32];
  char* end = WriteHundredths(v, buf);
  if (end == nullptr) end = fmt::format_to_n(buf, sizeof buf, "{}", v).out;
  out_->append(buf, end);
}

void JsonWriter::Bool(bool v) {
  Separate();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  out_->append(json);
}

void JsonWriter::Null() {
  Separate();
  out_->append("null");
}

}  // namespace mailwhy
