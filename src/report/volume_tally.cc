// volume_tally - bounded per-key message and byte counts (see volume_tally.h).
#include "report/volume_tally.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mailwhy {

VolumeStats& VolumeTally::Count(std::string_view key) {
  if (VolumeStats* found = entries_.Find(key)) return *found;
  seen_.Add(key);
  if (entries_.size() >= capacity_) Shrink();
  return entries_.FindOrInsert(key);
}

int64_t VolumeTally::distinct() const {
  if (!dropped_) return static_cast<int64_t>(entries_.size());
  return std::max(static_cast<int64_t>(entries_.size()),
                  static_cast<int64_t>(std::llround(seen_.Estimate())));
}

void VolumeTally::Shrink() {
  const size_t keep = capacity_ / 4;
  // The keep-th largest count and byte total; ties at the cut are dropped together, so
  // what stays never depends on the hash table's order.
  std::vector<int64_t> counts, bytes;
  counts.reserve(entries_.size());
  bytes.reserve(entries_.size());
  entries_.ForEach([&](std::string_view, const VolumeStats& v) {
    counts.push_back(v.count);
    bytes.push_back(v.bytes);
  });
  auto kth = [keep](std::vector<int64_t>* values) {
    std::nth_element(values->begin(), values->begin() + static_cast<ptrdiff_t>(keep - 1),
                     values->end(), std::greater<>());
    return (*values)[keep - 1];
  };
  const int64_t count_cut = kth(&counts), bytes_cut = kth(&bytes);
  entries_.Retain([&](std::string_view, const VolumeStats& v) {
    if (v.count > count_cut || v.bytes > bytes_cut) return true;
    dropped_max_count_ = std::max(dropped_max_count_, v.count);
    dropped_max_bytes_ = std::max(dropped_max_bytes_, v.bytes);
    return false;
  });
  dropped_ = true;
}

}  // namespace mailwhy
