// NAME
//   lhost_mfilter - Digital Arts m-FILTER's "failure notice"
// DESCRIPTION
//   m-FILTER (a Japanese mail gateway) writes Japanese prose ("このメールは「m-FILTER」が
//   自動的に生成して送信しています。"), the failed addresses one per line, then labelled
//   sections:
//
//     -------server message
//     550 5.1.1 <kijitora@example.co.jp>: Recipient address rejected: User unknown
//
//     -------SMTP command
//     DATA
//
//     -------original message
//
//   The "server message" is the error, the "SMTP command" the command it answered.
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadMfilter(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::ContainsNoCase(mail.body, "m-FILTER") &&
      bounce::FindLineStarting(mail.body, {"-------server message"}) == std::string_view::npos) {
    return false;
  }
  std::string_view prose = bounce::CutAtLine(mail.body, {"-------original message", "-------original mail info"});
  std::vector<std::string> rcpts;
  std::string message, command;
  enum { kPreamble, kServer, kCommand } section = kPreamble;
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "-------server message")) { section = kServer; continue; }
    if (StartsWithNoCase(t, "-------SMTP command")) { section = kCommand; continue; }
    if (t.empty()) continue;
    switch (section) {
      case kPreamble:
        if (bounce::IsAddress(t)) rcpts.push_back(bounce::FindAddress(t));
        break;
      case kServer:
        if (!message.empty()) message += " ";
        message += std::string(t);
        break;
      case kCommand:
        if (command.empty()) command = bounce::CanonicalCommand(t);
        break;
    }
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.diagnostic = message;
    r.command = command;
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
