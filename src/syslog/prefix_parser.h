// NAME
//   prefix_parser - split a log line into its syslog prefix and its message
// DESCRIPTION
//   ParseRecord() recognises, without regular expressions and without allocating:
//     BSD / RFC 3164:  "Dec  7 13:28:01 host tag[pid]: msg" (day space- or zero-padded or
//                      unpadded, optional ".uuuuuu" fraction: journalctl -o short-precise,
//                      postlog "Nov 05 ..."); a Solaris "[ID 197553 mail.info] " after the
//                      tag is skipped
//     RFC 3339:        "2023-03-14T00:08:33.579644+01:00 host tag[pid]: msg", also "Z",
//                      "+0100" (journalctl -o short-iso) and a space instead of "T"
//     RFC 5424:        "<22>1 2011-03-03T15:27:06+01:00 host app procid msgid sd msg"
//     docker logs -t:  an RFC 3339 stamp followed by one of the above: the inner one wins
//   Redacted prefixes as people paste them still parse: "Jul 25 XX:XX:XX *** postfix/qmgr
//   [XXXXX]: ...", "May xx xx:xx:xx xxxxxxxx postfix/smtp[8720]: ..." (the clock or the day
//   becomes unknown, the rest is kept).
//
//   A line with no recognisable prefix yields format kNone with the whole line as the
//   message, so message-only input (grok test data, pasted fragments) still parses. One
//   exception: a line that starts with "TAG[PID]: " and no stamp (a fragment pasted from
//   the middle of a line) is still kNone but gets its tag and pid, and the message is
//   what follows. Without "[PID]" nothing is taken as a tag, since message text starts
//   with "QID: " or "warning: ".
//
//   Where a stamp was found but what follows is incomplete, the parts found are kept: no
//   tag means tag "" and the message is the text after the host; a first word ending in
//   ":" right after the stamp is a tag with no host ("Dec  7 13:28:01 postfix/smtpd[1]:").
//   In RFC 5424 messages leading spaces and a UTF-8 byte order mark are dropped.
//   ParseRecord never fails and never reads outside `line`; it is one pass without
//   allocation, a few tens of nanoseconds per line.
//
//   With a StampMemo, a BSD stamp is remembered, and a next line that starts with the
//   same bytes (busy servers log several lines a second) takes the stamp without reading
//   it again; the Record is the same as without the memo.
// LIFETIME
//   The Record's views point into `line`.
#ifndef MAILWHY_SYSLOG_PREFIX_PARSER_H_
#define MAILWHY_SYSLOG_PREFIX_PARSER_H_

#include <cstdint>
#include <string_view>

#include "syslog/record.h"

namespace mailwhy {

void ParseRecord(std::string_view line, Record* rec);

// The last BSD stamp read, as its bytes and what they said.
struct StampMemo {
  char bytes[32];
  uint8_t size = 0;  // 0: none remembered
  CivilStamp stamp;
};

// As ParseRecord(line, rec); reads and updates *memo (one per stream of lines).
void ParseRecord(std::string_view line, Record* rec, StampMemo* memo);

}  // namespace mailwhy

#endif  // MAILWHY_SYSLOG_PREFIX_PARSER_H_
