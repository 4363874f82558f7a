// NAME
//   byte_source_test - plain, gzip, zstd and xz files and standard input read back exactly
// DESCRIPTION
//   Compressed files are made with the gzip, zstd and xz commands in a fresh temporary
//   directory, so the decoders are checked against the real tools' output, including
//   concatenated members and files cut short.
#include "util/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/mailwhy-byte-source-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    EXPECT_NE(made, nullptr);
    path_ = made ? made : "/tmp";
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void RunShell(const std::string& cmd) { ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd; }

// Log-like text of about `bytes` bytes, varied enough not to compress to nothing.
std::string LogText(size_t bytes) {
  std::string s;
  unsigned x = 12345;
  for (int i = 0; s.size() < bytes; ++i) {
    x = x * 1103515245 + 12345;
    s += "Dec  5 18:38:12 tu8 postfix/smtpd[" + std::to_string(x % 99999) + "]: " +
         std::to_string(x) + ": client=unknown[192.0.2." + std::to_string(i % 250) + "]\n";
  }
  return s;
}

// Reads everything with reads of `chunk` bytes; returns the first non-OK status.
Status ReadAll(ByteSource* src, size_t chunk, std::string* out) {
  out->clear();
  std::string buf(chunk, '\0');
  for (;;) {
    size_t got = 0;
    Status s = src->Read(buf.data(), chunk, &got);
    out->append(buf.data(), got);
    if (!s.ok()) return s;
    if (got == 0) return Status::Ok();
  }
}

struct CompressorCase {
  const char* name;
  const char* command;  // compresses stdin to stdout
  Compression want;
};

const CompressorCase kCompressors[] = {
    {"gzip", "gzip -c", Compression::kGzip},
    {"zstd", "zstd -q -c", Compression::kZstd},
    {"xz", "xz -c", Compression::kXz},
};

TEST(ByteSourceTest, PlainFileReadsBackExactly) {
  TempDir dir;
  const std::string path = dir.File("mail.log");
  const std::string text = LogText(3 << 20);
  WriteFile(path, text);
  std::unique_ptr<ByteSource> src;
  ASSERT_TRUE(OpenByteSource(path, &src).ok());
  EXPECT_EQ(src->compression(), Compression::kNone);
  EXPECT_EQ(src->path(), path);
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(src->mtime(), st.st_mtime);
  std::string got;
  ASSERT_TRUE(ReadAll(src.get(), 1 << 20, &got).ok());
  EXPECT_TRUE(got == text) << "got " << got.size() << " bytes, want " << text.size();
}

TEST(ByteSourceTest, EmptyFileIsAtItsEndAtOnce) {
  TempDir dir;
  WriteFile(dir.File("empty.log"), "");
  std::unique_ptr<ByteSource> src;
  ASSERT_TRUE(OpenByteSource(dir.File("empty.log"), &src).ok());
  std::string got;
  EXPECT_TRUE(ReadAll(src.get(), 4096, &got).ok());
  EXPECT_EQ(got, "");
}

TEST(ByteSourceTest, ShortFilesThatBeginLikeMagicArePlain) {
  TempDir dir;
  for (std::string text : {std::string("\x1f"), std::string("\x28\xb5"), std::string("BZh")}) {
    WriteFile(dir.File("short.log"), text);
    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource(dir.File("short.log"), &src).ok());
    EXPECT_EQ(src->compression(), Compression::kNone);
    std::string got;
    EXPECT_TRUE(ReadAll(src.get(), 1, &got).ok());
    EXPECT_EQ(got, text);
  }
}

TEST(ByteSourceTest, EachCompressionIsRecognisedAndDecoded) {
  TempDir dir;
  const std::string text = LogText(2 << 20);
  WriteFile(dir.File("plain"), text);
  for (const CompressorCase& c : kCompressors) {
    SCOPED_TRACE(c.name);
    // The name says nothing: detection is by magic bytes.
    const std::string path = dir.File(std::string("renamed-") + c.name + ".log");
    RunShell(std::string(c.command) + " < '" + dir.File("plain") + "' > '" + path + "'");
    for (size_t chunk : {size_t{1} << 20, size_t{4093}}) {
      std::unique_ptr<ByteSource> src;
      ASSERT_TRUE(OpenByteSource(path, &src).ok());
      EXPECT_EQ(src->compression(), c.want);
      std::string got;
      Status s = ReadAll(src.get(), chunk, &got);
      EXPECT_TRUE(s.ok()) << "got " << s.ToString() << ", want OK";
      EXPECT_TRUE(got == text) << "chunk " << chunk << ": got " << got.size() << " bytes, want "
                               << text.size();
    }
  }
}

