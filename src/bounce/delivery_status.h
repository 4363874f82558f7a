// NAME
//   delivery_status - the fields of an RFC 3464 delivery status report
// SYNOPSIS
//   DeliveryStatus ds;
//   ParseDeliveryStatus(mail.delivery_status[0], &ds);
//   ds.recipients[0].Get("Final-Recipient")   // "rfc822; kijitora@example.jp"
//   FieldValue("rfc822; kijitora@example.jp")  // "kijitora@example.jp"
// DESCRIPTION
//   A message/delivery-status body is groups of "Name: value" fields separated by empty
//   lines: the first group describes the message (Reporting-MTA, Arrival-Date, ...), each
//   further group one recipient (Final-Recipient, Action, Status, Remote-MTA,
//   Diagnostic-Code, Last-Attempt-Date, ...). A value may continue on lines that start
//   with white space; they are joined with one space.
//
//   Real reports bend the rules, and the parser bends with them: a recipient group
//   without an empty line before it starts where a second Final-Recipient (or an
//   Original-Recipient after a Final-Recipient) appears; a first group that already
//   names a recipient is a recipient group; lines that are not fields are ignored. The
//   same parser reads DSN fields quoted in a plain-text part (FindDeliveryStatusFields).
//
//   FieldValue() drops the address or diagnostic type before ";" ("rfc822;", "smtp;",
//   "dns;", "x-unix;"); FieldType() returns it in lower case.
#ifndef MAILWHY_BOUNCE_DELIVERY_STATUS_H_
#define MAILWHY_BOUNCE_DELIVERY_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailwhy {

struct DsnFields {
  std::vector<std::pair<std::string, std::string>> fields;  // names as written
  // The first value of `name` (case-insensitive), "" when absent.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
};

struct DeliveryStatus {
  DsnFields per_message;
  std::vector<DsnFields> recipients;
};

void ParseDeliveryStatus(std::string_view text, DeliveryStatus* out);

// True for the field names RFC 3464 (and common X- extensions of it) define for
// recipients: Final-Recipient, Original-Recipient, Action, Status, Remote-MTA,
// Diagnostic-Code, Last-Attempt-Date, Will-Retry-Until, X-Actual-Recipient, ...
bool IsRecipientField(std::string_view name);

// "rfc822; a@b" -> "a@b"; "smtp; 550 ..." -> "550 ..."; a value without ";" unchanged.
std::string_view FieldValue(std::string_view value);
// "rfc822; a@b" -> "rfc822"; "" without ";".
std::string FieldType(std::string_view value);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_DELIVERY_STATUS_H_
