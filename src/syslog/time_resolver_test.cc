// NAME
//   time_resolver_test - years for BSD stamps, zones, DST, forced years and redacted clocks
// DESCRIPTION
//   Lines go through ParseRecord and then a TimeResolver, as in a real run; the resolved
//   instants are compared as RFC 3339 text in the offset the resolver chose, so a wrong
//   year, zone or offset shows in the message. TZ is set per test and restored.
#include "syslog/time_resolver.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "syslog/prefix_parser.h"
#include "util/civil_time.h"

namespace mailwhy {
namespace {

class TimeResolverTest : public ::testing::Test {
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

std::string Show(const LogTime& t) {
  return t.known ? FormatRfc3339(t.unix_us, t.utc_offset_s) : std::string("unknown");
}

// Resolves the lines in order with one resolver and returns each time as text.
std::vector<std::string> ResolveAll(TimeResolver* resolver, const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    Record rec;
    ParseRecord(line, &rec);
    resolver->Resolve(&rec);
    out.push_back(Show(rec.time));
  }
  return out;
}

void ExpectTimes(const std::vector<std::string>& lines, const std::vector<std::string>& got,
                 const std::vector<std::string>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i], want[i]) << "line \"" << lines[i] << "\": got " << got[i] << ", want " << want[i];
  }
}

TEST_F(TimeResolverTest, WrittenOffsetsAreExactWhateverTheLocalZone) {
  UseZone("Asia/Tokyo");
  TimeResolver resolver(/*reference=*/1900000000, /*forced_year=*/1999);
  const std::vector<std::string> lines = {
      "2023-03-14T00:08:33.579644+01:00 helga postfix/smtpd[297535]: x",
      "2023-09-08T17:20:30+0200 host postfix/smtp[20911]: x",
      "<22>1 2011-03-03T15:27:06+01:00 debian507x64 postfix 2454 - -  daemon started",
      "2024-01-02T03:04:05Z host postfix/smtp[1]: x",
      "2024-01-02 03:04:05 host postfix/smtp[1]: written without an offset: local time",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2023-03-14T00:08:33.579644+01:00", "2023-09-08T17:20:30+02:00",
               "2011-03-03T15:27:06+01:00", "2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05+09:00"});

  Record rec;
  ParseRecord(lines[0], &rec);
  resolver.Resolve(&rec);
  EXPECT_EQ(rec.time.unix_us, int64_t{1678748913579644});
}

TEST_F(TimeResolverTest, BsdStampIsLocalTimeInTheFilesYear) {
  UseZone("Asia/Tokyo");
  TimeResolver resolver(/*2022-12-06T00:00:00+09:00*/ 1670252400, 0);
  Record rec;
  ParseRecord("Dec 5 18:38:12 tu8 postfix/smtpd[84475]: connect from unknown[192.0.2.1]", &rec);
  resolver.Resolve(&rec);
  EXPECT_TRUE(rec.time.known);
  EXPECT_EQ(rec.time.unix_us, int64_t{1670233092} * 1000000);
  EXPECT_EQ(rec.time.utc_offset_s, 9 * 3600);
  EXPECT_EQ(Show(rec.time), "2022-12-05T18:38:12+09:00");
}

