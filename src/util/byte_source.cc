// NAME
//   byte_source - read a log file (plain, gzip, zstd or xz) or standard input as plain bytes
// DESCRIPTION
//   OpenByteSource() opens the path ("-" is standard input), reads the first few bytes to
//   recognise the compression by its magic number, and returns a source that yields the
//   decoded bytes. The peeked bytes are handed back to the decoder (or to the caller, for
//   plain input), so nothing is read twice and a pipe needs no seeking.
//
//   Decoding policy, the same for all three formats:
//     - concatenated members or frames are read through: "cat a.gz b.gz" reads as one
//       log, as gzip(1) and zstd(1) do;
//     - bytes that could be decoded are always delivered before an error is reported, so
//       a truncated rotated file still yields its lines up to the damage;
//     - after an error, every further Read() returns the same error.
// DIAGNOSTICS
//   "PATH: No such file or directory" (NotFound), "PATH: Is a directory" and other system
//   errors (IoError), "PATH: corrupt gzip data at byte N (zlib's reason)", "PATH:
//   truncated xz data at byte N (the file ends inside a compressed block)" (Corruption),
//   "PATH: bzip2 compression is not supported ..." (Unsupported). Byte offsets count the
//   compressed input. Standard input is named "standard input".
// BUGS
//   Bytes after the last gzip member that are not another member (zero padding left by
//   some copy tools) are ignored, as gzip(1) ignores them, without a warning.
#include "util/byte_source.h"

#include <fcntl.h>
#include <lzma.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <deque>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace mailwhy {
namespace {

constexpr size_t kMagicBytes = 10;               // enough for the longest magic (bzip2)
constexpr size_t kCompressedBlock = 256 * 1024;  // compressed input read at a time

std::string DisplayName(const std::string& path) {
  return path == "-" ? std::string("standard input") : path;
}

Status ErrnoStatus(const std::string& path, int err) {
  std::string msg = DisplayName(path) + ": " + std::strerror(err);
  return err == ENOENT ? Status::NotFound(std::move(msg)) : Status::IoError(std::move(msg));
}

// ReadRetrying - read(2) that retries interrupted calls; *got = 0 at the end of the file.
Status ReadRetrying(int fd, const std::string& path, char* buf, size_t n, size_t* got) {
  for (;;) {
    ssize_t r = ::read(fd, buf, n);
    if (r >= 0) {
      *got = static_cast<size_t>(r);
      return Status::Ok();
    }
    if (errno != EINTR) {
      *got = 0;
      return ErrnoStatus(path, errno);
    }
  }
}

// RawInput - the undecoded bytes of the file: the peeked head first, then the descriptor.
class RawInput {
 public:
  RawInput(int fd, bool owned, std::string path) : fd_(fd), owned_(owned), path_(std::move(path)) {}
  ~RawInput() {
    if (owned_) ::close(fd_);
  }
  RawInput(const RawInput&) = delete;
  RawInput& operator=(const RawInput&) = delete;

  // Fills head_ with up to kMagicBytes bytes; short only at the end of the input.
  Status PeekHead() {
    while (head_len_ < kMagicBytes) {
      size_t got = 0;
      Status s = ReadRetrying(fd_, path_, head_ + head_len_, kMagicBytes - head_len_, &got);
      if (!s.ok()) return s;
      if (got == 0) break;
      head_len_ += got;
    }
    return Status::Ok();
  }
  std::string_view head() const { return std::string_view(head_, head_len_); }

  Status Read(char* buf, size_t n, size_t* got) {
    if (head_pos_ < head_len_) {
      size_t take = std::min(n, head_len_ - head_pos_);
      std::memcpy(buf, head_ + head_pos_, take);
      head_pos_ += take;
      *got = take;
      return Status::Ok();
    }
    return ReadRetrying(fd_, path_, buf, n, got);
  }

 private:
  int fd_;
  bool owned_;
  std::string path_;
  char head_[kMagicBytes];
  size_t head_len_ = 0, head_pos_ = 0;
};

// SourceInfo - what OpenByteSource learnt about the input, for ByteSource's accessors.
struct SourceInfo {
  std::string path;
  Compression compression;
  int64_t mtime;
};

class PlainSource : public ByteSource {
 public:
  PlainSource(std::unique_ptr<RawInput> raw, const SourceInfo& info) : raw_(std::move(raw)) {
    path_ = info.path;
    compression_ = info.compression;
    mtime_ = info.mtime;
  }
  Status Read(char* buf, size_t n, size_t* got) override { return raw_->Read(buf, n, got); }

