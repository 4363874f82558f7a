// NAME
//   text_layout - widths and line wrapping for the report's text output
// DESCRIPTION
//   DisplayWidth() counts terminal columns: East Asian wide and fullwidth characters
//   (kana, kanji, hangul, fullwidth forms) take two, combining marks none, the rest one.
//   The input must already be valid UTF-8 (escaped for the terminal); an invalid byte
//   counts as one column.
//
//   Wrap() breaks a text into lines of at most `width` columns: in English at spaces
//   where it can, in Japanese between any two characters except before a closing mark
//   ("。", "、", "）", ...), and anywhere in a word that has no room (long URLs): nothing
//   is ever cut off. Runs of spaces at a break are dropped.
// BUGS
//   The wide ranges are the common blocks, not the full Unicode EastAsianWidth table;
//   emoji and rare scripts may be counted one column narrow.
#ifndef MAILWHY_REPORT_TEXT_LAYOUT_H_
#define MAILWHY_REPORT_TEXT_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

namespace mailwhy {

size_t DisplayWidth(std::string_view s);
std::vector<std::string> Wrap(std::string_view text, size_t width);
// s followed by spaces up to `width` columns (nothing added when it is wider).
std::string PadRight(std::string_view s, size_t width);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_TEXT_LAYOUT_H_
