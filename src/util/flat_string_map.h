// NAME
//   flat_string_map - a hash map from strings to small plain values, stored in two arrays
// SYNOPSIS
//   FlatStringMap<VolumeStats> senders;
//   VolumeStats& s = senders.FindOrInsert(address);   // value-initialized when new
//   const VolumeStats* v = senders.Find(address);     // nullptr when absent
//   senders.ForEach([](std::string_view key, const VolumeStats& v) { ... });
//   senders.Retain([](std::string_view key, const VolumeStats& v) { return v.count > 1; });
// DESCRIPTION
//   The report's per-address tallies hold tens of thousands of keys and are looked up for
//   every journey. In a std::unordered_map each lookup follows three pointers to memory
//   that is rarely in cache (the bucket, the node, the key's own allocation), and every
//   key is an allocation of its own. Here each entry is one record in a single growing
//   array (the value, then the key's bytes) and the table is an open-addressing array of
//   (hash tag, record) pairs: a lookup reads one slot and one record.
//
//   Entries are kept and visited in the order they were inserted, so what a caller makes
//   of them never depends on hash values. There is no single-key erase: Retain() keeps a
//   subset and rebuilds both arrays, which is what a bounded tally needs.
// CONTRACT
//   V must be trivially copyable with alignment at most 8. A reference or pointer to a
//   value, and a key given to ForEach()'s callback, stays valid until the next insertion
//   or Retain(). Keys may hold any bytes, NUL included; the empty key is a key. Records
//   are addressed by 32-bit word indexes: at most 32 GB of keys and values (a bounded
//   tally of addresses uses a few MB).
// THREAD SAFETY
//   As std::unordered_map.
#ifndef MAILWHY_UTIL_FLAT_STRING_MAP_H_
#define MAILWHY_UTIL_FLAT_STRING_MAP_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/string_hash.h"

namespace mailwhy {

template <class V>
class FlatStringMap {
  static_assert(std::is_trivially_copyable_v<V> && alignof(V) <= 8,
                "FlatStringMap stores values as bytes in an array of 8-byte words");

 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  V* Find(std::string_view key) {
    const size_t slot = SlotOf(key, Hash(key));
    return slot == kNoSlot || slots_[slot].record == 0 ? nullptr : ValueAt(slots_[slot].record - 1);
  }
  const V* Find(std::string_view key) const { return const_cast<FlatStringMap*>(this)->Find(key); }

  // The value for `key`, value-initialized and inserted when absent.
  V& FindOrInsert(std::string_view key) {
    const uint64_t hash = Hash(key);
    size_t slot = SlotOf(key, hash);
    if (slot != kNoSlot && slots_[slot].record != 0) return *ValueAt(slots_[slot].record - 1);
    if ((size_ + 1) * 4 > slots_.size() * 3) {
      Rehash(slots_.empty() ? 16 : slots_.size() * 2);
      slot = SlotOf(key, hash);
    }
    const size_t record = Append(key);
    slots_[slot] = Slot{Tag(hash), static_cast<uint32_t>(record + 1)};
    ++size_;
    return *ValueAt(record);
  }

  // Calls f(key, value) for every entry, in insertion order.
  template <class F>
  void ForEach(F&& f) const {
    for (size_t w = 0; w < words_.size(); w = Next(w)) f(KeyAt(w), *ValueAt(w));
  }

  // Keeps the entries for which keep(key, value) is true, in their order; drops the rest.
  // The kept records move towards the front in place: a tally that drops keys because it
  // is full must not need a second copy of itself to do so.
  template <class Keep>
  void Retain(Keep&& keep) {
    size_t to = 0, n = 0;
    for (size_t w = 0; w < words_.size();) {
      const size_t next = Next(w);
      if (keep(KeyAt(w), *ValueAt(w))) {
        if (to != w) std::memmove(&words_[to], &words_[w], (next - w) * sizeof(uint64_t));
        to += next - w;
        ++n;
      }
      w = next;
    }
    words_.resize(to);
    size_ = n;
    Rehash(slots_.size());
  }

 private:
  // record: the index of the entry's first word, plus one; 0 marks an empty slot.
  struct Slot {
    uint32_t tag = 0;
    uint32_t record = 0;
  };
  static constexpr size_t kNoSlot = ~size_t{0};
  static constexpr size_t kValueWords = (sizeof(V) + 7) / 8;

  // A record: the value (kValueWords words), the key's size (one word), its bytes.
  static size_t KeyWords(size_t size) { return (size + 7) / 8; }
  static uint64_t Hash(std::string_view key) { return HashString(key); }
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

  V* ValueAt(size_t w) const {
    return std::launder(reinterpret_cast<V*>(const_cast<uint64_t*>(&words_[w])));
  }
  size_t KeySizeAt(size_t w) const { return static_cast<size_t>(words_[w + kValueWords]); }
  std::string_view KeyAt(size_t w) const {
    const char* bytes = reinterpret_cast<const char*>(&words_[w + kValueWords + 1]);
    return std::string_view(bytes, KeySizeAt(w));
  }
  size_t Next(size_t w) const { return w + kValueWords + 1 + KeyWords(KeySizeAt(w)); }

  // The slot holding `key`, or the empty slot where it would go; kNoSlot when there is no
  // table yet.
  size_t SlotOf(std::string_view key, uint64_t hash) const {
    if (slots_.empty()) return kNoSlot;
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(hash);
    for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.record == 0 || (s.tag == tag && KeyAt(s.record - 1) == key)) return i;
    }
  }

  size_t Append(std::string_view key) {
    const size_t w = words_.size();
    words_.resize(w + kValueWords + 1 + KeyWords(key.size()), 0);
    ::new (static_cast<void*>(&words_[w])) V();
    words_[w + kValueWords] = key.size();
    if (!key.empty()) std::memcpy(&words_[w + kValueWords + 1], key.data(), key.size());
    return w;
  }

  void Rehash(size_t capacity) {
    if (capacity == 0) return;
    slots_.assign(capacity, Slot());
    const size_t mask = capacity - 1;
    for (size_t w = 0; w < words_.size(); w = Next(w)) {
      const uint64_t hash = Hash(KeyAt(w));
      size_t i = static_cast<size_t>(hash) & mask;
      while (slots_[i].record != 0) i = (i + 1) & mask;
      slots_[i] = Slot{Tag(hash), static_cast<uint32_t>(w + 1)};
    }
  }

  std::vector<Slot> slots_;     // a power of two in size, at most three quarters full
  std::vector<uint64_t> words_; // the records, back to back
  size_t size_ = 0;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_FLAT_STRING_MAP_H_
