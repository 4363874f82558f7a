// NAME
//   report_testing - run a log text through the whole pipeline into a report, for tests
// DESCRIPTION
//   BuildReportFromLog() writes the text to a temporary file, reads it with ReadLogs()
//   (year 2022 for BSD stamps) into a ReportBuilder that diagnoses with the built-in
//   rules, and returns the aggregates. The rules are compiled once per test binary.
//   Test-only: nothing in the library includes it.
#ifndef MAILWHY_REPORT_REPORT_TESTING_H_
#define MAILWHY_REPORT_REPORT_TESTING_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"
#include "journey/log_reader.h"
#include "report/report_builder.h"

namespace mailwhy::report_testing {

// Writes `text` to a new temporary file and returns its path ("" on failure).
inline std::string WriteTempLog(const std::string& text) {
  std::string path = ::testing::TempDir() + "report_XXXXXX";
  std::vector<char> buf(path.begin(), path.end());
  buf.push_back('\0');
  int fd = mkstemp(buf.data());
  if (fd < 0) return std::string();
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  return std::string(buf.data());
}

inline ReportData BuildReportFromLog(const std::string& text, const ReportOptions& options = {}) {
  std::string path = WriteTempLog(text);
  EXPECT_FALSE(path.empty());
  ReportBuilder builder(options, BuiltInClassifier().get());
  LogReadOptions lo;
  lo.forced_year = 2022;
  LogReadStats stats;
  Status s = ReadLogs({path}, lo, &builder, &stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  builder.Finish();
  builder.AddReadStats(stats);
  std::remove(path.c_str());
  return builder.data();
}

}  // namespace mailwhy::report_testing

#endif  // MAILWHY_REPORT_REPORT_TESTING_H_
