// NAME
//   lhost_mailfoundry - MailFoundry's "Message delivery has failed"
// DESCRIPTION
//     Unable to deliver message to: <kijitora@example.org>
//     Delivery failed for the following reason:
//     Server mx22.example.org[192.0.2.222] failed with: 550 <kijitora@example.org> No such user here
//
//     This has been a permanent failure.  No further delivery attempts will be made.
//
//   "Unable to deliver message to:" starts a recipient; the lines after "for the
//   following reason:" up to the empty line are the error.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadMailFoundry(const DecodedMail& mail, BounceReport* out) {
  if (bounce::FindLineStarting(mail.body, {"Delivery failed for the following reason:"}) == std::string_view::npos) {
    return false;
  }
  bool reason = false;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Unable to deliver message to:")) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t);
      if (!r.recipient.empty()) out->records.push_back(std::move(r));
      reason = false;
      continue;
    }
    if (StartsWithNoCase(t, "Delivery failed for the following reason:")) {
      reason = true;
      continue;
    }
    if (!reason || out->records.empty()) continue;
    if (t.empty()) {
      reason = false;
      continue;
    }
    auto& d = out->records.back().diagnostic;
    d += (d.empty() ? "" : " ") + std::string(t);
  }
  return !out->records.empty();
}

}  // namespace mailwhy