 private:
  std::unique_ptr<RawInput> raw_;
};

// DecodingSource - what the three decoders share: the compressed input buffer, the
// byte offset for messages, and the "bytes first, then the error" rule.
class DecodingSource : public ByteSource {
 public:
  DecodingSource(std::unique_ptr<RawInput> raw, const SourceInfo& info, const char* format_name)
      : raw_(std::move(raw)), format_name_(format_name), in_(new char[kCompressedBlock]) {
    path_ = info.path;
    compression_ = info.compression;
    mtime_ = info.mtime;
  }

  Status Read(char* buf, size_t n, size_t* got) final {
    *got = 0;
    if (!error_.ok()) return error_;
    if (finished_) return Status::Ok();
    Status s = Decode(buf, n, got);
    if (!s.ok()) {
      error_ = s;
      // The caller gets the decoded bytes now and the error on the next call.
      if (*got > 0) return Status::Ok();
    }
    return s;
  }

 protected:
  // Decodes into buf; *got = 0 with OK means the end (set finished_ then).
  virtual Status Decode(char* buf, size_t n, size_t* got) = 0;

  // Makes at least `want` unread input bytes available unless the input ends first.
  Status EnsureInput(size_t want) {
    if (in_len_ - in_pos_ >= want || input_ended_) return Status::Ok();
    // Keep the unread tail at the front so the read appends to it.
    in_offset_ += in_pos_;
    std::memmove(in_.get(), in_.get() + in_pos_, in_len_ - in_pos_);
    in_len_ -= in_pos_;
    in_pos_ = 0;
    while (in_len_ < want && !input_ended_) {
      size_t got = 0;
      Status s = raw_->Read(in_.get() + in_len_, kCompressedBlock - in_len_, &got);
      if (!s.ok()) return s;
      if (got == 0) input_ended_ = true;
      in_len_ += got;
    }
    return Status::Ok();
  }

  const char* unread() const { return in_.get() + in_pos_; }
  size_t unread_size() const { return in_len_ - in_pos_; }
  void Consume(size_t n) { in_pos_ += n; }
  bool input_exhausted() const { return input_ended_ && in_pos_ == in_len_; }
  uint64_t input_offset() const { return in_offset_ + in_pos_; }

  Status CorruptAt(const char* reason) const {
    return Status::Corruption(DisplayName(path_) + ": corrupt " + format_name_ + " data at byte " +
                              std::to_string(input_offset()) + " (" + reason + ")");
  }
  Status Truncated() const {
    return Status::Corruption(DisplayName(path_) + ": truncated " + format_name_ +
                              " data at byte " + std::to_string(input_offset()) +
                              " (the file ends inside a compressed block)");
  }

  bool finished_ = false;

 private:
  std::unique_ptr<RawInput> raw_;
  const char* format_name_;
  std::unique_ptr<char[]> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t in_offset_ = 0;  // input bytes that were before in_[0]
  bool input_ended_ = false;
  Status error_;
};

class GzipSource : public DecodingSource {
 public:
  GzipSource(std::unique_ptr<RawInput> raw, const SourceInfo& info)
      : DecodingSource(std::move(raw), info, "gzip") {
    std::memset(&zs_, 0, sizeof zs_);
    // 16 + MAX_WBITS: gzip wrapper only, with its CRC and length check.
    init_ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipSource() override {
    if (init_ok_) inflateEnd(&zs_);
  }

 protected:
  Status Decode(char* buf, size_t n, size_t* got) override {
    if (!init_ok_) return Status::IoError(DisplayName(path_) + ": cannot start the gzip decoder");
    for (;;) {
      Status s = EnsureInput(1);
      if (!s.ok()) return s;
      if (member_ended_) {
        if (!NextMemberFollows(&s)) {
          finished_ = s.ok();
          return s;
        }
        inflateReset(&zs_);
        member_ended_ = false;
      }
      zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(unread()));
      zs_.avail_in = static_cast<uInt>(unread_size());  // at most kCompressedBlock
      const size_t out_cap = std::min<size_t>(n, UINT32_MAX);
      zs_.next_out = reinterpret_cast<Bytef*>(buf);
      zs_.avail_out = static_cast<uInt>(out_cap);
      int rc = inflate(&zs_, Z_NO_FLUSH);
      Consume(unread_size() - zs_.avail_in);
      *got = out_cap - zs_.avail_out;
      if (rc == Z_STREAM_END) {
        member_ended_ = true;
      } else if (rc == Z_BUF_ERROR) {
        // No progress: either the output is full (we return) or the input ran out.
        if (*got == 0 && input_exhausted()) return Truncated();
      } else if (rc != Z_OK) {
        return CorruptAt(zs_.msg ? zs_.msg : "inflate failed");
      }
      if (*got > 0) return Status::Ok();
    }
  }

