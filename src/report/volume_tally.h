// NAME
//   volume_tally - messages and bytes per sender, recipient or domain, in bounded memory
// SYNOPSIS
//   VolumeTally senders;
//   VolumeStats& s = senders.Count(address);   // ++s.count; s.bytes += size;
//   senders.distinct();                         // exact, or estimated once keys were dropped
//   senders.entries().ForEach([](std::string_view key, const VolumeStats& s) { ... });
// DESCRIPTION
//   pflogsumm keeps every address it has seen: on two months of a busy server's log that
//   is a third of a million senders and half a gigabyte. The report only prints the top
//   of each table, so a VolumeTally keeps at most `capacity` keys: when it is full, it
//   keeps the capacity/4 keys with the most messages and the capacity/4 with the most
//   bytes, and drops the rest (the keys seen once or twice, which never make a top list
//   unless the list is longer than the busy keys). A dropped key that comes back starts
//   again from zero, so after a drop a listed count can be low by at most
//   dropped_max_count() (and bytes by dropped_max_bytes()); approximate() says a drop
//   happened. The number of distinct keys is exact until then and a HyperLogLog estimate
//   after (util/distinct_count.h).
//
//   Below the capacity (40,000 keys: the 200 MB benchmark log has 37,000 senders) the
//   tally is exact. The keys live in a FlatStringMap (util/flat_string_map.h): a tally
//   this size is looked up for every journey, and a node-based map's pointer chasing was
//   the largest single cost of `report` on that log.
// CONTRACT
//   The reference Count() returns is valid until the next Count() on the same tally.
// THREAD SAFETY
//   As std::unordered_map.
#ifndef MAILWHY_REPORT_VOLUME_TALLY_H_
#define MAILWHY_REPORT_VOLUME_TALLY_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/distinct_count.h"
#include "util/flat_string_map.h"

namespace mailwhy {

struct VolumeStats {
  int64_t count = 0;
  int64_t bytes = 0;
};

class VolumeTally {
 public:
  static constexpr size_t kDefaultCapacity = 40000;
  explicit VolumeTally(size_t capacity = kDefaultCapacity) : capacity_(capacity < 8 ? 8 : capacity) {}

  // The entry for `key`, inserted (zero) when absent; may drop other keys first.
  VolumeStats& Count(std::string_view key);

  const FlatStringMap<VolumeStats>& entries() const { return entries_; }
  int64_t distinct() const;
  bool approximate() const { return dropped_; }
  int64_t dropped_max_count() const { return dropped_max_count_; }
  int64_t dropped_max_bytes() const { return dropped_max_bytes_; }

 private:
  void Shrink();

  size_t capacity_;
  FlatStringMap<VolumeStats> entries_;
  DistinctCount seen_;
  bool dropped_ = false;
  int64_t dropped_max_count_ = 0, dropped_max_bytes_ = 0;
};

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_VOLUME_TALLY_H_
