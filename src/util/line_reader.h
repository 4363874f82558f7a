// NAME
//   line_reader - split a ByteSource into lines, fast
// SYNOPSIS
//   LineReader r(std::move(src));
//   std::string_view line;
//   while (r.Next(&line)) { ... r.line_number() ... }
//   if (!r.status().ok()) ...
// DESCRIPTION
//   Reads large blocks (1 MiB) and finds line ends with memchr; a line is returned as a
//   view into the reader's buffer without its "\n" (and without a trailing "\r", so CRLF
//   files read the same). The last line needs no "\n". No allocation per line.
//
//   Lines longer than max_line bytes (default 64 KiB; Postfix itself cuts records at
//   2,000) are returned cut to max_line and counted in overlong_lines(); the rest of such
//   a line is skipped. NUL bytes are kept: a binary file yields lines of junk, never a
//   crash.
// LIFETIME
//   The view is valid until the next call to Next().
#ifndef MAILWHY_UTIL_LINE_READER_H_
#define MAILWHY_UTIL_LINE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/byte_source.h"
#include "util/status.h"

namespace mailwhy {

class LineReader {
 public:
  static constexpr size_t kDefaultMaxLine = 64 * 1024;
  explicit LineReader(std::unique_ptr<ByteSource> source, size_t max_line = kDefaultMaxLine);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Next line, or false at the end of input or on a read error (see status()).
  bool Next(std::string_view* line);
  uint64_t line_number() const { return line_number_; }  // of the last line returned
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t overlong_lines() const { return overlong_; }
  const Status& status() const { return status_; }
  const ByteSource& source() const { return *source_; }

 private:
  bool Fill();

  std::unique_ptr<ByteSource> source_;
  size_t max_line_;
  std::string buf_;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  bool eof_ = false;
  bool skipping_ = false;       // discarding the tail of an overlong line
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t overlong_ = 0;
  Status status_;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_LINE_READER_H_
