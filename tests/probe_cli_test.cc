// probe_cli_test - `mailwhy probe smtp` and `mailwhy probe domain` as a user runs them:
// exit codes, --json, --lang, --dns-server, against servers on 127.0.0.1 that the test
// starts (a scripted SMTP server, dnsmasq with tests/probe_rig/zones.conf) and stops.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "probe/probe_testing.h"
#include "testing.h"

namespace mailwhy {
namespace {

using mailwhy::testing::BinaryPath;
using mailwhy::testing::RunCommand;
using probe_testing::ClosedPort;
using probe_testing::Dnsmasq;
using probe_testing::ScriptedServer;
using probe_testing::ServerConn;

int Mailwhy(const std::string& args, std::string* out) {
  return RunCommand("LANG=C " + BinaryPath() + " probe " + args + " 2>&1", out);
}

TEST(ProbeCli, SmtpRefusedConnection) {
  std::string out;
  int port = ClosedPort();
  EXPECT_EQ(Mailwhy("smtp 127.0.0.1:" + std::to_string(port) + " --json", &out), 1) << out;
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["v"], 1);
  EXPECT_EQ(j["probe"], "smtp");
  EXPECT_EQ(j["result"], "fail");
  EXPECT_EQ(j["checks"][1]["id"], "smtp.connect");
  EXPECT_EQ(j["checks"][1]["state"], "fail");
  EXPECT_EQ(j["checks"][1]["findings"][0]["id"], "probe.smtp.connect.refused");
  EXPECT_EQ(j["checks"][1]["findings"][0]["side"], "network");
  EXPECT_FALSE(j["checks"][1]["findings"][0]["remedies"].empty());
  EXPECT_EQ(j["checks"][2]["state"], "skipped");
}

TEST(ProbeCli, SmtpConversationInJapanese) {
  ScriptedServer server([](ServerConn& c) {
    c.Send("220 mx.test ESMTP\r\n");
    for (std::string l = c.ReadLine(); !l.empty(); l = c.ReadLine()) {
      if (l.rfind("EHLO", 0) == 0) c.Send("250-mx.test\r\n250-SIZE 1000\r\n250 8BITMIME\r\n");
      else if (l == "QUIT") return c.Send("221 Bye\r\n");
      else c.Send("502 no\r\n");
    }
  });
  std::string out;
  // Warnings only (no STARTTLS, no AUTH on a submission-like port): exit 0.
  EXPECT_EQ(Mailwhy("smtp 127.0.0.1:" + std::to_string(server.port()) + " --lang ja --timeout 3 --helo probe.test", &out), 0)
      << out;
  EXPECT_NE(out.find("STARTTLSが提示されていません"), std::string::npos) << out;
  EXPECT_NE(out.find("[probe.smtp.starttls.missing]"), std::string::npos);
  EXPECT_NE(out.find("221 Bye"), std::string::npos);
}

TEST(ProbeCli, BadArguments) {
  std::string out;
  EXPECT_EQ(Mailwhy("smtp 'mail.example.com:99999'", &out), 2);
  EXPECT_NE(out.find("bad port"), std::string::npos) << out;
  EXPECT_EQ(Mailwhy("domain example.com --ip 999.1.1.1 --dns-server 127.0.0.1:1", &out), 2);
  EXPECT_NE(out.find("not an IP address"), std::string::npos) << out;
  EXPECT_EQ(Mailwhy("domain example.com --dns-server nameserver", &out), 2);
  EXPECT_EQ(Mailwhy("", &out), 2);
}

TEST(ProbeCli, DomainThroughDnsmasq) {
  std::string dir = ::testing::TempDir() + "mailwhy-probe-cli-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  Dnsmasq dnsmasq;
  std::string error;
  if (!dnsmasq.Start(dir, testing::ReadFile(testing::SourcePath("tests/probe_rig/zones.conf")), &error)) {
    std::filesystem::remove_all(dir);
    if (testing::UnderCi()) FAIL() << error;
    GTEST_SKIP() << error;
  }
  std::string dns = " --dns-server " + dnsmasq.server();
  std::string out;
  int rc = Mailwhy("domain good.test --ip 192.0.2.10 --dnsbl bl.test --from info@good.test --json" + dns, &out);
  EXPECT_EQ(rc, 0) << out;
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["probe"], "domain");
  EXPECT_EQ(j["target"], "good.test");
  for (const auto& c : j["checks"]) {
    if (c["id"] == "domain.spf.ip") {
      EXPECT_EQ(c["data"]["result"], "pass");
      EXPECT_EQ(c["data"]["matched"], "ip4:192.0.2.0/28");
    }
  }
  EXPECT_EQ(Mailwhy("domain plusall.test --lang en" + dns, &out), 1);
  EXPECT_NE(out.find("ends in +all"), std::string::npos) << out;
  EXPECT_NE(out.find("[probe.domain.spf.pass-all]"), std::string::npos);
  dnsmasq.Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mailwhy
