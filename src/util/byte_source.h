// NAME
//   byte_source - the bytes of one input: a file (plain, gzip, zstd, xz) or standard input
// SYNOPSIS
//   std::unique_ptr<ByteSource> src;
//   Status s = OpenByteSource("mail.log.2.gz", &src);
//   size_t got; s = src->Read(buf, sizeof buf, &got);   // got == 0: end of input
// DESCRIPTION
//   Compression is recognised by the file's first bytes (magic numbers), not by its name,
//   so a renamed rotated file still reads. Concatenated gzip and zstd members are read
//   through. "-" means standard input (which may be compressed too).
// DIAGNOSTICS
//   Open and read failures are Status values naming the path: "mail.log.2.gz: corrupt gzip
//   data at byte 1234 (invalid distance too far back)", "x.log: No such file or
//   directory" (NotFound), "x: Is a directory" (IoError). A truncated compressed file
//   returns the bytes that could be decoded, then a Corruption status "mail.log.2.gz:
//   truncated gzip data at byte 5678 (...)"; after an error, Read() keeps returning it.
//   Byte offsets count compressed input. bzip2 files are refused (Unsupported) with a hint.
//   Standard input is called "standard input" in messages.
// THREAD SAFETY
//   One reader per ByteSource.
#ifndef MAILWHY_UTIL_BYTE_SOURCE_H_
#define MAILWHY_UTIL_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace mailwhy {

enum class Compression { kNone, kGzip, kZstd, kXz };

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; *got = 0 means the end. REQUIRES: n > 0.
  virtual Status Read(char* buf, size_t n, size_t* got) = 0;
  const std::string& path() const { return path_; }
  Compression compression() const { return compression_; }
  // Modification time of the file (seconds since the epoch). For stdin: the mtime of the
  // file redirected to it ("< mail.log.1"), else (a pipe, a terminal) the time of opening.
  int64_t mtime() const { return mtime_; }

 protected:
  std::string path_;
  Compression compression_ = Compression::kNone;
  int64_t mtime_ = 0;
};

Status OpenByteSource(const std::string& path, std::unique_ptr<ByteSource>* out);

// Wraps a source so that a second thread reads (and decompresses) ahead of the caller,
// a few 1 MiB blocks at most: decompressing a rotated .gz log costs as much as parsing
// it, and the two then overlap. Same bytes, same errors at the same point; destroying
// the wrapper stops the thread.
std::unique_ptr<ByteSource> ReadAhead(std::unique_ptr<ByteSource> source);

// Appends all of a source's bytes (decompressed) to *out: for inputs read whole, such as
// one mail or a saved queue listing. Errors as OpenByteSource() and Read().
Status ReadWholeSource(const std::string& path, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_BYTE_SOURCE_H_