 private:
  // True when another gzip member starts here; false at the end (or before trailing junk).
  bool NextMemberFollows(Status* s) {
    *s = EnsureInput(2);
    if (!s->ok() || unread_size() < 2) return false;
    return static_cast<unsigned char>(unread()[0]) == 0x1f &&
           static_cast<unsigned char>(unread()[1]) == 0x8b;
  }

  z_stream zs_;
  bool init_ok_ = false;
  bool member_ended_ = false;
};

class ZstdSource : public DecodingSource {
 public:
  ZstdSource(std::unique_ptr<RawInput> raw, const SourceInfo& info)
      : DecodingSource(std::move(raw), info, "zstd"), ds_(ZSTD_createDStream()) {
    if (ds_) ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

 protected:
  Status Decode(char* buf, size_t n, size_t* got) override {
    if (!ds_) return Status::IoError(DisplayName(path_) + ": cannot start the zstd decoder");
    for (;;) {
      Status s = EnsureInput(1);
      if (!s.ok()) return s;
      ZSTD_inBuffer in = {unread(), unread_size(), 0};
      ZSTD_outBuffer out = {buf, n, 0};
      size_t rc = ZSTD_decompressStream(ds_, &out, &in);
      Consume(in.pos);
      *got = out.pos;
      if (ZSTD_isError(rc)) return CorruptAt(ZSTD_getErrorName(rc));
      // rc == 0: a frame is complete and flushed; the next byte may start another frame.
      if (rc == 0) {
        at_frame_boundary_ = true;
      } else if (in.pos > 0 || out.pos > 0) {
        at_frame_boundary_ = false;
      }
      if (out.pos > 0) return Status::Ok();
      if (input_exhausted()) {
        if (!at_frame_boundary_) return Truncated();
        finished_ = true;
        return Status::Ok();
      }
    }
  }

 private:
  ZSTD_DStream* ds_;
  bool at_frame_boundary_ = true;
};

class XzSource : public DecodingSource {
 public:
  XzSource(std::unique_ptr<RawInput> raw, const SourceInfo& info)
      : DecodingSource(std::move(raw), info, "xz") {
    // LZMA_CONCATENATED: read through "cat a.xz b.xz", as xz(1) does.
    init_ok_ = lzma_stream_decoder(&strm_, UINT64_MAX, LZMA_CONCATENATED) == LZMA_OK;
  }
  ~XzSource() override { lzma_end(&strm_); }

 protected:
  Status Decode(char* buf, size_t n, size_t* got) override {
    if (!init_ok_) return Status::IoError(DisplayName(path_) + ": cannot start the xz decoder");
    for (;;) {
      Status s = EnsureInput(1);
      if (!s.ok()) return s;
      strm_.next_in = reinterpret_cast<const uint8_t*>(unread());
      strm_.avail_in = unread_size();
      strm_.next_out = reinterpret_cast<uint8_t*>(buf);
      strm_.avail_out = n;
      // With LZMA_CONCATENATED the decoder needs LZMA_FINISH to know the input has ended.
      lzma_ret rc = lzma_code(&strm_, input_exhausted() ? LZMA_FINISH : LZMA_RUN);
      Consume(unread_size() - strm_.avail_in);
      *got = n - strm_.avail_out;
      if (rc == LZMA_STREAM_END) {
        finished_ = true;  // this Read's bytes go out now; the next Read reports the end
        return Status::Ok();
      }
      if (rc == LZMA_BUF_ERROR) return *got > 0 ? Status::Ok() : Truncated();
      if (rc != LZMA_OK) return CorruptAt(LzmaReason(rc));
      if (*got > 0) return Status::Ok();
    }
  }

 private:
  static const char* LzmaReason(lzma_ret rc) {
    switch (rc) {
      case LZMA_FORMAT_ERROR: return "not in xz format";
      case LZMA_OPTIONS_ERROR: return "unsupported xz options";
      case LZMA_DATA_ERROR: return "damaged compressed data";
      case LZMA_MEM_ERROR: return "out of memory";
      case LZMA_MEMLIMIT_ERROR: return "memory limit reached";
      default: return "decoder error";
    }
  }

  lzma_stream strm_ = LZMA_STREAM_INIT;
  bool init_ok_ = false;
};

Compression CompressionFromMagic(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts(std::string_view("\x1f\x8b", 2))) return Compression::kGzip;
  if (starts(std::string_view("\x28\xb5\x2f\xfd", 4))) return Compression::kZstd;
  if (starts(std::string_view("\xfd" "7zXZ\0", 6))) return Compression::kXz;
  return Compression::kNone;
}

// bzip2: "BZh", a block-size digit, then the block magic (the BCD digits of pi).
bool LooksLikeBzip2(std::string_view head) {
  return head.size() >= 10 && head.substr(0, 3) == "BZh" && head[3] >= '1' && head[3] <= '9' &&
         head.substr(4, 6) == std::string_view("\x31\x41\x59\x26\x53\x59", 6);
}

std::unique_ptr<ByteSource> MakeSource(std::unique_ptr<RawInput> raw, const SourceInfo& info) {
  switch (info.compression) {
    case Compression::kGzip: return std::make_unique<GzipSource>(std::move(raw), info);
    case Compression::kZstd: return std::make_unique<ZstdSource>(std::move(raw), info);
    case Compression::kXz: return std::make_unique<XzSource>(std::move(raw), info);
    case Compression::kNone: break;
  }
  return std::make_unique<PlainSource>(std::move(raw), info);
}

}  // namespace

