// text_tools - lines, case-insensitive search and addresses for format readers (see
// text_tools.h).
#include "bounce/text_tools.h"

#include <algorithm>
#include <cctype>

#include "util/ascii.h"

namespace mailwhy::bounce {

namespace {

bool LocalChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool DomainChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
         c == '[' || c == ']' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    pos = eol + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

size_t FindNoCase(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
  if (hay.size() < needle.size()) return std::string_view::npos;
  const char first = AsciiLower(needle[0]);
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    if (AsciiLower(hay[i]) != first) continue;
    size_t k = 1;
    while (k < needle.size() && AsciiLower(hay[i + k]) == AsciiLower(needle[k])) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsNoCase(s.substr(0, prefix.size()), prefix);
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool ContainsAnyNoCase(std::string_view hay, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return ContainsNoCase(hay, n); });
}

bool StartsWithAnyNoCase(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return StartsWithNoCase(s, p); });
}

bool IsAddress(std::string_view s) {
  size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  std::string_view domain = s.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' || domain.back() == '-') return false;
  if (domain.front() != '[' && domain.find('.') == std::string_view::npos) {
    // "postmaster@localhost" style addresses are real but rare in notifications.
    return domain.size() >= 2 && std::all_of(domain.begin(), domain.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
           });
  }
  return std::all_of(s.begin(), s.begin() + at, LocalChar) &&
         std::all_of(domain.begin(), domain.end(), DomainChar);
}

namespace {

// The address around the '@' at `at`, or "" when it is not one.
std::string AddressAt(std::string_view text, size_t at) {
  size_t b = at;
  while (b > 0 && LocalChar(text[b - 1]) && text[b - 1] != '<') --b;
  size_t e = at + 1;
  while (e < text.size() && DomainChar(text[e]) && text[e] != ':') ++e;
  std::string_view local = text.substr(b, at - b);
  std::string_view domain = text.substr(at + 1, e - at - 1);
  // "mailto:x@y", "rfc822;x@y" and quoted locals lose their wrapping.
  while (!local.empty() && (local.front() == '.' || local.front() == '\'' || local.front() == '`')) {
    local.remove_prefix(1);
  }
  while (!domain.empty() && (domain.back() == '.' || domain.back() == '-' || domain.back() == ']')) {
    if (domain.back() == ']' && domain.front() == '[') break;
    domain.remove_suffix(1);
  }
  if (local.empty() || domain.empty()) return std::string();
  std::string out(local);
  out.push_back('@');
  out += AsciiLowered(domain);
  return IsAddress(out) ? out : std::string();
}

}  // namespace

std::string FindAddress(std::string_view text) {
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::string a = AddressAt(text, at);
    if (!a.empty()) return a;
  }
  return std::string();
}

std::vector<std::string> FindAddresses(std::string_view text) {
  std::vector<std::string> out;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::string a = AddressAt(text, at);
    if (!a.empty() && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

size_t FindLineStarting(std::string_view text, std::initializer_list<std::string_view> markers,
                        size_t from) {
  size_t pos = from;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (StartsWithAnyNoCase(line, markers)) return pos;
    pos = eol + 1;
  }
  return std::string_view::npos;
}

std::string_view CutAtLine(std::string_view text, std::initializer_list<std::string_view> markers,
                           std::string_view* rest) {
  size_t at = FindLineStarting(text, markers);
  if (at == std::string_view::npos) {
    if (rest) *rest = std::string_view();
    return text;
  }
  if (rest) {
    size_t eol = text.find('\n', at);
    *rest = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  }
  return text.substr(0, at);
}

std::string Squeeze(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace mailwhy::bounce
