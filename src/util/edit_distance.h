// NAME
//   edit_distance - how many single-character edits separate two strings
// DESCRIPTION
//   EditDistance() is the Levenshtein distance (insert, delete, substitute one byte),
//   computed only as far as `limit`: once every path exceeds it the answer is limit + 1.
//   That keeps "did you mean ...?" over a million addresses cheap: most pairs are
//   rejected by their length difference or within a few rows.
#ifndef MAILWHY_UTIL_EDIT_DISTANCE_H_
#define MAILWHY_UTIL_EDIT_DISTANCE_H_

#include <cstddef>
#include <string_view>

namespace mailwhy {

size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_EDIT_DISTANCE_H_
