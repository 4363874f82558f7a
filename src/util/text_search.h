// NAME
//   text_search - find a word in text regardless of ASCII case, quickly
// DESCRIPTION
//   Addresses in logs keep the case the client typed (`TU@Example.NET`), so a search for
//   an address must ignore case. CaseInsensitiveSearch lower-cases the needle once and
//   scans with memchr for its first byte in both cases, comparing the rest only there:
//   close to memchr's speed on text where that byte is rare. Bytes >= 0x80 compare exactly.
#ifndef MAILWHY_UTIL_TEXT_SEARCH_H_
#define MAILWHY_UTIL_TEXT_SEARCH_H_

#include <string>
#include <string_view>

namespace mailwhy {

class CaseInsensitiveSearch {
 public:
  explicit CaseInsensitiveSearch(std::string_view needle);
  // True when the needle occurs in `text`. An empty needle occurs everywhere.
  bool In(std::string_view text) const;
  const std::string& needle() const { return needle_; }

 private:
  std::string needle_;   // lower case
  char first_lower_, first_upper_;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_TEXT_SEARCH_H_
