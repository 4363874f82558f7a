// NAME
//   lhost_x6 - an unidentified MTA's "There was an error sending your mail" (Sisimai's X6)
// DESCRIPTION
//     We had trouble delivering your message. Full details follow:
//     1 error(s):
//     SMTP Server <smtpd.example.org> rejected recipient <kijitora@example.org> (Error
//     following RCPT command). It responded as follows: [550 5.1.1 User unknown]
//
//     The following recipients returned permanent errors: kijitora@example.org.
//     Reason: SMTP Server <192.0.2.223> refused to accept your message (DATA), with the
//     following error message [554 5.4.6 Too many hops]
//
//   Each error paragraph names the recipient, the server, the command in parentheses and
//   the reply in brackets.
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindNoCase;
using bounce::Trim;

bool ReadX6(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"We had trouble delivering your message. Full details follow:"});
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start), {"The attachment contains the original mail headers"});
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    std::string_view who;
    size_t at = FindNoCase(t, "rejected recipient <");
    if (at != std::string_view::npos) who = t.substr(at + 19);
    at = FindNoCase(t, "returned permanent errors:");
    if (at != std::string_view::npos) who = t.substr(at + 26);
    if (who.empty()) continue;
    BounceRecord r;
    r.recipient = bounce::FindAddress(who);
    if (r.recipient.empty()) continue;
    size_t open = t.find('[');
    size_t close = t.rfind(']');
    r.diagnostic = open != std::string_view::npos && close != std::string_view::npos && close > open
                       ? std::string(t.substr(open + 1, close - open - 1)) + " (" + std::string(t) + ")"
                       : std::string(t);
    size_t paren = FindNoCase(t, "(Error following ");
    if (paren != std::string_view::npos) r.command = bounce::CanonicalCommand(t.substr(paren + 17));
    else if ((paren = t.find("message (")) != std::string_view::npos) r.command = bounce::CanonicalCommand(t.substr(paren + 9));
    size_t server = FindNoCase(t, "SMTP Server <");
    if (server != std::string_view::npos) {
      std::string_view s = t.substr(server + 13);
      r.remote_mta = std::string(s.substr(0, s.find('>')));
    }
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
