// html_text - escape untrusted text for HTML and SVG (see html_text.h).
#include "report/html_text.h"

#include <fmt/format.h>

#include "util/utf8.h"

namespace mailwhy {

void AppendHtmlEscaped(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(s, i);
      if (n == 0) {
        *out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out->append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&#39;"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          *out += fmt::format("\\x{:02X}", c);
        } else {
          *out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendHtmlEscaped(s, &out);
  return out;
}

}  // namespace mailwhy
