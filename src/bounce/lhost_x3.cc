// NAME
//   lhost_x3 - an unidentified MTA's "Delivery status notification" (Sisimai's X3)
// DESCRIPTION
//         This is an automatically generated Delivery Status Notification.
//
//     Delivery to the following recipients failed permanently:
//        * kijitora@example.com
//
//                                  Technical details:
//     SMTP:RCPT host 192.0.2.8: 553 5.3.0 <kijitora@example.com>... No such user here
//
//   (also "Delevery to the following recipients was aborted after 5.0 hour(s):"). The
//   "* address" lines are the recipients, the paragraph after "Technical details:" the
//   error; "SMTP:RCPT host H:" names the command and the remote host.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::FindNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadX3(const DecodedMail& mail, BounceReport* out) {
  if (bounce::FindLineStarting(mail.body, {"This is an automatically generated Delivery Status Notification"}) ==
      std::string_view::npos) {
    return false;
  }
  if (bounce::FindLineStarting(mail.body, {"Delivery to the following recipients", "Delevery to the following recipients"}) ==
      std::string_view::npos) {
    return false;
  }
  std::string details;
  std::vector<std::string> rcpts;
  bool in_details = false;
  std::string_view prose = bounce::CutAtLine(mail.body, {"Content-Type: message/delivery-status"});
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "* ") && bounce::IsAddress(Trim(t.substr(2)))) {
      rcpts.push_back(bounce::FindAddress(t));
      continue;
    }
    if (StartsWithNoCase(t, "Technical details:")) {
      in_details = true;
      continue;
    }
    if (in_details && !t.empty()) details += (details.empty() ? "" : " ") + std::string(t);
  }
  std::string command, remote;
  if (StartsWithNoCase(details, "SMTP:")) {
    std::string_view d = std::string_view(details).substr(5);
    command = bounce::CanonicalCommand(d);
    size_t host = FindNoCase(d, " host ");
    if (host != std::string_view::npos) {
      std::string_view h = d.substr(host + 6);
      remote = std::string(h.substr(0, h.find(':')));
    }
  }
  std::vector<BounceRecord> ds = RecordsFromDeliveryStatus(mail);
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.diagnostic = details;
    r.command = command;
    r.remote_mta = remote;
    if (const BounceRecord* d = FindRecord(&ds, a)) {
      r.status = d->status;
      r.action = d->action;
      if (r.diagnostic.empty()) r.diagnostic = d->diagnostic;
    }
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
