// prefilter - rebuild only the messages a search can be about (see prefilter.h).
#include "journey/prefilter.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>

#include "journey/correlator.h"
#include "postfix/message.h"
#include "syslog/prefix_parser.h"
#include "util/byte_source.h"
#include "util/line_reader.h"

namespace mailwhy {

namespace {

std::string_view InstanceOf(std::string_view tag) { return tag.substr(0, tag.find('/')); }

std::string_view ProgramOf(std::string_view tag) {
  size_t slash = tag.rfind('/');
  return slash == std::string_view::npos ? tag : tag.substr(slash + 1);
}

bool IsSmtpClient(std::string_view tag) {
  std::string_view p = ProgramOf(tag);
  return p == "smtp" || p == "lmtp";
}

// "tag[pid]: " in a raw line: the position of '[' and of "]: ", and the pid; false when
// the line has no such tag (then only a full parse can tell).
bool FindTagPid(std::string_view line, size_t* open, size_t* close, int32_t* pid) {
  size_t end = line.find("]: ");
  if (end == std::string_view::npos) return false;
  size_t start = line.rfind('[', end);
  if (start == std::string_view::npos || start == 0 || end == start + 1 || end - start > 11) {
    return false;
  }
  int64_t value = 0;
  for (size_t i = start + 1; i < end; ++i) {
    if (line[i] < '0' || line[i] > '9') return false;  // not a pid: "[192.0.2.1]: ", "[XXXX]"
    value = value * 10 + (line[i] - '0');
  }
  if (value > INT32_MAX) return false;
  *open = start;
  *close = end;
  *pid = static_cast<int32_t>(value);
  return true;
}

}  // namespace

CandidateSelector::CandidateSelector(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (w.empty()) continue;
    raw_words_.push_back(w);
    words_.emplace_back(w);
  }
}

void CandidateSelector::AddMessage(std::string_view host, std::string_view tag,
                                   std::string_view qid) {
  messages_.insert(MessageKey(host, tag, qid));
  if (qids_.find(qid) == qids_.end()) {
    qids_.emplace(qid);
    literals_.emplace_back(qid);
  }
}

std::unique_ptr<WordFinder> CandidateSelector::MakeFinder(size_t from, size_t to,
                                                          bool with_words) const {
  std::vector<std::string> literals;
  if (with_words) {
    for (const std::string& w : raw_words_) {
      if (w.find('\n') == std::string::npos) literals.push_back(w);  // no line holds it
    }
  }
  to = std::min(to, literals_.size());
  if (from < to) literals.insert(literals.end(), literals_.begin() + from, literals_.begin() + to);
  return std::make_unique<WordFinder>(literals);
}

bool CandidateSelector::HasWord(std::string_view text) const {
  for (const CaseInsensitiveSearch& w : words_) {
    if (w.In(text)) return true;
  }
  return false;
}

const std::string& CandidateSelector::MessageKey(std::string_view host, std::string_view tag,
                                                 std::string_view qid) {
  scratch_.assign(host);
  scratch_ += '\x1f';
  scratch_ += InstanceOf(tag);
  scratch_ += '\x1f';
  scratch_ += qid;
  return scratch_;
}

const std::string& CandidateSelector::ProcessKey(std::string_view host, int32_t pid) {
  scratch_.assign(host);
  scratch_ += '\x1f';
  scratch_ += std::to_string(pid);
  return scratch_;
}

void CandidateSelector::Take(std::string_view line) {
  Record rec;
  ParseRecord(line, &rec);
  postfix::Message m = postfix::SplitMessage(rec.message);
  if (!m.qid.empty() && m.qid != "NOQUEUE") AddMessage(rec.host, rec.tag, m.qid);
  if (IsSmtpClient(rec.tag) && rec.pid >= 0) {
    processes_.insert(ProcessKey(rec.host, rec.pid));
    if (pids_.insert(rec.pid).second) {
      std::string marker = "[";
      marker += std::to_string(rec.pid);
      marker += ']';  // not "]: ": a literal ending as every line does costs a check per line
      literals_.push_back(std::move(marker));
    }
  }
}

