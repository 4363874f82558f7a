// NAME
//   lhost_fml - fml (a Japanese mailing-list manager) refusing a post
// DESCRIPTION
//   fml answers a post it will not distribute with its own mail, for example
//
//     Subject: You sironeko@neko.example.org are not member (neko-nyaan ML)
//     You are not a member of this mailing list <neko-nyaan@example.org>.
//
//   or its loop alert ("Subject: Loop Alert: Duplicated Message-ID (neko ML)",
//   "Duplicated Message-ID in <...>."), from the list's -admin address. The
//   recipient is the list (the address in the first line of the body, or the
//   X-ML-Name / List-Post address); the first paragraph is the error.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::Trim;

bool ReadFml(const DecodedMail& mail, BounceReport* out) {
  std::string_view subject = mail.Header("Subject");
  const bool fml = !mail.Header("X-MLServer").empty() || !mail.Header("X-ML-Name").empty() ||
                   (bounce::Trim(subject).size() > 4 && ContainsNoCase(subject, " ML)") &&
                    ContainsNoCase(mail.Header("From"), "-admin@"));
  if (!fml) return false;
  std::string text;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (t.empty()) {
      if (!text.empty()) break;
      continue;
    }
    text += (text.empty() ? "" : " ") + std::string(t);
  }
  std::string list = bounce::FindAddress(text);
  if (list.empty()) list = bounce::FindAddress(mail.Header("List-Post"));
  if (list.empty()) list = bounce::FindAddress(mail.Header("X-ML-Address"));
  if (list.empty()) return false;
  if (!ContainsNoCase(text, "member") && !ContainsNoCase(text, "not allowed") &&
      !ContainsNoCase(text, "error") && !ContainsNoCase(text, "reject") &&
      !ContainsNoCase(text, "duplicated message-id") && !ContainsNoCase(text, "loop")) {
    return false;
  }
  BounceRecord r;
  r.recipient = list;
  r.diagnostic = text;
  out->records.push_back(std::move(r));
  return true;
}

}  // namespace mailwhy
