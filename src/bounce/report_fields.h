// NAME
//   report_fields - what format readers share: DSN groups as records, the quoted original
// DESCRIPTION
//   RecordsFromDeliveryStatus() turns every recipient group of the mail's
//   message/delivery-status parts into a BounceRecord: Final-Recipient (or
//   Original-Recipient, or X-Actual-Recipient) as the address, Action, the first status
//   code of Status, Remote-MTA and Diagnostic-Code without their type words ("dns;",
//   "smtp;"), the Diagnostic-Code's type, Reporting-MTA from the per-message group, and
//   Last-Attempt-Date (or Arrival-Date). Groups that name no address are skipped.
//
//   InlineDeliveryStatus() looks for the same fields written into a plain-text part
//   (formats that print "Final-Recipient: rfc822; ..." without a MIME report) and
//   returns the parsed groups that hold a Final-Recipient, Action or Status field.
//
//   SetOriginal() reads Message-ID, Subject, Date, From and To of the returned message
//   from its header block. ReturnedMessage() finds that block: the attached part when
//   there is one, else the text after the first of `markers` in the body.
//
//   FindRecord() returns the record for an address (case-insensitive), or null.
#ifndef MAILWHY_BOUNCE_REPORT_FIELDS_H_
#define MAILWHY_BOUNCE_REPORT_FIELDS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "bounce/bounce_record.h"
#include "bounce/delivery_status.h"
#include "bounce/mime_reader.h"

namespace mailwhy {

std::vector<BounceRecord> RecordsFromDeliveryStatus(const DecodedMail& mail);
BounceRecord RecordFromDsnFields(const DsnFields& recipient, const DsnFields& per_message);
std::vector<DsnFields> InlineDeliveryStatus(std::string_view text);

void SetOriginal(std::string_view header_block, OriginalMessage* out);
std::string_view ReturnedMessage(const DecodedMail& mail,
                                 std::initializer_list<std::string_view> markers);

BounceRecord* FindRecord(std::vector<BounceRecord>* records, std::string_view address);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_REPORT_FIELDS_H_