bool CandidateSelector::MightWant(std::string_view line) const {
  size_t open = 0, close = 0;
  int32_t pid = -1;
  if (!FindTagPid(line, &open, &close, &pid)) return true;
  if (!pids_.empty() && pids_.count(pid) != 0) return true;
  postfix::Message m = postfix::SplitMessage(line.substr(close + 3));
  if (m.qid.empty()) return false;  // Wants() would ask for the process, checked above
  if (m.qid == "NOQUEUE") return HasWord(line);
  return qids_.find(m.qid) != qids_.end();
}

bool CandidateSelector::Wants(const Record& rec) {
  postfix::Message m = postfix::SplitMessage(rec.message);
  if (m.qid.empty()) return rec.pid >= 0 && processes_.count(ProcessKey(rec.host, rec.pid)) != 0;
  if (m.qid == "NOQUEUE") return HasWord(rec.message);
  return messages_.count(MessageKey(rec.host, rec.tag, m.qid)) != 0;
}

void CandidateSelector::Learn(const Record& rec, const Event& ev) {
  if (!ev.child_qid.empty()) AddMessage(rec.host, rec.tag, ev.child_qid);
  // A remote server's "queued as" names a message in its own queue, never in this log
  // (the correlator links those only across hosts, which candidates do not span).
  if (!ev.reply.queued_as.empty() && (ev.reply.forwarded || IsLocalHop(ev.relay_peer, ev.relay))) {
    AddMessage(rec.host, rec.tag, ev.reply.queued_as);
  }
}

namespace {

// Calls on_line(line) once for every line of `block` (whole lines) that holds a word.
void ForEachLineWithWord(std::string_view block, const WordFinder& finder,
                         const std::function<void(std::string_view)>& on_line) {
  size_t line_end = 0;  // end of the last line handed on; matches before it are in it
  bool any = false;
  finder.FindAll(block, [&](size_t end) {
    if (any && end <= line_end) return true;
    const void* nl_before = end > 0 ? memrchr(block.data(), '\n', end - 1) : nullptr;
    size_t start = nl_before ? static_cast<const char*>(nl_before) - block.data() + 1 : 0;
    const void* nl_after = std::memchr(block.data() + end, '\n', block.size() - end);
    line_end = nl_after ? static_cast<const char*>(nl_after) - block.data() : block.size();
    any = true;
    on_line(block.substr(start, line_end - start));
    return true;
  });
}

}  // namespace

namespace {
constexpr size_t kNotSearched = SIZE_MAX - 1;
constexpr size_t kAbsent = SIZE_MAX;
// Small enough that a block read is still in the CPU's cache when it is scanned.
constexpr size_t kReadBlock = 512 << 10;
}  // namespace

LineBlocks::LineBlocks(std::unique_ptr<ByteSource> source, size_t block_size)
    : source_(std::move(source)),
      read_block_(block_size ? block_size : kReadBlock),
      buf_(new char[read_block_]) {}

bool LineBlocks::Next(std::string_view* block) {
  if (at_end_) return false;
  char* data = buf_.get();
  size_t carry = filled_ - whole_;
  std::memmove(data, data + whole_, carry);
  filled_ = carry;
  whole_ = 0;
  while (whole_ == 0) {
    if (eof_) {
      if (filled_ == 0) {
        at_end_ = true;
        return false;
      }
      whole_ = filled_;  // the last line, without "\n"
      break;
    }
    size_t got = 0;
    Status s = source_->Read(data + filled_, read_block_ - filled_, &got);
    if (!s.ok()) status_ = std::move(s);
    if (!s.ok() || got == 0) eof_ = true;
    size_t searched = filled_;
    filled_ += got;
    offset_ += got;
    const void* nl = memrchr(data + searched, '\n', filled_ - searched);
    if (nl != nullptr) {
      whole_ = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
    } else if (filled_ == read_block_) {
      whole_ = filled_;  // a line longer than the block: read on as several lines
    }
  }
  at_end_ = eof_ && whole_ == filled_;
  *block = std::string_view(data, whole_);
  return true;
}

