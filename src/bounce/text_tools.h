// NAME
//   text_tools - the small string operations every bounce format reader needs
// DESCRIPTION
//   Format readers (lhost_*.cc) walk a notification line by line, look for fixed
//   phrases whatever their case, and pick e-mail addresses out of sentences such as
//   "<kijitora@example.jp>: host mx.example.jp[192.0.2.1] said:". These helpers do that
//   on string_views, without regular expressions.
//
//   Lines() splits on LF and drops a trailing CR. FindNoCase() and friends compare ASCII
//   letters case-insensitively and other bytes exactly. FindAddress() returns the first
//   address in a text, without "<>", quotes or a "mailto:" prefix, lower-cased in its
//   domain only ("Kijitora@Example.JP" -> "Kijitora@example.jp"), or "" when there is none.
//   CutAtLine() finds the first line that starts with one of the markers (after leading
//   white space): formats that quote the returned message inline ("--- Below this line is
//   a copy of the message.") are cut there.
// LIFETIME
//   Views point into the text passed in.
#ifndef MAILWHY_BOUNCE_TEXT_TOOLS_H_
#define MAILWHY_BOUNCE_TEXT_TOOLS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace mailwhy::bounce {

std::vector<std::string_view> Lines(std::string_view text);
std::string_view Trim(std::string_view s);

size_t FindNoCase(std::string_view hay, std::string_view needle, size_t from = 0);
inline bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  return FindNoCase(hay, needle) != std::string_view::npos;
}
bool StartsWithNoCase(std::string_view s, std::string_view prefix);
bool EqualsNoCase(std::string_view a, std::string_view b);
bool ContainsAnyNoCase(std::string_view hay, std::initializer_list<std::string_view> needles);
bool StartsWithAnyNoCase(std::string_view s, std::initializer_list<std::string_view> prefixes);

// True for "user@domain" with a plausible local part and domain.
bool IsAddress(std::string_view s);
// The first address in `text`, cleaned as described above; "" when none.
std::string FindAddress(std::string_view text);
// Every address in `text`, in order, without repeats.
std::vector<std::string> FindAddresses(std::string_view text);

// Position of the first line starting (after white space) with one of `markers`
// (case-insensitive), or npos.
size_t FindLineStarting(std::string_view text, std::initializer_list<std::string_view> markers,
                        size_t from = 0);
// `text` up to that line (all of it when there is none); *rest gets the lines after it.
std::string_view CutAtLine(std::string_view text, std::initializer_list<std::string_view> markers,
                           std::string_view* rest = nullptr);

// Joins continuation lines: "a\n    b" -> "a b"; collapses runs of white space.
std::string Squeeze(std::string_view text);

}  // namespace mailwhy::bounce

#endif  // MAILWHY_BOUNCE_TEXT_TOOLS_H_
