// NAME
//   message - implementation of message.h: [SEVERITY: ][QID: ]BODY
// DESCRIPTION
//   A cheap first-letter test keeps the common case (no severity) at one comparison; the
//   queue ID is looked for only in the first 33 bytes, up to its ":".
#include "postfix/message.h"

#include "postfix/event_parser.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

constexpr size_t kMaxQueueIdLength = 32;  // as IsQueueId() accepts

}  // namespace

std::string_view LeadingQueueId(std::string_view text, size_t* after) {
  size_t limit = text.size() < kMaxQueueIdLength + 1 ? text.size() : kMaxQueueIdLength + 1;
  size_t colon = 0;
  while (colon < limit && text[colon] != ':') ++colon;
  if (colon >= limit || !IsQueueId(text.substr(0, colon))) return {};
  size_t pos = colon + 1;
  if (pos < text.size() && text[pos] != ' ') return {};
  while (pos < text.size() && text[pos] == ' ') ++pos;
  *after = pos;
  return text.substr(0, colon);
}

Message SplitMessage(std::string_view text) {
  Message m;
  m.text = text;
  std::string_view rest = text;
  static constexpr std::string_view kSeverities[] = {"warning", "error", "fatal", "panic"};
  if (!rest.empty() && (rest[0] == 'w' || rest[0] == 'e' || rest[0] == 'f' || rest[0] == 'p')) {
    for (std::string_view sev : kSeverities) {
      if (rest.size() >= sev.size() + 2 && StartsWith(rest, sev) && rest[sev.size()] == ':' &&
          rest[sev.size() + 1] == ' ') {
        m.severity = rest.substr(0, sev.size());
        rest.remove_prefix(sev.size() + 2);
        break;
      }
    }
  }
  size_t after = 0;
  m.qid = LeadingQueueId(rest, &after);
  if (!m.qid.empty()) rest.remove_prefix(after);
  m.body = rest;
  return m;
}

}  // namespace mailwhy::postfix
