// Tests for cache_file: what is written reads back, and nothing damaged, foreign or
// misplaced is ever taken as valid.
#include "util/cache_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "util/cache_dir_testing.h"

namespace mailwhy {
namespace {

// A fresh cache directory per test, one level deeper than the temporary directory so
// that its creation is tested too.
class CacheFileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(cache_.ok()); }
  std::string Slurp(const std::string& name) {
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  void Overwrite(const std::string& name, const std::string& bytes) {
    std::ofstream out(dir_ + "/" + name, std::ios::binary | std::ios::trunc);
    out << bytes;
  }

  ScopedCacheDir cache_{"sub/cache"};  // created on first use
  const std::string& root_ = cache_.root();
  const std::string& dir_ = cache_.path();
};

TEST(FingerprintTest, DependsOnEveryValueAndItsBoundaries) {
  Fingerprint a, b, c, d;
  a.Add("ab");
  a.Add("c");
  b.Add("a");
  b.Add("bc");
  c.Add("ab");
  c.Add("c");
  d.Add("ab");
  d.Add("d");
  EXPECT_NE(a.value(), b.value());
  EXPECT_EQ(a.value(), c.value());
  EXPECT_NE(a.value(), d.value());
  EXPECT_EQ(a.Hex().size(), 16u);
  EXPECT_EQ(a.Hex().find_first_not_of("0123456789abcdef"), std::string::npos);
  Fingerprint long1, long2;  // a change past the first 8-byte word counts too
  long1.Add(std::string(100, 'x') + "1");
  long2.Add(std::string(100, 'x') + "2");
  EXPECT_NE(long1.value(), long2.value());
}

TEST_F(CacheFileTest, WhatIsWrittenReadsBack) {
  std::string payload("binary\0data\xff", 12);
  WriteCacheFile("patterns-1.hsdb", payload);
  std::string got;
  ASSERT_TRUE(ReadCacheFile("patterns-1.hsdb", &got));
  EXPECT_EQ(got, payload);
  struct stat st;
  ASSERT_EQ(::stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_FALSE(ReadCacheFile("patterns-2.hsdb", &got));
  EXPECT_TRUE(got.empty());
}

TEST_F(CacheFileTest, DamagedFilesAreNotValid) {
  WriteCacheFile("patterns-1.hsdb", "some payload bytes");
  std::string good = Slurp("patterns-1.hsdb");
  std::string got;

  std::string flipped = good;
  flipped.back() ^= 1;
  Overwrite("patterns-1.hsdb", flipped);
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));

  Overwrite("patterns-1.hsdb", good.substr(0, good.size() - 3));  // truncated
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));

  Overwrite("patterns-1.hsdb", good.substr(0, 10));  // shorter than the header
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));

  Overwrite("patterns-1.hsdb", "XX" + good.substr(2));  // another magic
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));

  WriteCacheFile("patterns-1.hsdb", "some payload bytes");  // a write replaces it
  EXPECT_TRUE(ReadCacheFile("patterns-1.hsdb", &got));
}

TEST_F(CacheFileTest, FilesOthersMayWriteAreNotUsed) {
  WriteCacheFile("patterns-1.hsdb", "payload");
  std::string got;
  ASSERT_EQ(::chmod((dir_ + "/patterns-1.hsdb").c_str(), 0666), 0);
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));
  ASSERT_EQ(::chmod((dir_ + "/patterns-1.hsdb").c_str(), 0600), 0);
  EXPECT_TRUE(ReadCacheFile("patterns-1.hsdb", &got));
  ASSERT_EQ(::chmod(dir_.c_str(), 0777), 0);  // a directory others may write
  EXPECT_EQ(CacheDirectory(), "");
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));
  ::chmod(dir_.c_str(), 0700);
}

TEST_F(CacheFileTest, NamesWithSlashesOrDotsAreRefused) {
  WriteCacheFile("../escape", "x");
  WriteCacheFile(".hidden", "x");
  struct stat st;
  EXPECT_NE(::stat((root_ + "/sub/escape").c_str(), &st), 0);
  std::string got;
  EXPECT_FALSE(ReadCacheFile("../escape", &got));
  EXPECT_FALSE(ReadCacheFile(".hidden", &got));
}

TEST_F(CacheFileTest, OffMeansNoDirectoryAndNoFiles) {
  ::setenv("MAILWHY_CACHE_DIR", "off", 1);
  EXPECT_EQ(CacheDirectory(), "");
  WriteCacheFile("patterns-1.hsdb", "x");
  std::string got;
  EXPECT_FALSE(ReadCacheFile("patterns-1.hsdb", &got));
  struct stat st;
  EXPECT_NE(::stat(dir_.c_str(), &st), 0);
}

TEST_F(CacheFileTest, OnlyTheNewestFilesOfAPrefixAreKept) {
  for (size_t i = 0; i < kKeepPerPrefix + 3; ++i) {
    WriteCacheFile("patterns-" + std::to_string(i) + ".hsdb", "p" + std::to_string(i));
    WriteCacheFile("other-" + std::to_string(i), "o");
    ::usleep(2000);  // distinct modification times
  }
  std::string got;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_FALSE(ReadCacheFile("patterns-" + std::to_string(i) + ".hsdb", &got)) << i;
  }
  for (size_t i = 3; i < kKeepPerPrefix + 3; ++i) {
    EXPECT_TRUE(ReadCacheFile("patterns-" + std::to_string(i) + ".hsdb", &got)) << i;
  }
  EXPECT_FALSE(ReadCacheFile("other-0", &got));  // pruned within its own prefix
  EXPECT_TRUE(ReadCacheFile("other-10", &got));
}

}  // namespace
}  // namespace mailwhy
