// journey_filter_test - what `why --from/--to/--at/...` selects.
#include "journey/journey_filter.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

Journey SeedJourney() {
  // seed 004: tu@example.com -> tu@example.net at 2022-12-05 18:38:12 (+09:00)
  Journey j;
  j.host = "tu8";
  j.qid = "8B84D8D1CF";
  j.has_from = true;
  j.from = "tu@example.com";
  j.has_message_id = true;
  j.message_id = "20221205183811.8983.30194A77@example.com";
  j.client.name = "example.org";
  j.client.ip = "198.51.100.100";
  j.first_seen = {1670233092000000, 32400, true};
  j.last_seen = {1670233092000000, 32400, true};
  Recipient r;
  r.address = "tu@example.net";
  r.orig_to = "alias@example.net";
  r.status = RecipientStatus::kSent;
  j.recipients.push_back(r);
  return j;
}

TEST(JourneyFilter, AddressesAndDomainsIgnoreCaseAndAngles) {
  Journey j = SeedJourney();
  struct Case {
    const char* to;
    bool want;
  } cases[] = {{"tu@example.net", true},   {"<TU@Example.NET>", true}, {"example.net", true},
               {"@example.net", true},     {"net", true},              {"ample.net", false},
               {"tu@example.com", false},  {"alias@example.net", true}, {"t@example.net", false}};
  for (const Case& c : cases) {
    JourneyQuery q;
    q.to = c.to;
    EXPECT_EQ(Matches(j, q), c.want) << "--to " << c.to;
  }
  JourneyQuery q;
  q.from = "EXAMPLE.com";
  EXPECT_TRUE(Matches(j, q));
  q.from = "example.net";
  EXPECT_FALSE(Matches(j, q));
}

TEST(JourneyFilter, TimeWindowOverlapsTheJourney) {
  Journey j = SeedJourney();
  JourneyQuery q;
  q.since_us = 1670233092000000 - 60000000;
  q.until_us = 1670233092000000 + 1;
  EXPECT_TRUE(Matches(j, q));
  q.since_us = 1670233092000000 + 1;
  q.until_us.reset();
  EXPECT_FALSE(Matches(j, q));
  EXPECT_TRUE(MatchesIgnoringTime(j, q));
}

TEST(JourneyFilter, OtherCriteria) {
  Journey j = SeedJourney();
  JourneyQuery q;
  q.message_id = "<20221205183811.8983.30194A77@example.com>";
  EXPECT_TRUE(Matches(j, q));
  q = JourneyQuery();
  q.qid = "8b84d8d1cf";
  EXPECT_TRUE(Matches(j, q));
  q = JourneyQuery();
  q.client = "198.51.100.100";
  EXPECT_TRUE(Matches(j, q));
  q.client = "198.51.100.101";
  EXPECT_FALSE(Matches(j, q));
  q = JourneyQuery();
  ASSERT_TRUE(ParseStatuses("deferred,sent", &q.statuses));
  EXPECT_TRUE(Matches(j, q));
  q.statuses.clear();
  ASSERT_TRUE(ParseStatuses("bounced", &q.statuses));
  EXPECT_FALSE(Matches(j, q));
  EXPECT_FALSE(ParseStatuses("lost", &q.statuses));
}

}  // namespace
}  // namespace mailwhy
