// Tests for matcher: scanning, regex checks, and the compiled database's cache (a cached
// database must scan exactly like a freshly compiled one, and a damaged one is rebuilt).
#include "diagnose/matcher.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "util/cache_dir_testing.h"

namespace mailwhy {
namespace {

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(cache_.ok()); }
  std::vector<std::string> CacheFiles() const { return cache_.Files(); }

  struct Ids {
    uint32_t unknown, ordered, regex;
  };
  static Ids AddPatterns(Matcher* m, const std::string& extra = "") {
    Ids ids;
    ids.unknown = m->AddLiteral("user unknown");
    ids.ordered = m->AddOrdered({"mailbox", "full"});
    ids.regex = m->AddRegex("5\\.7\\.2[0-9]");
    if (!extra.empty()) m->AddLiteral(extra);
    return ids;
  }
  static void ExpectScans(const Matcher& m, const Ids& ids) {
    PatternBits bits;
    m.Scan("550 5.1.1 user unknown", &bits);
    EXPECT_TRUE(bits.Test(ids.unknown));
    EXPECT_FALSE(bits.Test(ids.ordered));
    m.Scan("552 mailbox is full, 5.7.26", &bits);  // texts come normalised (lower case)
    EXPECT_FALSE(bits.Test(ids.unknown));
    EXPECT_TRUE(bits.Test(ids.ordered));
    EXPECT_TRUE(bits.Test(ids.regex));
    m.Scan("full mailbox", &bits);  // order matters
    EXPECT_FALSE(bits.Test(ids.ordered));
  }

  ScopedCacheDir cache_;
};

TEST(PatternBits, ForEachSetVisitsEverySetIdInOrder) {
  PatternBits bits;
  bits.Reset(200);
  const std::vector<uint32_t> set = {0, 1, 63, 64, 65, 127, 128, 199};
  for (uint32_t id : set) bits.Set(id);
  std::vector<uint32_t> seen;
  bits.ForEachSet([&](uint32_t id) { seen.push_back(id); });
  EXPECT_EQ(seen, set);
}

TEST_F(MatcherTest, SamePhraseIsOnePattern) {
  Matcher m;
  EXPECT_EQ(m.AddLiteral("user unknown"), m.AddLiteral("user unknown"));
  EXPECT_NE(m.AddLiteral("user unknown"), m.AddRegex("user unknown"));
  EXPECT_EQ(m.size(), 2u);
}

TEST_F(MatcherTest, SecondCompileComesFromTheCacheAndScansAlike) {
  Matcher first;
  Ids ids = AddPatterns(&first);
  ASSERT_TRUE(first.Compile().ok());
  EXPECT_FALSE(first.from_cache());
  ExpectScans(first, ids);
  ASSERT_EQ(CacheFiles().size(), 1u);

  Matcher second;
  EXPECT_EQ(AddPatterns(&second).regex, ids.regex);
  ASSERT_TRUE(second.Compile().ok());
  EXPECT_TRUE(second.from_cache());
  ExpectScans(second, ids);

  Matcher other;  // other patterns: another file, never the first one's database
  AddPatterns(&other, "relay access denied");
  ASSERT_TRUE(other.Compile().ok());
  EXPECT_FALSE(other.from_cache());
  EXPECT_EQ(CacheFiles().size(), 2u);
}

TEST_F(MatcherTest, DamagedCacheIsRebuilt) {
  {
    Matcher m;
    AddPatterns(&m);
    ASSERT_TRUE(m.Compile().ok());
  }
  std::vector<std::string> files = CacheFiles();
  ASSERT_EQ(files.size(), 1u);
  std::string path = cache_.path() + "/" + files[0];
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.put('\x5a');
  }
  Matcher m;
  Ids ids = AddPatterns(&m);
  ASSERT_TRUE(m.Compile().ok());
  EXPECT_FALSE(m.from_cache());
  ExpectScans(m, ids);
  Matcher again;  // the rebuild replaced the damaged file
  AddPatterns(&again);
  ASSERT_TRUE(again.Compile().ok());
  EXPECT_TRUE(again.from_cache());
}

TEST_F(MatcherTest, WorksWithTheCacheOff) {
  ::setenv("MAILWHY_CACHE_DIR", "off", 1);
  Matcher m;
  Ids ids = AddPatterns(&m);
  ASSERT_TRUE(m.Compile().ok());
  EXPECT_FALSE(m.from_cache());
  ExpectScans(m, ids);
  EXPECT_TRUE(CacheFiles().empty());
}

TEST_F(MatcherTest, CheckRegexRejectsWhatHyperscanCannotRun) {
  EXPECT_TRUE(Matcher::CheckRegex("user (unknown|not found)").ok());
  EXPECT_FALSE(Matcher::CheckRegex("(unclosed").ok());
  EXPECT_FALSE(Matcher::CheckRegex("(a)\\1").ok());        // back-reference
  EXPECT_FALSE(Matcher::CheckRegex("foo(?=bar)").ok());    // look-ahead
}

}  // namespace
}  // namespace mailwhy
