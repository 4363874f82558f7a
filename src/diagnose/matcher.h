// NAME
//   matcher - every phrase and expression of every rule in one Hyperscan database
// SYNOPSIS
//   Matcher m;
//   uint32_t user_unknown = m.AddLiteral("user unknown");
//   uint32_t ordered = m.AddOrdered({"user", "does not exist"});
//   Status s = m.Compile();
//   PatternBits bits;
//   m.Scan("550 5.1.1 user unknown", &bits);   // bits.Test(user_unknown) == true
// DESCRIPTION
//   Patterns are deduplicated: the same phrase used by twenty rules is one pattern. A
//   literal phrase is compiled as an escaped expression, an ordered list of phrases as
//   "p1.*p2.*p3" (Hyperscan runs it as an automaton: no backtracking, so the cost stays
//   linear in the text), a regex as written (case-insensitive). All use
//   HS_FLAG_SINGLEMATCH: we only need to know whether a pattern occurred.
//
//   Scan() runs the database once over the text and sets one bit per pattern seen. A
//   hostile 2,000-byte line costs a few microseconds.
//
//   Compiling takes about 70 ms for the built-in rules, so the compiled database is kept
//   in the cache directory (util/cache_file.h) under a fingerprint of the Hyperscan
//   version, the CPU features it was built for and every expression with its flags; a
//   later run with the same rules loads it in about a millisecond.
//
//   CheckRegex() checks one expression alone, so a rule loader can report a bad regex
//   at its own file and line.
// THREAD SAFETY
//   After Compile(), Scan() may be called from any number of threads: each call borrows
//   a Hyperscan scratch from a pool (one per concurrently scanning thread) and returns it.
// BUGS
//   Hyperscan does not support back-references or look-around; such a regex is rejected
//   at load time.
#ifndef MAILWHY_DIAGNOSE_MATCHER_H_
#define MAILWHY_DIAGNOSE_MATCHER_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

struct hs_database;
struct hs_scratch;

namespace mailwhy {

// One bit per pattern id.
class PatternBits {
 public:
  void Reset(size_t n) { words_.assign((n + 63) / 64, 0); }
  void Set(uint32_t id) { words_[id >> 6] |= uint64_t{1} << (id & 63); }
  bool Test(uint32_t id) const { return (words_[id >> 6] >> (id & 63)) & 1; }
  // Calls f(id) for each id that is set, in increasing order.
  template <class F>
  void ForEachSet(F f) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      for (uint64_t x = words_[w]; x != 0; x &= x - 1) {
        f(static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(x))));
      }
    }
  }

 private:
  std::vector<uint64_t> words_;
};

class Matcher {
 public:
  Matcher() = default;
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // REQUIRES: phrases already normalised (NormalizePattern), not empty; before Compile().
  uint32_t AddLiteral(const std::string& phrase);
  uint32_t AddOrdered(const std::vector<std::string>& phrases);
  uint32_t AddRegex(const std::string& expression);

  // Builds the database, or loads it from the cache (util/cache_file.h) when the same
  // patterns were compiled before by the same Hyperscan on the same kind of CPU.
  Status Compile();
  size_t size() const { return expressions_.size(); }
  bool from_cache() const { return from_cache_; }   // after Compile()

  // REQUIRES: Compile() returned OK. Never fails: bits stay clear if Hyperscan does.
  void Scan(std::string_view text, PatternBits* bits) const;

  // OK, or InvalidArgument with Hyperscan's message.
  static Status CheckRegex(const std::string& expression);

 private:
  uint32_t Add(std::string expression, unsigned flags);
  std::string CacheName() const;
  hs_scratch* Borrow() const;
  void Return(hs_scratch* s) const;

  std::vector<std::string> expressions_;
  std::vector<unsigned> flags_;
  std::map<std::pair<std::string, unsigned>, uint32_t> ids_;
  hs_database* db_ = nullptr;
  bool from_cache_ = false;
  hs_scratch* prototype_ = nullptr;
  mutable std::mutex pool_mu_;
  mutable std::vector<hs_scratch*> pool_;
};

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_MATCHER_H_
