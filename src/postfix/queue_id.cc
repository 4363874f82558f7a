// NAME
//   queue_id - IsQueueId() and the severity / queue ID split of message.h
// DESCRIPTION
//   Postfix makes two kinds of queue IDs (mail_queue.h, get_mail_conf.c):
//     short (default): upper-case hex, 5 digits of microseconds then the inode number in
//       hex: "7EE668039", "0D9633D", "ED06590130AA1C9D6D862". At least 6 characters.
//     long (enable_long_queue_ids = yes): the 52-letter alphabet [0-9B-DF-HJ-NP-TV-Zb-df-
//       hj-np-tv-z] (no vowels), at least 6 characters of seconds, 4 of microseconds, a "z",
//       then the inode in the 51 letters other than "z": "4PbC4x469Jz3tBr".
//   and "NOQUEUE" stands in before a queue file exists.
//
//   The long form is only accepted with a "z" at position 10 or later and something after
//   it, so an ordinary word made of those letters is not a queue ID.
// BUGS
//   A body that starts with a hex word of six or more capitals and ": " ("DEADBEEF: ...")
//   is read as a queue ID; Postfix writes no such message.
#include "postfix/event_parser.h"
#include "postfix/fields.h"
#include "postfix/message.h"

namespace mailwhy {

namespace {

constexpr size_t kMaxQueueIdLength = 32;

bool IsShortQueueIdChar(char c) { return postfix::IsDigit(c) || (c >= 'A' && c <= 'F'); }

bool IsLongQueueIdChar(char c) {
  if (postfix::IsDigit(c)) return true;
  char lower = static_cast<char>(c | 0x20);
  if (lower < 'a' || lower > 'z') return false;
  return lower != 'a' && lower != 'e' && lower != 'i' && lower != 'o' && lower != 'u';
}

bool IsShortQueueId(std::string_view s) {
  if (s.size() < 6) return false;
  for (char c : s) {
    if (!IsShortQueueIdChar(c)) return false;
  }
  return true;
}

bool IsLongQueueId(std::string_view s) {
  if (s.size() < 12) return false;
  for (char c : s) {
    if (!IsLongQueueIdChar(c)) return false;
  }
  size_t z = s.rfind('z');
  return z != std::string_view::npos && z >= 10 && z + 1 < s.size();
}

}  // namespace

bool IsQueueId(std::string_view s) {
  if (s.empty() || s.size() > kMaxQueueIdLength) return false;
  return s == "NOQUEUE" || IsShortQueueId(s) || IsLongQueueId(s);
}

namespace postfix {

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
  // A cheap first-letter test keeps the common case (no severity) at one comparison.
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

}  // namespace postfix
}  // namespace mailwhy
