// json_writer - implementation of json_writer.h.
#include "util/json_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
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

// Writes s escaped (no quotes) at p and returns the end. REQUIRES: room for
// kMaxEscapedPerByte * s.size() bytes at p.
constexpr size_t kMaxEscapedPerByte = 6;  // "\u00XX", "\ufffd"

char* WriteJsonEscaped(std::string_view s, char* p) {
  static const char kHex[] = "0123456789abcdef";
  const unsigned char* in = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0, run = 0;  // bytes [run, i) are copied verbatim
  const auto put = [&p](std::string_view t) {
    if (t.empty()) return;  // an empty view may hold null
    std::memcpy(p, t.data(), t.size());
    p += t.size();
  };
  for (;;) {
    i += CleanPrefixLength(s.substr(i));
    if (i == s.size()) break;
    unsigned char c = in[i];
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
    }
    put(s.substr(run, i - run));
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      default:
        if (c >= 0x80) {
          put("\\ufffd");
        } else {
          put("\\u00");
          *p++ = kHex[c >> 4];
          *p++ = kHex[c & 15];
        }
    }
    ++i;
    run = i;
  }
  put(s.substr(run));
  return p;
}

}  // namespace

void AppendJsonEscaped(std::string_view s, std::string* out) {
  const size_t at = out->size();
  out->resize(at + kMaxEscapedPerByte * s.size());
  char* end = WriteJsonEscaped(s, out->data() + at);
  out->resize(static_cast<size_t>(end - out->data()));
}

char* JsonWriter::Grow(size_t n) {
  if (!writing_) {
    // The first write, or the first since Finish(): the caller may have appended.
    begin_ = end_ = room_ = out_->size();
    writing_ = true;
  } else if (out_->size() != room_) {
    std::abort();  // *out was changed while this writer owned its end (see the header)
  }
  if (n > room_ - end_) {
    // Steps as large as what this writer has written so far: each byte of filler is
    // written a bounded number of times, however the output grows.
    room_ = end_ + std::max({n, size_t{1024}, end_ - begin_});
    out_->resize(room_);
  }
  return out_->data() + end_;
}

void JsonWriter::Finish() {
  if (!writing_) return;
  if (out_->size() != room_) std::abort();  // *out was changed meanwhile (see the header)
  out_->resize(end_);
  end_ = room_ = 0;
  writing_ = false;
}

void JsonWriter::Put(std::string_view s) {
  CopyBytes(Room(s.size()), s);
  end_ += s.size();
}

void JsonWriter::Separate() {
  if (CommaDue()) Put(',');
}

void JsonWriter::Open(char c) {
  Separate();
  Put(c);
  ++depth_;
  written_ &= ~(uint64_t{1} << ((depth_ - 1) & 63));
}

void JsonWriter::Close(char c) {
  Put(c);
  if (depth_ > 0) --depth_;
}

void JsonWriter::String(std::string_view s) {
  const bool comma = CommaDue();
  const size_t clean = CleanPrefixLength(s);
  // Nothing to escape, the common case: room for the text as it is; else for the worst
  // its escapes can take.
  char* const start = Room(3 + (clean == s.size() ? s.size() : kMaxEscapedPerByte * s.size()));
  char* p = start;
  if (comma) *p++ = ',';
  *p++ = '"';
  if (clean == s.size()) {
    CopyBytes(p, s);
    p += s.size();
  } else {
    p = WriteJsonEscaped(s, p);
  }
  *p++ = '"';
  end_ += static_cast<size_t>(p - start);
}

void JsonWriter::Int(int64_t v) {
  Separate();
  fmt::format_int digits(v);
  Put(std::string_view(digits.data(), digits.size()));
}

void JsonWriter::Double(double v) {
  Separate();
  if (!std::isfinite(v)) {
    Put("null");
    return;
  }
  char buf[32];
  char* end = WriteHundredths(v, buf);
  if (end == nullptr) end = fmt::format_to_n(buf, sizeof buf, "{}", v).out;
  Put(std::string_view(buf, static_cast<size_t>(end - buf)));
}

void JsonWriter::Bool(bool v) {
  Separate();
  Put(v ? "true" : "false");
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  Put(json);
}

void JsonWriter::Null() {
  Separate();
  Put("null");
}

}  // namespace mailwhy
