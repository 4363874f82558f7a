// NAME
//   lhost_dragonfly - the DragonFly Mail Agent (dma) "Mail delivery failed" report
// DESCRIPTION
//   dma (DragonFly BSD, Debian's dma package) writes (dma.c, bounce.c):
//
//     This is the DragonFly Mail Agent v0.13 at df.example.jp.
//
//     There was an error delivering your mail to <kijitora@example.com>.
//
//     mx.example.com [192.0.2.1] did not like our RCPT TO:
//     550 5.1.1 <kijitora@example.com>: Recipient address rejected: User unknown
//
//     Message headers follow.
//
//   One recipient per report. "did not like our X" names the command ("our final DATA"
//   is the end of the message data) and the remote host; the lines after it are the
//   reply. Other errors are dma's own words ("DNS lookup failure: host X not found",
//   "unable to connect ...").
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadDragonFly(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"This is the DragonFly Mail Agent"});
  if (start == std::string_view::npos) return false;
  std::string_view body = bounce::CutAtLine(std::string_view(mail.body).substr(start),
                                            {"Message headers follow", "Original message follows"});
  BounceRecord r;
  bool in_error = false;
  for (std::string_view line : bounce::Lines(body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "There was an error delivering your mail to")) {
      r.recipient = bounce::FindAddress(t);
      in_error = true;
      continue;
    }
    if (!in_error || t.empty()) continue;
    size_t dl = FindNoCase(t, " did not like our ");
    if (dl != std::string_view::npos) {
      std::string_view host = t.substr(0, dl);
      r.remote_mta = std::string(host.substr(0, host.find(' ')));
      std::string_view cmd = t.substr(dl + 18);
      if (StartsWithNoCase(cmd, "final DATA")) r.command = "end of DATA";
      else r.command = bounce::CanonicalCommand(cmd);
      continue;
    }
    if (!r.diagnostic.empty()) r.diagnostic += " ";
    r.diagnostic += std::string(t);
  }
  if (r.recipient.empty()) return false;
  out->records.push_back(std::move(r));
  return true;
}

}  // namespace mailwhy