TEST(ByteSourceTest, TinyReadsDecodeTheSameBytes) {
  TempDir dir;
  const std::string text = LogText(20000);
  WriteFile(dir.File("plain"), text);
  for (const CompressorCase& c : kCompressors) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.File(std::string("tiny.") + c.name);
    RunShell(std::string(c.command) + " < '" + dir.File("plain") + "' > '" + path + "'");
    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource(path, &src).ok());
    std::string got;
    EXPECT_TRUE(ReadAll(src.get(), 1, &got).ok());
    EXPECT_TRUE(got == text) << "got " << got.size() << " bytes, want " << text.size();
  }
}

TEST(ByteSourceTest, ConcatenatedMembersAndFramesReadThrough) {
  TempDir dir;
  const std::string first = LogText(100000), second = "Jan  1 00:00:01 tu8 postfix/qmgr[1]: x\n";
  WriteFile(dir.File("a"), first);
  WriteFile(dir.File("b"), second);
  WriteFile(dir.File("empty"), "");
  for (const CompressorCase& c : kCompressors) {
    SCOPED_TRACE(c.name);
    const std::string cmd = c.command;
    const std::string path = dir.File(std::string("multi.") + c.name);
    // An empty member in the middle must not end the stream.
    RunShell(cmd + " < '" + dir.File("a") + "' > '" + path + "' && " + cmd + " < '" +
        dir.File("empty") + "' >> '" + path + "' && " + cmd + " < '" + dir.File("b") + "' >> '" +
        path + "'");
    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource(path, &src).ok());
    std::string got;
    Status s = ReadAll(src.get(), 65536, &got);
    EXPECT_TRUE(s.ok()) << "got " << s.ToString() << ", want OK";
    EXPECT_TRUE(got == first + second) << "got " << got.size() << " bytes, want "
                                       << first.size() + second.size();
  }
}

TEST(ByteSourceTest, CompressedEmptyInputReadsAsEmpty) {
  TempDir dir;
  for (const CompressorCase& c : kCompressors) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.File(std::string("empty.") + c.name);
    RunShell(std::string(c.command) + " < /dev/null > '" + path + "'");
    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource(path, &src).ok());
    EXPECT_EQ(src->compression(), c.want);
    std::string got;
    Status s = ReadAll(src.get(), 4096, &got);
    EXPECT_TRUE(s.ok()) << "got " << s.ToString() << ", want OK";
    EXPECT_EQ(got, "");
  }
}

TEST(ByteSourceTest, TruncatedFileGivesItsDataThenCorruption) {
  TempDir dir;
  const std::string text = LogText(1 << 20);
  WriteFile(dir.File("plain"), text);
  for (const CompressorCase& c : kCompressors) {
    SCOPED_TRACE(c.name);
    const std::string whole = dir.File(std::string("whole.") + c.name);
    RunShell(std::string(c.command) + " < '" + dir.File("plain") + "' > '" + whole + "'");
    const std::string compressed = Slurp(whole);
    const std::string path = dir.File(std::string("cut.") + c.name);
    WriteFile(path, compressed.substr(0, compressed.size() * 2 / 3));

    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource(path, &src).ok());
    std::string got;
    Status s = ReadAll(src.get(), 65536, &got);
    EXPECT_EQ(s.code(), Status::Code::kCorruption) << "got " << s.ToString();
    const std::string want_text = path + ": truncated " + c.name + " data at byte ";
    EXPECT_EQ(s.message().substr(0, want_text.size()), want_text) << "got " << s.message();
    EXPECT_GT(got.size(), text.size() / 4) << "the bytes before the cut must be delivered";
    EXPECT_TRUE(text.compare(0, got.size(), got) == 0) << "decoded bytes differ from the original";
    // The error sticks.
    size_t n = 0;
    char buf[16];
    EXPECT_EQ(src->Read(buf, sizeof buf, &n).code(), Status::Code::kCorruption);
    EXPECT_EQ(n, 0u);
  }
}