namespace {

// The bytes [begin, end) of a plain file, read with pread: one half of a file that two
// threads scan at once.
class FileRange : public ByteSource {
 public:
  FileRange(const std::string& path, uint64_t begin, uint64_t end)
      : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC)), at_(begin), end_(end) {
    path_ = path;
  }
  ~FileRange() override {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  Status Read(char* buf, size_t n, size_t* got) override {
    *got = 0;
    if (at_ >= end_) return Status::Ok();
    n = static_cast<size_t>(std::min<uint64_t>(n, end_ - at_));
    ssize_t r;
    do {
      r = pread(fd_, buf, n, static_cast<off_t>(at_));
    } while (r < 0 && errno == EINTR);
    if (r < 0) return Status::IoError(path_ + ": " + std::strerror(errno));
    *got = static_cast<size_t>(r);
    at_ += *got;
    return Status::Ok();
  }

 private:
  int fd_;
  uint64_t at_, end_;
};

// Where the second half of a plain file starts: just after the first "\n" at or past
// its middle; 0 when the file is not worth splitting (small, compressed, not a file).
uint64_t SplitPoint(const std::string& path, const ByteSource& source) {
  constexpr uint64_t kMinSplit = 64 << 20;
  struct stat st;
  if (source.compression() != Compression::kNone || path == "-" ||
      stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) < kMinSplit) {
    return 0;
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  FileRange probe(path, size / 2, size);
  char buf[64 * 1024];
  uint64_t at = size / 2;
  size_t got = 0;
  while (probe.ok() && probe.Read(buf, sizeof buf, &got).ok() && got > 0) {
    const void* nl = std::memchr(buf, '\n', got);
    if (nl != nullptr) return at + static_cast<uint64_t>(static_cast<const char*>(nl) - buf) + 1;
    at += got;
  }
  return 0;
}

// The lines of `blocks` that hold a word, copied (for a thread that cannot Take()).
void CollectLinesWithWords(LineBlocks* blocks, const WordFinder& finder,
                           std::vector<std::string>* lines) {
  std::string_view block;
  while (blocks->Next(&block)) {
    ForEachLineWithWord(block, finder, [&](std::string_view line) { lines->emplace_back(line); });
  }
}

}  // namespace

void CollectCandidates(const std::vector<std::string>& paths, CandidateSelector* selector,
                       int threads) {
  WordFinder finder(selector->words());
  if (!finder.ok()) return;
  for (const std::string& path : paths) {
    std::unique_ptr<ByteSource> source;
    if (!OpenByteSource(path, &source).ok()) continue;
    uint64_t split = threads >= 2 ? SplitPoint(path, *source) : 0;
    if (split == 0) {
      LineBlocks blocks(std::move(source));
      std::string_view block;
      while (blocks.Next(&block)) {
        ForEachLineWithWord(block, finder, [&](std::string_view line) { selector->Take(line); });
      }
      continue;
    }
    // Two halves at once; the lines found are taken in file order afterwards.
    std::vector<std::string> first, second;
    std::thread other([&] {
      WordFinder own(selector->words());
      auto range = std::make_unique<FileRange>(path, split, UINT64_MAX);
      if (!range->ok()) return;
      LineBlocks blocks(std::move(range));
      CollectLinesWithWords(&blocks, own, &second);
    });
    auto range = std::make_unique<FileRange>(path, 0, split);
    if (range->ok()) {
      LineBlocks blocks(std::move(range));
      CollectLinesWithWords(&blocks, finder, &first);
    }
    other.join();
    for (const std::string& line : first) selector->Take(line);
    for (const std::string& line : second) selector->Take(line);
  }
}

void CollectAddresses(const std::vector<std::string>& paths, size_t limit, AddressCensus* census) {
  WordFinder finder({"to=<", "from=<"});
  std::string address;
  for (const std::string& path : paths) {
    std::unique_ptr<ByteSource> source;
    if (!OpenByteSource(path, &source).ok()) continue;
    LineBlocks blocks(std::move(source));
    std::string_view block;
    while (blocks.Next(&block)) {
      finder.FindAll(block, [&](size_t end) {
        // Postfix caps an address at a few hundred bytes; anything longer is not one.
        std::string_view rest = block.substr(end, 512);
        size_t close = rest.find_first_of(">\n");
        if (close == std::string_view::npos || rest[close] != '>' || close == 0) return true;
        address.assign(rest.substr(0, close));
        for (char& c : address) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        bool sender = end >= 6 && block.substr(end - 6, 6) == "from=<";
        std::unordered_set<std::string>& set = sender ? census->senders : census->recipients;
        if (set.size() < limit) set.insert(address);
        return true;
      });
    }
  }
}

