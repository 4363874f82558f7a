// flat_string_map_test - FlatStringMap against std::unordered_map on the same operations,
// through many growth steps, Retain() and odd keys.
#include "util/flat_string_map.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace mailwhy {
namespace {

struct Counts {
  int64_t count = 0;
  int64_t bytes = 0;
};

// A key of the shapes the report sees (addresses of all lengths), plus the empty key,
// NUL bytes and keys longer than a cache line.
std::string RandomKey(std::mt19937_64* rng) {
  const uint64_t r = (*rng)();
  switch (r % 8) {
    case 0:
      return std::string();
    case 1:
      return std::string("a\0b", 3) + std::to_string(r % 97);
    case 2:
      return std::string(70 + r % 60, static_cast<char>('a' + r % 26)) + std::to_string(r % 13);
    default:
      return "user" + std::to_string(r % 5000) + "@example" + std::to_string(r % 7) + ".org";
  }
}

// Every entry of `flat` is in `expected` with the same value, and the sizes agree.
void ExpectSame(const FlatStringMap<Counts>& flat,
                const std::unordered_map<std::string, Counts>& expected) {
  ASSERT_EQ(flat.size(), expected.size());
  size_t visited = 0;
  flat.ForEach([&](std::string_view key, const Counts& v) {
    ++visited;
    auto it = expected.find(std::string(key));
    ASSERT_NE(it, expected.end()) << key;
    EXPECT_EQ(v.count, it->second.count) << key;
    EXPECT_EQ(v.bytes, it->second.bytes) << key;
  });
  EXPECT_EQ(visited, expected.size());
  for (const auto& [key, v] : expected) {
    const Counts* found = flat.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(found->count, v.count) << key;
  }
}

TEST(FlatStringMap, AgreesWithUnorderedMapThroughGrowthAndRetain) {
  std::mt19937_64 rng(7);
  FlatStringMap<Counts> flat;
  std::unordered_map<std::string, Counts> expected;
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 30000; ++i) {
      const std::string key = RandomKey(&rng);
      Counts& c = flat.FindOrInsert(key);
      ++c.count;
      c.bytes += i;
      Counts& e = expected[key];
      ++e.count;
      e.bytes += i;
    }
    ExpectSame(flat, expected);
    // Keys that were never inserted are absent.
    EXPECT_EQ(flat.Find("user5000@example0.org"), nullptr);
    EXPECT_EQ(flat.Find(std::string("a\0b", 3) + "97"), nullptr);
    // Keep the busier half; the survivors keep their values and stay findable.
    const int64_t cut = round + 2;
    flat.Retain([&](std::string_view, const Counts& v) { return v.count >= cut; });
    for (auto it = expected.begin(); it != expected.end();) {
      it = it->second.count >= cut ? std::next(it) : expected.erase(it);
    }
    ExpectSame(flat, expected);
  }
}

TEST(FlatStringMap, VisitsInInsertionOrderAndValueInitializes) {
  FlatStringMap<Counts> flat;
  const std::vector<std::string> keys = {"zeta", "", "alpha", std::string(40, 'x'), "beta"};
  for (const std::string& k : keys) EXPECT_EQ(flat.FindOrInsert(k).count, 0);
  for (const std::string& k : keys) flat.FindOrInsert(k).count += 1;  // found, not inserted
  std::vector<std::string> seen;
  flat.ForEach([&](std::string_view key, const Counts& v) {
    seen.emplace_back(key);
    EXPECT_EQ(v.count, 1);
  });
  EXPECT_EQ(seen, keys);
  flat.Retain([](std::string_view key, const Counts&) { return key.size() != 4; });
  seen.clear();
  flat.ForEach([&](std::string_view key, const Counts&) { seen.emplace_back(key); });
  EXPECT_EQ(seen, (std::vector<std::string>{"", "alpha", std::string(40, 'x')}));
  EXPECT_EQ(flat.Find("zeta"), nullptr);
  ASSERT_NE(flat.Find(""), nullptr);
}

TEST(FlatStringMap, EmptyMapFindsNothingAndRetainsNothing) {
  FlatStringMap<Counts> flat;
  EXPECT_TRUE(flat.empty());
  EXPECT_EQ(flat.Find("x"), nullptr);
  EXPECT_EQ(flat.Find(""), nullptr);
  flat.Retain([](std::string_view, const Counts&) { return true; });
  EXPECT_EQ(flat.size(), 0u);
  flat.FindOrInsert("x").bytes = 5;
  EXPECT_EQ(flat.Find("x")->bytes, 5);
}

}  // namespace
}  // namespace mailwhy