TEST(ByteSourceTest, ReadAheadGivesTheSameBytesAndTheSameError) {
  TempDir dir;
  const std::string text = LogText(3 << 20);  // several read-ahead chunks
  WriteFile(dir.File("plain"), text);
  RunShell("gzip -c < '" + dir.File("plain") + "' > '" + dir.File("whole.gz") + "'");
  const std::string compressed = Slurp(dir.File("whole.gz"));
  WriteFile(dir.File("cut.gz"), compressed.substr(0, compressed.size() * 2 / 3));
  for (size_t chunk : {size_t{7}, size_t{65536}, size_t{3} << 20}) {
    SCOPED_TRACE(chunk);
    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource(dir.File("whole.gz"), &src).ok());
    std::unique_ptr<ByteSource> ahead = ReadAhead(std::move(src));
    EXPECT_EQ(ahead->compression(), Compression::kGzip);
    EXPECT_EQ(ahead->path(), dir.File("whole.gz"));
    std::string got;
    EXPECT_TRUE(ReadAll(ahead.get(), chunk, &got).ok());
    EXPECT_TRUE(got == text);
    size_t n = 1;
    char buf[16];
    EXPECT_TRUE(ahead->Read(buf, sizeof buf, &n).ok());  // the end stays the end
    EXPECT_EQ(n, 0u);

    std::unique_ptr<ByteSource> cut_src;
    ASSERT_TRUE(OpenByteSource(dir.File("cut.gz"), &cut_src).ok());
    std::string direct;
    Status want = ReadAll(cut_src.get(), chunk, &direct);
    ASSERT_TRUE(OpenByteSource(dir.File("cut.gz"), &cut_src).ok());
    std::unique_ptr<ByteSource> cut = ReadAhead(std::move(cut_src));
    Status s = ReadAll(cut.get(), chunk, &got);
    EXPECT_EQ(s.code(), Status::Code::kCorruption);
    EXPECT_EQ(s.message(), want.message());
    EXPECT_TRUE(got == direct) << got.size() << " vs " << direct.size();
    EXPECT_EQ(cut->Read(buf, sizeof buf, &n).code(), Status::Code::kCorruption);  // sticks
  }
  // Given up early: the reading thread stops with the source.
  std::unique_ptr<ByteSource> src;
  ASSERT_TRUE(OpenByteSource(dir.File("whole.gz"), &src).ok());
  std::unique_ptr<ByteSource> ahead = ReadAhead(std::move(src));
  char buf[100];
  size_t n = 0;
  EXPECT_TRUE(ahead->Read(buf, sizeof buf, &n).ok());
  EXPECT_EQ(std::string_view(buf, n), std::string_view(text).substr(0, n));
  ahead.reset();
}

TEST(ByteSourceTest, DamagedGzipNamesTheByte) {
  TempDir dir;
  WriteFile(dir.File("plain"), LogText(200000));
  RunShell("gzip -c < '" + dir.File("plain") + "' > '" + dir.File("bad.gz") + "'");
  std::string data = Slurp(dir.File("bad.gz"));
  for (size_t i = 100; i < 400; ++i) data[i] = static_cast<char>(data[i] ^ 0x5a);
  WriteFile(dir.File("bad.gz"), data);
  std::unique_ptr<ByteSource> src;
  ASSERT_TRUE(OpenByteSource(dir.File("bad.gz"), &src).ok());
  std::string got;
  Status s = ReadAll(src.get(), 65536, &got);
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << "got " << s.ToString();
  const std::string want = dir.File("bad.gz") + ": corrupt gzip data at byte ";
  EXPECT_EQ(s.message().substr(0, want.size()), want) << "got " << s.message();
}