TEST_F(TimeResolverTest, LogCrossingNewYearSplitsItsYears) {
  UseZone("Asia/Tokyo");
  TimeResolver resolver(/*2023-01-02T10:00:00+09:00*/ 1672621200, 0);
  const std::vector<std::string> lines = {
      "Dec 31 23:59:59 mx postfix/qmgr[1]: a",
      "Jan  1 00:00:01 mx postfix/qmgr[1]: b",
      "Jan  2 09:59:00 mx postfix/qmgr[1]: c",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2022-12-31T23:59:59+09:00", "2023-01-01T00:00:01+09:00", "2023-01-02T09:59:00+09:00"});
}

struct InferCase {
  const char* name;
  int ref_year, ref_month, ref_day;  // the file's mtime, noon UTC
  const char* line;
  const char* want;
};

TEST_F(TimeResolverTest, YearInferredFromMtime) {
  UseZone("UTC");
  const InferCase cases[] = {
      {"mtime in January, record in December: last year", 2023, 1, 5, "Dec 20 10:00:00 h p[1]: x",
       "2022-12-20T10:00:00+00:00"},
      {"same day as the mtime", 2023, 6, 15, "Jun 15 23:00:00 h p[1]: x", "2023-06-15T23:00:00+00:00"},
      {"one day after the mtime: a zone ahead, same year", 2023, 6, 15, "Jun 16 01:00:00 h p[1]: x",
       "2023-06-16T01:00:00+00:00"},
      {"two days after the mtime: last year", 2023, 6, 15, "Jun 17 01:00:00 h p[1]: x",
       "2022-06-17T01:00:00+00:00"},
      {"mtime on Dec 31, record on Jan 1: next year", 2022, 12, 31, "Jan  1 00:00:05 h p[1]: x",
       "2023-01-01T00:00:05+00:00"},
      {"Feb 29 goes back to a leap year", 2023, 3, 10, "Feb 29 12:00:00 h p[1]: x",
       "2020-02-29T12:00:00+00:00"},
      {"Feb 29 in a leap year", 2024, 3, 10, "Feb 29 12:00:00 h p[1]: x", "2024-02-29T12:00:00+00:00"},
  };
  for (const InferCase& c : cases) {
    TimeResolver resolver(UnixFromCivilUtc(c.ref_year, c.ref_month, c.ref_day, 12, 0, 0), 0);
    Record rec;
    ParseRecord(c.line, &rec);
    resolver.Resolve(&rec);
    const std::string got = Show(rec.time);
    EXPECT_EQ(got, c.want) << c.name << ": got " << got << ", want " << c.want;
  }
}

TEST_F(TimeResolverTest, ForcedYearRollsForwardAtNewYearOnly) {
  UseZone("UTC");
  TimeResolver resolver(/*reference, ignored*/ 1900000000, /*forced_year=*/2021);
  const std::vector<std::string> lines = {
      "Dec 30 10:00:00 h p[1]: first record sets the year",
      "Dec 31 23:59:59 h p[1]: x",
      "Jan  1 00:00:00 h p[1]: new year",
      "Mar  1 00:00:00 h p[1]: x",
      "Feb 28 23:59:59 h p[1]: a line out of order is not a new year",
      "Dec 31 10:00:00 h p[1]: x",
      "Jan  1 10:00:00 h p[1]: second new year",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2021-12-30T10:00:00+00:00", "2021-12-31T23:59:59+00:00", "2022-01-01T00:00:00+00:00",
               "2022-03-01T00:00:00+00:00", "2022-02-28T23:59:59+00:00", "2022-12-31T10:00:00+00:00",
               "2023-01-01T10:00:00+00:00"});
}

TEST_F(TimeResolverTest, BerlinAcrossDaylightSavingChanges) {
  UseZone("Europe/Berlin");
  TimeResolver resolver(/*2023-12-01T12:00:00+01:00*/ 1701428400, 0);
  const std::vector<std::string> lines = {
      "Mar 26 01:59:59 mx postfix/qmgr[1]: last second of winter time",
      "Mar 26 03:00:00 mx postfix/qmgr[1]: first second of summer time",
      "Mar 26 02:30:00 mx postfix/qmgr[1]: inside the gap: the offset before the change",
      "Oct 29 01:59:59 mx postfix/qmgr[1]: x",
      "Oct 29 02:30:00 mx postfix/qmgr[1]: inside the overlap: the first occurrence",
      "Oct 29 03:00:00 mx postfix/qmgr[1]: winter again",
  };
  std::vector<std::string> got = ResolveAll(&resolver, lines);
  ExpectTimes(lines, got,
              {"2023-03-26T01:59:59+01:00", "2023-03-26T03:00:00+02:00", "2023-03-26T02:30:00+01:00",
               "2023-10-29T01:59:59+02:00", "2023-10-29T02:30:00+02:00", "2023-10-29T03:00:00+01:00"});

  // The two sides of the spring gap are one second apart.
  Record before, after;
  ParseRecord(lines[0], &before);
  ParseRecord(lines[1], &after);
  resolver.Resolve(&before);
  resolver.Resolve(&after);
  EXPECT_EQ(after.time.unix_us - before.time.unix_us, 1000000);
}

