// NAME
//   line_reader_test - line splitting at every block boundary, odd endings and damage
// DESCRIPTION
//   A StringSource hands out its text in chunks of a chosen size, so each case runs with
//   line ends falling inside, at the start of and at the end of a read.
#include "util/line_reader.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

class StringSource : public ByteSource {
 public:
  StringSource(std::string text, size_t chunk, Status error_at_end = Status::Ok())
      : text_(std::move(text)), chunk_(chunk), error_(std::move(error_at_end)) {
    path_ = "test.log";
  }
  Status Read(char* buf, size_t n, size_t* got) override {
    const size_t take = std::min({n, chunk_, text_.size() - pos_});
    text_.copy(buf, take, pos_);
    pos_ += take;
    *got = take;
    if (take == 0 && !error_.ok()) return error_;
    return Status::Ok();
  }

 private:
  std::string text_;
  size_t chunk_;
  size_t pos_ = 0;
  Status error_;
};

std::vector<std::string> ReadLines(LineReader* r) {
  std::vector<std::string> lines;
  std::string_view line;
  while (r->Next(&line)) lines.emplace_back(line);
  return lines;
}

std::string Show(const std::vector<std::string>& lines) {
  std::string s = "[";
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) s += ", ";
    s += "\"";
    for (char c : lines[i]) {
      if (c == '\r') s += "\\r";
      else if (c == '\0') s += "\\0";
      else s += c;
    }
    s += "\"";
  }
  return s + "]";
}

struct SplitCase {
  const char* name;
  std::string input;
  std::vector<std::string> want;
};

const std::vector<SplitCase>& SplitCases() {
  static const std::vector<SplitCase> cases = {
      {"empty input", "", {}},
      {"one line with newline", "a\n", {"a"}},
      {"last line without newline", "a\nb", {"a", "b"}},
      {"only a newline", "\n", {""}},
      {"blank lines kept", "a\n\n\nb\n", {"a", "", "", "b"}},
      {"CRLF stripped", "a\r\nb\r\n", {"a", "b"}},
      {"CRLF last line without newline", "a\r\nb\r", {"a", "b"}},
      {"lone CR inside a line kept", "a\rb\n", {"a\rb"}},
      {"only CRLF", "\r\n", {""}},
      {"NUL bytes survive", std::string("a\0b\n\0\n", 6), {std::string("a\0b", 3), std::string(1, '\0')}},
      {"real log lines", "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from localhost[127.0.0.1]\n"
                         "Dec  7 13:28:02 mail postfix/smtpd[18505]: disconnect\n",
       {"Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from localhost[127.0.0.1]",
        "Dec  7 13:28:02 mail postfix/smtpd[18505]: disconnect"}},
  };
  return cases;
}

TEST(LineReaderTest, SplitsLinesWhateverTheReadSize) {
  for (const SplitCase& c : SplitCases()) {
    for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{1} << 20}) {
      LineReader r(std::make_unique<StringSource>(c.input, chunk));
      std::vector<std::string> got = ReadLines(&r);
      EXPECT_EQ(got, c.want) << c.name << " (reads of " << chunk << "): got " << Show(got)
                             << ", want " << Show(c.want);
      EXPECT_TRUE(r.status().ok()) << c.name;
      EXPECT_EQ(r.line_number(), c.want.size()) << c.name;
      EXPECT_EQ(r.bytes_read(), c.input.size()) << c.name;
      EXPECT_EQ(r.overlong_lines(), 0u) << c.name;
    }
  }
}

struct OverlongCase {
  const char* name;
  std::string input;
  size_t max_line;
  std::vector<std::string> want;
  uint64_t want_overlong;
};

TEST(LineReaderTest, OverlongLinesAreCutAndCounted) {
  const std::vector<OverlongCase> cases = {
      {"cut with the rest skipped", "0123456789abc\nnext\n", 8, {"01234567", "next"}, 1},
      {"exactly max_line is not overlong", "01234567\nnext\n", 8, {"01234567", "next"}, 0},
      {"exactly max_line plus CRLF is not overlong", "01234567\r\nnext\n", 8, {"01234567", "next"}, 0},
      {"one byte over at the end of input", "012345678", 8, {"01234567"}, 1},
      {"overlong last line without newline", "short\n0123456789abcdef", 8, {"short", "01234567"}, 1},
      {"two overlong lines in a row", "aaaaaaaaaaaa\nbbbbbbbbbbbb\nc\n", 4, {"aaaa", "bbbb", "c"}, 2},
  };
  for (const OverlongCase& c : cases) {
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{1} << 20}) {
      LineReader r(std::make_unique<StringSource>(c.input, chunk), c.max_line);
      std::vector<std::string> got = ReadLines(&r);
      EXPECT_EQ(got, c.want) << c.name << " (reads of " << chunk << "): got " << Show(got)
                             << ", want " << Show(c.want);
      EXPECT_EQ(r.overlong_lines(), c.want_overlong) << c.name << " (reads of " << chunk << ")";
      EXPECT_EQ(r.line_number(), c.want.size()) << c.name;
    }
  }
}

