// why_command_test - `mailwhy why` as a user runs it: flags, time forms, outputs, near
// misses, escaping and exit codes, on the bundled example log (examples/README.md says
// what each queue ID in it is) and on logs written by the test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "testing.h"

namespace mailwhy {
namespace {

using mailwhy::testing::BinaryPath;
using mailwhy::testing::RunCommand;
using mailwhy::testing::SourcePath;

std::string Example() { return SourcePath("examples/seed-cases.log"); }

// Runs `mailwhy why ARGS` with a fixed environment; returns the exit code.
int Why(const std::string& args, std::string* out, const std::string& env = "LANG=C TZ=UTC") {
  return RunCommand(env + " " + BinaryPath() + " why " + args + " 2>&1", out);
}

TEST(WhyCommand, Seed004FindsTheMessageBySenderRecipientAndTime) {
  std::string out;
  int rc = Why("--year 2022 --from tu@example.com --to tu@example.net --at '2022-12-05 18:38' "
               "--around 5m " + Example(), &out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("8B84D8D1CF"), std::string::npos) << out;
  EXPECT_EQ(out.find("9C95E9E2D0"), std::string::npos) << "18:52 is outside ±5m:\n" << out;
  EXPECT_NE(out.find("queued as EEC702AAC0E"), std::string::npos);
  EXPECT_NE(out.find("delivered"), std::string::npos);
}

TEST(WhyCommand, JsonCarriesJourneysWithVerdicts) {
  std::string out;
  int rc = Why("--json --year 2022 --to monikura_test@gmail.com " + Example(), &out);
  ASSERT_EQ(rc, 0) << out;
  int journeys = 0;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j["v"], 1);
    EXPECT_EQ(j["type"], "journey");
    const auto& v = j["recipients"][0]["verdict"];
    ASSERT_TRUE(v.is_object()) << line;
    if (j["qid"] == "B223C45671D") {
      EXPECT_EQ(v["reason"], "authfailure");   // CASES.md 03
      EXPECT_EQ(v["class"], "permanent");
      EXPECT_EQ(v["provider"], "gmail");
    } else if (j["qid"] == "C323D45672E") {
      EXPECT_EQ(v["reason"], "notcompliantrfc");  // CASES.md 04
      EXPECT_EQ(j["message_id"], "<>");
      bool empty_id_finding = false;
      for (const auto& f : j["findings"]) empty_id_finding = empty_id_finding || f["id"] == "journey.empty-message-id";
      EXPECT_TRUE(empty_id_finding) << line;
    }
    ++journeys;
  }
  EXPECT_EQ(journeys, 2);
}

TEST(WhyCommand, EachFilterSelects) {
  struct Case {
    const char* args;
    const char* want;       // a queue ID that must be there
    const char* not_want;   // one that must not
  } cases[] = {
      {"--qid ad06faf3e1", "AD06FAF3E1", "8B84D8D1CF"},
      {"--msgid '<20221205091201.A123B45670C@monikura.rei.com>'", "A123B45670C", "B223C45671D"},
      {"--client 198.51.100.100", "8B84D8D1CF", "A123B45670C"},
      {"--status deferred", "A123B45670C", "8B84D8D1CF"},
      {"--reason authfailure", "B223C45671D", "C323D45672E"},
      {"--from example.com", "8B84D8D1CF", "B223C45671D"},
      {"--to '<TU@EXAMPLE.NET>'", "9C95E9E2D0", "A123B45670C"},
      {"--since '2022-12-05 18:00' --until '2022-12-05 19:00'", "8B84D8D1CF", "A123B45670C"},
  };
  for (const Case& c : cases) {
    std::string out;
    int rc = Why(std::string("--year 2022 --no-evidence ") + c.args + " " + Example(), &out);
    EXPECT_EQ(rc, 0) << c.args << "\n" << out;
    EXPECT_NE(out.find(c.want), std::string::npos) << c.args << "\n" << out;
    EXPECT_EQ(out.find(c.not_want), std::string::npos) << c.args << "\n" << out;
  }
}

TEST(WhyCommand, NothingFoundSaysWhatWasSearchedAndWhatCameClose) {
  std::string out;
  int rc = Why("--year 2022 --to tu@example.nt " + Example(), &out);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("No message found"), std::string::npos) << out;
  EXPECT_NE(out.find("seed-cases.log"), std::string::npos) << out;
  EXPECT_NE(out.find("Did you mean --to tu@example.net"), std::string::npos) << out;

  rc = Why("--year 2022 --to tu@example.net --at '2022-12-09 09:00' --around 10m " + Example(), &out);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("outside the time window"), std::string::npos) << out;
  EXPECT_NE(out.find("8B84D8D1CF"), std::string::npos) << out;

  rc = Why("--year 2022 --to test@monikura.rei.com --status bounced " + Example(), &out);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("Refused at connection time"), std::string::npos) << out;
  EXPECT_NE(out.find("sbl-xbl.spamhaus.org"), std::string::npos) << out;
}

