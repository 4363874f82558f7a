// event_test - ResetEvent() gives Event() byte for byte; a peer written back is the text
// Postfix wrote (event.cc).
#include "postfix/event.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "postfix/fields.h"

namespace mailwhy {
namespace {

TEST(ResetEvent, GivesTheDefaultEventByteForByte) {
  // Static storage: zeroed before it is initialized, so its padding is zero too.
  static const Event kDefault{};
  Event ev;
  std::memset(static_cast<void*>(&ev), 0xA5, sizeof ev);  // every field and pad byte wrong
  ResetEvent(&ev);
  EXPECT_EQ(std::memcmp(&ev, &kDefault, sizeof ev), 0);
  EXPECT_EQ(ev.size, -1);
  EXPECT_EQ(ev.delays[3], -1);
  EXPECT_TRUE(ev.from.empty());
  EXPECT_EQ(ev.kind, EventKind::kUnknown);
}

TEST(PeerTextTo, WritesBackWhatParsePeerRead) {
  for (const char* text : {"mx.example.net[192.0.2.1]:25", "unknown[2001:db8::1]",
                           "[203.0.113.7]:587", "mail.example.com[private/dovecot-lmtp]"}) {
    Peer p;
    ASSERT_TRUE(postfix::ParsePeer(text, &p)) << text;
    std::string out = "stale";
    PeerTextTo(p, &out);
    EXPECT_EQ(out, text);
  }
  std::string out = "stale";
  PeerTextTo(Peer{}, &out);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace mailwhy
