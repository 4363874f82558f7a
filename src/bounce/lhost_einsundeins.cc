// NAME
//   lhost_einsundeins - 1&1 (IONOS, kundenserver.de) "Mail delivery failed"
// DESCRIPTION
//   1&1 borrows Exim's opening and then writes:
//
//     The following address failed:
//
//     kijitora@example.org
//
//     For the following reason:
//
//     Mail size limit exceeded. For explanation visit
//     http://postmaster.1and1.com/en/error-messages?ip=%1s
//
//   (older versions: "This message was created automatically by mail delivery
//   software." then the address with "SMTP error from remote server after RCPT
//   command:"). The address lines after "failed:" are the recipients, the paragraph
//   after "For the following reason:" the error.
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadEinsUndEins(const DecodedMail& mail, BounceReport* out) {
  if (!ContainsNoCase(mail.Header("From"), "kundenserver") && !ContainsNoCase(mail.Header("From"), "1und1") &&
      !ContainsNoCase(mail.Header("From"), "@1and1") && !ContainsNoCase(mail.Header("From"), "ionos")) {
    return false;
  }
  std::string_view prose = bounce::CutAtLine(mail.body, {"--- The header of the original message is following",
                                                         "------ This is a copy of the message"});
  std::vector<std::string> rcpts;
  std::string text;
  enum { kNone, kAddresses, kReason } section = kNone;
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (ContainsNoCase(t, "address failed:") || ContainsNoCase(t, "addresses failed:") ||
        bounce::EqualsNoCase(t, "failed:")) {
      section = kAddresses;
      continue;
    }
    if (StartsWithNoCase(t, "For the following reason:")) { section = kReason; continue; }
    if (t.empty()) continue;
    if (section == kAddresses) {
      std::string_view a = t;
      while (!a.empty() && a.back() == ':') a.remove_suffix(1);
      if (bounce::IsAddress(Trim(a))) rcpts.push_back(bounce::FindAddress(a));
      else text += (text.empty() ? "" : " ") + std::string(t);
    } else if (section == kReason) {
      text += (text.empty() ? "" : " ") + std::string(t);
    }
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.diagnostic = text;
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
