// NAME
//   utf8 - recognise valid UTF-8, one sequence at a time
// DESCRIPTION
//   Log text is bytes, mostly ASCII, sometimes UTF-8 (SMTPUTF8 addresses, Japanese replies),
//   sometimes junk. Writers that must emit valid text (JSON, terminals) walk it with
//   Utf8SequenceLength() and replace what is not valid.
#ifndef MAILWHY_UTIL_UTF8_H_
#define MAILWHY_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mailwhy {

// Length (2..4) of the valid, shortest-form UTF-8 sequence starting at s[i] (a byte
// >= 0x80), or 0 when it is not valid. Surrogates and code points above U+10FFFF are
// invalid. *code_point receives the decoded value when not null.
inline size_t Utf8SequenceLength(std::string_view s, size_t i, uint32_t* code_point = nullptr) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  if (code_point != nullptr) *code_point = cp;
  return len;
}

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_UTF8_H_
