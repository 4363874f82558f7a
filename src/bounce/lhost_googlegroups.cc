// NAME
//   lhost_googlegroups - Google Groups refusing a post ("may not have permission to post")
// DESCRIPTION
//   When a message to a group is refused, Google sends (in the sender's language):
//
//     Hello kijitora@example.jp,
//     We're writing to let you know that the group you tried to contact (libsisimai) may
//     not exist, or you may not have permission to post messages to the group. ...
//
//   ("連絡しようとしたグループ（libsisimai）が存在しないか、グループにメッセージを投稿する
//   権限がない可能性があります。" in Japanese). There is no SMTP reply: the first paragraph
//   is the error, with the line carrying Google's help link ("https://groups.google.com/
//   support/"), which is the same in every language. The recipient is the group, read from the returned message's headers
//   (X-Original-To, Delivered-To or To, whichever names the group's address); Google
//   Groups marks these mails with "X-Failed-Recipients" too.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsAnyNoCase;
using bounce::Trim;

bool ReadGoogleGroups(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::ContainsNoCase(mail.Header("From"), "mailer-daemon@googlemail.com")) return false;
  std::string_view body = bounce::CutAtLine(mail.body, {"----- Original message -----"});
  if (!ContainsAnyNoCase(body, {"Google Groups", "Google グループ"})) return false;
  // The first paragraph after the greeting is the error.
  std::string text;
  bool greeted = false;
  for (std::string_view line : bounce::Lines(body)) {
    std::string_view t = Trim(line);
    if (!greeted) {
      if (!t.empty()) greeted = true;
      continue;
    }
    if (t.empty()) {
      if (!text.empty()) break;
      continue;
    }
    text += std::string(t) + " ";
  }
  // Google's help link, the one part of the notice that is the same in every language.
  for (std::string_view line : bounce::Lines(body)) {
    if (bounce::ContainsNoCase(line, "groups.google.com")) {
      text += std::string(Trim(line));
      break;
    }
  }
  std::vector<std::string> rcpts;
  for (std::string_view field : {"X-Failed-Recipients"}) {
    for (auto& a : bounce::FindAddresses(mail.Header(field))) rcpts.push_back(a);
  }
  if (rcpts.empty()) {
    MailHeaders original = ParseHeaderBlock(ReturnedMessage(mail, {"----- Original message -----"}));
    for (std::string_view field : {"X-Original-To", "Delivered-To", "To"}) {
      std::string a = bounce::FindAddress(HeaderValue(original, field));
      if (!a.empty()) {
        rcpts.push_back(a);
        break;
      }
    }
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.action = "failed";
    r.diagnostic = std::string(Trim(text));
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
