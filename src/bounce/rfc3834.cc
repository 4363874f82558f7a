// NAME
//   rfc3834 - automatic replies ("out of office", vacation, "this inbox is not read")
// DESCRIPTION
//   An auto-reply is not a bounce: the message was delivered and the recipient's
//   mailbox answered by itself. RFC 3834 asks such replies to carry
//   "Auto-Submitted: auto-replied"; many use their own marks instead. A mail is read as
//   an automatic reply when it has no delivery report and one of these holds:
//     - Auto-Submitted: auto-replied (or auto-notified), X-Autoreply, X-Autorespond,
//       X-Auto-Response-Suppress, Precedence: auto_reply;
//     - its Subject starts with a word such as "Auto:", "Automatic reply:",
//       "Auto reply:", "Autoreply:", "Out of Office", "AutoResponse", "自動応答",
//       "自動返信", "Abwesenheitsnotiz".
//   The recipient is the one who replied (From:). The record's text is the mark that
//   was found, then the Subject and the start of the reply's body, so the knowledge base
//   can tell a holiday notice from "this address is no longer in use".
// BUGS
//   Runs last: a bounce that also carries Auto-Submitted is read by its own format.
#include "bounce/formats.h"
#include "bounce/text_tools.h"
#include "util/ascii.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;

namespace {

const std::initializer_list<std::string_view> kSubjectMarks = {
    "auto:", "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response",
    "auto-response", "autoresponse", "autorespons", "out of office", "out of the office",
    "vacation", "away from", "away until", "自動応答", "自動返信", "不在", "abwesenheit",
    "réponse automatique", "respuesta automática", "risposta automatica",
};

// The header that marks the reply, as "Name: value", or "".
std::string Mark(const DecodedMail& mail) {
  std::string_view a = mail.Header("Auto-Submitted");
  if (ContainsNoCase(a, "auto-replied") || ContainsNoCase(a, "auto-notified")) {
    return "Auto-Submitted: " + std::string(a);
  }
  for (std::string_view name : {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"}) {
    std::string_view v = mail.Header(name);
    if (!v.empty()) return "Auto-Submitted: auto-replied (" + std::string(name) + ": " + std::string(v) + ")";
  }
  if (ContainsNoCase(mail.Header("Precedence"), "auto_reply")) {
    return "Auto-Submitted: auto-replied (Precedence: auto_reply)";
  }
  std::string_view subject = bounce::Trim(mail.Header("Subject"));
  for (std::string_view m : kSubjectMarks) {
    if (StartsWithNoCase(subject, m)) return "Auto-Submitted: auto-replied (Subject: " + std::string(subject) + ")";
  }
  return std::string();
}

}  // namespace

bool ReadRfc3834(const DecodedMail& mail, BounceReport* out) {
  if (!mail.delivery_status.empty() || !mail.feedback_reports.empty()) return false;
  std::string mark = Mark(mail);
  if (mark.empty()) return false;
  std::string recipient = bounce::FindAddress(mail.Header("From"));
  if (recipient.empty()) return false;
  // A mail system's notice is not a person's automatic reply.
  std::string local = AsciiLowered(recipient.substr(0, recipient.find('@')));
  if (local == "postmaster" || local == "mailer-daemon" || local == "mailer_daemon") return false;
  BounceRecord r;
  r.kind = NoticeKind::kAutoReply;
  r.recipient = recipient;
  std::string text = mark + "; Subject: " + std::string(mail.Header("Subject")) + "; ";
  text += bounce::Squeeze(std::string_view(mail.body).substr(0, 600));
  r.diagnostic = text;
  out->records.push_back(std::move(r));
  return true;
}

}  // namespace mailwhy
