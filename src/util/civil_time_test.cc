// NAME
//   civil_time_test - calendar round trips, month names, zone offsets and RFC 3339 text
// DESCRIPTION
//   Zone tests set TZ explicitly (Asia/Tokyo, Europe/Berlin, Australia/Lord_Howe) and
//   restore it afterwards; expected offsets and instants were taken from Python's
//   zoneinfo for the same zones.
#include "util/civil_time.h"

#include <cstdlib>
#include <ctime>
#include <string>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

TEST(CivilTimeTest, KnownDayNumbers) {
  struct Case {
    int y, m, d;
    int64_t want;
  };
  const Case cases[] = {
      {1970, 1, 1, 0},        {1969, 12, 31, -1},     {2000, 3, 1, 11017},
      {2022, 12, 5, 19331},   {1600, 1, 1, -135140},  {2400, 12, 31, 157419},
      {1, 1, 1, -719162},
  };
  for (const Case& c : cases) {
    const int64_t got = DaysFromCivil(c.y, c.m, c.d);
    EXPECT_EQ(got, c.want) << c.y << "-" << c.m << "-" << c.d << ": got " << got << ", want " << c.want;
  }
}

TEST(CivilTimeTest, EveryDayFrom1600To2400RoundTripsAndFollowsTheCalendar) {
  int y = 1600, m = 1, d = 1;
  const int64_t first = DaysFromCivil(1600, 1, 1), last = DaysFromCivil(2400, 12, 31);
  for (int64_t days = first; days <= last; ++days) {
    int gy, gm, gd;
    CivilFromDays(days, &gy, &gm, &gd);
    ASSERT_TRUE(gy == y && gm == m && gd == d)
        << "day " << days << ": got " << gy << "-" << gm << "-" << gd << ", want " << y << "-" << m
        << "-" << d;
    ASSERT_EQ(DaysFromCivil(y, m, d), days) << y << "-" << m << "-" << d;
    if (++d > DaysInMonth(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
}

TEST(CivilTimeTest, LeapDaysExistOnlyInLeapYears) {
  struct Case {
    int year;
    bool leap;
  };
  for (Case c : {Case{1900, false}, Case{2000, true}, Case{2023, false}, Case{2024, true}, Case{2100, false}}) {
    int y, m, d;
    CivilFromDays(DaysFromCivil(c.year, 2, 28) + 1, &y, &m, &d);
    const bool got_leap = m == 2 && d == 29;
    EXPECT_EQ(got_leap, c.leap) << c.year << ": the day after Feb 28 is " << m << "-" << d;
  }
}

TEST(CivilTimeTest, UnixFromCivilUtcMatchesTimegm) {
  for (int year : {1901, 1969, 1970, 2000, 2022, 2038, 2100}) {
    for (int month : {1, 2, 3, 12}) {
      struct tm tm = {};
      tm.tm_year = year - 1900;
      tm.tm_mon = month - 1;
      tm.tm_mday = month == 2 ? 28 : 31;
      tm.tm_hour = 23;
      tm.tm_min = 59;
      tm.tm_sec = 58;
      const int64_t want = static_cast<int64_t>(timegm(&tm));
      const int64_t got = UnixFromCivilUtc(year, month, month == 2 ? 28 : 31, 23, 59, 58);
      EXPECT_EQ(got, want) << year << "-" << month << ": got " << got << ", want " << want;
    }
  }
  EXPECT_EQ(UnixFromCivilUtc(2022, 12, 5, 9, 38, 12), 1670233092);
}

TEST(CivilTimeTest, MonthAbbreviations) {
  struct Case {
    const char* text;
    int want;
  };
  const Case cases[] = {
      {"Jan", 1}, {"Feb", 2}, {"Mar", 3}, {"Apr", 4},  {"May", 5},  {"Jun", 6},
      {"Jul", 7}, {"Aug", 8}, {"Sep", 9}, {"Oct", 10}, {"Nov", 11}, {"Dec", 12},
      {"jan", 1}, {"dec", 12}, {"JAN", 0}, {"Ja", 0},   {"Janu", 0}, {"", 0},
      {"Dex", 0}, {"Mai", 0},  {"xxx", 0}, {"\0an", 0},
  };
  for (const Case& c : cases) {
    const int got = MonthFromAbbrev(c.text);
    EXPECT_EQ(got, c.want) << "\"" << c.text << "\": got " << got << ", want " << c.want;
  }
}

TEST(CivilTimeTest, FormatRfc3339) {
  struct Case {
    int64_t unix_us;
    int32_t offset;
    const char* want;
  };
  const int64_t seed = 1670233092;  // 2022-12-05T09:38:12Z
  const Case cases[] = {
      {0, 0, "1970-01-01T00:00:00+00:00"},
      {seed * 1000000, 9 * 3600, "2022-12-05T18:38:12+09:00"},
      {seed * 1000000 + 123456, 9 * 3600, "2022-12-05T18:38:12.123456+09:00"},
      {seed * 1000000 + 1, 0, "2022-12-05T09:38:12.000001+00:00"},
      {seed * 1000000, -5 * 3600, "2022-12-05T04:38:12-05:00"},
      {seed * 1000000, -(3 * 3600 + 1800), "2022-12-05T06:08:12-03:30"},
      {seed * 1000000, 5 * 3600 + 2700, "2022-12-05T15:23:12+05:45"},
      {seed * 1000000, 15 * 3600, "2022-12-06T00:38:12+15:00"},
      {-1, 0, "1969-12-31T23:59:59.999999+00:00"},
      {int64_t{951782400} * 1000000, 0, "2000-02-29T00:00:00+00:00"},
      {int64_t{1678748913} * 1000000 + 579644, 3600, "2023-03-14T00:08:33.579644+01:00"},
      {int64_t{253402300799} * 1000000, 0, "9999-12-31T23:59:59+00:00"},
  };
  for (const Case& c : cases) {
    const std::string got = FormatRfc3339(c.unix_us, c.offset);
    EXPECT_EQ(got, c.want) << c.unix_us << " at " << c.offset << ": got " << got << ", want " << c.want;
  }
}

// ZoneTest - runs with TZ set to a named zone and puts the old TZ back afterwards.
class ZoneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    had_tz_ = tz != nullptr;
    if (had_tz_) saved_tz_ = tz;
  }
  void TearDown() override {
    if (had_tz_) setenv("TZ", saved_tz_.c_str(), 1);
    else unsetenv("TZ");
    ReloadLocalZone();
  }
  void UseZone(const char* zone) {
    setenv("TZ", zone, 1);
    ReloadLocalZone();
  }

 private:
  bool had_tz_ = false;
  std::string saved_tz_;
};

struct OffsetCase {
  const char* zone;
  const char* when;  // for the message
  int64_t unix_s;
  int32_t want;
};

TEST_F(ZoneTest, LocalOffsetAtFollowsTheZoneAndItsChanges) {
  const OffsetCase cases[] = {
      {"Asia/Tokyo", "2022-12-05T09:38:12Z", 1670233092, 32400},
      {"Asia/Tokyo", "2023-07-01T00:00:00Z", 1688169600, 32400},
      {"Europe/Berlin", "2023-03-26T00:59:59Z", 1679792399, 3600},
      {"Europe/Berlin", "2023-03-26T01:00:00Z", 1679792400, 7200},
      {"Europe/Berlin", "2023-10-29T00:59:59Z", 1698541199, 7200},
      {"Europe/Berlin", "2023-10-29T01:00:00Z", 1698541200, 3600},
      {"UTC", "2023-10-29T01:00:00Z", 1698541200, 0},
      // Lord Howe Island changes on the half hour: 15:30Z lies inside a UTC hour.
      {"Australia/Lord_Howe", "2023-09-30T15:10:00Z", 1696086600, 37800},
      {"Australia/Lord_Howe", "2023-09-30T15:29:59Z", 1696087799, 37800},
      {"Australia/Lord_Howe", "2023-09-30T15:30:00Z", 1696087800, 39600},
      {"Australia/Lord_Howe", "2023-09-30T15:40:00Z", 1696088400, 39600},
      {"Australia/Lord_Howe", "2023-09-30T15:10:00Z", 1696086600, 37800},
  };
  for (const OffsetCase& c : cases) {
    UseZone(c.zone);
    // Twice: the second answer comes from the cache.
    for (int pass = 0; pass < 2; ++pass) {
      const int32_t got = LocalOffsetAt(c.unix_s);
      EXPECT_EQ(got, c.want) << c.zone << " at " << c.when << " (pass " << pass << "): got " << got
                             << ", want " << c.want;
    }
  }
}

TEST_F(ZoneTest, ReloadLocalZoneDropsCachedOffsets) {
  UseZone("Asia/Tokyo");
  EXPECT_EQ(LocalOffsetAt(1670233092), 32400);
  UseZone("Europe/Berlin");
  EXPECT_EQ(LocalOffsetAt(1670233092), 3600);
}

TEST_F(ZoneTest, PlainTzsetIsNoticedToo) {
  UseZone("Asia/Tokyo");
  EXPECT_EQ(LocalOffsetAt(1670233092), 32400);
  EXPECT_EQ(LocalOffsetForCivil(2022, 12, 5, 18, 0, 0), 32400);
  setenv("TZ", "Europe/Berlin", 1);
  tzset();
  EXPECT_EQ(LocalOffsetAt(1670233092), 3600);
  EXPECT_EQ(LocalOffsetForCivil(2022, 12, 5, 18, 0, 0), 3600);
}

struct CivilOffsetCase {
  const char* zone;
  int y, m, d, hh, mm, ss;
  int32_t want;
  const char* why;
};

TEST_F(ZoneTest, LocalOffsetForCivilTakesTheOffsetBeforeAChange) {
  const CivilOffsetCase cases[] = {
      {"Asia/Tokyo", 2022, 12, 5, 18, 38, 12, 32400, "no DST"},
      {"Europe/Berlin", 2023, 1, 15, 12, 0, 0, 3600, "winter"},
      {"Europe/Berlin", 2023, 7, 1, 12, 0, 0, 7200, "summer"},
      {"Europe/Berlin", 2023, 3, 26, 1, 59, 59, 3600, "last second before the gap"},
      {"Europe/Berlin", 2023, 3, 26, 2, 30, 0, 3600, "inside the spring gap"},
      {"Europe/Berlin", 2023, 3, 26, 3, 0, 0, 7200, "first second after the gap"},
      {"Europe/Berlin", 2023, 10, 29, 1, 59, 59, 7200, "before the overlap"},
      {"Europe/Berlin", 2023, 10, 29, 2, 30, 0, 7200, "inside the autumn overlap"},
      {"Europe/Berlin", 2023, 10, 29, 3, 0, 0, 3600, "after the overlap"},
      {"Australia/Lord_Howe", 2023, 10, 1, 1, 45, 0, 37800, "before a half-hour gap"},
      {"Australia/Lord_Howe", 2023, 10, 1, 2, 15, 0, 37800, "inside a half-hour gap"},
      {"Australia/Lord_Howe", 2023, 10, 1, 2, 45, 0, 39600, "after a half-hour gap"},
  };
  for (const CivilOffsetCase& c : cases) {
    UseZone(c.zone);
    for (int pass = 0; pass < 2; ++pass) {
      const int32_t got = LocalOffsetForCivil(c.y, c.m, c.d, c.hh, c.mm, c.ss);
      EXPECT_EQ(got, c.want) << c.zone << " " << c.y << "-" << c.m << "-" << c.d << " " << c.hh
                             << ":" << c.mm << ":" << c.ss << " (" << c.why << ", pass " << pass
                             << "): got " << got << ", want " << c.want;
    }
  }
}

}  // namespace
}  // namespace mailwhy
