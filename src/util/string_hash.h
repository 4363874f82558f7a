// NAME
//   string_hash - the hash of the project's string-keyed tables
// SYNOPSIS
//   uint64_t h = HashString(key);
// DESCRIPTION
//   XXH3 (Debian's libxxhash): the tables' keys are short (queue IDs, host and queue ID
//   pairs, addresses), where it costs about half of std::hash's _Hash_bytes and mixes as
//   well. Called in the library, not inlined (XXH_INLINE_ALL): inlined, the hash was
//   cheaper but the code around the lookups came out larger. Nothing printed depends on
//   hash values: the tables' users order what they print themselves.
#ifndef MAILWHY_UTIL_STRING_HASH_H_
#define MAILWHY_UTIL_STRING_HASH_H_

#include <cstdint>
#include <string_view>

#include <xxhash.h>

namespace mailwhy {

inline uint64_t HashString(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_STRING_HASH_H_
