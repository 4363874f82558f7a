// NAME
//   queue_id - IsQueueId(): the two shapes of Postfix queue IDs, and NOQUEUE
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

}  // namespace mailwhy
