// terminal_text - implementation of terminal_text.h.
#include "util/terminal_text.h"

#include "util/utf8.h"

namespace mailwhy {

namespace {

void AppendHexEscape(unsigned char c, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->append("\\x");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

// Length of a printable UTF-8 sequence at s[i], or 0 (invalid, or a C1 control).
size_t PrintableUtf8Length(std::string_view s, size_t i) {
  uint32_t cp = 0;
  size_t len = Utf8SequenceLength(s, i, &cp);
  return len != 0 && (cp < 0x80 || cp > 0x9F) ? len : 0;
}

}  // namespace

void AppendEscapedForTerminal(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      out->push_back(static_cast<char>(c));
      ++i;
    } else if (c >= 0x80) {
      size_t len = PrintableUtf8Length(s, i);
      if (len == 0) {
        AppendHexEscape(c, out);
        ++i;
      } else {
        out->append(s.data() + i, len);
        i += len;
      }
    } else {
      AppendHexEscape(c, out);
      ++i;
    }
  }
}

std::string EscapeForTerminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendEscapedForTerminal(s, &out);
  return out;
}

}  // namespace mailwhy
