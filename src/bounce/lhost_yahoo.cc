// NAME
//   lhost_yahoo - Yahoo! Mail's "Failure Notice" (qmail-based, with its own wording)
// DESCRIPTION
//   Yahoo (yahoo.com, yahoo.co.jp) writes:
//
//     Sorry, we were unable to deliver your message to the following address.
//
//     <kijitora@example.org>:
//     Remote host said: 550 5.1.1 <kijitora@example.org>... User Unknown [RCPT_TO]
//
//     --- Below this line is a copy of the message.
//
//   The bracketed step at the end of the reply names the command ([RCPT_TO],
//   [MAIL_FROM], [DATA], [BODY]). Triggered by the first sentence or a From of
//   MAILER-DAEMON@*yahoo* with Subject "Failure Notice".
#include "bounce/address_blocks.h"
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;

bool ReadYahoo(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(
      mail.body, {"Sorry, we were unable to deliver your message to the following address"});
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start),
                                             {"--- Below this line is a copy of the message"});
  for (const auto& b : AddressBlocks(prose, AddressLead::kAngle, /*blank_ends=*/false)) {
    BounceRecord r;
    r.recipient = b.address;
    r.diagnostic = b.Text();
    if (ContainsNoCase(r.diagnostic, "[RCPT_TO]")) r.command = "RCPT TO";
    else if (ContainsNoCase(r.diagnostic, "[MAIL_FROM]")) r.command = "MAIL FROM";
    else if (ContainsNoCase(r.diagnostic, "[DATA]") || ContainsNoCase(r.diagnostic, "[BODY]")) r.command = "DATA";
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