SelectedLineReader::SelectedLineReader(std::unique_ptr<ByteSource> source,
                                       const CandidateSelector* selector, size_t max_line)
    : blocks_(std::move(source)), selector_(selector), max_line_(max_line) {}

std::string_view SelectedLineReader::Cut(const char* begin, const char* end) {
  std::string_view text(begin, static_cast<size_t>(end - begin));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (text.size() > max_line_) {
    text = text.substr(0, max_line_);
    ++overlong_;
  }
  return text;
}

// The next block, and a copy of its last line (the file's last line once the blocks end).
bool SelectedLineReader::LoadBlock() {
  if (!blocks_.Next(&block_)) return false;
  pos_ = 0;
  main_hit_ = recent_hit_ = kNotSearched;
  const char* data = block_.data();
  size_t end = block_.size() - (block_.back() == '\n' ? 1 : 0);
  const void* before = end > 0 ? memrchr(data, '\n', end) : nullptr;
  size_t start = before ? static_cast<size_t>(static_cast<const char*>(before) - data) + 1 : 0;
  size_t overlong = overlong_;
  last_line_.assign(Cut(data + start, data + end));
  overlong_ = overlong;  // counted when (if) the line itself is read
  return true;
}

// Where `finder`'s next match at or after pos_ ends: the cached answer while it lies
// ahead (a match ending at or before pos_ is in a line already handed on).
size_t SelectedLineReader::NextHit(const WordFinder& finder, size_t* cached) const {
  if (*cached == kNotSearched || (*cached != kAbsent && *cached <= pos_)) {
    *cached = kAbsent;
    finder.FindAll(block_.substr(pos_), [&](size_t end) {
      *cached = pos_ + end;
      return false;
    });
  }
  return *cached;
}

bool SelectedLineReader::Next(std::string_view* line) {
  for (;;) {
    if (pos_ >= block_.size()) {
      if (!LoadBlock()) return false;
      continue;
    }
    const char* data = block_.data();
    const size_t size = block_.size();
    size_t start = pos_;
    if (!select_all_) {
      const size_t literals = selector_->literals().size();
      if (!main_ || literals - main_literals_ > kMaxRecent) {
        main_ = selector_->MakeFinder(0, literals, true);
        main_literals_ = recent_literals_ = literals;
        recent_.reset();
        main_hit_ = kNotSearched;
      } else if (literals != recent_literals_) {
        recent_ = selector_->MakeFinder(main_literals_, literals, false);
        recent_literals_ = literals;
        recent_hit_ = kNotSearched;
      }
      size_t hit = NextHit(*main_, &main_hit_);
      if (recent_) hit = std::min(hit, NextHit(*recent_, &recent_hit_));
      if (hit == kAbsent) hit = SIZE_MAX;
      size_t skip_to = size;
      if (hit != SIZE_MAX) {
        const void* nl = memrchr(data + pos_, '\n', hit - pos_);
        skip_to = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) + 1 : pos_;
      }
      // Lines passed over: count them (a last line without "\n" counts too).
      uint64_t skipped = CountByte(block_.substr(pos_, skip_to - pos_), '\n');
      if (skip_to == size && blocks_.at_end() && skip_to > pos_ && data[skip_to - 1] != '\n') {
        ++skipped;
      }
      counted_lines_ += skipped;
      if (hit == SIZE_MAX) {
        pos_ = size;
        continue;
      }
      start = skip_to;
    }
    const void* nl = std::memchr(data + start, '\n', size - start);
    size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : size;
    pos_ = nl ? end + 1 : size;
    *line = Cut(data + start, data + end);
    line_number_ = ++counted_lines_;
    return true;
  }
}

}  // namespace mailwhy
