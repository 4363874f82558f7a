// NAME
//   lhost_verizon - Verizon Wireless MMS gateway (vzwpix.com) "Undeliverable Message"
// DESCRIPTION
//     From: MMSC NDR Administrator <sysadmin@m01.vzwpix.com>
//     Message could not be delivered to mobile.
//     Error: No valid recipients for this MM
//
//     Original Message:
//     To: 0000000000@vzwpix.com
//
//   The "Error:" line is the error; the recipient is the "To:" of the quoted original.
//   (Verizon's vtext.com gateway writes Apache James's notice; see lhost_apachejames.cc.)
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadVerizon(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::ContainsNoCase(mail.Header("From"), "vzwpix.com")) return false;
  std::string text, rcpt;
  bool original = false;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Original Message:")) { original = true; continue; }
    if (!original && !t.empty()) text += (text.empty() ? "" : " ") + std::string(t);
    if (original && StartsWithNoCase(t, "To:") && rcpt.empty()) rcpt = bounce::FindAddress(t);
  }
  if (rcpt.empty()) return false;
  BounceRecord r;
  r.recipient = rcpt;
  r.diagnostic = text;
  out->records.push_back(std::move(r));
  return true;
}

}  // namespace mailwhy
