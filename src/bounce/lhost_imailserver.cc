// NAME
//   lhost_imailserver - Ipswitch IMail Server's "Undeliverable Mail"
// DESCRIPTION
//   IMail writes one line per recipient, the error before the address:
//
//     Subject: Undeliverable Mail
//     Unknown user: kijitora@example.com
//     User mailbox exceeds allowed size: kijitora@example.co.jp
//     Delivery failed 20 attempts: kijitora@example.com
//
//     Original message follows.
//
//   The line is the error text; the address after the last ": " the recipient. A remote
//   server's reply may follow on further lines ("Server said: 550 ...").
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadImailServer(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::EqualsNoCase(Trim(mail.Header("Subject")), "Undeliverable Mail")) return false;
  if (!mail.delivery_status.empty()) return false;
  std::string_view prose = bounce::CutAtLine(mail.body, {"Original message follows."});
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (t.empty()) continue;
    size_t colon = t.rfind(": ");
    if (colon != std::string_view::npos && bounce::IsAddress(Trim(t.substr(colon + 2)))) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t.substr(colon + 2));
      r.diagnostic = std::string(t);
      out->records.push_back(std::move(r));
      continue;
    }
    if (!out->records.empty()) out->records.back().diagnostic += " " + std::string(t);
  }
  return !out->records.empty();
}

}  // namespace mailwhy
