// line_ends - CRLF and CR to LF (see line_ends.h).
#include "bounce/line_ends.h"

#include <cstring>

namespace mailwhy {

void NormalizeLineEnds(std::string* text) {
  if (std::memchr(text->data(), '\r', text->size()) == nullptr) return;
  size_t w = 0;
  const size_t n = text->size();
  for (size_t r = 0; r < n; ++r) {
    char c = (*text)[r];
    if (c == '\r') {
      if (r + 1 < n && (*text)[r + 1] == '\n') continue;  // CRLF: the LF follows
      c = '\n';
    }
    (*text)[w++] = c;
  }
  text->resize(w);
}

}  // namespace mailwhy
