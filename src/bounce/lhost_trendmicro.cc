// NAME
//   lhost_trendmicro - Trend Micro InterScan (MSS, VirusWall) delivery failure notices
// DESCRIPTION
//   InterScan writes either a transcript:
//
//     Sent <<< RCPT TO:<kijitora@example.co.jp>
//     Received >>> 550 5.1.1 <kijitora@example.co.jp>... user unknown
//
//   or a short notice:
//
//     Message from InterScan Messaging Security Suite
//     Unable to deliver message to <kijitora@neko.example.jp> (and other recipients in
//     the same domain).
//
//   "Sent <<<" names the command (and, for RCPT TO, the recipient), "Received >>>" the
//   reply; otherwise the addresses of the "Unable to deliver message to" lines are the
//   recipients and the line is the error. A Sendmail report quoted after the notice
//   ("----- The following addresses had permanent fatal errors -----") adds the remote
//   server's reply.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadTrendMicro(const DecodedMail& mail, BounceReport* out) {
  if (!ContainsNoCase(mail.Header("From"), "InterScan") && !ContainsNoCase(mail.body, "InterScan")) return false;
  std::string command, sent_rcpt;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Sent <<< ")) {
      command = bounce::CanonicalCommand(t.substr(9));
      if (command == "RCPT TO") sent_rcpt = bounce::FindAddress(t);
      continue;
    }
    if (StartsWithNoCase(t, "Received >>> ")) {
      std::string_view reply = t.substr(13);
      if (reply.empty() || (reply[0] != '4' && reply[0] != '5')) continue;
      BounceRecord r;
      r.recipient = !sent_rcpt.empty() ? sent_rcpt : bounce::FindAddress(reply);
      r.diagnostic = std::string(reply);
      r.command = command;
      if (!r.recipient.empty()) out->records.push_back(std::move(r));
      continue;
    }
    size_t at = bounce::FindNoCase(t, "Unable to deliver message to ");
    if (at != std::string_view::npos) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t.substr(at));
      r.diagnostic = std::string(t);
      if (!r.recipient.empty() && !FindRecord(&out->records, r.recipient)) out->records.push_back(std::move(r));
    }
  }
  // A quoted Sendmail transcript: "<<< 550 5.1.1 <a@b>... Invalid recipient".
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (!StartsWithNoCase(t, "<<< ")) continue;
    std::string_view reply = t.substr(4);
    if (reply.empty() || (reply[0] != '4' && reply[0] != '5')) continue;
    std::string a = bounce::FindAddress(reply);
    BounceRecord* r = a.empty() ? (out->records.size() == 1 ? &out->records[0] : nullptr) : FindRecord(&out->records, a);
    if (r != nullptr) r->diagnostic = std::string(reply) + " " + r->diagnostic;
  }
  return !out->records.empty();
}

}  // namespace mailwhy
