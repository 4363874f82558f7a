// NAME
//   lhost_x1 - an unidentified Japanese MTA's "Returned Mail" (Sisimai's X1)
// DESCRIPTION
//     From: "Mail Deliver System" <MAILER-DAEMON@...>
//     The original message was received at Thu, 29 Apr 2010 23:34:45 +0900 (JST)
//     ---The following addresses had delivery errors---
//
//     kijitora@example.co.jp [User unknown]
//
//   One line per recipient: the address, then the error in brackets. A Subject starting
//   "Warning" ("Warning--Could not send mail for past 8.5 hours") is a delay warning.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::Trim;

bool ReadX1(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"---The following addresses had delivery errors---"});
  if (start == std::string_view::npos) return false;
  bool first = true;
  for (std::string_view line : bounce::Lines(std::string_view(mail.body).substr(start))) {
    std::string_view t = Trim(line);
    if (first) {
      first = false;
      continue;
    }
    if (t.empty()) {
      if (!out->records.empty()) break;
      continue;
    }
    size_t sp = t.find(' ');
    std::string_view who = t.substr(0, sp);
    if (!bounce::IsAddress(who)) break;
    BounceRecord r;
    r.recipient = bounce::FindAddress(who);
    std::string_view why = sp == std::string_view::npos ? std::string_view() : Trim(t.substr(sp + 1));
    if (!why.empty() && why.front() == '[' && why.back() == ']') why = why.substr(1, why.size() - 2);
    r.diagnostic = std::string(why);
    // "Warning--Could not send mail for past 8.5 hours": a delay warning.
    if (bounce::StartsWithNoCase(bounce::Trim(mail.Header("Subject")), "Warning")) r.action = "delayed";
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
