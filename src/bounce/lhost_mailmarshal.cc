// NAME
//   lhost_mailmarshal - MailMarshal (Trustwave) "Undeliverable Mail"
// DESCRIPTION
//     Your message:
//        From:    sironeko@example.com
//        Subject: Nyaan
//
//     Could not be delivered because of
//
//     550 5.1.1 User unknown
//
//     The following recipients were affected:
//         kijitora@nyaan.example.com
//
//     Additional Information
//     ======================
//     Remote-MTA:         <203.0.113.2>
//
//   The paragraph after "Could not be delivered because of" is the error for every
//   address listed under "The following recipients were affected:".
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadMailMarshal(const DecodedMail& mail, BounceReport* out) {
  if (bounce::FindLineStarting(mail.body, {"Could not be delivered because of"}) == std::string_view::npos ||
      bounce::FindLineStarting(mail.body, {"The following recipients were affected:"}) == std::string_view::npos) {
    return false;
  }
  enum { kNone, kBecause, kRecipients, kInfo } section = kNone;
  std::string text, remote;
  std::vector<std::string> rcpts;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Could not be delivered because of")) { section = kBecause; continue; }
    if (StartsWithNoCase(t, "The following recipients were affected:")) { section = kRecipients; continue; }
    if (StartsWithNoCase(t, "Additional Information")) { section = kInfo; continue; }
    if (t.empty()) continue;
    if (section == kBecause) text += (text.empty() ? "" : " ") + std::string(t);
    else if (section == kRecipients && bounce::IsAddress(t)) rcpts.push_back(bounce::FindAddress(t));
    else if (section == kInfo && StartsWithNoCase(t, "Remote-MTA:")) {
      std::string_view v = Trim(t.substr(11));
      if (v.size() > 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
      remote = std::string(v);
    }
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.diagnostic = text;
    r.remote_mta = remote;
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
