// NAME
//   user_time - times and durations as people type them on a command line
// DESCRIPTION
//   ParseUserTime() reads, relative to `now` and in the local zone (TZ):
//     2022-12-05 18:38[:12]   2022-12-05T18:38[:12][.123][Z|+09:00|+0900]   2022-12-05
//     Dec 5 18:38[:12]        (this year; last year if that lies in the future)
//     18:38[:12]              (today)
//     today  yesterday  now
//     -2h  -30m  -3d  -90s    (that long before now)
//   The result is an instant and its precision: a time given to the minute covers that
//   minute, a date covers its day, so `--at 2022-12-05` means the whole day.
//
//   ParseDuration() reads 30m, 2h, 1d, 90s, 1h30m (a bare number is seconds).
// DIAGNOSTICS
//   Both return InvalidArgument with a message that quotes the input and lists the forms
//   above.
#ifndef MAILWHY_UTIL_USER_TIME_H_
#define MAILWHY_UTIL_USER_TIME_H_

#include <cstdint>
#include <string_view>

#include "util/status.h"

namespace mailwhy {

struct UserTime {
  int64_t unix_s = 0;      // the start of the span the text names
  int64_t span_s = 1;      // 1 (to the second), 60 (to the minute), 86400 (a date)
};

Status ParseUserTime(std::string_view text, int64_t now_unix_s, UserTime* out);
Status ParseDuration(std::string_view text, int64_t* seconds);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_USER_TIME_H_
