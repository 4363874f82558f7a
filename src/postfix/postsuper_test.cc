// postsuper_test - per-message verbs and totals (postsuper.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TEST(Postsuper, PerMessageVerbs) {
  for (std::string_view verb : {"removed", "requeued", "placed on hold", "released from hold",
                                "expired"}) {
    std::string message = "D4F2023DB: " + std::string(verb);
    Event ev = ParseMessage("postfix/postsuper", message);
    EXPECT_EQ(ev.kind, EventKind::kPostsuper) << message;
    EXPECT_EQ(ev.action, verb) << message;
    EXPECT_EQ(ev.qid, "D4F2023DB") << message;
  }
}

TEST(Postsuper, TotalsGiveWordAndCount) {
  struct Case {
    std::string_view message, action;
    int64_t count;
  } cases[] = {
      {"Deleted: 115 messages", "Deleted", 115},
      {"Requeued: 1 message", "Requeued", 1},
      {"Placed on hold: 67 messages", "Placed on hold", 67},
      {"Released from hold: 13 messages", "Released from hold", 13},
      {"Renamed to match inode number: 2 messages", "Renamed to match inode number", 2},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage("postfix/postsuper", c.message);
    EXPECT_EQ(ev.kind, EventKind::kPostsuper) << c.message;
    EXPECT_EQ(ev.action, c.action) << c.message;
    EXPECT_EQ(ev.count, c.count) << c.message;
  }
}

}  // namespace
}  // namespace mailwhy
