// NAME
//   string_map - hash maps keyed by std::string that are looked up by std::string_view
// SYNOPSIS
//   StringMap<VolumeStats> senders;
//   VolumeStats& s = CountFor(senders, key);   // key: a std::string_view into a buffer
//   JoinKey({host, qid}, &scratch);            // a composite key, in a reused buffer
// DESCRIPTION
//   Per-line and per-journey lookups (the correlator's open messages, the prefilter's
//   candidates, the report's tallies) mostly find keys that already exist. StringMap and
//   StringSet find a std::string_view without building a std::string (C++20
//   heterogeneous lookup); CountFor() allocates the key only when it inserts a new entry.
//
//   The hash is HashString() (util/string_hash.h). Iteration order follows hash values,
//   so whatever prints a map's entries sorts them first.
// THREAD SAFETY
//   As std::unordered_map.
#ifndef MAILWHY_UTIL_STRING_MAP_H_
#define MAILWHY_UTIL_STRING_MAP_H_

#include <cstddef>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "util/string_hash.h"

namespace mailwhy {

struct StringKeyHash {
  using is_transparent = void;
  // Not noexcept on purpose: the table then caches each key's hash, as it does for
  // std::hash<std::string>, so rehashing and probing do not hash keys again.
  size_t operator()(std::string_view s) const { return HashString(s); }
};

template <class V>
using StringMap = std::unordered_map<std::string, V, StringKeyHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringKeyHash, std::equal_to<>>;

// Writes `parts` joined by '\x1f' into *out, reusing its buffer: a composite key (host,
// instance, queue ID) built with one resize and a copy per part, not an append per part.
inline void JoinKey(std::initializer_list<std::string_view> parts, std::string* out) {
  size_t size = parts.size() - 1;
  for (std::string_view p : parts) size += p.size();
  out->resize(size);
  char* w = out->data();
  bool first = true;
  for (std::string_view p : parts) {
    if (!first) *w++ = '\x1f';
    first = false;
    if (!p.empty()) std::memcpy(w, p.data(), p.size());  // an empty view may hold null
    w += p.size();
  }
}

// The entry for `key`, value-initialized and inserted when absent.
template <class V>
V& CountFor(StringMap<V>& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), V()).first;
  return it->second;
}

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_STRING_MAP_H_
