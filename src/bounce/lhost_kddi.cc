// NAME
//   lhost_kddi - KDDI au one net (dion.ne.jp, au.com) "メールエラー通知"
// DESCRIPTION
//   After Japanese prose ("送信先のメールボックスが一杯のため、送信できませんでした。"),
//   the server's message in English:
//
//     Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
//          Could not be delivered to: <kijitora@example.dion.ne.jp>
//          As their mailbox is full.
//
//   "Could not be delivered to:" names the recipient; the lines after it are the error.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadKddi(const DecodedMail& mail, BounceReport* out) {
  std::string_view from = mail.Header("From");
  if (!ContainsNoCase(from, "dion.ne.jp") && !ContainsNoCase(from, "auone-net.jp") && !ContainsNoCase(from, "@au.com")) {
    return false;
  }
  bool taking = false;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Could not be delivered to:")) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t);
      if (r.recipient.empty()) continue;
      out->records.push_back(std::move(r));
      taking = true;
      continue;
    }
    if (!taking) continue;
    if (t.empty()) {
      taking = false;
      continue;
    }
    auto& d = out->records.back().diagnostic;
    d += (d.empty() ? "" : " ") + std::string(t);
  }
  return !out->records.empty();
}

}  // namespace mailwhy
