// Tests for prefilter's readers: blocks of whole lines from a mapping or from reads give
// back the input byte for byte, and the selected-line reader counts every line.
#include "journey/prefilter.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

class PrefilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mailwhy-prefilter-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }
  std::string Write(const std::string& name, const std::string& text, bool gzip = false) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    if (gzip) {
      EXPECT_EQ(std::system(("gzip '" + path + "'").c_str()), 0);
      path += ".gz";
    }
    return path;
  }
  std::unique_ptr<ByteSource> Open(const std::string& path) {
    std::unique_ptr<ByteSource> source;
    EXPECT_TRUE(OpenByteSource(path, &source).ok());
    return source;
  }
  std::string dir_;
};

std::string SomeLines() {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += "line " + std::to_string(i) + std::string(i % 37, 'x');
    if (i == 150) text += std::string(2500, 'L');  // longer than a block
    text += '\n';
  }
  return text;
}

TEST_F(PrefilterTest, BlocksOfWholeLinesGiveBackTheInput) {
  for (bool gzip : {false, true}) {
    for (bool final_newline : {true, false}) {
      std::string text = SomeLines();
      if (!final_newline) text += "last line without newline";
      LineBlocks blocks(Open(Write(std::string("f") + (gzip ? "g" : "p") + (final_newline ? "n" : ""), text, gzip)), 1000);
      std::string joined;
      std::string_view block;
      int count = 0, cut = 0;
      while (blocks.Next(&block)) {
        ASSERT_FALSE(block.empty());
        if (!blocks.at_end() && block.back() != '\n') ++cut;  // only the 2,500-byte line
        joined += block;
        ++count;
      }
      EXPECT_TRUE(blocks.status().ok());
      EXPECT_EQ(joined, text) << gzip << final_newline;
      EXPECT_EQ(blocks.bytes_read(), text.size());
      EXPECT_GT(count, 10);
      EXPECT_LE(cut, 3);
    }
  }
}

TEST_F(PrefilterTest, EmptyInputHasNoBlocks) {
  LineBlocks blocks(Open(Write("empty", "")));
  std::string_view block;
  EXPECT_FALSE(blocks.Next(&block));
  EXPECT_TRUE(blocks.at_end());
}

TEST_F(PrefilterTest, SelectedLinesCarryTheirTrueLineNumbers) {
  std::string text;
  for (int i = 1; i <= 5000; ++i) {
    text += "Dec  7 13:28:01 mail postfix/qmgr[3]: ";
    text += i % 1000 == 0 ? "ABCDEF0123: removed" : "9999990000: removed";
    text += "\r\n";
  }
  text += "Dec  7 13:28:02 mail postfix/qmgr[3]: ABCDEF0123: the end";  // no newline
  for (bool gzip : {false, true}) {
    CandidateSelector selector({"abcdef0123"});
    selector.Take("Dec  7 13:28:01 mail postfix/qmgr[3]: ABCDEF0123: removed");
    SelectedLineReader reader(Open(Write(gzip ? "sel" : "selp", text, gzip)), &selector);
    std::vector<uint64_t> numbers;
    std::string_view line;
    while (reader.Next(&line)) {
      EXPECT_NE(line.find("ABCDEF0123"), std::string_view::npos);
      EXPECT_NE(line.back(), '\r');
      numbers.push_back(reader.line_number());
    }
    EXPECT_EQ(numbers, (std::vector<uint64_t>{1000, 2000, 3000, 4000, 5000, 5001}));
    EXPECT_EQ(reader.lines(), 5001u);
    EXPECT_EQ(reader.last_line(), "Dec  7 13:28:02 mail postfix/qmgr[3]: ABCDEF0123: the end");
    EXPECT_EQ(reader.bytes_read(), text.size());
  }
}

TEST_F(PrefilterTest, MightWantLooksAtTheQueueIdAndPidAfterTheTag) {
  CandidateSelector selector({"r@example.com"});
  selector.Take("Dec  7 13:28:31 mail postfix/smtp[9]: A17F830001CA: to=<r@example.com>, relay=x");
  EXPECT_TRUE(selector.MightWant("Dec  7 13:28:40 mail postfix/qmgr[3]: A17F830001CA: removed"));
  EXPECT_FALSE(selector.MightWant("Dec  7 13:28:40 mail postfix/qmgr[3]: B17F830001CA: removed"));
  EXPECT_TRUE(selector.MightWant("Dec  7 13:28:30 mail postfix/smtp[9]: connect to x[1.2.3.4]:25: Connection timed out"));
  EXPECT_FALSE(selector.MightWant("Dec  7 13:28:30 mail postfix/smtp[10]: connect to x[1.2.3.4]:25: Connection timed out"));
  EXPECT_TRUE(selector.MightWant("Dec  7 13:29:00 mail postfix/smtpd[6]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 <R@example.com>: Relay access denied"));
  EXPECT_FALSE(selector.MightWant("Dec  7 13:29:00 mail postfix/smtpd[6]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 <s@example.com>: Relay access denied"));
  // No numeric pid after the tag: only a full parse can tell.
  EXPECT_TRUE(selector.MightWant("Dec  7 13:29:00 mail postfix/smtpd: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 no"));
  EXPECT_TRUE(selector.MightWant("Dec  7 13:29:00 mail postfix/qmgr[XXXXX]: B17F830001CA: removed"));
}

TEST_F(PrefilterTest, TwoThreadsFindTheSameCandidatesAsOne) {
  // Over 64 MiB, so that the first pass scans the file in two halves at once; the
  // wanted lines sit at the start, around the middle and at the very end.
  std::string text;
  const std::string filler =
      "Dec  7 13:28:01 mail postfix/qmgr[3]: 9999990000: from=<x@example.org>, size=1, nrcpt=1 (queue active)\n";
  const size_t copies = (70u << 20) / filler.size();
  text.reserve(copies * filler.size() + 1000);
  for (size_t i = 0; i < copies; ++i) {
    int wanted = i == 0 ? 1 : i == copies / 2 ? 2 : i == copies / 2 + 1 ? 3 : 0;
    if (wanted != 0) {
      text += "Dec  7 13:28:01 mail postfix/smtp[10" + std::to_string(wanted) + "]: ABC000000" +
              std::to_string(wanted) + ": to=<Needle@Example.com>, status=sent (ok)\n";
    }
    text += filler;
  }
  text += "Dec  7 13:28:09 mail postfix/smtp[77]: FFF0000001: to=<needle@example.com>, status=sent (ok)";
  std::string path = Write("large.log", text);
  std::vector<std::string> found[2];
  for (int threads : {1, 2}) {
    CandidateSelector selector({"needle@example.com"});
    CollectCandidates({path}, &selector, threads);
    found[threads - 1] = selector.literals();
  }
  EXPECT_EQ(found[0], found[1]);
  // Four messages and their four processes, in the order of the file.
  EXPECT_EQ(found[0], (std::vector<std::string>{"ABC0000001", "[101]", "ABC0000002", "[102]",
                                                "ABC0000003", "[103]", "FFF0000001", "[77]"}));
}

}  // namespace
}  // namespace mailwhy
