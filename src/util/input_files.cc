// NAME
//   input_files - put rotated log files in time order; find the system's mail log
// DESCRIPTION
//   A file name is read as  DIR/BASE[ROTATION][.gz|.zst|.xz|.bz2]  where ROTATION is
//     ".N"                    logrotate's numbered copies, 1..9999999: higher is older;
//     "-YYYYMMDD[HH...]", ".YYYYMMDD[...]", ".YYYYMMDD-HHMMSS"
//                             logrotate's dateext and Postfix's maillog_file_rotate_suffix:
//                             an earlier date is older (eight or more digits make a date);
//     nothing                 the live file, newest of its set.
//   Files with the same DIR/BASE form a set. Sets keep the order in which they first
//   appear; inside a set, dated copies come first (oldest date first), then numbered
//   copies (highest number first), then the live file. A set that mixes both schemes
//   (logrotate's settings changed) has no right answer by name; its dated copies are
//   taken as the older.
//   Each "-" (standard input) is a set of its own.
// BUGS
//   Only the name is looked at, never the contents or the mtime: "mail.log.1" that was
//   copied from another server sorts like any other ".1".
#include "util/input_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace mailwhy {
namespace {

enum class RotationKind { kDated = 0, kNumbered = 1, kLive = 2 };

struct RotationName {
  std::string set;  // DIR/BASE
  RotationKind kind = RotationKind::kLive;
  uint64_t number = 0;    // kNumbered: the N
  std::string date;       // kDated: the digits, padded to a common width
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view WithoutCompressionSuffix(std::string_view name) {
  for (std::string_view ext : {".gz", ".zst", ".xz", ".bz2"}) {
    if (EndsWith(name, ext) && name.size() > ext.size()) return name.substr(0, name.size() - ext.size());
  }
  return name;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The digits of a date suffix such as "20221205", "2022120510" or "20221205-101500";
// false when `s` is not one.
bool DateDigits(std::string_view s, std::string* digits) {
  digits->clear();
  bool seen_dash = false;
  for (char c : s) {
    if (IsDigit(c)) {
      digits->push_back(c);
    } else if (c == '-' && !seen_dash && digits->size() >= 8) {
      seen_dash = true;
    } else {
      return false;
    }
  }
  if (digits->size() < 8 || !IsDigit(s.back())) return false;
  digits->resize(14, '0');  // "20221205" sorts before "20221205-101500"
  return true;
}

// ParseRotationName - splits a path into its set and its place in the rotation.
RotationName ParseRotationName(std::string_view path) {
  RotationName r;
  std::string_view stem = WithoutCompressionSuffix(path);
  const size_t slash = stem.rfind('/');
  const size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;

  // The rotation suffix starts at the first "." or "-" after which only the suffix's
  // characters follow; try each candidate separator from the right.
  for (size_t i = stem.size(); i-- > name_start + 1;) {
    const char c = stem[i];
    if (c != '.' && c != '-') {
      if (!IsDigit(c)) break;
      continue;
    }
    std::string_view suffix = stem.substr(i + 1);
    if (suffix.empty()) break;
    if (DateDigits(suffix, &r.date)) {
      r.kind = RotationKind::kDated;
      r.set = std::string(stem.substr(0, i));
      return r;
    }
    // "-" inside a date suffix ("20221205-101500") is not a separator of its own.
    if (c == '-') continue;
    if (suffix.size() <= 7 && std::all_of(suffix.begin(), suffix.end(), IsDigit)) {
      r.kind = RotationKind::kNumbered;
      r.number = std::stoull(std::string(suffix));
      r.set = std::string(stem.substr(0, i));
      return r;
    }
    break;
  }
  r.kind = RotationKind::kLive;
  r.set = std::string(stem);
  return r;
}

// True when a is older than b (both in the same set).
bool OlderInSet(const RotationName& a, const RotationName& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  switch (a.kind) {
    case RotationKind::kDated: return a.date < b.date;
    case RotationKind::kNumbered: return a.number > b.number;
    case RotationKind::kLive: return false;
  }
  return false;
}

}  // namespace

std::vector<std::string> OrderOldestFirst(const std::vector<std::string>& paths) {
  struct Entry {
    size_t set_rank;
    RotationName name;
    const std::string* path;
  };
  // Standard input's placeholder cannot clash with a path: paths hold no NUL.
  static const std::string kStdinSet("\0-", 2);
  std::vector<std::string> set_order;
  std::vector<Entry> entries;
  entries.reserve(paths.size());
  for (const std::string& p : paths) {
    RotationName name;
    size_t rank;
    if (p == "-") {
      rank = set_order.size();
      set_order.push_back(kStdinSet);
    } else {
      name = ParseRotationName(p);
      auto it = std::find(set_order.begin(), set_order.end(), name.set);
      rank = static_cast<size_t>(it - set_order.begin());
      if (it == set_order.end()) set_order.push_back(name.set);
    }
    entries.push_back(Entry{rank, std::move(name), &p});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.set_rank != b.set_rank) return a.set_rank < b.set_rank;
    return OlderInSet(a.name, b.name);
  });
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (const Entry& e : entries) out.push_back(*e.path);
  return out;
}

Status DefaultLogFiles(std::vector<std::string>* paths) {
  static const char* const kCandidates[] = {"/var/log/mail.log", "/var/log/maillog"};
  paths->clear();
  std::string tried;
  for (const char* candidate : kCandidates) {
    struct stat st;
    if (::stat(candidate, &st) == 0 && !S_ISDIR(st.st_mode)) {
      paths->push_back(candidate);
      return Status::Ok();
    }
    if (!tried.empty()) tried += ", ";
    tried += candidate;
  }
  return Status::NotFound("no log file given and none found (tried " + tried +
                          "); name the files to read, or \"-\" for standard input");
}

}  // namespace mailwhy
