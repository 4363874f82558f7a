// NAME
//   parse_testing - what the postfix layer's tests share (header only, tests only)
// DESCRIPTION
//   ParseMessage() builds the Record a syslog prefix would have given (tag + message) and
//   parses it. The operators let GoogleTest print kinds and shapes by name, so a failure
//   reads "got delivery, want smtp-note".
// LIFETIME
//   The Event points into `message`: pass literals or keep the string alive.
#ifndef MAILWHY_POSTFIX_PARSE_TESTING_H_
#define MAILWHY_POSTFIX_PARSE_TESTING_H_

#include <ostream>
#include <string_view>

#include "postfix/event.h"
#include "postfix/event_parser.h"
#include "syslog/record.h"

namespace mailwhy {

inline Event ParseMessage(std::string_view tag, std::string_view message) {
  Record rec;
  rec.tag = tag;
  rec.message = message;
  Event ev;
  ParseEvent(rec, &ev);
  return ev;
}

inline std::ostream& operator<<(std::ostream& os, EventKind k) { return os << EventKindName(k); }
inline std::ostream& operator<<(std::ostream& os, TextShape s) { return os << TextShapeName(s); }

}  // namespace mailwhy

#endif  // MAILWHY_POSTFIX_PARSE_TESTING_H_
