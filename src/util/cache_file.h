// NAME
//   cache_file - derived files kept between runs, keyed by what they were made from
// SYNOPSIS
//   Fingerprint f;
//   f.Add(version); f.Add(pattern_text);
//   std::string name = "patterns-" + f.Hex() + ".hsdb";
//   std::string bytes;
//   if (!ReadCacheFile(name, &bytes)) { bytes = Compute(); WriteCacheFile(name, bytes); }
// DESCRIPTION
//   Some start-up work gives the same bytes for the same inputs on every run: compiling
//   the rule patterns into one Hyperscan database costs about 70 ms, more than reading
//   20 MB of log. Its result is kept in a cache directory under a name derived from a
//   fingerprint of everything it was made from, so a changed input simply misses.
//
//   The directory is $MAILWHY_CACHE_DIR, else $XDG_CACHE_HOME/mailwhy, else
//   $HOME/.cache/mailwhy. MAILWHY_CACHE_DIR=off (or an empty value) turns caching off.
//   The directory is created mode 0700; a directory or file that another user owns, or
//   that others may write, is not used, since a cached database is loaded as code-like
//   data and must come from this user.
//
//   A file is written whole, to a temporary name then renamed, with a header holding a
//   magic string, the payload length and a checksum: a crash, a full disk or two runs at
//   once never leave something that reads back as valid. A file that fails any check is
//   ignored (and replaced on the next write). At most kKeepPerPrefix files of one prefix
//   ("patterns-") are kept; older ones are removed when a new one is written.
//
//   Nothing here fails a command: without a usable directory every read misses and every
//   write is a no-op; the cost is only the time of recomputing.
// THREAD SAFETY
//   Functions are safe to call from several threads and processes at once.
#ifndef MAILWHY_UTIL_CACHE_FILE_H_
#define MAILWHY_UTIL_CACHE_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace mailwhy {

// A 64-bit fingerprint of a sequence of values: for cache keys and checksums against
// accidental damage, not against an adversary (the directory checks are for that).
// Each Add() is length-prefixed, so ("ab","c") and ("a","bc") differ.
class Fingerprint {
 public:
  void Add(std::string_view bytes);
  void Add(uint64_t value);
  uint64_t value() const { return state_; }
  std::string Hex() const;  // 16 lowercase hex digits

 private:
  void Mix(uint64_t word);
  uint64_t state_ = 0x6d61696c77687931ULL;
};

inline constexpr size_t kKeepPerPrefix = 8;

// The cache directory as configured, created if missing; "" when caching is off or no
// safe directory is available.
std::string CacheDirectory();

// True and *payload filled when `name` exists in the cache directory and passes every
// check. `name` is a plain file name (no '/').
bool ReadCacheFile(std::string_view name, std::string* payload);

// Stores `payload` under `name`, replacing any older file of that name. Best effort.
void WriteCacheFile(std::string_view name, std::string_view payload);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_CACHE_FILE_H_
