// NAME
//   time_resolver - turn each record's written time into an instant
// DESCRIPTION
//   One TimeResolver per input file, fed the file's records in order.
//
//   RFC 3339 and RFC 5424 stamps carry their year and zone: they are exact.
//
//   BSD stamps have no year and are local time. The year is inferred from the file's
//   modification time (the file was last written after its last record): each record gets
//   the mtime's year, or the year before when its month and day lie after the mtime (so a
//   log that crosses New Year reads Dec 31 as last year and Jan 1 as this year). One day
//   after the mtime's date still counts as "not after", so a log written in a zone ahead
//   of ours is not thrown a year back; for the same reason an mtime of Dec 31 puts Jan 1
//   records in the next year. Feb 29 goes back to the latest leap year.
//
//   With a forced year (--year Y), Y is the year of the first record and later records
//   roll forward whenever the date goes back by more than a month (Dec -> Jan); a smaller
//   step back is records out of order, not a new year.
//
//   Local time becomes an instant through the process's time zone (TZ). A written time
//   inside a DST gap or overlap takes the offset before the change (LocalOffsetForCivil).
//   The offset is looked up once per civil hour and reused for the hour's other records,
//   except in an hour that holds an offset change, where every record asks again.
//   RFC 3339 stamps without an offset ("2023-03-14 00:08:33") are local time too.
//
//   A redacted clock or day ("XX:XX:XX", "May xx") takes the previous record's instant
//   when there is one, else the start of the written day, else it stays unknown. A record
//   with no stamp at all (format kNone, RFC 5424 "-") stays unknown.
#ifndef MAILWHY_SYSLOG_TIME_RESOLVER_H_
#define MAILWHY_SYSLOG_TIME_RESOLVER_H_

#include <cstdint>

#include "syslog/record.h"
#include "util/civil_time.h"

namespace mailwhy {

class TimeResolver {
 public:
  // reference_unix_s: the file's mtime (now, for stdin). forced_year: 0 to infer.
  TimeResolver(int64_t reference_unix_s, int forced_year);

  // Fills rec->time from rec->stamp. Records must come in file order.
  void Resolve(Record* rec);

 private:
  int YearOfBsdDate(int month, int day);
  int InferredYear(int month, int day) const;
  int ForcedYear(int month, int day);
  LogTime InstantOf(int year, const CivilStamp& stamp, bool with_clock);
  int32_t LocalOffset(int year, const CivilStamp& stamp, int hour, int minute, int second,
                      int64_t second_of_hour);

  int reference_year_, reference_month_, reference_day_;
  int forced_year_;
  int current_year_ = 0;       // forced mode: the year in effect
  int last_month_ = 0;         // forced mode: to detect Dec -> Jan
  int last_day_ = 0;
  LogTime last_;               // the previous resolved instant
  // The year given to the last BSD month and day: most records share their
  // predecessor's date, and then the answer cannot change.
  int cached_month_ = 0, cached_day_ = 0, cached_year_ = 0;
  // The civil hour of the last record (year, month, day and hour in one key), its first
  // second counted as if UTC, and the local offset for all of it: consecutive records
  // mostly share their hour, so most lines need neither the calendar nor the zone.
  int64_t hour_key_ = -1;
  int64_t hour_start_s_ = 0;
  bool hour_offset_known_ = false;  // hour_offset_ and hour_offset_uniform_ are for hour_key_
  bool hour_offset_uniform_ = false;  // one offset for every second (no change inside)
  int32_t hour_offset_ = 0;
  LocalZoneStamp hour_zone_;          // the zone hour_offset_ was found in
  // The second of the last record resolved from its own date and clock: a busy log
  // writes several lines a second, and those differ only in the fraction. `second_us_`
  // is that second's instant without the fraction; valid while second_known_.
  bool second_known_ = false;
  CivilStamp second_stamp_;
  LocalZoneStamp second_zone_;
  int64_t second_us_ = 0;
  int32_t second_offset_ = 0;
};

}  // namespace mailwhy

#endif  // MAILWHY_SYSLOG_TIME_RESOLVER_H_
