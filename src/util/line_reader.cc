// NAME
//   line_reader - split a ByteSource into lines with memchr over 1 MiB blocks
// DESCRIPTION
//   The buffer holds one block plus room for the longest line kept (max_line, plus two
//   bytes for a "\r\n" not yet seen). Unread bytes are [begin_, end_). When no "\n" is
//   left in them, the partial line is moved to the front and the next block is read
//   behind it, so a line is never copied more than once per block boundary and most
//   lines are never copied at all.
//
//   An overlong line is returned cut to max_line bytes the moment more than max_line + 1
//   bytes are known to belong to it (one more may still be a "\r" before the "\n"); its
//   tail is skipped up to the next "\n" without being kept.
// DIAGNOSTICS
//   A read error (or a corrupt compressed file) ends the input: the bytes decoded before
//   it are still returned as lines, the last one possibly cut short, then Next() returns
//   false and status() holds the error.
#include "util/line_reader.h"

#include <cstring>
#include <utility>

namespace mailwhy {
namespace {

constexpr size_t kBlock = 1 << 20;

std::string_view WithoutCarriageReturn(const char* p, size_t n) {
  if (n > 0 && p[n - 1] == '\r') --n;
  return std::string_view(p, n);
}

}  // namespace

LineReader::LineReader(std::unique_ptr<ByteSource> source, size_t max_line)
    : source_(std::move(source)), max_line_(max_line > 0 ? max_line : 1) {
  buf_.resize(kBlock + max_line_ + 2);
}

LineReader::~LineReader() = default;

bool LineReader::Next(std::string_view* line) {
  for (;;) {
    char* data = buf_.data();
    if (skipping_) {
      const void* nl = std::memchr(data + begin_, '\n', end_ - begin_);
      if (nl != nullptr) {
        begin_ = static_cast<const char*>(nl) - data + 1;
        skipping_ = false;
        continue;
      }
      begin_ = end_;
      if (!Fill()) return false;
      continue;
    }

    const size_t unread = end_ - begin_;
    const void* nl = std::memchr(data + begin_, '\n', unread);
    if (nl != nullptr) {
      const size_t len = static_cast<const char*>(nl) - (data + begin_);
      std::string_view text = WithoutCarriageReturn(data + begin_, len);
      if (text.size() > max_line_) {
        text = text.substr(0, max_line_);
        ++overlong_;
      }
      *line = text;
      begin_ += len + 1;
      ++line_number_;
      return true;
    }

    if (unread > max_line_ + 1) {
      *line = std::string_view(data + begin_, max_line_);
      ++overlong_;
      ++line_number_;
      begin_ = end_;
      skipping_ = true;
      return true;
    }

    if (eof_) {
      if (unread == 0) return false;
      *line = WithoutCarriageReturn(data + begin_, unread);
      if (line->size() > max_line_) {  // only "max_line + 1 bytes, no \r" reaches here
        *line = line->substr(0, max_line_);
        ++overlong_;
      }
      begin_ = end_;
      ++line_number_;
      return true;
    }

    // No error check here: a failed Fill() sets eof_, and the partial line above is
    // returned before Next() reports the end.
    Fill();
  }
}

// Fill - moves the unread bytes to the front and reads one block behind them. False when
// nothing more will come (end of input or an error in status_).
bool LineReader::Fill() {
  if (eof_) return false;
  char* data = buf_.data();
  const size_t unread = end_ - begin_;
  if (begin_ > 0 && unread > 0) std::memmove(data, data + begin_, unread);
  begin_ = 0;
  end_ = unread;

  size_t got = 0;
  Status s = source_->Read(data + end_, buf_.size() - end_, &got);
  if (!s.ok()) {
    status_ = std::move(s);
    eof_ = true;
  } else if (got == 0) {
    eof_ = true;
  }
  end_ += got;
  bytes_read_ += got;
  return !eof_ || end_ > begin_;
}

}  // namespace mailwhy
