// bounce_cli_test - `mailwhy bounce` and `mailwhy queue` as a user runs them: exit codes,
// the NDJSON fields of docs/FORMATS.md, mbox indexes, languages, standard input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "testing.h"

namespace mailwhy {
namespace {

using nlohmann::json;

std::string Dir() {
  static std::string d = [] {
    char tmpl[] = "/tmp/mailwhy-bounce-cli-XXXXXX";
    char* p = mkdtemp(tmpl);
    return std::string(p ? p : "/tmp");
  }();
  return d;
}

std::string Write(const std::string& name, const std::string& text) {
  std::string p = Dir() + "/" + name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string Mw(const std::string& args) { return testing::BinaryPath() + " " + args; }

const char kBounce[] =
    "From: MAILER-DAEMON@mx.example.jp (Mail Delivery System)\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "Date: Thu, 29 Apr 2021 23:45:32 +0900\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
    "--B\r\nContent-Type: text/plain\r\n\r\nThis is the mail system at host mx.example.jp.\r\n\r\n"
    "                   The mail system\r\n\r\n"
    "<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <bob@example.net>:\r\n"
    "    Recipient address rejected: User unknown in local recipient table (in reply to\r\n"
    "    RCPT TO command)\r\n\r\n"
    "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.jp\r\n\r\n"
    "Final-Recipient: rfc822; bob@example.net\r\nOriginal-Recipient: rfc822; alias@example.net\r\n"
    "Action: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.net\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in local\r\n"
    "    recipient table\r\n\r\n"
    "--B\r\nContent-Type: message/rfc822\r\n\r\n"
    "Message-ID: <20210429.1@example.jp>\r\nSubject: =?UTF-8?B?44GT44KT44Gr44Gh44Gv?=\r\n"
    "Date: Thu, 29 Apr 2021 23:45:00 +0900\r\nFrom: alice@example.jp\r\nTo: alias@example.net\r\n\r\nhi\r\n--B--\r\n";

TEST(BounceCommand, JsonRecordHasTheContractFields) {
  std::string file = Write("one.eml", kBounce);
  std::string out;
  ASSERT_EQ(testing::RunCommand(Mw("bounce --json --lang en " + file), &out), 0) << out;
  json j = json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(j["v"], 1);
  EXPECT_EQ(j["type"], "bounce");
  EXPECT_EQ(j["file"], file);
  EXPECT_TRUE(j["index"].is_null());
  EXPECT_EQ(j["format"], "postfix");
  EXPECT_EQ(j["recipient"], "bob@example.net");
  EXPECT_EQ(j["original_recipient"], "alias@example.net");
  EXPECT_EQ(j["action"], "failed");
  EXPECT_EQ(j["status"], "5.1.1");
  EXPECT_EQ(j["reply_code"], 550);
  EXPECT_EQ(j["command"], "RCPT TO");
  EXPECT_EQ(j["remote_mta"], "mx.example.net");
  EXPECT_EQ(j["diagnostic_type"], "smtp");
  EXPECT_EQ(j["original"]["message_id"], "<20210429.1@example.jp>");
  EXPECT_EQ(j["original"]["subject"], "こんにちは");
  EXPECT_EQ(j["original"]["date"], "Thu, 29 Apr 2021 23:45:00 +0900");
  EXPECT_EQ(j["notice"]["subject"], "Undelivered Mail Returned to Sender");
  EXPECT_EQ(j["verdict"]["reason"], "userunknown");
  EXPECT_EQ(j["verdict"]["class"], "permanent");
  EXPECT_TRUE(j["feedback_type"].is_null());
}

TEST(BounceCommand, MboxIndexesAndTextInJapanese) {
  std::string lf = kBounce;
  for (size_t p; (p = lf.find("\r\n")) != std::string::npos;) lf.replace(p, 2, "\n");
  std::string box = Write("box", "From MAILER-DAEMON Thu Apr 29 23:45:32 2021\n" + lf +
                                     "\nFrom MAILER-DAEMON Thu Apr 29 23:46:00 2021\n" + lf);
  std::string out;
  ASSERT_EQ(testing::RunCommand(Mw("bounce --json " + box), &out), 0);
  size_t nl = out.find('\n');
  EXPECT_EQ(json::parse(out.substr(0, nl))["index"], 1);
  EXPECT_EQ(json::parse(out.substr(nl + 1, out.find('\n', nl + 1) - nl - 1))["index"], 2);

  ASSERT_EQ(testing::RunCommand(Mw("bounce --lang ja --color never " + box), &out), 0);
  EXPECT_NE(out.find("宛先"), std::string::npos) << out;
  EXPECT_NE(out.find("bob@example.net"), std::string::npos);
}

TEST(BounceCommand, NotABounceAndUnreadableInput) {
  std::string plain = Write("plain.eml", "From: a@example.jp\nSubject: lunch\n\nnoon?\n");
  std::string out;
  EXPECT_EQ(testing::RunCommand(Mw("bounce " + plain + " 2>&1"), &out), 1);
  EXPECT_NE(out.find("not a bounce"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(Mw("bounce " + Dir() + "/no-such-file.eml 2>&1"), &out), 2);
  EXPECT_NE(out.find("no-such-file.eml"), std::string::npos) << out;
}

TEST(BounceCommand, StandardInput) {
  std::string file = Write("stdin.eml", kBounce);
  std::string out;
  EXPECT_EQ(testing::RunCommand(Mw("bounce --json - < " + file), &out), 0);
  EXPECT_NE(out.find("\"file\":\"-\""), std::string::npos) << out;
}

const char kPostqueue[] =
    "{\"queue_name\": \"deferred\", \"queue_id\": \"366815BF0A\", \"arrival_time\": 1703223523, "
    "\"message_size\": 2134, \"forced_expire\": false, \"sender\": \"hoge@example.net\", \"recipients\": "
    "[{\"address\": \"taro@example.com\", \"delay_reason\": \"host ml.example.com[210.172.140.106] said: 450 "
    "Rcpt to <taro@example.com> \\u2013 Temporary local problem \\u2013 I said try later (in reply to RCPT TO command)\"}]}\n"
    "{\"queue_name\": \"deferred\", \"queue_id\": \"4F2A01C3D2\", \"arrival_time\": 1703300000, "
    "\"message_size\": 900, \"forced_expire\": false, \"sender\": \"\", \"recipients\": "
    "[{\"address\": \"a@example.org\", \"delay_reason\": \"connect to mx.example.org[192.0.2.1]:25: Connection timed out\"}, "
    "{\"address\": \"b@example.org\", \"delay_reason\": \"connect to mx.example.org[192.0.2.1]:25: Connection timed out\"}]}\n";

TEST(QueueCommand, PostqueueJsonToNdjson) {
  std::string file = Write("queue.json", kPostqueue);
  std::string out;
  ASSERT_EQ(testing::RunCommand(Mw("queue --json --now '2023-12-23 10:00' " + file), &out), 0) << out;
  std::vector<json> lines;
  for (size_t b = 0, e; (e = out.find('\n', b)) != std::string::npos; b = e + 1) lines.push_back(json::parse(out.substr(b, e - b)));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["type"], "queue-message");
  EXPECT_EQ(lines[0]["queue_id"], "366815BF0A");
  EXPECT_EQ(lines[0]["recipients"][0]["verdict"]["reason"], "systemerror");
  EXPECT_EQ(lines[1]["recipients"][1]["verdict"]["reason"], "networkerror");
  const json& s = lines[2];
  EXPECT_EQ(s["type"], "queue-summary");
  EXPECT_EQ(s["messages"], 2);
  EXPECT_EQ(s["recipients"], 3);
  EXPECT_EQ(s["domains"][0]["domain"], "example.org");
  EXPECT_EQ(s["reasons"][0]["reason"], "networkerror");
  EXPECT_EQ(s["reasons"][0]["recipients"], 2);
  EXPECT_EQ(s["oldest"][0]["queue_id"], "366815BF0A");
}

TEST(QueueCommand, MailqTextFromStandardInputAndEmptyQueue) {
  std::string out;
  std::string cmd = "printf '%s\\n' 'A1B2C3D4E5     5678 Fri Dec 22 11:00:00  MAILER-DAEMON' "
                    "'(connect to mx.example.org[192.0.2.1]:25: Connection timed out)' "
                    "'                                         user@example.org' | " +
                    Mw("queue - --color never --lang en --now '2023-12-23 10:00'");
  ASSERT_EQ(testing::RunCommand(cmd, &out), 0) << out;
  EXPECT_NE(out.find("example.org"), std::string::npos) << out;
  EXPECT_NE(out.find("networkerror"), std::string::npos) << out;
  EXPECT_NE(out.find("A1B2C3D4E5"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand("echo 'Mail queue is empty' | " + Mw("queue -"), &out), 1);
}

}  // namespace
}  // namespace mailwhy
