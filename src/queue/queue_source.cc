// queue_source - run postqueue -j; tell JSON lines from mailq text (see queue_source.h).
#include "queue/queue_source.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>

#include "queue/mailq_text.h"

namespace mailwhy {

namespace {

std::string FindPostqueue() {
  const char* path = getenv("PATH");
  std::string dirs = path ? path : "";
  dirs += ":/usr/sbin:/usr/bin:/sbin:/usr/local/sbin";
  size_t pos = 0;
  while (pos <= dirs.size()) {
    size_t colon = dirs.find(':', pos);
    if (colon == std::string::npos) colon = dirs.size();
    std::string dir = dirs.substr(pos, colon - pos);
    pos = colon + 1;
    if (dir.empty()) continue;
    std::string candidate = dir + "/postqueue";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::string();
}

}  // namespace

Status RunPostqueue(std::string* out) {
  std::string exe = FindPostqueue();
  if (exe.empty()) {
    return Status::NotFound(
        "postqueue not found (is Postfix installed here?); give a saved 'postqueue -j' or "
        "'mailq' output as FILE, or '-' to read it from standard input");
  }
  // The path comes from PATH lookup, not from the user's text; quoted all the same.
  std::string cmd = "'" + exe + "' -j 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return Status::IoError("cannot run " + exe);
  char buf[1 << 16];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, got);
  int rc = pclose(p);
  if (rc != 0) {
    std::string msg = *out;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == '\r')) msg.pop_back();
    return Status::IoError("postqueue -j failed (exit " +
                           std::to_string(WIFEXITED(rc) ? WEXITSTATUS(rc) : rc) + "): " +
                           msg.substr(0, 300));
  }
  return Status::Ok();
}

void ReadQueueListing(std::string_view text, int64_t now, std::vector<QueueEntry>* out,
                      QueueReadStats* stats) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i < text.size() && text[i] == '{') {
    ReadPostqueueJson(text, out, stats);
  } else {
    ReadMailqText(text, now, out, stats);
  }
}

}  // namespace mailwhy
