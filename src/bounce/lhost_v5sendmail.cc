// NAME
//   lhost_v5sendmail - Sendmail version 5 (and other pre-DSN Sendmails) "Returned mail"
// DESCRIPTION
//   Before RFC 1894 Sendmail reported only a transcript (Sisimai's lhost-v5sendmail
//   samples):
//
//        ----- Transcript of session follows -----
//     While talking to mail.example.co.jp:
//     >>> RCPT To:<mikeneko@example.co.jp>
//     <<< 550 Requested User Mailbox not found. No such user here.
//     550 <mikeneko@example.co.jp>... User unknown
//     554 <kijitora@example.ed.jp>... 550 Host unknown (Authoritative answer from name server)
//
//        ----- Unsent message follows -----
//
//   A line "NNN <address>... TEXT" is Sendmail's verdict for one recipient: TEXT is the
//   error ("550 Host unknown", "User unknown"), or "Remote protocol error", in which case
//   the remote server's last "<<<" reply in the same conversation is the error. The
//   ">>>" line before that reply is the command, "While talking to HOST:" the remote
//   host. A transcript that names no recipient belongs to the returned message's To:.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadV5Sendmail(const DecodedMail& mail, BounceReport* out) {
  if (!mail.delivery_status.empty()) return false;
  size_t at = bounce::FindLineStarting(mail.body, {"----- Transcript of session follows -----"});
  if (at == std::string_view::npos) return false;
  std::string_view rest;
  std::string_view transcript = bounce::CutAtLine(std::string_view(mail.body).substr(at), {"----- Unsent message follows -----",
                                                                          "----- Original message follows -----"}, &rest);
  std::string remote, command, reply, reply_command, all;
  bool first = true;
  for (std::string_view line : bounce::Lines(transcript)) {
    std::string_view t = Trim(line);
    if (first) {
      first = false;
      continue;
    }
    if (t.empty()) continue;
    if (StartsWithNoCase(t, "While talking to ") || StartsWithNoCase(t, "... while talking to ")) {
      std::string_view host = t.substr(t.find("talking to ") + 11);
      while (!host.empty() && (host.back() == ':' || host.back() == '.')) host.remove_suffix(1);
      remote = std::string(host);
      reply.clear();
      continue;
    }
    if (StartsWithNoCase(t, ">>> ")) {
      command = bounce::CanonicalCommand(t.substr(4));
      continue;
    }
    if (StartsWithNoCase(t, "<<< ")) {
      reply = std::string(t.substr(4));
      reply_command = command;
      continue;
    }
    if (!all.empty()) all += " ";
    all += std::string(t);
    // "554 <kijitora@example.edu>... Remote protocol error"
    size_t dots = t.find(">... ");
    if (t.size() < 5 || t[3] != ' ' || t[4] != '<' || dots == std::string_view::npos) continue;
    BounceRecord r;
    r.recipient = bounce::FindAddress(t.substr(4, dots - 3));
    if (r.recipient.empty()) continue;
    std::string_view own = Trim(t.substr(dots + 5));
    const bool protocol_error = StartsWithNoCase(own, "Remote protocol error");
    if (!reply.empty() && (protocol_error || bounce::FindReplyCode(own) == 0)) {
      r.diagnostic = protocol_error ? reply : reply + " " + std::string(own);
      r.command = reply_command;
      reply.clear();
    } else {
      r.diagnostic = std::string(own);
      r.command = command == "RCPT TO" ? command : std::string();
    }
    r.remote_mta = remote;
    r.action = "failed";  // "Returned mail": Sendmail gave up on it
    out->records.push_back(std::move(r));
  }
  if (out->records.empty() && !all.empty()) {
    BounceRecord r;
    r.recipient = bounce::FindAddress(HeaderValue(ParseHeaderBlock(rest), "To"));
    r.diagnostic = all;
    r.remote_mta = remote;
    r.action = "failed";
    if (!r.recipient.empty()) out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