TEST(WhyCommand, BadInputExitsTwoWithAClearMessage) {
  std::string out;
  EXPECT_EQ(Why("--to a@b --at 'half past nine' " + Example(), &out), 2);
  EXPECT_NE(out.find("cannot read the time 'half past nine'"), std::string::npos) << out;
  EXPECT_EQ(Why(Example(), &out), 2);
  EXPECT_NE(out.find("say what you know"), std::string::npos) << out;
  EXPECT_EQ(Why("--to a@b /nonexistent/mail.log", &out), 2);
  EXPECT_NE(out.find("/nonexistent/mail.log"), std::string::npos) << out;
  EXPECT_EQ(Why("--to a@b --status lost " + Example(), &out), 2);
}

class WhyWithLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mailwhy-why-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  std::string Write(const std::string& text) {
    std::string path = dir_ + "/mail.log";
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string dir_;
};

// --rules takes one directory: the log file after it is still the log file, and a bad
// rule file is reported by name (before, CLI11 took every following word as a rule
// directory and the command said no log file was given).
TEST_F(WhyWithLogTest, RulesOptionTakesOneDirectoryEachTime) {
  const std::string good = dir_ + "/good", bad = dir_ + "/bad";
  ASSERT_EQ(std::system(("mkdir -p " + good + " " + bad).c_str()), 0);
  std::ofstream(bad + "/99-bad.toml") << "[[rule]]\nid = \"x\"\nbroken =\n";
  std::string out;
  EXPECT_EQ(Why("--year 2022 --to tu@example.net --rules " + bad + " " + Example(), &out), 2);
  EXPECT_NE(out.find("99-bad.toml:3"), std::string::npos) << out;
  EXPECT_EQ(out.find("no log file"), std::string::npos) << out;
  EXPECT_EQ(Why("--year 2022 --to tu@example.net --rules " + good + " --rules " + good + " " +
                    Example(), &out), 0) << out;
  EXPECT_NE(out.find("8B84D8D1CF"), std::string::npos) << out;
  // report loads the rules while it reads (and stops reading when they fail): the error
  // is the same, and no report is printed.
  EXPECT_EQ(RunCommand("LANG=C " + BinaryPath() + " report --year 2022 --rules " + bad + " " +
                           Example() + " 2>&1",
                       &out),
            2);
  EXPECT_NE(out.find("99-bad.toml:3"), std::string::npos) << out;
  EXPECT_EQ(out.find("Grand Totals"), std::string::npos) << out;
}

// RFC 3339 stamp `ago` seconds before now, in UTC.
std::string StampAgo(int ago) {
  time_t t = time(nullptr) - ago;
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[40];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

TEST_F(WhyWithLogTest, RelativeTimesAreReadAgainstNow) {
  std::string s = StampAgo(3600);
  std::string log =
      s + " mx postfix/qmgr[1]: 4F2A01C3D2: from=<a@example.org>, size=10, nrcpt=1 (queue active)\n" +
      s + " mx postfix/smtp[2]: 4F2A01C3D2: to=<bob@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.1] said: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n" +
      s + " mx postfix/qmgr[1]: 4F2A01C3D2: removed\n";
  std::string path = Write(log);
  std::string out;
  EXPECT_EQ(Why("--to bob@example.net --at -1h " + path, &out), 0) << out;
  EXPECT_EQ(Why("--to bob@example.net --since -2h " + path, &out), 0) << out;
  EXPECT_EQ(Why("--to bob@example.net --since -30m " + path, &out), 1) << out;
  EXPECT_EQ(Why("--to bob@example.net --since yesterday " + path, &out), 0) << out;
  EXPECT_NE(out.find("userunknown"), std::string::npos) << out;
}

TEST_F(WhyWithLogTest, HostileLogTextIsEscapedOnTheTerminal) {
  std::string log =
      "2026-11-20T10:00:00+00:00 mx postfix/qmgr[1]: 4F2A01C3D2: from=<a@example.org>, size=10, nrcpt=1 (queue active)\n"
      "2026-11-20T10:00:01+00:00 mx postfix/smtp[2]: 4F2A01C3D2: to=<bob@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.0.0, status=bounced (host mx.example.net[192.0.2.1] said: 550 \x1b]0;pwned\x07\x1b[2J gone (in reply to RCPT TO command))\n";
  std::string path = Write(log);
  std::string out;
  ASSERT_EQ(Why("--to bob@example.net --color never " + path, &out), 0) << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << "raw escape reached the terminal";
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_NE(out.find("\\x1b]0;pwned\\x07"), std::string::npos) << out;
  ASSERT_EQ(Why("--to bob@example.net --color always " + path, &out), 0);
  EXPECT_NE(out.find("\x1b[1m"), std::string::npos) << "--color always adds bold";
}

TEST(WhyCommand, JapaneseWhenAsked) {
  std::string out;
  int rc = Why("--year 2022 --no-evidence --to test@monikura.rei.jp " + Example(), &out, "LANG=ja_JP.UTF-8 TZ=UTC");
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("キュー"), std::string::npos) << out;
  rc = Why("--year 2022 --no-evidence --lang en --to test@monikura.rei.jp " + Example(), &out, "LANG=ja_JP.UTF-8 TZ=UTC");
  EXPECT_EQ(out.find("キュー"), std::string::npos) << out;
}

}  // namespace
}  // namespace mailwhy