namespace {

class ReadAheadSource : public ByteSource {
 public:
  explicit ReadAheadSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {
    path_ = inner_->path();
    compression_ = inner_->compression();
    mtime_ = inner_->mtime();
    thread_ = std::thread([this] { Run(); });
  }
  ~ReadAheadSource() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    room_.notify_all();
    thread_.join();
  }

  Status Read(char* buf, size_t n, size_t* got) override {
    *got = 0;
    while (current_ == nullptr || taken_ == current_->size) {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return !full_.empty() || done_; });
      if (current_ != nullptr) free_.push_back(std::move(current_));
      if (full_.empty()) return end_status_;  // OK at the end of input, else the error
      current_ = std::move(full_.front());
      full_.pop_front();
      taken_ = 0;
      room_.notify_one();
    }
    *got = std::min(n, current_->size - taken_);
    std::memcpy(buf, current_->bytes.get() + taken_, *got);
    taken_ += *got;
    return Status::Ok();
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  static constexpr size_t kDepth = 4;
  struct Chunk {
    std::unique_ptr<char[]> bytes{new char[kChunk]};
    size_t size = 0;
  };

  void Run() {
    for (;;) {
      std::unique_ptr<Chunk> chunk;
      {
        std::unique_lock<std::mutex> lock(mu_);
        room_.wait(lock, [this] { return full_.size() < kDepth || stop_; });
        if (stop_) return;
        if (!free_.empty()) {
          chunk = std::move(free_.back());
          free_.pop_back();
        }
      }
      if (chunk == nullptr) chunk = std::make_unique<Chunk>();
      size_t got = 0;
      Status s = inner_->Read(chunk->bytes.get(), kChunk, &got);
      chunk->size = got;
      std::lock_guard<std::mutex> lock(mu_);
      if (got > 0) full_.push_back(std::move(chunk));
      if (!s.ok() || got == 0) {
        end_status_ = s;
        done_ = true;
      }
      ready_.notify_one();
      if (done_) return;
    }
  }

  std::unique_ptr<ByteSource> inner_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::unique_ptr<Chunk>> full_;
  std::vector<std::unique_ptr<Chunk>> free_;
  bool done_ = false, stop_ = false;
  Status end_status_;
  std::unique_ptr<Chunk> current_;  // the chunk Read() is taking bytes from
  size_t taken_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> ReadAhead(std::unique_ptr<ByteSource> source) {
  return std::make_unique<ReadAheadSource>(std::move(source));
}

Status OpenByteSource(const std::string& path, std::unique_ptr<ByteSource>* out) {
  out->reset();
  const bool is_stdin = path == "-";
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, errno);
  auto raw = std::make_unique<RawInput>(fd, !is_stdin, path);

  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoStatus(path, errno);
  if (S_ISDIR(st.st_mode)) return ErrnoStatus(path, EISDIR);
  // A redirected file ("< mail.log.1") still has a meaningful mtime; a pipe does not.
  int64_t mtime = S_ISREG(st.st_mode) ? static_cast<int64_t>(st.st_mtime)
                                      : static_cast<int64_t>(std::time(nullptr));
  if (S_ISREG(st.st_mode)) ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  Status s = raw->PeekHead();
  if (!s.ok()) return s;
  if (LooksLikeBzip2(raw->head())) {
    return Status::Unsupported(DisplayName(path) +
                               ": bzip2 compression is not supported; decompress it first "
                               "(bzip2 -dc FILE | mailwhy ... -)");
  }
  SourceInfo info{path, CompressionFromMagic(raw->head()), mtime};
  *out = MakeSource(std::move(raw), info);
  return Status::Ok();
}

Status ReadWholeSource(const std::string& path, std::string* out) {
  std::unique_ptr<ByteSource> src;
  Status s = OpenByteSource(path, &src);
  if (!s.ok()) return s;
  char buf[1 << 16];
  for (;;) {
    size_t got = 0;
    s = src->Read(buf, sizeof buf, &got);
    if (!s.ok()) return s;
    if (got == 0) return Status::Ok();
    out->append(buf, got);
  }
}

}  // namespace mailwhy