// Records of one hour share a cached offset; these hours contain or border a change.
TEST_F(TimeResolverTest, SameHourRecordsAroundBerlinChangesKeepTheirOffsets) {
  UseZone("Europe/Berlin");
  TimeResolver resolver(/*2023-12-01T12:00:00+01:00*/ 1701428400, 0);
  const std::vector<std::string> lines = {
      "Mar 26 01:00:00 mx postfix/qmgr[1]: x",
      "Mar 26 01:59:59 mx postfix/qmgr[1]: same hour, still winter",
      "Mar 26 03:00:00 mx postfix/qmgr[1]: summer",
      "Mar 26 03:59:59 mx postfix/qmgr[1]: same hour, summer",
      "Mar 26 01:30:00 mx postfix/qmgr[1]: back to the winter hour",
      "Oct 29 02:00:00 mx postfix/qmgr[1]: overlap: the first occurrence",
      "Oct 29 02:59:59 mx postfix/qmgr[1]: same",
      "Oct 29 03:00:00 mx postfix/qmgr[1]: winter",
      "Oct 29 03:00:01.250000 mx postfix/qmgr[1]: winter, with a fraction",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2023-03-26T01:00:00+01:00", "2023-03-26T01:59:59+01:00", "2023-03-26T03:00:00+02:00",
               "2023-03-26T03:59:59+02:00", "2023-03-26T01:30:00+01:00", "2023-10-29T02:00:00+02:00",
               "2023-10-29T02:59:59+02:00", "2023-10-29T03:00:00+01:00",
               "2023-10-29T03:00:01.250000+01:00"});
}

// Lord Howe Island moves its clocks by half an hour at 02:00, so one civil hour holds two
// offsets: in spring 02:00-02:29 is the gap (the offset before), 02:30 on is summer time.
TEST_F(TimeResolverTest, HourHoldingAHalfHourChangeIsResolvedPerRecord) {
  UseZone("Australia/Lord_Howe");
  TimeResolver resolver(/*2023-12-01T00:00:00Z*/ 1701388800, 0);
  const std::vector<std::string> lines = {
      "Oct  1 01:59:59 mx postfix/qmgr[1]: x",
      "Oct  1 02:10:00 mx postfix/qmgr[1]: inside the gap",
      "Oct  1 02:29:59 mx postfix/qmgr[1]: last second of the gap",
      "Oct  1 02:30:00 mx postfix/qmgr[1]: summer time",
      "Oct  1 02:40:00 mx postfix/qmgr[1]: summer time",
      "Oct  1 02:10:00 mx postfix/qmgr[1]: the gap again, same hour",
      "Oct  1 03:00:00 mx postfix/qmgr[1]: x",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2023-10-01T01:59:59+10:30", "2023-10-01T02:10:00+10:30", "2023-10-01T02:29:59+10:30",
               "2023-10-01T02:30:00+11:00", "2023-10-01T02:40:00+11:00", "2023-10-01T02:10:00+10:30",
               "2023-10-01T03:00:00+11:00"});
}

// A leap second written as hh:59:60 belongs to the next hour's first second.
TEST_F(TimeResolverTest, LeapSecondAtTheEndOfAnHourBeforeAChange) {
  UseZone("Europe/Berlin");
  TimeResolver resolver(1701428400, 0);
  const std::vector<std::string> lines = {
      "Mar 26 01:30:00 mx postfix/qmgr[1]: x",
      "Mar 26 01:59:60 mx postfix/qmgr[1]: the next hour's first second, in the gap",
      "Jun 30 23:59:59 mx postfix/qmgr[1]: x",
      "Jun 30 23:59:60 mx postfix/qmgr[1]: x",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2023-03-26T01:30:00+01:00", "2023-03-26T02:00:00+01:00", "2023-06-30T23:59:59+02:00",
               "2023-07-01T00:00:00+02:00"});
}

// The cached offset belongs to the zone it was found in.
TEST_F(TimeResolverTest, ChangeOfZoneBetweenRecordsOfOneHourIsNoticed) {
  UseZone("Europe/Berlin");
  TimeResolver resolver(1701428400, 0);
  Record rec;
  ParseRecord("Jul  1 12:00:00 mx postfix/qmgr[1]: x", &rec);
  resolver.Resolve(&rec);
  EXPECT_EQ(Show(rec.time), "2023-07-01T12:00:00+02:00");
  UseZone("Asia/Tokyo");
  ParseRecord("Jul  1 12:30:00 mx postfix/qmgr[1]: x", &rec);
  resolver.Resolve(&rec);
  EXPECT_EQ(Show(rec.time), "2023-07-01T12:30:00+09:00");
  setenv("TZ", "America/New_York", 1);
  tzset();  // without ReloadLocalZone(): the zone's names tell
  ParseRecord("Jul  1 12:40:00 mx postfix/qmgr[1]: x", &rec);
  resolver.Resolve(&rec);
  EXPECT_EQ(Show(rec.time), "2023-07-01T12:40:00-04:00");
}

