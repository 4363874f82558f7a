// address_blocks_test - recipient lines and the text under them.
#include "bounce/address_blocks.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(AddressBlocks, PostfixFoldedTextStaysWithItsRecipient) {
  auto b = AddressBlocks(
      "<kijitora@user.example.or.jp>: host\n"
      "    mx.user.example.or.jp[192.0.2.22] said: 550\n"
      "    <kijitora@user.example.or.jp>: User unknown\n"
      "\n"
      "<r@example.jp> (expanded from <kijitora@example.org>): user unknown\n",
      AddressLead::kAngle);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].address, "kijitora@user.example.or.jp");
  EXPECT_EQ(b[0].Text(), "host mx.user.example.or.jp[192.0.2.22] said: 550 <kijitora@user.example.or.jp>: User unknown");
  EXPECT_EQ(b[1].alias, "kijitora@example.org");
  EXPECT_EQ(b[1].Text(), "user unknown");
}

TEST(AddressBlocks, ExpandedFromOnTheNextLine) {
  auto b = AddressBlocks("<a@example.jp> (expanded from\n    <b@example.jp>): mailbox full\n", AddressLead::kAngle);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].alias, "b@example.jp");
  EXPECT_EQ(b[0].Text(), "mailbox full");
}

TEST(AddressBlocks, BareAddressLines) {
  auto b = AddressBlocks("  kijitora@example.jp\n    SMTP error from remote mail server after RCPT TO\n", AddressLead::kBare);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].Text(), "SMTP error from remote mail server after RCPT TO");
}

}  // namespace
}  // namespace mailwhy
