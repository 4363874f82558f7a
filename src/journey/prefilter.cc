// prefilter - rebuild only the messages a search can be about (see prefilter.h).
#include "journey/prefilter.h"

#include <memory>

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

}  // namespace

CandidateSelector::CandidateSelector(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (!w.empty()) words_.emplace_back(w);
  }
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

void CandidateSelector::Scan(std::string_view line) {
  if (!HasWord(line)) return;
  Record rec;
  ParseRecord(line, &rec);
  postfix::Message m = postfix::SplitMessage(rec.message);
  if (!m.qid.empty() && m.qid != "NOQUEUE") messages_.insert(MessageKey(rec.host, rec.tag, m.qid));
  if (IsSmtpClient(rec.tag) && rec.pid >= 0) processes_.insert(ProcessKey(rec.host, rec.pid));
}

bool CandidateSelector::Wants(const Record& rec) {
  postfix::Message m = postfix::SplitMessage(rec.message);
  if (m.qid.empty()) return rec.pid >= 0 && processes_.count(ProcessKey(rec.host, rec.pid)) != 0;
  if (m.qid == "NOQUEUE") return HasWord(rec.message);
  return messages_.count(MessageKey(rec.host, rec.tag, m.qid)) != 0;
}

void CandidateSelector::Learn(const Record& rec, const Event& ev) {
  if (!ev.child_qid.empty()) messages_.insert(MessageKey(rec.host, rec.tag, ev.child_qid));
  if (!ev.reply.queued_as.empty()) messages_.insert(MessageKey(rec.host, rec.tag, ev.reply.queued_as));
}

void CollectCandidates(const std::vector<std::string>& paths, CandidateSelector* selector) {
  for (const std::string& path : paths) {
    std::unique_ptr<ByteSource> source;
    if (!OpenByteSource(path, &source).ok()) continue;
    LineReader reader(std::move(source));
    std::string_view line;
    while (reader.Next(&line)) selector->Scan(line);
  }
}

}  // namespace mailwhy
