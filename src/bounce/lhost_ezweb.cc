// NAME
//   lhost_ezweb - au by KDDI's EZweb (ezweb.ne.jp) "Mail System Error - Returned Mail"
// DESCRIPTION
//   EZweb's notices open with Japanese prose and then say in English what happened:
//
//     The user(s) account is disabled.
//     Each of the following recipients was rejected by a remote mail server.
//         Recipient: <kijitora@ezweb.ne.jp>
//         >>> RCPT TO:<kijitora@ezweb.ne.jp>
//         <<< 550 <kijitora@ezweb.ne.jp>: User unknown
//     Your message was not delivered within 0 days and 1 hours.
//     Remote host is not responding.
//
//   Recipients are the "<address>" lines (alone or after "Recipient:"); the English
//   sentences, the ">>>" command and the "<<<" reply are the error. When a delivery
//   status part exists its fields are used and the prose adds to them.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadEzweb(const DecodedMail& mail, BounceReport* out) {
  if (!ContainsNoCase(mail.Header("From"), "@ezweb.ne.jp") &&
      !ContainsNoCase(mail.Header("Received"), "(EZweb Mail)")) {
    return false;
  }
  std::string_view prose = bounce::CutAtLine(mail.body, {"Content-Type: message/delivery-status",
                                                         "Content-Type: message/rfc822", "Received:"});
  std::vector<std::string> rcpts;
  std::string text, command;
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (t.empty()) continue;
    std::string_view a = t;
    if (StartsWithNoCase(a, "Recipient:")) a = Trim(a.substr(10));
    if (a.size() > 2 && a.front() == '<' && a.back() == '>' && bounce::IsAddress(a.substr(1, a.size() - 2))) {
      rcpts.push_back(bounce::FindAddress(a));
      continue;
    }
    if (StartsWithNoCase(t, ">>> ")) {
      command = bounce::CanonicalCommand(t.substr(4));
      continue;
    }
    if (StartsWithNoCase(t, "<<< ")) t = t.substr(4);
    // The English sentences and the reply; the Japanese prose says the same in general terms.
    if (static_cast<unsigned char>(t[0]) >= 0x80) continue;
    if (!text.empty()) text += " ";
    text += std::string(t);
  }
  std::vector<BounceRecord> records = RecordsFromDeliveryStatus(mail);
  if (records.empty()) {
    for (auto& a : rcpts) {
      BounceRecord r;
      r.recipient = a;
      records.push_back(std::move(r));
    }
  }
  for (auto& r : records) {
    if (Trim(r.diagnostic).empty()) r.diagnostic = text;
    else if (!text.empty() && !ContainsNoCase(r.diagnostic, text)) r.diagnostic = text + " " + r.diagnostic;
    if (r.command.empty()) r.command = command;
  }
  out->records = std::move(records);
  return !out->records.empty();
}

}  // namespace mailwhy
