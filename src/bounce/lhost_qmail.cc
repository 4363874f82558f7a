// NAME
//   lhost_qmail - qmail-send's "failure notice" (and netqmail, notqmail, s/qmail)
// DESCRIPTION
//   qmail-send writes (qmail-send.c, qsutil.c):
//
//     Subject: failure notice
//     Hi. This is the qmail-send program at mx4.example.jp.
//     I'm afraid I wasn't able to deliver your message to the following addresses.
//     This is a permanent error; I've given up. Sorry it didn't work out.
//
//     <kijitora@example.ne.jp>:
//     Sorry, no mailbox here by that name. (#5.1.1)
//
//     --- Below this line is a copy of the message.
//
//   Each "<address>:" line starts a recipient; the lines under it are the error, which
//   qmail-remote words by the step that failed (qmail-remote.c): "Connected to HOST but
//   greeting failed." (connection), "... but my name was rejected." (HELO), "... but
//   sender was rejected." (MAIL FROM), "HOST does not like recipient." (RCPT TO), "HOST
//   failed on DATA command." and "... failed after I sent the message." (DATA), or
//   "Sorry, no SMTP connection got far enough; most progress was RCPT TO response". The
//   command is read from those phrases; the remote host from "Remote host said:",
//   "Connected to HOST" and "Giving up on HOST".
//
//   The trigger is the Subject, a "(qmail NNN invoked for bounce)" Received header, or
//   the greeting line.
#include "bounce/address_blocks.h"
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindNoCase;

namespace {

const std::initializer_list<std::string_view> kGreetings = {
    "Hi. This is the qmail", "This is the qmail-send program",
    "Hi. This is the qmail-send program",
    // A qmail derivative (Sisimai's X4): "Your mail message to the following address(es)
    // could not be delivered. This is a permanent error."
    "Your mail message to the following address(es) could not be delivered",
};
const std::initializer_list<std::string_view> kCopyMarkers = {
    "--- Below this line is a copy of the message.", "--- Below this line is the original bounce.",
    "--- Enclosed is a copy of the message.",
};

// qmail-remote.c's phrases and the command each one means.
struct StepPhrase {
  std::string_view phrase;
  std::string_view command;
};
constexpr StepPhrase kSteps[] = {
    {"but greeting failed", "CONN"},      {"but my name was rejected", "EHLO"},
    {"but sender was rejected", "MAIL FROM"}, {"does not like recipient", "RCPT TO"},
    {"failed on DATA command", "DATA"},   {"failed after I sent the message", "DATA"},
    {"most progress was RCPT TO", "RCPT TO"}, {"most progress was MAIL FROM", "MAIL FROM"},
    {"most progress was DATA", "DATA"},   {"most progress was HELO", "HELO"},
    {"most progress was EHLO", "EHLO"},
};

std::string RemoteHost(std::string_view text) {
  for (std::string_view lead : {"remote host ", "Connected to ", "Giving up on "}) {
    size_t at = FindNoCase(text, lead);
    if (at == std::string_view::npos) continue;
    std::string_view host = text.substr(at + lead.size());
    host = host.substr(0, host.find_first_of(" :"));
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    if (!host.empty()) return std::string(host);
  }
  return std::string();
}

}  // namespace

bool ReadQmail(const DecodedMail& mail, BounceReport* out) {
  bool match = bounce::EqualsNoCase(bounce::Trim(mail.Header("Subject")), "failure notice");
  for (const auto& h : mail.headers) {
    if (bounce::EqualsNoCase(h.name, "Received") && ContainsNoCase(h.value, "(qmail ") &&
        ContainsNoCase(h.value, "invoked for bounce")) {
      match = true;
    }
  }
  size_t start = bounce::FindLineStarting(mail.body, kGreetings);
  if (!match && start == std::string_view::npos) return false;
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start), kCopyMarkers);
  for (const auto& b : AddressBlocks(prose, AddressLead::kAngle, /*blank_ends=*/false)) {
    BounceRecord r;
    r.recipient = b.address;
    r.diagnostic = b.Text();
    for (const auto& s : kSteps) {
      if (ContainsNoCase(r.diagnostic, s.phrase)) {
        r.command = std::string(s.command);
        break;
      }
    }
    r.remote_mta = RemoteHost(r.diagnostic);
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
