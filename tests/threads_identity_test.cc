// NAME
//   threads_identity_test - every command prints the same bytes with 1, 2 and 3 threads
// DESCRIPTION
//   The read pipeline runs its stages in threads of their own (journey/log_reader.h), and
//   with two, the reading thread renders journeys ahead when the printing falls behind.
//   None of that may change a byte of output: each command runs over a generated log of a
//   few thousand messages (bench/gen_maillog, built with the project), enough for the
//   hand-over queues to fill, and its output with --threads 2 and 3 is compared with the
//   output of --threads 1.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing.h"

namespace mailwhy {
namespace {

class ThreadsIdentityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string bin = testing::BinaryPath();
    const std::string gen = bin.substr(0, bin.rfind('/')) + "/bench/gen_maillog";
    struct stat st;
    ASSERT_EQ(::stat(gen.c_str(), &st), 0) << gen << " is built with the project";
    // One file per process: ctest runs each test of this suite in a process of its own.
    log_ = ::testing::TempDir() + "threads-identity-" + std::to_string(getpid()) + ".log";
    std::string out;
    ASSERT_EQ(testing::RunCommand(gen + " --size-mb 3 --seed 5 --days 2 --quiet -o '" + log_ + "'", &out), 0);
  }

  // The command's standard output with --threads N; the exit status must be 0.
  static std::string Run(const std::string& args, int threads) {
    std::string out;
    const int status = testing::RunCommand(testing::BinaryPath() + " " + args + " --threads " +
                                               std::to_string(threads) + " '" + log_ + "'",
                                           &out);
    EXPECT_EQ(status, 0) << args << " --threads " << threads;
    return out;
  }

  static void ExpectSameForEveryThreadCount(const std::string& args) {
    const std::string one = Run(args, 1);
    EXPECT_GT(one.size(), 10000u) << args << ": too little output to compare";
    for (int threads : {2, 3}) {
      const std::string other = Run(args, threads);
      EXPECT_EQ(one.size(), other.size()) << args << " --threads " << threads;
      EXPECT_TRUE(one == other) << args << " --threads " << threads << " differs from --threads 1";
    }
  }

  static void TearDownTestSuite() { std::remove(log_.c_str()); }

  static std::string log_;
};

std::string ThreadsIdentityTest::log_;

TEST_F(ThreadsIdentityTest, JourneysJson) { ExpectSameForEveryThreadCount("journeys --json --lang en"); }

TEST_F(ThreadsIdentityTest, JourneysText) { ExpectSameForEveryThreadCount("journeys --lang ja --color never"); }

TEST_F(ThreadsIdentityTest, ReportJsonAndText) {
  ExpectSameForEveryThreadCount("report --json --lang en");
  ExpectSameForEveryThreadCount("report --lang en --color never");
}

TEST_F(ThreadsIdentityTest, WhyBounced) { ExpectSameForEveryThreadCount("why --status bounced --lang en --color never"); }

}  // namespace
}  // namespace mailwhy
