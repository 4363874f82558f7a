// mail_input_test - message files, mbox files and Maildir folders.
#include "bounce/mail_input.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace mailwhy {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/mailwhy-mail-input-XXXXXX";
  char* d = mkdtemp(tmpl);
  return d ? d : "";
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

TEST(SplitMbox, SeparatorsNeedABlankLineBefore) {
  const std::string mbox =
      "From MAILER-DAEMON Thu Sep 18 17:54:04 2008\nSubject: one\n\nFrom the body, not a separator\n\n"
      "From MAILER-DAEMON Thu Sep 18 17:55:00 2008\nSubject: two\n\nbody\n";
  auto parts = SplitMbox(mbox);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].substr(0, 12), "Subject: one");
  EXPECT_NE(parts[0].find("From the body"), std::string_view::npos);
  EXPECT_EQ(parts[1].substr(0, 12), "Subject: two");
}

TEST(LooksLikeMbox, OnlySeparatorLines) {
  EXPECT_TRUE(LooksLikeMbox("From MAILER-DAEMON Thu Sep 18 17:54:04 2008\n"));
  EXPECT_FALSE(LooksLikeMbox("From: MAILER-DAEMON\n"));
  EXPECT_FALSE(LooksLikeMbox("Received: from x\n"));
}

TEST(ForEachMail, MaildirMboxAndLineEnds) {
  std::string dir = TempDir();
  ASSERT_FALSE(dir.empty());
  mkdir((dir + "/new").c_str(), 0700);
  mkdir((dir + "/cur").c_str(), 0700);
  Write(dir + "/cur/2.eml", "Subject: crlf\r\n\r\nbody\r\n");
  Write(dir + "/new/1.eml", "Subject: cr\r\rbody\r");
  std::vector<std::pair<std::string, std::string>> seen;
  ASSERT_TRUE(ForEachMail(dir, [&](MailInput& m) { seen.emplace_back(m.file, m.bytes); }).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].first, dir + "/new/1.eml");  // new/ before cur/
  EXPECT_EQ(seen[0].second, "Subject: cr\n\nbody\n");
  EXPECT_EQ(seen[1].second, "Subject: crlf\n\nbody\n");

  Write(dir + "/box", "From a@b Thu Sep 18 17:54:04 2008\nSubject: 1\n\nx\n\nFrom a@b Thu Sep 18 17:54:05 2008\nSubject: 2\n\ny\n");
  std::vector<int> indexes;
  ASSERT_TRUE(ForEachMail(dir + "/box", [&](MailInput& m) { indexes.push_back(m.index); }).ok());
  EXPECT_EQ(indexes, (std::vector<int>{1, 2}));

  Status s = ForEachMail(dir + "/missing.eml", [](MailInput&) {});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing.eml"), std::string::npos) << s.message();
  std::string cmd = "rm -rf '" + dir + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

}  // namespace
}  // namespace mailwhy
