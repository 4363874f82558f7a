// NAME
//   lhost_exchange2003 - Microsoft Exchange Server 2000/2003 "Undeliverable:" reports
// DESCRIPTION
//   Exchange 2003 lists the failed recipients in prose:
//
//     Your message
//       To:      shironeko@example.com
//       Subject: Kijitora Cat
//     did not reach the following recipient(s):
//
//     kijitora@example.jp on Thu, 29 Apr 2010 00:00:00 -0000
//         The recipient name is not recognized
//         MSEXCH:IMS:NNN:KIJITORACAT:NEKO 0 (000C05A6) Unknown Recipient
//
//   ("The following recipient(s) could not be reached:" in Exchange 2000). A line
//   "ADDRESS on DATE" starts a recipient; the indented lines are the error, including
//   the MSEXCH diagnostic code in parentheses ("(000C05A6)" unknown recipient,
//   "(000D06B5)" expired, ...), which the knowledge base reads.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadExchange2003(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"did not reach the following recipient(s):",
                                                      "The following recipient(s) could not be reached:"});
  if (start == std::string_view::npos) return false;
  bool seen_any = false;
  for (std::string_view line : bounce::Lines(std::string_view(mail.body).substr(start))) {
    std::string_view t = Trim(line);
    if (!seen_any && (StartsWithNoCase(t, "did not reach") || StartsWithNoCase(t, "The following recipient"))) {
      seen_any = true;
      continue;
    }
    if (t.empty()) continue;
    size_t on = FindNoCase(t, " on ");
    std::string a = on == std::string_view::npos ? std::string() : bounce::FindAddress(t.substr(0, on));
    if (!a.empty() && bounce::IsAddress(Trim(t.substr(0, on)))) {
      BounceRecord r;
      r.recipient = a;
      out->records.push_back(std::move(r));
      continue;
    }
    if (out->records.empty()) continue;
    if (StartsWithNoCase(t, "Content-Type:") || StartsWithNoCase(t, "------")) break;
    if (t[0] == ';') continue;  // ";l=EXCHANGE000000000000000000"
    auto& d = out->records.back().diagnostic;
    if (!d.empty()) d += " ";
    d += std::string(t);
  }
  return !out->records.empty();
}

}  // namespace mailwhy
