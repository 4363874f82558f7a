// text_layout - display widths and wrapping (see text_layout.h).
#include "report/text_layout.h"

#include "util/utf8.h"

namespace mailwhy {

namespace {

int CodePointWidth(uint32_t cp) {
  if (cp >= 0x0300 && cp <= 0x036F) return 0;   // combining diacritical marks
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D) return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

// Length in bytes and width in columns of the character at s[i].
void CharAt(std::string_view s, size_t i, size_t* len, int* width) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    *width = 1;
    return;
  }
  uint32_t cp = 0;
  size_t n = Utf8SequenceLength(s, i, &cp);
  if (n == 0) {
    *len = 1;
    *width = 1;
    return;
  }
  *len = n;
  *width = CodePointWidth(cp);
}

bool IsWideAt(std::string_view s, size_t i) {
  size_t len;
  int w;
  CharAt(s, i, &len, &w);
  return w == 2;
}

// Japanese line-breaking rule (kinsoku): these never begin a line.
bool IsNoStartAt(std::string_view s, size_t i) {
  uint32_t cp = 0;
  if (static_cast<unsigned char>(s[i]) < 0x80 || Utf8SequenceLength(s, i, &cp) == 0) return false;
  switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF09: case 0x300D: case 0x300F:
    case 0x3011: case 0x3015: case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B: case 0x30FC:
      return true;
    default:
      return false;
  }
}

size_t PreviousCharStart(std::string_view s, size_t i) {
  do {
    --i;
  } while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i;
}

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    int cw;
    CharAt(s, i, &len, &cw);
    w += static_cast<size_t>(cw);
    i += len;
  }
  return w;
}

std::vector<std::string> Wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  if (width == 0) width = 1;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;  // no leading spaces on a line
    if (i >= text.size()) break;
    size_t start = i, cols = 0, last_space = std::string_view::npos;
    size_t end = i;
    while (end < text.size()) {
      size_t len;
      int cw;
      CharAt(text, end, &len, &cw);
      if (cols + static_cast<size_t>(cw) > width && end > start) break;
      if (text[end] == ' ') last_space = end;
      cols += static_cast<size_t>(cw);
      end += len;
    }
    if (end < text.size() && text[end] != ' ') {
      const bool cjk = IsWideAt(text, end) || IsWideAt(text, PreviousCharStart(text, end));
      if (cjk) {
        // Japanese breaks between any two characters, but not before a closing mark.
        while (end > start && IsNoStartAt(text, end)) {
          size_t back = PreviousCharStart(text, end);
          if (back <= start) break;
          end = back;
        }
      } else if (last_space != std::string_view::npos && last_space > start) {
        end = last_space;  // break at the last space rather than inside a word
      }
    }
    size_t stop = end;
    while (stop > start && text[stop - 1] == ' ') --stop;
    lines.emplace_back(text.substr(start, stop - start));
    i = end;
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::string PadRight(std::string_view s, size_t width) {
  std::string out(s);
  size_t w = DisplayWidth(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

}  // namespace mailwhy
