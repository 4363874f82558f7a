// NAME
//   prefilter - rebuild only the messages a search can be about
// DESCRIPTION
//   `mailwhy why --to ADDRESS` over months of logs should cost close to grep, not a full
//   parse. The search words (an address, a domain, a Message-ID, a client) appear on at
//   least one line of every message that can match. So the read runs twice:
//
//   1. CollectCandidates() scans every line for the words, case-insensitively and
//      without parsing; a line that holds one is parsed just enough to learn its queue ID
//      (host, instance, queue ID) and, for smtp and lmtp lines, its process (host, pid),
//      whose queue-ID-less lines (an earlier MX that timed out) belong to the same
//      delivery.
//   2. ReadLogs() then fully parses only lines of those queue IDs and processes, plus
//      NOQUEUE rejects that hold a word. As it goes, the selector also learns the queue
//      IDs a candidate hands on (bounce notices, "queued as", "forwarded as"), so those
//      children are rebuilt too.
//
//   The result holds every journey that mentions a word; the caller's filter decides.
// BUGS
//   Lines of a candidate's smtpd session that carry no queue ID are not read, so a
//   candidate never queued (client gone after RCPT) ends "open" rather than "aborted". A
//   child whose first lines precede the line that names it (Postfix < 3.11 logs a
//   bounce notice's cleanup line first) misses those lines. Standard input cannot be
//   read twice: with "-" among the files, the reader parses everything.
#ifndef MAILWHY_JOURNEY_PREFILTER_H_
#define MAILWHY_JOURNEY_PREFILTER_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "postfix/event.h"
#include "syslog/record.h"
#include "util/status.h"
#include "util/text_search.h"

namespace mailwhy {

class CandidateSelector {
 public:
  explicit CandidateSelector(const std::vector<std::string>& words);

  // Pass 1: a raw line; remembers its message and process when it holds a word.
  void Scan(std::string_view line);
  // Pass 2: whether this record is worth a full parse.
  bool Wants(const Record& rec);
  // Pass 2: after a wanted record was parsed, learn the queue IDs it hands on.
  void Learn(const Record& rec, const Event& ev);

  size_t candidates() const { return messages_.size(); }

 private:
  bool HasWord(std::string_view text) const;
  const std::string& MessageKey(std::string_view host, std::string_view tag, std::string_view qid);
  const std::string& ProcessKey(std::string_view host, int32_t pid);

  std::vector<CaseInsensitiveSearch> words_;
  std::unordered_set<std::string> messages_;   // host|instance|qid
  std::unordered_set<std::string> processes_;  // host|pid of smtp and lmtp
  std::string scratch_;
};

// Pass 1 over the files. Errors are left for the parsing pass to report.
void CollectCandidates(const std::vector<std::string>& paths, CandidateSelector* selector);

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_PREFILTER_H_
