// NAME
//   record - one syslog record: when, which host, which program, and the message
// DESCRIPTION
//   A Record is the result of splitting a log line into its prefix and its message. It
//   knows nothing of Postfix: `tag` is whatever stood before "[pid]: " ("postfix-out/
//   submission/smtpd", "dovecot", "postfix" when an RFC 5424 relay cut the tag at the
//   first "/"). The postfix layer decides what the tag means.
//
//   The time is kept twice. `stamp` is the civil time exactly as written (a BSD stamp has
//   no year and no zone; a redacted one has no clock). `time` is the resolved instant,
//   filled in by TimeResolver (time_resolver.h) once the year and the zone are known.
// LIFETIME
//   Every string_view points into the line passed to ParseRecord(); a Record is valid only
//   as long as that line's buffer is.
#ifndef MAILWHY_SYSLOG_RECORD_H_
#define MAILWHY_SYSLOG_RECORD_H_

#include <cstdint>
#include <string_view>

namespace mailwhy {

// How the line's prefix was written. kNone: no recognisable prefix; the whole line is
// taken as a message without a prefix (ingest stacks that deliver only the message part),
// except that a leading "tag[pid]: " with no stamp still fills tag and pid.
enum class PrefixFormat : uint8_t {
  kNone,
  kBsd,        // "Dec  7 13:28:01 host tag[pid]: " (RFC 3164 files, journalctl -o short,
               // postlog "Nov 05 ..."), optional fraction "13:28:01.888666"
  kRfc3339,    // "2023-03-14T00:08:33.579644+01:00 host tag[pid]: " (rsyslog, syslog-ng,
               // journalctl -o short-iso[-precise] with "+0100")
  kRfc5424,    // "<22>1 2011-03-03T15:27:06+01:00 host app procid msgid sd msg"
};

// The civil time as the prefix wrote it. Fields that the stamp lacks are zero or false.
struct CivilStamp {
  int16_t year = 0;          // 0: not written (BSD); TimeResolver infers it
  int8_t month = 0;          // 1..12; 0 when the stamp had no date at all
  int8_t day = 0;            // 1..31; 0 when redacted ("May xx")
  int8_t hour = 0, minute = 0, second = 0;
  int32_t micros = 0;        // fraction of the second, in microseconds
  bool has_clock = false;    // false when the clock was redacted ("XX:XX:XX")
  bool has_offset = false;   // true when the zone offset was written (RFC 3339/5424)
  int32_t utc_offset_s = 0;  // valid when has_offset
};

// A resolved instant. `known` is false when the stamp could not be turned into an instant
// (no date, redacted clock and no earlier record to lean on).
struct LogTime {
  int64_t unix_us = 0;       // microseconds since 1970-01-01T00:00:00Z
  int32_t utc_offset_s = 0;  // the offset to print the time in (as logged, or local zone)
  bool known = false;
};

struct Record {
  PrefixFormat format = PrefixFormat::kNone;
  CivilStamp stamp;
  LogTime time;               // filled by TimeResolver
  std::string_view host;      // "" when the prefix had none; "***" when redacted
  std::string_view tag;       // e.g. "postfix/submission/smtpd"; "" with no prefix
  int32_t pid = -1;           // -1 when absent or redacted ("[XXXXX]")
  std::string_view message;   // everything after "tag[pid]: "
};

}  // namespace mailwhy

#endif  // MAILWHY_SYSLOG_RECORD_H_
