// NAME
//   ascii - ASCII case folding, the only kind mailwhy's grammars need
// DESCRIPTION
//   Host names, SMTP keywords, header and tag names, DNS record words and rule phrases
//   compare without regard to ASCII case; bytes >= 0x80 (UTF-8) are left as they are.
//   std::tolower would ask the C library's locale, a call per byte, and in a single-byte
//   locale would fold bytes that are half of a UTF-8 character.
#ifndef MAILWHY_UTIL_ASCII_H_
#define MAILWHY_UTIL_ASCII_H_

#include <string>
#include <string_view>

namespace mailwhy {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A copy of `s` with A-Z folded to a-z.
std::string AsciiLowered(std::string_view s);
// The same into *out, replacing what it held (its buffer is reused).
void AsciiLowerTo(std::string_view s, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_ASCII_H_