// Records of one second reuse the first one's instant: only the fraction may differ, and
// a zone written or reloaded in between is still noticed.
TEST_F(TimeResolverTest, RecordsOfOneSecondDifferOnlyByTheirFraction) {
  UseZone("Europe/Berlin");
  TimeResolver resolver(1701428400, 0);
  Record rec;
  const auto at = [&](const std::string& line) {
    ParseRecord(line, &rec);
    resolver.Resolve(&rec);
    return rec.time;
  };
  const LogTime a = at("2023-07-01T12:00:00.250000 mx postfix/qmgr[1]: x");
  const LogTime b = at("2023-07-01T12:00:00.750000 mx postfix/qmgr[1]: x");
  EXPECT_EQ(Show(a), "2023-07-01T12:00:00.250000+02:00");
  EXPECT_EQ(b.unix_us - a.unix_us, 500000);
  EXPECT_EQ(b.utc_offset_s, 7200);
  const LogTime c = at("2023-07-01T12:00:00.750000+00:00 mx postfix/qmgr[1]: x");
  EXPECT_EQ(c.unix_us - b.unix_us, 7200 * int64_t{1000000}) << "the written zone counts";
  EXPECT_EQ(Show(at("Jul  1 12:00:00 mx postfix/qmgr[1]: x")), "2023-07-01T12:00:00+02:00");
  UseZone("Asia/Tokyo");
  EXPECT_EQ(Show(at("Jul  1 12:00:00 mx postfix/qmgr[1]: x")), "2023-07-01T12:00:00+09:00");
  EXPECT_EQ(Show(at("Jul  1 XX:XX:XX mx postfix/qmgr[1]: x")), "2023-07-01T12:00:00+09:00");
  EXPECT_EQ(Show(at("Jul  1 12:00:00 mx postfix/qmgr[1]: x")), "2023-07-01T12:00:00+09:00");
  EXPECT_EQ(Show(at("Jul  2 12:00:00 mx postfix/qmgr[1]: x")), "2023-07-02T12:00:00+09:00");
}

TEST_F(TimeResolverTest, ForcedYearInBerlinKeepsLocalOffsets) {
  UseZone("Europe/Berlin");
  TimeResolver resolver(0, 2022);
  const std::vector<std::string> lines = {
      "Dec 31 23:59:59 mx postfix/qmgr[1]: x",
      "Jan  1 00:00:00 mx postfix/qmgr[1]: x",
      "Jul  1 12:00:00 mx postfix/qmgr[1]: x",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2022-12-31T23:59:59+01:00", "2023-01-01T00:00:00+01:00", "2023-07-01T12:00:00+02:00"});
}

TEST_F(TimeResolverTest, RedactedClocksLeanOnThePreviousRecord) {
  UseZone("Asia/Tokyo");
  TimeResolver resolver(/*2022-07-26T12:00:00+09:00*/ 1658804400, 0);
  const std::vector<std::string> lines = {
      "Jul 25 XX:XX:XX *** postfix/qmgr[XXXXX]: no earlier record: start of the written day",
      "Jul 25 10:00:00 mx postfix/qmgr[1]: x",
      "Jul 25 XX:XX:XX *** postfix/qmgr[XXXXX]: the previous instant",
      "May xx xx:xx:xx xxxxxxxx postfix/smtp[8720]: the previous instant",
      "a message-only line has no time",
      "<22>1 - mx postfix/qmgr 5 - - nor has an RFC 5424 line with a nil stamp",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines),
              {"2022-07-25T00:00:00+09:00", "2022-07-25T10:00:00+09:00", "2022-07-25T10:00:00+09:00",
               "2022-07-25T10:00:00+09:00", "unknown", "unknown"});
}

TEST_F(TimeResolverTest, RedactedDayWithNothingBeforeStaysUnknown) {
  UseZone("Asia/Tokyo");
  TimeResolver resolver(1658804400, 0);
  const std::vector<std::string> lines = {
      "May xx xx:xx:xx xxxxxxxx postfix/smtp[8720]: x",
      "May 20 08:00:00 mx postfix/smtp[8720]: x",
  };
  ExpectTimes(lines, ResolveAll(&resolver, lines), {"unknown", "2022-05-20T08:00:00+09:00"});
}

}  // namespace
}  // namespace mailwhy
