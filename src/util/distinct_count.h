// NAME
//   distinct_count - how many different values a stream holds, in 16 KiB
// SYNOPSIS
//   DistinctCount senders;
//   senders.Add(address);
//   double n = senders.Estimate();   // within about 1% (HyperLogLog, 2^14 registers)
// DESCRIPTION
//   A year of mail logs names millions of different addresses; counting them exactly
//   needs memory that grows with the log. A DistinctCount is a HyperLogLog sketch
//   (Flajolet et al. 2007, with linear counting for small sets): fixed size, standard
//   error about 0.8%. Callers that can count exactly while the set is small (report's
//   tallies, until they first drop keys) use the estimate only beyond that.
// THREAD SAFETY
//   A value; not for concurrent Add().
#ifndef MAILWHY_UTIL_DISTINCT_COUNT_H_
#define MAILWHY_UTIL_DISTINCT_COUNT_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace mailwhy {

class DistinctCount {
 public:
  DistinctCount() : registers_(kRegisters, 0) {}
  void Add(std::string_view value);
  double Estimate() const;

 private:
  static constexpr int kBits = 14;
  static constexpr size_t kRegisters = size_t{1} << kBits;
  std::vector<uint8_t> registers_;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_DISTINCT_COUNT_H_
