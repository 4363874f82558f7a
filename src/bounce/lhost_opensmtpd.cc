// NAME
//   lhost_opensmtpd - OpenSMTPD's "Delivery status notification"
// DESCRIPTION
//   OpenSMTPD (bounce.c) writes:
//
//         Hi!
//         This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
//         An error has occurred while attempting to deliver a message for
//         the following list of recipients:
//
//     kijitora@example.jp: 550 5.1.1 <kijitora@example.jp>... User Unknown
//
//         Below is a copy of the original message:
//
//   One line per recipient, "address: error"; newer versions add a
//   message/delivery-status part, whose fields are merged in.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadOpenSmtpd(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"This is the MAILER-DAEMON, please DO NOT REPLY"});
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start), {"Below is a copy of the original message",
                                                                       "Content-Type: message/delivery-status"});
  std::vector<BounceRecord> records;
  bool listing = false;
  bool open = false;
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (!listing) {
      // "... for the following\n    list of recipients:" (the sentence is wrapped)
      if (bounce::ContainsNoCase(t, "list of recipients:") ||
          bounce::ContainsNoCase(t, "following recipients:")) {
        listing = true;
      }
      continue;
    }
    if (t.empty()) {
      open = false;  // the delay notice's boilerplate follows
      continue;
    }
    size_t colon = t.find(": ");
    if (colon != std::string_view::npos && bounce::IsAddress(t.substr(0, colon))) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t.substr(0, colon));
      r.diagnostic = std::string(Trim(t.substr(colon + 2)));
      records.push_back(std::move(r));
      open = true;
    } else if (open && !records.empty() && (line[0] == ' ' || line[0] == '\t')) {
      records.back().diagnostic += " " + std::string(t);
    }
  }
  for (auto& d : RecordsFromDeliveryStatus(mail)) {
    BounceRecord* r = FindRecord(&records, d.recipient);
    if (r == nullptr) {
      records.push_back(d);
      continue;
    }
    if (r->status.empty()) r->status = d.status;
    if (r->action.empty()) r->action = d.action;
    if (r->remote_mta.empty()) r->remote_mta = d.remote_mta;
    if (r->diagnostic.empty()) r->diagnostic = d.diagnostic;
  }
  out->records = std::move(records);
  return !out->records.empty();
}

}  // namespace mailwhy
