// mail_input - files, mbox files and Maildir folders as a stream of messages (see
// mail_input.h).
#include "bounce/mail_input.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>

#include "bounce/line_ends.h"
#include "util/byte_source.h"

namespace mailwhy {

namespace {

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The names in `dir` that are regular files (or links to them), sorted, without dot files.
std::vector<std::string> FileNames(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (struct dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (IsDirectory(dir + "/" + name)) continue;
    names.push_back(std::move(name));
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::string Join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

// One file: a message or an mbox.
Status ReadMailFile(const std::string& path, const MailSink& sink) {
  MailInput m;
  m.file = path;
  Status s = ReadWholeSource(path, &m.bytes);
  if (!s.ok()) return s;
  NormalizeLineEnds(&m.bytes);
  if (!LooksLikeMbox(m.bytes)) {
    sink(m);
    return Status::Ok();
  }
  const std::string whole = std::move(m.bytes);
  int index = 0;
  for (std::string_view part : SplitMbox(whole)) {
    MailInput one;
    one.file = path;
    one.index = ++index;
    one.bytes.assign(part);
    sink(one);
  }
  return Status::Ok();
}

Status ReadFolder(const std::string& dir, const MailSink& sink) {
  std::vector<std::string> subdirs;
  if (IsDirectory(Join(dir, "new")) || IsDirectory(Join(dir, "cur"))) {
    subdirs = {"new", "cur"};
  } else {
    subdirs = {""};
  }
  Status first;
  for (const auto& sub : subdirs) {
    const std::string folder = sub.empty() ? dir : Join(dir, sub);
    if (!IsDirectory(folder)) continue;
    for (const auto& name : FileNames(folder)) {
      Status s = ReadMailFile(Join(folder, name), sink);
      if (!s.ok() && first.ok()) first = s;
    }
  }
  return first;
}

}  // namespace

bool LooksLikeMbox(std::string_view text) {
  if (text.substr(0, 5) != "From ") return false;
  // "From MAILER-DAEMON Thu Sep 18 17:54:04 2008": a sender and a date, on one line. A
  // header named "From " does not exist (a header name ends at ':').
  size_t eol = text.find('\n');
  std::string_view line = text.substr(0, eol);
  return line.find(':') != std::string_view::npos && line.find(' ', 5) != std::string_view::npos;
}

std::vector<std::string_view> SplitMbox(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = std::string_view::npos;  // start of the current message's bytes
  size_t pos = 0;
  bool previous_blank = true;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, (eol == std::string_view::npos ? text.size() : eol) - pos);
    if (previous_blank && LooksLikeMbox(text.substr(pos))) {
      if (start != std::string_view::npos) out.push_back(text.substr(start, pos - start));
      start = next;
    }
    previous_blank = line.empty();
    pos = next;
  }
  if (start != std::string_view::npos && start < text.size()) out.push_back(text.substr(start));
  return out;
}

Status ForEachMail(const std::string& path, const MailSink& sink) {
  if (path != "-" && IsDirectory(path)) return ReadFolder(path, sink);
  return ReadMailFile(path, sink);
}

}  // namespace mailwhy
