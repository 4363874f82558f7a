// NAME
//   civil_time - days from dates and back, the local zone's offset, RFC 3339 text
// DESCRIPTION
//   DaysFromCivil/CivilFromDays are Howard Hinnant's algorithms
//   (https://howardhinnant.github.io/date_algorithms.html): the year is shifted to start
//   in March so the leap day is the last day of its year, then split into 400-year eras
//   of 146097 days.
//
//   LocalOffsetAt caches one hour per thread. An hour is cached only when its first and
//   last second have the same offset, so a zone that changes on the half hour (Lord Howe
//   Island) is asked afresh for that one hour rather than answered wrongly.
//   LocalOffsetForCivil caches one local hour per thread the same way.
//   ReloadLocalZone bumps a generation number that both caches check, so a change of TZ
//   reaches every thread without a lock; the caches also notice a plain tzset() that
//   loaded a zone with other names or another standard offset.
// BUGS
//   Offsets with seconds (local mean time before 1900) are printed and applied rounded to
//   whole minutes toward zero, since RFC 3339 has no seconds in an offset.
#include "util/civil_time.h"

#include <atomic>
#include <ctime>

namespace mailwhy {
namespace {

std::atomic<uint64_t> g_zone_generation{1};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int32_t QueryLocalOffset(int64_t unix_s) {
  time_t t = static_cast<time_t>(unix_s);
  struct tm tm;
  if (localtime_r(&t, &tm) == nullptr) return 0;
  return static_cast<int32_t>(tm.tm_gmtoff);
}

// The zone stamp holds our generation number and the names and standard offset that
// tzset() sets, so a test or program that calls setenv("TZ") and tzset() without
// ReloadLocalZone() is still noticed. (Two zones with the same abbreviations and standard
// offset, Berlin and Paris, look alike; they differ only before 1980, and ReloadLocalZone()
// covers that.)

// HourCache - one hour's offset, valid while the zone is unchanged.
struct HourCache {
  LocalZoneStamp zone;
  int64_t hour = 0;
  int32_t offset = 0;
  bool valid = false;
};

// The offset for a local civil time given as seconds since the epoch "as if UTC".
// See the header for the gap and overlap rule.
int32_t ComputeOffsetForLocal(int64_t local_s) {
  // A day either side brackets any single change near local_s.
  const int32_t before = LocalOffsetAt(local_s - 86400);
  const int32_t after = LocalOffsetAt(local_s + 86400);
  if (before == after) return before;
  if (LocalOffsetAt(local_s - before) == before) return before;  // normal, or overlap
  if (LocalOffsetAt(local_s - after) == after) return after;
  return before;  // inside the gap
}

void AppendDigits(char*& p, int64_t value, int width) {
  char* end = p + width;
  for (char* q = end; q > p;) {
    *--q = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  p = end;
}

}  // namespace

int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;                                            // [0, 399]
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                    // [0, 146096]
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t days, int* year, int* month, int* day) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (m <= 2));
  *month = m;
  *day = d;
}

int MonthFromAbbrev(std::string_view s) {
  if (s.size() != 3) return 0;
  // Lower-case the first letter only: "jan" and "Jan" are seen, "JAN" is not syslog.
  const uint32_t key = (static_cast<uint32_t>(static_cast<unsigned char>(s[0]) | 0x20) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(s[1])) << 8) |
                       static_cast<unsigned char>(s[2]);
  switch (key) {
    case 'j' << 16 | 'a' << 8 | 'n': return 1;
    case 'f' << 16 | 'e' << 8 | 'b': return 2;
    case 'm' << 16 | 'a' << 8 | 'r': return 3;
    case 'a' << 16 | 'p' << 8 | 'r': return 4;
    case 'm' << 16 | 'a' << 8 | 'y': return 5;
    case 'j' << 16 | 'u' << 8 | 'n': return 6;
    case 'j' << 16 | 'u' << 8 | 'l': return 7;
    case 'a' << 16 | 'u' << 8 | 'g': return 8;
    case 's' << 16 | 'e' << 8 | 'p': return 9;
    case 'o' << 16 | 'c' << 8 | 't': return 10;
    case 'n' << 16 | 'o' << 8 | 'v': return 11;
    case 'd' << 16 | 'e' << 8 | 'c': return 12;
    default: return 0;
  }
}

