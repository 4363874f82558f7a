// report_problems_test - pflogsumm's "Messages with no size data" and its Warnings / Fatal
// Errors / Panics / Master sections (one "problems" section, grouped by kind, per text).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "testing.h"

namespace mailwhy {
namespace {

TEST(ReportProblems, WarningsFatalErrorsAndMasterMessagesAreListed) {
  char tmpl[] = "/tmp/mailwhy-problems-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string path = std::string(tmpl) + "/mail.log";
  std::ofstream(path) <<
      "Dec  7 13:28:01 mail postfix/smtpd[1]: warning: hostname x.example does not resolve to address 192.0.2.1\n"
      "Dec  7 13:28:02 mail postfix/smtpd[1]: warning: hostname x.example does not resolve to address 192.0.2.1\n"
      "Dec  7 13:28:03 mail postfix/master[9]: daemon started -- version 3.7.11, configuration /etc/postfix\n"
      "Dec  7 13:28:04 mail postfix/sendmail[7]: fatal: root(0): message file too big\n"
      "Dec  7 13:28:05 mail postfix/qmgr[3]: panic: myfree: corrupt or unallocated memory block\n"
      // delivered, but its qmgr line (with size=) was in an older log: no size data
      "Dec  7 13:28:06 mail postfix/smtp[8]: A17F830001CA: to=<r@example.com>, relay=mx.example.com[198.51.100.3]:25, delay=0.75, delays=0/0.03/0.66/0.06, dsn=2.0.0, status=sent (250 ok)\n"
      "Dec  7 13:28:06 mail postfix/qmgr[3]: A17F830001CA: removed\n";
  std::string out;
  int rc = testing::RunCommand(testing::BinaryPath() + " report --json " + path, &out);
  std::system((std::string("rm -rf ") + tmpl).c_str());
  ASSERT_EQ(rc, 0) << out;
  std::istringstream lines(out);
  std::string line;
  bool found = false, no_size = false;
  while (std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["section"] == "no_size") {
      ASSERT_EQ(j["rows"].size(), 1u) << line;
      EXPECT_EQ(j["rows"][0]["message"], "A17F830001CA (mail)");
      EXPECT_EQ(j["rows"][0]["text"], "r@example.com");
      no_size = true;
    }
    if (j["section"] != "problems") continue;
    found = true;
    std::map<std::string, int> by_kind;
    for (const auto& row : j["rows"]) by_kind[row["kind"]] += row["count"].get<int>();
    EXPECT_EQ(by_kind["warning (smtpd)"], 2);
    EXPECT_EQ(by_kind["fatal (sendmail)"], 1);
    EXPECT_EQ(by_kind["panic (qmgr)"], 1);
    EXPECT_EQ(by_kind["master"], 1);
  }
  EXPECT_TRUE(found) << out;
  EXPECT_TRUE(no_size) << out;
}

}  // namespace
}  // namespace mailwhy
