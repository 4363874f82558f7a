// NAME
//   testing - what every mailwhy test shares: where ../shared is, and the binary's path
// DESCRIPTION
//   Tests read the corpora in ../shared in place. A user's clone has no ../shared: there a
//   test that needs it is skipped with a message naming what is missing. Under CI
//   (CI=true) a missing ../shared fails the test, so a broken path never passes silently.
//
//   MAILWHY_REQUIRE_SHARED(var, rel) declares std::string var = the path of ../shared/rel,
//   or skips (fails under CI) the current test.
#ifndef MAILWHY_TESTS_TESTING_H_
#define MAILWHY_TESTS_TESTING_H_

#include <string>

#include <gtest/gtest.h>

namespace mailwhy::testing {

// ../shared/<rel> if it exists, "" otherwise.
std::string SharedPath(const std::string& rel);
// True when running under CI (CI=true), where missing data is an error.
bool UnderCi();
// The project's source directory and the built binary.
std::string SourcePath(const std::string& rel);
std::string BinaryPath();
// Reads a whole file; fails the test when it cannot.
std::string ReadFile(const std::string& path);
// Runs a shell command, returns its exit status and its standard output.
int RunCommand(const std::string& cmd, std::string* out);

}  // namespace mailwhy::testing

#define MAILWHY_REQUIRE_SHARED(var, rel)                                                \
  std::string var = ::mailwhy::testing::SharedPath(rel);                                 \
  if (var.empty()) {                                                                     \
    if (::mailwhy::testing::UnderCi()) {                                                 \
      FAIL() << "../shared/" << (rel) << " is missing (required under CI=true)";         \
    }                                                                                    \
    GTEST_SKIP() << "../shared/" << (rel) << " is missing: corpus test skipped";         \
  }

#endif  // MAILWHY_TESTS_TESTING_H_
