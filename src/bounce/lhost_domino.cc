// NAME
//   lhost_domino - IBM (Lotus) Domino's "DELIVERY FAILURE" report
// DESCRIPTION
//     Subject: DELIVERY FAILURE: User Kijitoranyan (kijitora@example.jp) not listed in ...
//     Your message
//       Subject: Test Bounce
//     was not delivered to:
//       kijitora@example.jp
//     because:
//       User some.name (kijitora@example.jp) not listed in Domino Directory
//
//   The addresses under "was not delivered to:" are the recipients, the lines under
//   "because:" the error. Domino's newer reports add a message/delivery-status part,
//   whose fields are merged in.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadDomino(const DecodedMail& mail, BounceReport* out) {
  if (!StartsWithNoCase(Trim(mail.Header("Subject")), "DELIVERY FAILURE:") &&
      !StartsWithNoCase(Trim(mail.Header("Subject")), "DELIVERY_FAILURE:")) {
    return false;
  }
  std::vector<std::string> rcpts;
  std::string text;
  enum { kNone, kTo, kBecause } section = kNone;
  std::string_view prose = bounce::CutAtLine(mail.body, {"Content-Type: message/delivery-status"});
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "was not delivered to:")) { section = kTo; continue; }
    if (StartsWithNoCase(t, "because:")) { section = kBecause; continue; }
    if (t.empty()) continue;
    if (section == kTo) {
      if (bounce::IsAddress(t)) rcpts.push_back(bounce::FindAddress(t));
      else section = kNone;
    } else if (section == kBecause) {
      text += (text.empty() ? "" : " ") + std::string(t);
    }
  }
  std::vector<BounceRecord> records = RecordsFromDeliveryStatus(mail);
  if (records.empty()) {
    for (auto& a : rcpts) {
      BounceRecord r;
      r.recipient = a;
      records.push_back(std::move(r));
    }
  }
  for (auto& r : records) {
    if (Trim(r.diagnostic).empty()) r.diagnostic = text;
  }
  out->records = std::move(records);
  return !out->records.empty();
}

}  // namespace mailwhy
