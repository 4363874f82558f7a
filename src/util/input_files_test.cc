// NAME
//   input_files_test - rotated sets come out oldest first; sets keep their given order
#include "util/input_files.h"

#include <sys/stat.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& w : v) s += (s.empty() ? "" : " ") + w;
  return s;
}

struct OrderCase {
  const char* name;
  const char* given;
  const char* want;
};

TEST(InputFilesTest, OrderOldestFirst) {
  const OrderCase cases[] = {
      {"numbered, as a shell glob lists them", "mail.log mail.log.1 mail.log.2.gz mail.log.3.gz",
       "mail.log.3.gz mail.log.2.gz mail.log.1 mail.log"},
      {"numbered, shuffled", "mail.log.1 mail.log.3.gz mail.log mail.log.2.gz",
       "mail.log.3.gz mail.log.2.gz mail.log.1 mail.log"},
      {"numbers compare as numbers", "mail.log.9.gz mail.log.10.gz mail.log.2.gz",
       "mail.log.10.gz mail.log.9.gz mail.log.2.gz"},
      {"zstd and xz suffixes", "mail.log mail.log.1.zst mail.log.2.xz mail.log.3.gz",
       "mail.log.3.gz mail.log.2.xz mail.log.1.zst mail.log"},
      {"dateext (Red Hat)", "maillog maillog-20221205.gz maillog-20221204",
       "maillog-20221204 maillog-20221205.gz maillog"},
      {"dateext across a year", "maillog-20230101 maillog maillog-20221225.gz",
       "maillog-20221225.gz maillog-20230101 maillog"},
      {"dateext with a dot", "mail.log mail.log.20221205 mail.log.20221204.gz",
       "mail.log.20221204.gz mail.log.20221205 mail.log"},
      {"postfix logrotate suffix", "postfix.log postfix.log.20221205-101500.gz postfix.log.20221204-235959.gz",
       "postfix.log.20221204-235959.gz postfix.log.20221205-101500.gz postfix.log"},
      {"postfix suffix, same day", "postfix.log.20221205-101500.gz postfix.log.20221205-091500.gz",
       "postfix.log.20221205-091500.gz postfix.log.20221205-101500.gz"},
      {"two sets keep their first appearance", "/var/log/mail.log /srv/maillog /var/log/mail.log.1 /srv/maillog-20221204",
       "/var/log/mail.log.1 /var/log/mail.log /srv/maillog-20221204 /srv/maillog"},
      {"same name in two directories are two sets", "/a/mail.log /b/mail.log.1 /a/mail.log.1",
       "/a/mail.log.1 /a/mail.log /b/mail.log.1"},
      {"stdin stays first", "- mail.log mail.log.1", "- mail.log.1 mail.log"},
      {"stdin stays between sets", "mail.log - maillog-20221204 mail.log.1",
       "mail.log.1 mail.log - maillog-20221204"},
      {"unrelated names keep their order", "b.txt a.txt c.log", "b.txt a.txt c.log"},
      {"a dash and a digit is not a rotation", "smtp-1 smtp-2", "smtp-1 smtp-2"},
      {"single file", "mail.log", "mail.log"},
      {"nothing", "", ""},
  };
  for (const OrderCase& c : cases) {
    const std::string got = Join(OrderOldestFirst(Words(c.given)));
    EXPECT_EQ(got, c.want) << c.name << ": got \"" << got << "\", want \"" << c.want << "\"";
  }
}

TEST(InputFilesTest, DefaultLogFilesFindsTheSystemLogOrSaysWhereItLooked) {
  std::vector<std::string> paths = {"stale"};
  Status s = DefaultLogFiles(&paths);
  if (s.ok()) {
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_TRUE(paths[0] == "/var/log/mail.log" || paths[0] == "/var/log/maillog") << paths[0];
    struct stat st;
    EXPECT_EQ(::stat(paths[0].c_str(), &st), 0);
  } else {
    EXPECT_EQ(s.code(), Status::Code::kNotFound);
    EXPECT_TRUE(paths.empty());
    EXPECT_NE(s.message().find("/var/log/mail.log, /var/log/maillog"), std::string::npos)
        << "got " << s.message();
  }
}

}  // namespace
}  // namespace mailwhy