TEST(LineReaderTest, LineLongerThanABlockIsCutAtTheDefaultLimit) {
  const std::string huge(3 << 20, 'x');
  LineReader r(std::make_unique<StringSource>("first\n" + huge + "\nlast\n", 1 << 20));
  std::vector<std::string> got = ReadLines(&r);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "first");
  EXPECT_EQ(got[1].size(), 64u * 1024) << "got " << got[1].size() << " bytes, want 65536";
  EXPECT_EQ(got[2], "last");
  EXPECT_EQ(r.overlong_lines(), 1u);
}

TEST(LineReaderTest, ManyLinesAcrossBlocksKeepTheirNumbers) {
  std::string text;
  for (int i = 1; i <= 200000; ++i) text += "line " + std::to_string(i) + "\n";
  LineReader r(std::make_unique<StringSource>(text, 1 << 20));
  std::string_view line;
  uint64_t n = 0;
  while (r.Next(&line)) {
    ++n;
    ASSERT_EQ(line, "line " + std::to_string(n)) << "at line " << n;
    ASSERT_EQ(r.line_number(), n);
  }
  EXPECT_EQ(n, 200000u);
  EXPECT_EQ(r.bytes_read(), text.size());
}

TEST(LineReaderTest, ReadErrorEndsInputAfterTheDataBeforeIt) {
  LineReader r(std::make_unique<StringSource>("a\nb\npartial", 3,
                                              Status::Corruption("x.gz: truncated gzip data at byte 9")));
  std::vector<std::string> got = ReadLines(&r);
  const std::vector<std::string> want = {"a", "b", "partial"};
  EXPECT_EQ(got, want) << "got " << Show(got) << ", want " << Show(want);
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(r.status().message(), "x.gz: truncated gzip data at byte 9");
  std::string_view line;
  EXPECT_FALSE(r.Next(&line)) << "Next() after the end must stay false";
}

TEST(LineReaderTest, BinaryJunkYieldsLinesNotCrashes) {
  std::string junk(3 << 20, '\0');
  unsigned x = 7;
  for (char& c : junk) {
    x = x * 1664525 + 1013904223;
    c = static_cast<char>(x >> 24);
  }
  for (size_t max_line : {size_t{16}, size_t{2000}, size_t{64} * 1024}) {
    LineReader r(std::make_unique<StringSource>(junk, 65536), max_line);
    std::string_view line;
    uint64_t lines = 0;
    while (r.Next(&line)) {
      ++lines;
      ASSERT_LE(line.size(), max_line);
    }
    EXPECT_TRUE(r.status().ok());
    EXPECT_EQ(r.bytes_read(), junk.size());
    EXPECT_GT(lines, 0u);
  }
}

TEST(LineReaderTest, ReadsACompressedFileThroughByteSource) {
  char tmpl[] = "/tmp/mailwhy-line-reader-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  {
    std::ofstream out(dir + "/mail.log");
    out << "Dec  5 18:38:12 tu8 postfix/smtpd[84475]: connect from unknown[192.0.2.1]\r\n"
        << "Dec  5 18:38:13 tu8 postfix/smtpd[84475]: disconnect from unknown[192.0.2.1]";
  }
  ASSERT_EQ(std::system(("gzip '" + dir + "/mail.log'").c_str()), 0);
  std::unique_ptr<ByteSource> src;
  ASSERT_TRUE(OpenByteSource(dir + "/mail.log.gz", &src).ok());
  LineReader r(std::move(src));
  std::vector<std::string> got = ReadLines(&r);
  std::system(("rm -rf '" + dir + "'").c_str());
  const std::vector<std::string> want = {
      "Dec  5 18:38:12 tu8 postfix/smtpd[84475]: connect from unknown[192.0.2.1]",
      "Dec  5 18:38:13 tu8 postfix/smtpd[84475]: disconnect from unknown[192.0.2.1]"};
  EXPECT_EQ(got, want) << "got " << Show(got) << ", want " << Show(want);
  EXPECT_EQ(r.source().compression(), Compression::kGzip);
}

}  // namespace
}  // namespace mailwhy
