// NAME
//   time_resolver - give BSD stamps their year and zone, keep RFC 3339 stamps as written
// DESCRIPTION
//   The policy is in time_resolver.h. Per record the work is a few integer operations:
//   the year is kept per date, and the hour's start and local offset per civil hour.
// BUGS
//   A file whose mtime was reset (copied without -p, touched) infers the years of that
//   new date; --year is the way out.
#include "syslog/time_resolver.h"

#include <ctime>

#include "util/civil_time.h"

namespace mailwhy {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Dates further back than this are a new year in forced mode; closer ones are disorder.
constexpr int64_t kRolloverDays = 31;
// How far past the reference date a record may lie and still be in the reference's year.
constexpr int64_t kAheadToleranceDays = 1;
// How far back to look for a leap year for "Feb 29".
constexpr int kLeapSearchYears = 8;

// The same civil second, zone as written included; the fraction is not compared.
bool SameSecond(const CivilStamp& a, const CivilStamp& b) {
  return a.second == b.second && a.minute == b.minute && a.hour == b.hour && a.day == b.day &&
         a.month == b.month && a.year == b.year && a.has_offset == b.has_offset &&
         a.utc_offset_s == b.utc_offset_s;
}

}  // namespace

TimeResolver::TimeResolver(int64_t reference_unix_s, int forced_year)
    : forced_year_(forced_year) {
  time_t t = static_cast<time_t>(reference_unix_s);
  struct tm tm = {};
  if (localtime_r(&t, &tm) == nullptr) {
    // Out of the C library's range: take the reference as UTC.
    CivilFromDays(reference_unix_s / 86400, &reference_year_, &reference_month_, &reference_day_);
  } else {
    reference_year_ = tm.tm_year + 1900;
    reference_month_ = tm.tm_mon + 1;
    reference_day_ = tm.tm_mday;
  }
  current_year_ = forced_year;
}

void TimeResolver::Resolve(Record* rec) {
  rec->time = LogTime();
  const CivilStamp& st = rec->stamp;
  if (st.month == 0) return;
  if (st.has_clock && st.day != 0) {
    if (second_known_ && SameSecond(st, second_stamp_) &&
        (st.has_offset || CurrentLocalZone() == second_zone_)) {
      rec->time.unix_us = second_us_ + st.micros;
      rec->time.utc_offset_s = second_offset_;
      rec->time.known = true;
      last_ = rec->time;
      return;
    }
    const int year = st.year != 0 ? st.year : YearOfBsdDate(st.month, st.day);
    rec->time = InstantOf(year, st, true);
    last_ = rec->time;
    second_known_ = true;
    second_stamp_ = st;
    second_zone_ = CurrentLocalZone();
    second_us_ = rec->time.unix_us - st.micros;
    second_offset_ = rec->time.utc_offset_s;
    return;
  }
  // Redacted: the previous instant is the closest guess; the written day the next best.
  if (last_.known) {
    rec->time = last_;
    return;
  }
  if (st.day == 0) return;
  const int year = st.year != 0 ? st.year : YearOfBsdDate(st.month, st.day);
  rec->time = InstantOf(year, st, false);
  last_ = rec->time;
}

int TimeResolver::YearOfBsdDate(int month, int day) {
  if (month == cached_month_ && day == cached_day_) return cached_year_;
  cached_year_ = forced_year_ != 0 ? ForcedYear(month, day) : InferredYear(month, day);
  cached_month_ = month;
  cached_day_ = day;
  return cached_year_;
}

// InferredYear - the latest year in which month/day is not after the reference date.
int TimeResolver::InferredYear(int month, int day) const {
  const int64_t latest = DaysFromCivil(reference_year_, reference_month_, reference_day_) +
                         kAheadToleranceDays;
  const bool leap_day = month == 2 && day == 29;
  for (int y = reference_year_ + 1; y >= reference_year_ - kLeapSearchYears; --y) {
    if (leap_day && !IsLeapYear(y)) continue;
    if (DaysFromCivil(y, month, day) <= latest) return y;
  }
  return reference_year_;
}

// ForcedYear - the forced year for the first record, then one more per New Year crossed.
int TimeResolver::ForcedYear(int month, int day) {
  if (last_month_ != 0) {
    const int64_t previous = DaysFromCivil(current_year_, last_month_, last_day_);
    const int64_t now = DaysFromCivil(current_year_, month, day);
    if (now < previous - kRolloverDays) ++current_year_;
  }
  last_month_ = month;
  last_day_ = day;
  return current_year_;
}

// InstantOf - the hour's start comes from the calendar once per hour; the minute and
// second are added to it (UnixFromCivilUtc is linear, so the sum is exact).
LogTime TimeResolver::InstantOf(int year, const CivilStamp& st, bool with_clock) {
  const int hour = with_clock ? st.hour : 0;
  const int minute = with_clock ? st.minute : 0;
  const int second = with_clock ? st.second : 0;
  const int64_t key = ((static_cast<int64_t>(year) * 16 + st.month) * 32 + st.day) * 32 + hour;
  if (key != hour_key_) {
    hour_key_ = key;
    hour_start_s_ = UnixFromCivilUtc(year, st.month, st.day, hour, 0, 0);
    hour_offset_known_ = false;
  }
  const int64_t second_of_hour = minute * 60 + second;  // 3600 for a leap second at hh:59:60
  const int32_t offset = st.has_offset
                             ? st.utc_offset_s
                             : LocalOffset(year, st, hour, minute, second, second_of_hour);
  LogTime t;
  t.unix_us = (hour_start_s_ + second_of_hour - offset) * 1000000 + (with_clock ? st.micros : 0);
  t.utc_offset_s = offset;
  t.known = true;
  return t;
}

// LocalOffset - LocalOffsetForCivil() for a time in the hour of hour_key_. When the hour's
// first and last second have the same offset, every second in it has (LocalOffsetForCivil
// itself answers from its cache on that condition), so the answer is kept for the hour.
int32_t TimeResolver::LocalOffset(int year, const CivilStamp& st, int hour, int minute,
                                  int second, int64_t second_of_hour) {
  if (!hour_offset_known_ || !(CurrentLocalZone() == hour_zone_)) {
    const int32_t first = LocalOffsetForCivil(year, st.month, st.day, hour, 0, 0);
    const int32_t last = LocalOffsetForCivil(year, st.month, st.day, hour, 59, 59);
    hour_offset_ = first;
    hour_offset_uniform_ = first == last;
    // Read after the lookups: the first localtime_r() of the process may load the zone.
    hour_zone_ = CurrentLocalZone();
    hour_offset_known_ = true;
  }
  if (hour_offset_uniform_ && second_of_hour < 3600) return hour_offset_;
  return LocalOffsetForCivil(year, st.month, st.day, hour, minute, second);
}

}  // namespace mailwhy
