// NAME
//   prefix_parser - recognise a syslog prefix by hand, one pass, no allocation
// DESCRIPTION
//   The first byte picks the family: '<' a priority (RFC 5424, or RFC 3164 as sent on
//   the wire), a digit an RFC 3339 stamp, a letter a BSD stamp. Each stamp reader checks
//   the bytes it needs are there before it looks at them, so a line cut anywhere
//   ("Dec  7 13:2") falls through to "no prefix" instead of being read past its end.
//
//   After the stamp: HOST, then TAG up to "[PID]: " or ": ". A first word that already
//   ends in ":" is a tag with no host before it (syslog configurations that drop the
//   host). When no tag can be found the host is kept and the message is the rest.
//
//   Inner stamps: after an RFC 3339 stamp, another stamp means a "docker logs -t" line;
//   the inner prefix is the one the program wrote, so it wins.
//
//   Without any stamp, a line that starts with "TAG[PID]: " (a pasted fragment) keeps
//   format kNone but gets its tag and pid; everything else is message only. The "[PID]"
//   is required there: message-only Postfix text starts with "QID: " or "warning: ",
//   which must not be mistaken for a tag.
// BUGS
//   A BSD stamp with a year ("Dec  7 2022 13:28:01") is not recognised.
#include "syslog/prefix_parser.h"

#include <cstdint>
#include <cstring>

#include "util/civil_time.h"
#include "util/text_search.h"

