// cache_file - derived files kept between runs (see cache_file.h).
#include "util/cache_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <utility>
#include <vector>

namespace mailwhy {
namespace {

constexpr char kMagic[8] = {'M', 'W', 'C', 'A', 'C', 'H', 'E', '1'};
constexpr size_t kHeaderSize = sizeof(kMagic) + 8 + 8;  // magic, length, checksum

void PutU64(uint64_t v, char* out) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

uint64_t GetU64(const char* in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  return v;
}

uint64_t Checksum(std::string_view payload) {
  Fingerprint f;
  f.Add(payload);
  return f.value();
}

// A directory we may trust: ours, not writable by group or others.
bool SafeDirectory(const std::string& dir) {
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  return st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

// mkdir -p with mode 0700 for the parts it creates.
bool MakeDirectories(const std::string& dir) {
  if (dir.empty()) return false;
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  return true;
}

bool PlainName(std::string_view name) {
  return !name.empty() && name.find('/') == std::string_view::npos && name[0] != '.';
}

// Keeps the newest kKeepPerPrefix files whose names start like `name` up to its first '-'.
void Prune(const std::string& dir, std::string_view name) {
  size_t dash = name.find('-');
  if (dash == std::string_view::npos) return;
  std::string prefix(name.substr(0, dash + 1));
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return;
  std::vector<std::pair<int64_t, std::string>> files;  // (mtime ns, name)
  while (dirent* e = readdir(d)) {
    std::string entry = e->d_name;
    if (entry.compare(0, prefix.size(), prefix) != 0) continue;
    struct stat st;
    if (lstat((dir + "/" + entry).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    files.emplace_back(int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec, entry);
  }
  closedir(d);
  if (files.size() <= kKeepPerPrefix) return;
  std::sort(files.begin(), files.end(), std::greater<>());
  for (size_t i = kKeepPerPrefix; i < files.size(); ++i) {
    unlink((dir + "/" + files[i].second).c_str());
  }
}

}  // namespace

void Fingerprint::Mix(uint64_t word) {
  // One round of a multiply-xorshift mixer per 8 bytes (the finaliser of MurmurHash3):
  // fast enough to checksum a few megabytes in a millisecond.
  uint64_t h = state_ ^ word;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  state_ = h + 0x9e3779b97f4a7c15ULL;
}

void Fingerprint::Add(uint64_t value) { Mix(value); }

void Fingerprint::Add(std::string_view bytes) {
  Mix(bytes.size());
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    Mix(word);
  }
  uint64_t tail = 0;
  for (size_t k = 0; i < bytes.size(); ++i, ++k) {
    tail |= uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * k);
  }
  Mix(tail);
}

std::string Fingerprint::Hex() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 0; i < 16; ++i) out[15 - i] = kHex[(state_ >> (4 * i)) & 15];
  return out;
}

std::string CacheDirectory() {
  std::string dir;
  if (const char* own = std::getenv("MAILWHY_CACHE_DIR"); own != nullptr) {
    if (*own == '\0' || std::strcmp(own, "off") == 0) return "";
    dir = own;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    dir = std::string(xdg) + "/mailwhy";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    dir = std::string(home) + "/.cache/mailwhy";
  } else {
    return "";
  }
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (!SafeDirectory(dir) && (!MakeDirectories(dir) || !SafeDirectory(dir))) return "";
  return dir;
}

bool ReadCacheFile(std::string_view name, std::string* payload) {
  payload->clear();
  if (!PlainName(name)) return false;
  std::string dir = CacheDirectory();
  if (dir.empty()) return false;
  std::string path = dir + "/" + std::string(name);
  int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool usable = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
                (st.st_mode & (S_IWGRP | S_IWOTH)) == 0 &&
                static_cast<uint64_t>(st.st_size) >= kHeaderSize;
  std::string bytes;
  if (usable) {
    bytes.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < bytes.size()) {
      ssize_t n = read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    usable = got == bytes.size();
  }
  close(fd);
  if (!usable || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) return false;
  uint64_t length = GetU64(bytes.data() + sizeof(kMagic));
  uint64_t checksum = GetU64(bytes.data() + sizeof(kMagic) + 8);
  if (length != bytes.size() - kHeaderSize) return false;
  std::string_view body(bytes.data() + kHeaderSize, length);
  if (Checksum(body) != checksum) return false;
  payload->assign(body);
  return true;
}

void WriteCacheFile(std::string_view name, std::string_view payload) {
  if (!PlainName(name)) return;
  std::string dir = CacheDirectory();
  if (dir.empty()) return;
  std::string path = dir + "/" + std::string(name);
  std::string temp = dir + "/.tmp-" + std::to_string(getpid()) + "-" + std::string(name);
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return;
  char header[kHeaderSize];
  std::memcpy(header, kMagic, sizeof(kMagic));
  PutU64(payload.size(), header + sizeof(kMagic));
  PutU64(Checksum(payload), header + sizeof(kMagic) + 8);
  bool ok = true;
  for (std::string_view part : {std::string_view(header, kHeaderSize), payload}) {
    while (ok && !part.empty()) {
      ssize_t n = write(fd, part.data(), part.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ok = false;
      else part.remove_prefix(static_cast<size_t>(n));
    }
  }
  ok = close(fd) == 0 && ok;
  if (!ok || rename(temp.c_str(), path.c_str()) != 0) {
    unlink(temp.c_str());
    return;
  }
  Prune(dir, name);
}

}  // namespace mailwhy