int64_t UnixFromCivilUtc(int year, int month, int day, int hour, int minute, int second) {
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

LocalZoneStamp CurrentLocalZone() {
  return LocalZoneStamp{g_zone_generation.load(std::memory_order_acquire), tzname[0], tzname[1],
                        timezone};
}

void ReloadLocalZone() {
  tzset();
  g_zone_generation.fetch_add(1, std::memory_order_release);
}

int32_t LocalOffsetAt(int64_t unix_s) {
  thread_local HourCache cache;
  const int64_t hour = FloorDiv(unix_s, 3600);
  const LocalZoneStamp zone = CurrentLocalZone();
  if (cache.valid && cache.hour == hour && cache.zone == zone) return cache.offset;
  const int32_t first = QueryLocalOffset(hour * 3600);
  const int32_t last = QueryLocalOffset(hour * 3600 + 3599);
  if (first != last) return QueryLocalOffset(unix_s);
  // Read the zone again: the first localtime_r() of the process may have loaded it.
  cache = HourCache{CurrentLocalZone(), hour, first, true};
  return first;
}

int32_t LocalOffsetForCivil(int year, int month, int day, int hour, int minute, int second) {
  thread_local HourCache cache;
  const int64_t local_s = UnixFromCivilUtc(year, month, day, hour, minute, second);
  const int64_t local_hour = FloorDiv(local_s, 3600);
  const LocalZoneStamp zone = CurrentLocalZone();
  if (cache.valid && cache.hour == local_hour && cache.zone == zone) return cache.offset;
  const int32_t first = ComputeOffsetForLocal(local_hour * 3600);
  const int32_t last = ComputeOffsetForLocal(local_hour * 3600 + 3599);
  if (first != last) return ComputeOffsetForLocal(local_s);
  cache = HourCache{CurrentLocalZone(), local_hour, first, true};
  return first;
}

size_t WriteRfc3339(int64_t unix_us, int32_t utc_offset_s, char* out) {
  const int32_t offset_min = utc_offset_s / 60;  // toward zero; see BUGS
  const int64_t seconds = FloorDiv(unix_us, 1000000);
  const int64_t micros = unix_us - seconds * 1000000;
  const int64_t local = seconds + static_cast<int64_t>(offset_min) * 60;
  const int64_t days = FloorDiv(local, 86400);
  const int64_t second_of_day = local - days * 86400;
  int year, month, day;
  CivilFromDays(days, &year, &month, &day);

  char* p = out;
  if (year < 0) {
    *p++ = '-';
    year = -year;
  }
  int year_width = 4;
  for (int64_t y = year; y > 9999; y /= 10) ++year_width;
  AppendDigits(p, year, year_width);
  *p++ = '-';
  AppendDigits(p, month, 2);
  *p++ = '-';
  AppendDigits(p, day, 2);
  *p++ = 'T';
  AppendDigits(p, second_of_day / 3600, 2);
  *p++ = ':';
  AppendDigits(p, second_of_day / 60 % 60, 2);
  *p++ = ':';
  AppendDigits(p, second_of_day % 60, 2);
  if (micros != 0) {
    *p++ = '.';
    AppendDigits(p, micros, 6);
  }
  *p++ = offset_min < 0 ? '-' : '+';
  const int32_t abs_min = offset_min < 0 ? -offset_min : offset_min;
  AppendDigits(p, abs_min / 60, 2);
  *p++ = ':';
  AppendDigits(p, abs_min % 60, 2);
  return static_cast<size_t>(p - out);
}

std::string FormatRfc3339(int64_t unix_us, int32_t utc_offset_s) {
  char buf[kRfc3339Max];
  return std::string(buf, WriteRfc3339(unix_us, utc_offset_s, buf));
}

}  // namespace mailwhy
