// NAME
//   lhost_zoho - Zoho Mail's "Undelivered Mail Returned to Sender"
// DESCRIPTION
//   Zoho writes one line per recipient:
//
//     kijitora@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <kijitora@example.co.jp>... User Unknown
//     kijitora@7jo.example.jp Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable.
//
//   The first "ERROR_CODE :" is the reply code, the rest the reply. Its delay warning
//   ("Mail Delivery Status Notification (Delay)") writes "[Status: Error, Address:
//   <kijitora@example.jp>, ResponseCode 421, , Host not reachable.]" under "THIS IS A
//   WARNING MESSAGE ONLY". Triggered by From mailer-daemon@*zoho.com.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindNoCase;
using bounce::Trim;

bool ReadZoho(const DecodedMail& mail, BounceReport* out) {
  if (!ContainsNoCase(mail.Header("From"), "zoho.com") && mail.Header("X-ZohoMail").empty()) return false;
  const bool delayed = ContainsNoCase(mail.Header("Subject"), "(Delay)");
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    // The delay warning: "[Status: Error, Address: <a@b>, ResponseCode 421, , Host not reachable.]"
    if (bounce::StartsWithNoCase(t, "[Status:") && bounce::ContainsNoCase(t, "Address:")) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t);
      std::string_view rest = t.substr(FindNoCase(t, "Address:"));
      size_t comma = rest.find(", ");
      r.diagnostic = std::string(comma == std::string_view::npos ? rest : Trim(rest.substr(comma + 2)));
      while (!r.diagnostic.empty() && r.diagnostic.back() == ']') r.diagnostic.pop_back();
      if (r.diagnostic.rfind("ResponseCode ", 0) == 0) r.diagnostic.erase(0, 13);
      if (delayed) r.action = "delayed";
      if (!r.recipient.empty()) out->records.push_back(std::move(r));
      continue;
    }
    size_t sp = t.find(' ');
    if (sp == std::string_view::npos || !bounce::IsAddress(t.substr(0, sp))) continue;
    size_t code = FindNoCase(t, "ERROR_CODE :");
    if (code == std::string_view::npos && !delayed) continue;
    BounceRecord r;
    r.recipient = bounce::FindAddress(t.substr(0, sp));
    std::string text(Trim(t.substr(sp + 1)));
    // "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <a@b>... User Unknown"
    std::string cleaned;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t at = FindNoCase(text, "ERROR_CODE :", pos);
      if (at == std::string::npos) {
        cleaned += text.substr(pos);
        break;
      }
      cleaned += text.substr(pos, at - pos);
      pos = at + 12;
    }
    r.diagnostic = cleaned;
    if (delayed) r.action = "delayed";
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
