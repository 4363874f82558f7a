// NAME
//   lhost_gmx - GMX and mail.com's "Mail delivery failed: returning message to sender"
// DESCRIPTION
//   GMX borrows Exim's opening but lists recipients its own way:
//
//     "shironeko@example.jp":
//     SMTP error from remote server after RCPT command:
//     host: mx.example.jp
//     5.2.2 <shironeko@example.jp>... Mailbox Full
//
//     <kijitora@6jo.example.co.jp>
//     Reason:
//     delivery retry timeout exceeded
//
//     --- The header of the original message is following. ---
//
//   A quoted or bracketed address alone on a line starts a recipient; "host:" is the
//   remote host; "after X command" the command; the other lines the error.
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadGmx(const DecodedMail& mail, BounceReport* out) {
  if (!ContainsNoCase(mail.Header("From"), "@mail.gmx.com") && !ContainsNoCase(mail.Header("From"), "@gmx.")) return false;
  size_t start = bounce::FindLineStarting(mail.body, {"This message was created automatically by mail delivery software"});
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start), {"--- The header of the original message is following"});
  bool listing = false;
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (!listing) {
      if (bounce::EqualsNoCase(t, "failed:") || ContainsNoCase(t, "address failed:") ||
          ContainsNoCase(t, "addresses failed:")) {
        listing = true;
      }
      continue;
    }
    if (t.empty()) continue;
    std::string_view s = t;
    while (!s.empty() && s.back() == ':') s.remove_suffix(1);
    if (s.size() > 2 && (s.front() == '"' || s.front() == '<') && (s.back() == '"' || s.back() == '>') &&
        bounce::IsAddress(s.substr(1, s.size() - 2))) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(s);
      out->records.push_back(std::move(r));
      continue;
    }
    if (out->records.empty()) continue;
    BounceRecord& r = out->records.back();
    if (StartsWithNoCase(t, "host:")) {
      r.remote_mta = std::string(Trim(t.substr(5)));
      continue;
    }
    if (bounce::EqualsNoCase(t, "Reason:")) continue;
    if (StartsWithNoCase(t, "SMTP error from remote server after ")) {
      r.command = bounce::CanonicalCommand(t.substr(36));
    }
    r.diagnostic += (r.diagnostic.empty() ? "" : " ") + std::string(t);
  }
  return !out->records.empty();
}

}  // namespace mailwhy