namespace mailwhy {
namespace {

inline unsigned DigitValue(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; }
inline bool IsDigit(char c) { return DigitValue(c) < 10; }
inline bool IsRedactedChar(char c) { return (c | 0x20) == 'x'; }

void ResetStamp(CivilStamp* st) {
  st->year = 0;
  st->month = st->day = st->hour = st->minute = st->second = 0;
  st->micros = 0;
  st->has_clock = st->has_offset = false;
  st->utc_offset_s = 0;
}

// Two digits at p into *v. REQUIRES: p[0], p[1] readable.
inline bool TwoDigits(const char* p, int* v) {
  const unsigned a = DigitValue(p[0]), b = DigitValue(p[1]);
  *v = static_cast<int>(a * 10 + b);
  return (a < 10) & (b < 10);
}

// Reads the digits of a fraction at p into microseconds (extra digits are dropped).
const char* ReadFraction(const char* p, const char* end, int32_t* micros) {
  int32_t value = 0;
  int digits = 0;
  for (; p < end && IsDigit(*p); ++p) {
    if (digits < 6) {
      value = value * 10 + static_cast<int32_t>(DigitValue(*p));
      ++digits;
    }
  }
  for (; digits < 6; ++digits) value *= 10;
  *micros = value;
  return p;
}

enum class Clock { kBad, kKnown, kRedacted };

// "HH:MM:SS", or a redacted "XX:XX:XX" / "xx:xx:xx". REQUIRES: 8 bytes readable at p.
Clock ReadClock(const char* p, CivilStamp* st) {
  if (p[2] != ':' || p[5] != ':') return Clock::kBad;
  int h, m, s;
  if (TwoDigits(p, &h) && TwoDigits(p + 3, &m) && TwoDigits(p + 6, &s)) {
    if (h > 23 || m > 59 || s > 60) return Clock::kBad;
    st->hour = static_cast<int8_t>(h);
    st->minute = static_cast<int8_t>(m);
    st->second = static_cast<int8_t>(s);
    st->has_clock = true;
    return Clock::kKnown;
  }
  // Redaction replaces whole fields; any field written as "XX" hides the clock.
  for (int i : {0, 3, 6}) {
    const bool digits = IsDigit(p[i]) && IsDigit(p[i + 1]);
    const bool redacted = IsRedactedChar(p[i]) && IsRedactedChar(p[i + 1]);
    if (!digits && !redacted) return Clock::kBad;
  }
  return Clock::kRedacted;
}

// BSD "Mmm dd HH:MM:SS[.frac]"; returns the end of the stamp or nullptr.
const char* ReadBsdStamp(const char* p, const char* end, CivilStamp* st) {
  // Shortest form: "Dec 7 13:28:01" (14 bytes).
  if (end - p < 14) return nullptr;
  const int month = MonthFromAbbrev(std::string_view(p, 3));
  if (month == 0 || p[3] != ' ') return nullptr;
  const char* q = p + 4;
  if (*q == ' ') ++q;  // space-padded day
  int day = 0;
  if (IsDigit(*q)) {
    day = static_cast<int>(DigitValue(*q++));
    if (IsDigit(*q)) day = day * 10 + static_cast<int>(DigitValue(*q++));
    if (day < 1 || day > 31) return nullptr;
  } else if (IsRedactedChar(q[0]) && IsRedactedChar(q[1])) {
    q += 2;
  } else {
    return nullptr;
  }
  // q is at most p + 7 here, so q[0] is readable; the clock needs q + 1 .. q + 8.
  if (*q != ' ' || end - q < 9) return nullptr;
  ++q;
  if (ReadClock(q, st) == Clock::kBad) return nullptr;
  q += 8;
  if (q + 1 < end && *q == '.' && IsDigit(q[1])) q = ReadFraction(q + 1, end, &st->micros);
  st->month = static_cast<int8_t>(month);
  st->day = static_cast<int8_t>(day);
  return q;
}

// "Z", "+01:00", "+0100" or nothing; returns the end or nullptr for a malformed zone.
const char* ReadZone(const char* q, const char* end, CivilStamp* st) {
  if (q == end) return q;
  if ((*q | 0x20) == 'z') {
    st->has_offset = true;
    st->utc_offset_s = 0;
    return q + 1;
  }
  if (*q != '+' && *q != '-') return q;
  const int sign = *q == '-' ? -1 : 1;
  int hh, mm;
  if (end - q < 5 || !TwoDigits(q + 1, &hh)) return nullptr;
  const char* m = q + 3;
  if (*m == ':') ++m;
  if (end - m < 2 || !TwoDigits(m, &mm) || hh > 23 || mm > 59) return nullptr;
  st->has_offset = true;
  st->utc_offset_s = sign * (hh * 3600 + mm * 60);
  return m + 2;
}

// RFC 3339 "YYYY-MM-DD[T ]HH:MM:SS[.frac][zone]"; returns the end of the stamp or nullptr.
const char* ReadRfc3339Stamp(const char* p, const char* end, CivilStamp* st) {
  if (end - p < 19) return nullptr;
  int y1, y2, month, day;
  if (!(TwoDigits(p, &y1) && TwoDigits(p + 2, &y2) && TwoDigits(p + 5, &month) &&
        TwoDigits(p + 8, &day)) ||
      p[4] != '-' || p[7] != '-') {
    return nullptr;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return nullptr;
  if ((p[10] | 0x20) != 't' && p[10] != ' ') return nullptr;
  if (ReadClock(p + 11, st) != Clock::kKnown) return nullptr;
  const char* q = p + 19;
  if (q + 1 < end && *q == '.' && IsDigit(q[1])) q = ReadFraction(q + 1, end, &st->micros);
  q = ReadZone(q, end, st);
  if (q == nullptr) return nullptr;
  st->year = static_cast<int16_t>(y1 * 100 + y2);
  st->month = static_cast<int8_t>(month);
  st->day = static_cast<int8_t>(day);
  return q;
}

// A stamp must end the line or be followed by a space.
inline bool StampEndsWell(const char* q, const char* end) { return q != nullptr && (q == end || *q == ' '); }

const char* SkipSpaces(const char* p, const char* end) {
  while (p < end && *p == ' ') ++p;
  return p;
}

const char* FindSpace(const char* p, const char* end) {
  if (p >= end) return end;
  const size_t at = FindAnyOf(std::string_view(p, static_cast<size_t>(end - p)), ' ', ' ', ' ', ' ');
  return at == std::string_view::npos ? end : p + at;
}

// Solaris syslogd's "[ID 197553 mail.info] " after the tag.
const char* SkipSolarisId(const char* m, const char* end) {
  if (end - m < 6 || std::memcmp(m, "[ID ", 4) != 0 || !IsDigit(m[4])) return m;
  const char* limit = end - m > 64 ? m + 64 : end;
  const void* close = std::memchr(m, ']', static_cast<size_t>(limit - m));
  if (close == nullptr) return m;
  const char* after = static_cast<const char*>(close) + 1;
  if (after == end) return after;
  return *after == ' ' ? after + 1 : m;
}

// "[PID]: " at p (p at '['); sets *pid (-1 when redacted) and returns the message start.
const char* ReadPidAndColon(const char* p, const char* end, int32_t* pid) {
  const char* q = p + 1;
  int64_t value = 0;
  const char* digits_start = q;
  const char* digits_limit = end - q > 10 ? q + 10 : end;
  for (; q < digits_limit; ++q) {
    const unsigned digit = DigitValue(*q);
    if (digit >= 10) break;
    value = value * 10 + digit;
  }
  bool redacted = false;
  if (q == digits_start) {
    while (q < end && IsRedactedChar(*q)) ++q;
    if (q == digits_start) return nullptr;
    redacted = true;
  }
  if (end - q < 2 || q[0] != ']' || q[1] != ':') return nullptr;
  q += 2;
  if (q != end && *q != ' ') return nullptr;
  *pid = redacted || value > INT32_MAX ? -1 : static_cast<int32_t>(value);
  return q == end ? q : q + 1;
}

// The first byte in [p, end) that may end a tag (' ', '[' or ':'), or end. Most tags end
// within the first sixteen bytes ("postfix/smtpd[1234]:"), which FindAnyOf tests at once.
const char* FindTagStop(const char* p, const char* end) {
  const size_t at = FindAnyOf(std::string_view(p, static_cast<size_t>(end - p)), ' ', '[', ':', ':');
  return at == std::string_view::npos ? end : p + at;
}

// TAG up to "[PID]: " or ": " starting at t. On success fills tag, pid and message.
bool ReadTag(const char* t, const char* end, bool require_pid, Record* rec) {
  for (const char* s = FindTagStop(t, end); s < end; s = FindTagStop(s + 1, end)) {
    const char c = *s;
    if (c == ' ') return false;
    if (c == '[') {
      if (s == t) return false;
      int32_t pid = -1;
      const char* m = ReadPidAndColon(s, end, &pid);
      if (m == nullptr) return false;
      rec->tag = std::string_view(t, static_cast<size_t>(s - t));
      rec->pid = pid;
      m = SkipSolarisId(m, end);
      rec->message = std::string_view(m, static_cast<size_t>(end - m));
      return true;
    }
    if (c == ':' && !require_pid && (s + 1 == end || s[1] == ' ')) {
      if (s == t) return false;
      rec->tag = std::string_view(t, static_cast<size_t>(s - t));
      const char* m = s + 1 == end ? end : SkipSolarisId(s + 2, end);
      rec->message = std::string_view(m, static_cast<size_t>(end - m));
      return true;
    }
  }
  return false;
}

// " HOST TAG[PID]: MSG" after a BSD or RFC 3339 stamp (q at the space or the end).
void ReadHostAndTag(const char* q, const char* end, Record* rec) {
  const char* host = SkipSpaces(q, end);
  const char* host_end = FindSpace(host, end);
  if (host_end > host && host_end[-1] == ':' && ReadTag(host, end, false, rec)) return;
  rec->host = std::string_view(host, static_cast<size_t>(host_end - host));
  const char* tag = SkipSpaces(host_end, end);
  if (ReadTag(tag, end, false, rec)) return;
  rec->message = std::string_view(tag, static_cast<size_t>(end - tag));
}

// One space-separated RFC 5424 header field; "-" reads as empty. Advances *p past it.
std::string_view Read5424Field(const char** p, const char* end) {
  const char* start = *p;
  const char* stop = FindSpace(start, end);
  *p = stop == end ? end : stop + 1;
  if (stop - start == 1 && *start == '-') return std::string_view();
  return std::string_view(start, static_cast<size_t>(stop - start));
}

// STRUCTURED-DATA: "-" or "[id k="v"...]" blocks, where '\' escapes and quotes hide ']'.
const char* Skip5424StructuredData(const char* p, const char* end) {
  if (p < end && *p == '-') return p + 1;
  while (p < end && *p == '[') {
    bool quoted = false;
    for (++p; p < end; ++p) {
      if (*p == '\\') {
        if (++p == end) return end;
      } else if (*p == '"') {
        quoted = !quoted;
      } else if (*p == ']' && !quoted) {
        ++p;
        break;
      }
    }
  }
  return p;
}

// PROCID as a pid: digits only and within int32, else -1 (absent, or a thread name).
int32_t PidFromProcId(std::string_view procid) {
  if (procid.empty() || procid.size() > 10) return -1;
  int64_t pid = 0;
  for (char c : procid) {
    if (!IsDigit(c)) return -1;
    pid = pid * 10 + DigitValue(c);
  }
  return pid > INT32_MAX ? -1 : static_cast<int32_t>(pid);
}

// "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG" from just after "<PRI>1 ".
void Read5424(const char* p, const char* end, Record* rec) {
  rec->format = PrefixFormat::kRfc5424;
  if (p < end && *p == '-') {
    ++p;  // NILVALUE: no time
  } else {
    const char* q = ReadRfc3339Stamp(p, end, &rec->stamp);
    if (StampEndsWell(q, end)) {
      p = q;
    } else {
      ResetStamp(&rec->stamp);
      p = FindSpace(p, end);
    }
  }
  p = SkipSpaces(p, end);
  rec->host = Read5424Field(&p, end);
  rec->tag = Read5424Field(&p, end);
  std::string_view procid = Read5424Field(&p, end);
  Read5424Field(&p, end);  // MSGID
  p = Skip5424StructuredData(p, end);
  rec->pid = PidFromProcId(procid);
  // rsyslog's %msg% keeps the space that followed the legacy tag; Postfix text never
  // starts with one, so leading spaces go, and so does a UTF-8 byte order mark.
  p = SkipSpaces(p, end);
  if (end - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  rec->message = std::string_view(p, static_cast<size_t>(end - p));
}

bool ReadPrefix(const char* p, const char* end, bool outermost, StampMemo* memo, Record* rec);

// "<PRI>" then RFC 5424 ("1 ...") or an RFC 3164 line as sent over the network.
bool ReadPriority(const char* p, const char* end, Record* rec) {
  const char* q = p + 1;
  const char* digits = q;
  while (q < end && IsDigit(*q) && q - digits < 3) ++q;
  if (q == digits || q == end || *q != '>') return false;
  ++q;
  const char* version = q;
  while (q < end && IsDigit(*q) && q - version < 2) ++q;
  if (q > version && q < end && *q == ' ') {
    Read5424(q + 1, end, rec);
    return true;
  }
  return ReadPrefix(version, end, false, nullptr, rec);
}

// True when the text at p may start a prefix of its own (a "docker logs -t" line).
bool MayStartInnerPrefix(const char* p, const char* end) {
  if (p >= end) return false;
  if (*p == '<' || IsDigit(*p)) return true;
  return end - p >= 4 && p[3] == ' ' && MonthFromAbbrev(std::string_view(p, 3)) != 0;
}

// The n bytes at a and b are equal. A BSD stamp is 15 bytes: two overlapping 8-byte
// compares instead of a call to memcmp, on every line.
bool SameStamp(const char* a, const char* b, size_t n) {
  if (n < 8 || n > 16) return std::memcmp(a, b, n) == 0;
  uint64_t a0, b0, a1, b1;
  std::memcpy(&a0, a, 8);
  std::memcpy(&b0, b, 8);
  std::memcpy(&a1, a + n - 8, 8);
  std::memcpy(&b1, b + n - 8, 8);
  return a0 == b0 && a1 == b1;
}

// ReadPrefix - the stamp readers write straight into rec->stamp (a copy of a freshly
// written stamp stalls on store forwarding); on false the caller resets the record.
// A BSD stamp at p: the memo's when the line starts with the same bytes followed by a
// space, else read (and remembered). Returns the end of the stamp or nullptr.
const char* ReadBsdStampWithMemo(const char* p, const char* end, StampMemo* memo, CivilStamp* st) {
  const size_t n = memo->size;
  if (n != 0 && static_cast<size_t>(end - p) > n && p[n] == ' ' && SameStamp(p, memo->bytes, n)) {
    *st = memo->stamp;
    return p + n;
  }
  const char* q = ReadBsdStamp(p, end, st);
  if (StampEndsWell(q, end) && static_cast<size_t>(q - p) <= sizeof memo->bytes) {
    memo->size = static_cast<uint8_t>(q - p);
    std::memcpy(memo->bytes, p, memo->size);
    memo->stamp = *st;
  }
  return q;
}

bool ReadPrefix(const char* p, const char* end, bool outermost, StampMemo* memo, Record* rec) {
  if (p >= end) return false;
  const char c = *p;
  if (c == '<') return ReadPriority(p, end, rec);
  if (IsDigit(c)) {
    const char* q = ReadRfc3339Stamp(p, end, &rec->stamp);
    if (!StampEndsWell(q, end)) return false;
    if (outermost && q != end && MayStartInnerPrefix(q + 1, end)) {
      const CivilStamp outer = rec->stamp;
      ResetStamp(&rec->stamp);
      if (ReadPrefix(q + 1, end, false, nullptr, rec)) return true;
      rec->stamp = outer;
    }
    rec->format = PrefixFormat::kRfc3339;
    ReadHostAndTag(q, end, rec);
    return true;
  }
  const char* q = memo != nullptr ? ReadBsdStampWithMemo(p, end, memo, &rec->stamp)
                                   : ReadBsdStamp(p, end, &rec->stamp);
  if (!StampEndsWell(q, end)) return false;
  rec->format = PrefixFormat::kBsd;
  ReadHostAndTag(q, end, rec);
  return true;
}

// ResetRecord - field by field: "*rec = Record()" builds a temporary and copies it with
// wide loads over narrow stores, a store-forwarding stall that cost a third of the parse.
void ResetRecord(Record* rec) {
  rec->format = PrefixFormat::kNone;
  ResetStamp(&rec->stamp);
  rec->time.unix_us = 0;
  rec->time.utc_offset_s = 0;
  rec->time.known = false;
  rec->host = std::string_view();
  rec->tag = std::string_view();
  rec->pid = -1;
  rec->message = std::string_view();
}

}  // namespace

void ParseRecord(std::string_view line, Record* rec, StampMemo* memo) {
  ResetRecord(rec);
  const char* p = line.data();
  const char* end = p + line.size();
  if (ReadPrefix(p, end, true, memo, rec)) return;
  ResetRecord(rec);
  rec->message = line;
  ReadTag(p, end, true, rec);
}

void ParseRecord(std::string_view line, Record* rec) { ParseRecord(line, rec, nullptr); }

}  // namespace mailwhy
