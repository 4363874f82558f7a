// delivery_status_test - RFC 3464 field groups, including the bent ones real MTAs write.
#include "bounce/delivery_status.h"

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

TEST(ParseDeliveryStatus, PerMessageThenRecipients) {
  DeliveryStatus ds;
  ParseDeliveryStatus(
      "Reporting-MTA: dns; mx.example.jp\n"
      "Arrival-Date: Thu, 29 Apr 2013 23:45:41 +0900\n"
      "\n"
      "Final-Recipient: rfc822; a@example.jp\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <a@example.jp>... User\n"
      "    Unknown\n"
      "\n"
      "Final-Recipient: rfc822; b@example.jp\n"
      "Action: delayed\n"
      "Status: 4.4.1\n",
      &ds);
  EXPECT_EQ(ds.per_message.Get("Reporting-MTA"), "dns; mx.example.jp");
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(FieldValue(ds.recipients[0].Get("Final-Recipient")), "a@example.jp");
  EXPECT_EQ(FieldValue(ds.recipients[0].Get("Diagnostic-Code")), "550 5.1.1 <a@example.jp>... User Unknown");
  EXPECT_EQ(FieldType(ds.recipients[0].Get("Diagnostic-Code")), "smtp");
  EXPECT_EQ(ds.recipients[1].Get("action"), "delayed");
}

TEST(ParseDeliveryStatus, RecipientsWithoutBlankLinesBetweenThem) {
  DeliveryStatus ds;
  ParseDeliveryStatus(
      "Action: failed\n"
      "Final-Recipient: rfc822; a@example.jp\n"
      "Original-Recipient: rfc822; a@example.jp\n"
      "Status: 5.1.1\n"
      "Final-Recipient: rfc822; b@example.jp\n"
      "Status: 5.2.2\n",
      &ds);
  ASSERT_EQ(ds.recipients.size(), 2u);
  EXPECT_EQ(ds.recipients[0].Get("Status"), "5.1.1");
  EXPECT_EQ(ds.recipients[1].Get("Status"), "5.2.2");
}

TEST(ParseDeliveryStatus, SpaceBeforeColonAsMimecastWrites) {
  DeliveryStatus ds;
  ParseDeliveryStatus("Reporting-MTA : dns;mx\n\nAction : failed\nFinal-Recipient : rfc/822;c@example.net\n", &ds);
  ASSERT_EQ(ds.recipients.size(), 1u);
  EXPECT_EQ(FieldValue(ds.recipients[0].Get("Final-Recipient")), "c@example.net");
}

TEST(FieldValue, TypeWordsOnly) {
  EXPECT_EQ(FieldValue("rfc822;x@y"), "x@y");
  EXPECT_EQ(FieldValue("smtp; 550 5.1.1 bad; really"), "550 5.1.1 bad; really");
  EXPECT_EQ(FieldValue("550 5.1.1 bad; really"), "550 5.1.1 bad; really");
  EXPECT_EQ(FieldType("X-Postfix; connect to"), "x-postfix");
}

}  // namespace
}  // namespace mailwhy
