// distinct_count - HyperLogLog (see distinct_count.h).
#include "util/distinct_count.h"

#include <cmath>
#include <functional>

namespace mailwhy {
namespace {

// std::hash's bits are not guaranteed to be mixed; the estimate needs them uniform.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

void DistinctCount::Add(std::string_view value) {
  uint64_t h = Mix(std::hash<std::string_view>()(value));
  size_t index = h >> (64 - kBits);
  uint64_t rest = h << kBits;
  uint8_t rank = rest == 0 ? static_cast<uint8_t>(64 - kBits + 1)
                           : static_cast<uint8_t>(__builtin_clzll(rest) + 1);
  if (rank > registers_[index]) registers_[index] = rank;
}

double DistinctCount::Estimate() const {
  const double m = static_cast<double>(kRegisters);
  double sum = 0;
  size_t zeros = 0;
  for (uint8_t r : registers_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  const double alpha = 0.7213 / (1 + 1.079 / m);
  double e = alpha * m * m / sum;
  if (e <= 2.5 * m && zeros > 0) e = m * std::log(m / static_cast<double>(zeros));
  return e;
}

}  // namespace mailwhy
