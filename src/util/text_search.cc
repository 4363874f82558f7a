// text_search - case-insensitive substring search (see text_search.h).
#include "util/text_search.h"

#include <cstring>

namespace mailwhy {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool RestMatches(const char* p, std::string_view needle) {
  for (size_t i = 1; i < needle.size(); ++i) {
    if (Lower(p[i]) != needle[i]) return false;
  }
  return true;
}

}  // namespace

CaseInsensitiveSearch::CaseInsensitiveSearch(std::string_view needle) {
  needle_.reserve(needle.size());
  for (char c : needle) needle_.push_back(Lower(c));
  first_lower_ = needle_.empty() ? '\0' : needle_[0];
  first_upper_ = Upper(first_lower_);
}

bool CaseInsensitiveSearch::In(std::string_view text) const {
  if (needle_.empty()) return true;
  if (text.size() < needle_.size()) return false;
  const char* p = text.data();
  const char* last = text.data() + text.size() - needle_.size();  // last possible start
  while (p <= last) {
    size_t room = static_cast<size_t>(last - p) + 1;
    const char* a = static_cast<const char*>(std::memchr(p, first_lower_, room));
    const char* b = first_upper_ == first_lower_
                        ? nullptr
                        : static_cast<const char*>(std::memchr(p, first_upper_, a ? static_cast<size_t>(a - p) : room));
    const char* hit = b != nullptr ? b : a;
    if (hit == nullptr) return false;
    if (RestMatches(hit, needle_)) return true;
    p = hit + 1;
  }
  return false;
}

}  // namespace mailwhy
