// event_test - a peer written back is the text Postfix wrote (event.cc).
#include "postfix/event.h"

#include <gtest/gtest.h>

#include <string>

#include "postfix/fields.h"

namespace mailwhy {
namespace {

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
