// user_time_test - the time forms of `mailwhy why --at/--since/--until` and durations.
#include "util/user_time.h"

#include "util/civil_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace mailwhy {
namespace {

class UserTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz ? tz : "";
    had_ = tz != nullptr;
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    ReloadLocalZone();
  }
  void TearDown() override {
    if (had_) setenv("TZ", saved_.c_str(), 1); else unsetenv("TZ");
    tzset();
    ReloadLocalZone();
  }
  std::string saved_;
  bool had_ = false;
};

// 2022-12-06T10:00:00+09:00
constexpr int64_t kNow = 1670288400;

TEST_F(UserTimeTest, FormsPeopleType) {
  struct Case {
    const char* text;
    int64_t want_unix;
    int64_t want_span;
  } cases[] = {
      {"2022-12-05 18:38", 1670233080, 60},           // 18:38 JST = 09:38 UTC
      {"2022-12-05 18:38:12", 1670233092, 1},
      {"2022-12-05T18:38", 1670233080, 60},
      {"2022-12-05T18:38:12+09:00", 1670233092, 1},
      {"2022-12-05T09:38:12Z", 1670233092, 1},
      {"2022-12-05T18:38:12.5+0900", 1670233092, 1},
      {"2022-12-05", 1670166000, 86400},               // midnight JST
      {"Dec 5 18:38", 1670233080, 60},
      {"Dec  5 18:38:12", 1670233092, 1},
      {"18:38", 1670319480, 60},                       // today, 2022-12-06
      {"yesterday", 1670166000, 86400},
      {"today", 1670252400, 86400},
      {"now", kNow, 1},
      {"-2h", kNow - 7200, 1},
      {"-1h30m", kNow - 5400, 1},
  };
  for (const Case& c : cases) {
    UserTime t;
    Status s = ParseUserTime(c.text, kNow, &t);
    ASSERT_TRUE(s.ok()) << c.text << ": " << s.ToString();
    EXPECT_EQ(t.unix_s, c.want_unix) << c.text << ": got " << t.unix_s << ", want " << c.want_unix;
    EXPECT_EQ(t.span_s, c.want_span) << c.text;
  }
}

TEST_F(UserTimeTest, MonthDayInTheFutureMeansLastYear) {
  UserTime t;
  ASSERT_TRUE(ParseUserTime("Dec 25 10:00", kNow, &t).ok());
  EXPECT_EQ(t.unix_s, 1640394000);  // 2021-12-25T10:00+09:00
}

TEST_F(UserTimeTest, NonsenseSaysWhatIsAccepted) {
  UserTime t;
  for (const char* bad : {"", "tomorrowish", "2022-13-05", "25:00", "Dec 5 18", "-2x",
                          "2022-12-05 18:38 extra"}) {
    Status s = ParseUserTime(bad, kNow, &t);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.ToString().find("2022-12-05 18:38"), std::string::npos) << s.ToString();
  }
}

TEST(Duration, Units) {
  struct Case {
    const char* text;
    int64_t want;
  } cases[] = {{"30m", 1800}, {"2h", 7200}, {"1d", 86400}, {"90s", 90}, {"1h30m", 5400}, {"45", 45}};
  for (const Case& c : cases) {
    int64_t got = -1;
    ASSERT_TRUE(ParseDuration(c.text, &got).ok()) << c.text;
    EXPECT_EQ(got, c.want) << c.text;
  }
  int64_t got;
  EXPECT_FALSE(ParseDuration("", &got).ok());
  EXPECT_FALSE(ParseDuration("3 days", &got).ok());
  EXPECT_FALSE(ParseDuration("m", &got).ok());
}

}  // namespace
}  // namespace mailwhy
