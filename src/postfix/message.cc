// NAME
//   message - implementation of message.h: [SEVERITY: ][QID: ]BODY
// DESCRIPTION
//   A cheap first-letter test keeps the common case (no severity) at one comparison; the
//   queue ID is looked for only in the first 33 bytes, up to its ":", and the characters
//   are judged as they are scanned (IsQueueId()'s rules, kept equal by message_test.cc).
#include "postfix/message.h"

#include <cstdint>
#include <cstring>

#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

constexpr size_t kMaxQueueIdLength = 32;  // as IsQueueId() accepts

// Which queue ID shapes (queue_id.cc) a character may appear in, to judge a candidate in
// the same pass that looks for its ":".
constexpr uint8_t kShortShape = 1;  // upper-case hex
constexpr uint8_t kLongShape = 2;   // digits and consonants of either case

struct QueueIdChars {
  uint8_t shapes[256] = {};
  constexpr QueueIdChars() {
    for (int c = '0'; c <= '9'; ++c) shapes[c] = kShortShape | kLongShape;
    for (int c = 'A'; c <= 'F'; ++c) shapes[c] |= kShortShape;
    for (int c = 'a'; c <= 'z'; ++c) {
      if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') continue;
      shapes[c] |= kLongShape;
      shapes[c - 'a' + 'A'] |= kLongShape;
    }
  }
};
constexpr QueueIdChars kQueueIdChars;

}  // namespace

// LeadingQueueId - the IsQueueId() rules in one pass over the candidate: the scan stops at
// the first character no queue ID may hold, which for most bodies ("connect from", "to=<")
// is within the first few bytes.
std::string_view LeadingQueueId(std::string_view text, size_t* after) {
  const size_t limit = text.size() < kMaxQueueIdLength + 1 ? text.size() : kMaxQueueIdLength + 1;
  size_t colon = 0;
  if (limit >= 8 && std::memcmp(text.data(), "NOQUEUE:", 8) == 0) {
    colon = 7;  // the one queue ID with vowels
  } else {
    uint8_t shapes = kShortShape | kLongShape;
    size_t last_z = kNpos;
    for (; colon < limit && text[colon] != ':'; ++colon) {
      shapes &= kQueueIdChars.shapes[static_cast<unsigned char>(text[colon])];
      if (shapes == 0) return {};
      if (text[colon] == 'z') last_z = colon;
    }
    if (colon >= limit) return {};
    // As IsShortQueueId() and IsLongQueueId(): a long ID has a "z" at 10 or later with
    // something after it.
    const bool is_short = (shapes & kShortShape) != 0 && colon >= 6;
    const bool is_long = (shapes & kLongShape) != 0 && colon >= 12 && last_z != kNpos &&
                         last_z >= 10 && last_z + 1 < colon;
    if (!is_short && !is_long) return {};
  }
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