TEST(ByteSourceTest, GzipTrailingZerosAreIgnored) {
  TempDir dir;
  WriteFile(dir.File("plain"), "one line\n");
  RunShell("gzip -c < '" + dir.File("plain") + "' > '" + dir.File("padded.gz") + "'");
  WriteFile(dir.File("padded.gz"), Slurp(dir.File("padded.gz")) + std::string(512, '\0'));
  std::unique_ptr<ByteSource> src;
  ASSERT_TRUE(OpenByteSource(dir.File("padded.gz"), &src).ok());
  std::string got;
  Status s = ReadAll(src.get(), 4096, &got);
  EXPECT_TRUE(s.ok()) << "got " << s.ToString() << ", want OK";
  EXPECT_EQ(got, "one line\n");
}

TEST(ByteSourceTest, MissingFileErrorNamesThePath) {
  std::unique_ptr<ByteSource> src;
  Status s = OpenByteSource("/nonexistent/dir/mail.log.2.gz", &src);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.ToString(), "/nonexistent/dir/mail.log.2.gz: No such file or directory");
  EXPECT_EQ(src, nullptr);
}

TEST(ByteSourceTest, DirectoryIsAnError) {
  TempDir dir;
  std::unique_ptr<ByteSource> src;
  Status s = OpenByteSource(dir.File(""), &src);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(s.ToString(), dir.File("") + ": Is a directory");
}

TEST(ByteSourceTest, Bzip2IsRefusedWithAHint) {
  TempDir dir;
  WriteFile(dir.File("mail.log.1.bz2"), std::string("BZh91AY&SY") + std::string(40, '\x7f'));
  std::unique_ptr<ByteSource> src;
  Status s = OpenByteSource(dir.File("mail.log.1.bz2"), &src);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("bzip2 compression is not supported"), std::string::npos)
      << "got " << s.message();
}

// StdinRedirect - points file descriptor 0 at a file for the life of the object.
class StdinRedirect {
 public:
  explicit StdinRedirect(const std::string& path) : saved_(::dup(STDIN_FILENO)) {
    int fd = ::open(path.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
  }
  ~StdinRedirect() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }

 private:
  int saved_;
};

TEST(ByteSourceTest, DashReadsStandardInputCompressedOrNot) {
  TempDir dir;
  const std::string text = LogText(300000);
  WriteFile(dir.File("plain"), text);
  RunShell("xz -c < '" + dir.File("plain") + "' > '" + dir.File("plain.xz") + "'");
  for (const std::string& file : {dir.File("plain"), dir.File("plain.xz")}) {
    SCOPED_TRACE(file);
    StdinRedirect redirect(file);
    std::unique_ptr<ByteSource> src;
    ASSERT_TRUE(OpenByteSource("-", &src).ok());
    EXPECT_EQ(src->path(), "-");
    EXPECT_GT(src->mtime(), 0);
    std::string got;
    EXPECT_TRUE(ReadAll(src.get(), 1 << 20, &got).ok());
    EXPECT_TRUE(got == text) << "got " << got.size() << " bytes, want " << text.size();
  }
}

TEST(ByteSourceTest, DashReadsFromAPipe) {
  TempDir dir;
  WriteFile(dir.File("plain"), LogText(50000));
  RunShell("gzip -c < '" + dir.File("plain") + "' > '" + dir.File("plain.gz") + "'");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string compressed = Slurp(dir.File("plain.gz"));
  ASSERT_LT(compressed.size(), 60000u);  // fits in the pipe without a second writer
  ASSERT_EQ(::write(fds[1], compressed.data(), compressed.size()),
            static_cast<ssize_t>(compressed.size()));
  ::close(fds[1]);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(fds[0], STDIN_FILENO);
  ::close(fds[0]);
  std::unique_ptr<ByteSource> src;
  Status open = OpenByteSource("-", &src);
  std::string got;
  Status read = open.ok() ? ReadAll(src.get(), 8192, &got) : open;
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  EXPECT_TRUE(read.ok()) << "got " << read.ToString();
  EXPECT_EQ(src ? src->compression() : Compression::kNone, Compression::kGzip);
  EXPECT_TRUE(got == Slurp(dir.File("plain")));
}

}  // namespace
}  // namespace mailwhy
