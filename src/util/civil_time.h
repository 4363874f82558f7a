// NAME
//   civil_time - calendar arithmetic and RFC 3339 formatting, without the C library's zone state
// DESCRIPTION
//   Days are counted from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
//   algorithms): exact for any year, no tables, no locks. LocalOffsetAt() asks the C library
//   for the local zone's UTC offset at an instant, and caches per hour because it is called
//   once per log line.
// THREAD SAFETY
//   All functions may be called from any thread. The offset caches are per thread; a
//   change of TZ reaches them through ReloadLocalZone().
#ifndef MAILWHY_UTIL_CIVIL_TIME_H_
#define MAILWHY_UTIL_CIVIL_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace mailwhy {

int64_t DaysFromCivil(int year, int month, int day);
void CivilFromDays(int64_t days, int* year, int* month, int* day);

// "Jan" .. "Dec" (case-insensitive on the first letter only, as syslog writes them) -> 1..12;
// 0 for anything else.
int MonthFromAbbrev(std::string_view s);

// Seconds since the epoch for a civil time taken as UTC.
int64_t UnixFromCivilUtc(int year, int month, int day, int hour, int minute, int second);

// The local zone's offset from UTC (seconds east) at `unix_s`, honouring TZ. Thread-safe.
int32_t LocalOffsetAt(int64_t unix_s);
// Re-reads TZ (tzset) and drops every thread's cached offsets. Call after setenv("TZ", ...).
// (A plain tzset() is noticed too unless the new zone has the same abbreviations and
// standard offset as the old one, e.g. Europe/Berlin and Europe/Paris.)
void ReloadLocalZone();
// What identifies the local zone the C library has loaded: ReloadLocalZone()'s generation
// and the names and standard offset tzset() sets. A cache of local-time conversions keeps
// the stamp it was filled under and is stale when CurrentLocalZone() differs from it.
struct LocalZoneStamp {
  uint64_t generation = 0;
  const char* std_name = nullptr;
  const char* dst_name = nullptr;
  long std_offset = 0;
  bool operator==(const LocalZoneStamp&) const = default;
};
LocalZoneStamp CurrentLocalZone();
// The offset that applies to a local civil time (the offset such that local - offset is
// the instant). For times inside a DST gap or overlap, the offset before the change.
int32_t LocalOffsetForCivil(int year, int month, int day, int hour, int minute, int second);

// "2022-12-05T18:38:12+09:00"; fractional seconds (6 digits) only when micros != 0. The
// offset is always numeric ("+00:00", never "Z"), so UTC and local output look alike.
std::string FormatRfc3339(int64_t unix_us, int32_t utc_offset_s);
// The same into a caller's buffer of at least kRfc3339Max bytes, without allocating;
// returns the length written (no terminating NUL).
constexpr size_t kRfc3339Max = 48;
size_t WriteRfc3339(int64_t unix_us, int32_t utc_offset_s, char* out);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_CIVIL_TIME_H_
