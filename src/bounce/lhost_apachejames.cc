// NAME
//   lhost_apachejames - Apache James's error notice ("Error message below:")
// DESCRIPTION
//     Error: Invalid user address
//
//     Error message below:
//     550 - Requested action not taken: no such user here
//
//     Message details:
//       Subject: Test message
//       MAIL FROM: kijitora@example.com
//       RCPT TO: 000000000000@vtext.example.com
//
//   The lines after "Error message below:" (with the "Error:" line) are the error; the
//   "RCPT TO:" lines of the details the recipients.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadApacheJames(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"Error message below:"});
  if (start == std::string_view::npos || bounce::FindLineStarting(mail.body, {"Message details:"}) == std::string_view::npos) {
    return false;
  }
  std::string text;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Error:")) text = std::string(Trim(t.substr(6)));
  }
  bool in_error = false, in_details = false;
  std::vector<std::string> rcpts;
  for (std::string_view line : bounce::Lines(std::string_view(mail.body).substr(start))) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Error message below:")) { in_error = true; continue; }
    if (StartsWithNoCase(t, "Message details:")) { in_error = false; in_details = true; continue; }
    if (in_error && !t.empty()) text += (text.empty() ? "" : " ") + std::string(t);
    if (in_details && StartsWithNoCase(t, "RCPT TO:")) {
      std::string a = bounce::FindAddress(t);
      if (!a.empty()) rcpts.push_back(a);
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
