// NAME
//   lhost_sendmail - Sendmail's "Returned mail: see transcript for details"
// DESCRIPTION
//   Sendmail 8 writes (savemail.c, deliver.c):
//
//     Subject: Returned mail: see transcript for details
//        ----- The following addresses had permanent fatal errors -----
//     <kijitora@example.jp>
//         (reason: 550 5.1.1 <kijitora@example.jp>... User Unknown)
//
//        ----- Transcript of session follows -----
//     ... while talking to mx.example.jp.:
//     >>> RCPT To:<kijitora@example.jp>
//     <<< 550 5.1.1 <kijitora@example.jp>... User Unknown
//
//   and usually a message/delivery-status part. Records come from the delivery status,
//   or, without one, from the addresses listed under "had permanent fatal errors" (or
//   "had transient non-fatal errors"), each with its "(reason: ...)" line. The transcript
//   adds the command that was refused (">>> RCPT To:", ">>> DATA", ">>> MAIL From:") and
//   the remote host ("... while talking to HOST.:"), and supplies the reply when the
//   delivery status has no Diagnostic-Code text, or only a local mailer's exit status
//   ("Diagnostic-Code: X-Unix; 77" beside "maildrop: maildir over quota.").
//
//   The "(reason: ...)" line is sometimes all that is left of a long reply, cut off by a
//   mail client or a forwarder (seeds/002: "(reason: 550-5.7.1 Our system has detected
//   that this message is)"); the classifier sees the cut for itself (a reply that ends
//   mid-sentence), so the reader keeps the line as written.
// BUGS
//   When several recipients fail in one transcript without their addresses in the
//   replies, each gets the last refused command.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

namespace {

const std::initializer_list<std::string_view> kListMarkers = {
    "----- The following addresses had permanent fatal errors -----",
    "----- The following addresses had transient non-fatal errors -----",
    "----- The following addresses have delivery notifications -----",
    "----- The following addresses had permanent delivery errors -----",
    "----- The following addresses had delivery problems -----",
};
constexpr std::string_view kTranscript = "----- Transcript of session follows -----";
const std::initializer_list<std::string_view> kReportFieldStarts = {
    "Reporting-MTA:", "Received-From-MTA:", "Final-Recipient:", "Original-Recipient:"};

struct Transcript {
  std::string remote;
  std::string command;      // the command the first error answered
  std::string reply;        // that error's lines
  std::string recipient;    // the address the refused command or reply names
  std::string own;          // Sendmail's own lines ("<a@b>... Deferred: Name server: ...")
};

Transcript ReadTranscript(std::string_view text) {
  Transcript t;
  size_t at = bounce::FindNoCase(text, kTranscript);
  if (at == std::string_view::npos) return t;
  std::string last_command, last_rcpt;
  bool taking = false;
  for (std::string_view line : bounce::Lines(text.substr(at))) {
    std::string_view s = Trim(line);
    if (StartsWithNoCase(s, "----- ") && !StartsWithNoCase(s, kTranscript)) break;
    if (StartsWithNoCase(s, "Content-Type:")) break;  // the next MIME part
    // A report without MIME goes on with its delivery-status fields (rfc3464-04).
    if (bounce::StartsWithAnyNoCase(s, kReportFieldStarts)) break;
    if (StartsWithNoCase(s, "... while talking to ") || StartsWithNoCase(s, "While talking to ")) {
      std::string_view host = s.substr(s.find("talking to ") + 11);
      while (!host.empty() && (host.back() == ':' || host.back() == '.')) host.remove_suffix(1);
      if (t.remote.empty()) t.remote = std::string(host);
      taking = false;
      continue;
    }
    if (StartsWithNoCase(s, ">>> ")) {
      last_command = bounce::CanonicalCommand(s.substr(4));
      if (last_command == "RCPT TO") last_rcpt = bounce::FindAddress(s);
      taking = false;
      continue;
    }
    if (StartsWithNoCase(s, "<<< ")) {
      std::string_view reply = s.substr(4);
      if (t.reply.empty() && !reply.empty() && (reply[0] == '4' || reply[0] == '5')) {
        taking = true;
        t.command = last_command;
        t.recipient = last_rcpt;
      }
      if (taking) {
        if (!t.reply.empty()) t.reply += " ";
        t.reply += std::string(reply);
      }
      continue;
    }
    taking = false;
    if (!s.empty() && !StartsWithNoCase(s, kTranscript)) {
      if (!t.own.empty()) t.own += " ";
      t.own += std::string(s);
    }
  }
  if (t.recipient.empty()) t.recipient = bounce::FindAddress(t.reply);
  return t;
}

// True for a diagnostic that is just a number, a program's exit status (sysexits.h).
bool IsExitStatusOnly(std::string_view diagnostic) {
  std::string_view d = Trim(diagnostic);
  if (d.empty() || d.size() > 3) return false;
  for (char c : d) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsSendmail(const DecodedMail& mail) {
  std::string_view subject = Trim(mail.Header("Subject"));
  if (!mail.Header("X-AOL-IP").empty()) return false;
  if (ContainsNoCase(subject, "see transcript for details") ||
      StartsWithNoCase(subject, "Warning: could not send message for past") ||
      StartsWithNoCase(subject, "Returned mail:")) {
    return true;
  }
  return bounce::FindLineStarting(mail.body, kListMarkers) != std::string_view::npos &&
         ContainsNoCase(mail.body, kTranscript);
}

// The addresses listed under each "had ... errors" line, each with its "(reason: ...)".
std::vector<BounceRecord> ListedRecipients(std::string_view body) {
  std::vector<BounceRecord> out;
  bool listing = false;
  for (std::string_view line : bounce::Lines(body)) {
    std::string_view s = Trim(line);
    if (bounce::StartsWithAnyNoCase(s, kListMarkers)) {
      listing = true;
      // seeds/002 pastes the address on the marker line itself.
      size_t dash = s.rfind("-----");
      s = Trim(s.substr(dash + 5));
      if (s.empty()) continue;
    }
    if (!listing) continue;
    if (s.empty()) {
      if (!out.empty()) listing = false;
      continue;
    }
    if (StartsWithNoCase(s, "-----")) {
      listing = false;
      continue;
    }
    if (StartsWithNoCase(s, "(reason:") || StartsWithNoCase(s, "(expanded from:")) {
      if (out.empty()) continue;
      if (StartsWithNoCase(s, "(expanded from:")) {
        out.back().original_recipient = bounce::FindAddress(s);
        continue;
      }
      std::string_view reason = Trim(s.substr(8));
      if (!reason.empty() && reason.back() == ')') reason.remove_suffix(1);
      out.back().diagnostic = std::string(reason);
      continue;
    }
    std::string a = bounce::FindAddress(s);
    if (a.empty() || FindRecord(&out, a) != nullptr) continue;
    BounceRecord r;
    r.recipient = a;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

bool ReadSendmail(const DecodedMail& mail, BounceReport* out) {
  if (!IsSendmail(mail)) return false;
  std::vector<BounceRecord> listed = ListedRecipients(mail.body);
  std::vector<BounceRecord> records = RecordsFromDeliveryStatus(mail);
  if (records.empty()) {
    // A report whose MIME boundary was lost still has its fields, as text.
    for (const auto& g : InlineDeliveryStatus(mail.body)) {
      BounceRecord r = RecordFromDsnFields(g, DsnFields{});
      if (r.recipient.find('@') != std::string::npos) records.push_back(std::move(r));
    }
  }
  if (records.empty()) records = listed;
  if (records.empty()) return false;
  Transcript t = ReadTranscript(mail.body);
  for (auto& r : records) {
    if (const BounceRecord* l = FindRecord(&listed, r.recipient)) {
      if (r.diagnostic.empty()) r.diagnostic = l->diagnostic;
      if (r.original_recipient.empty()) r.original_recipient = l->original_recipient;
    }
    const bool mine = t.recipient.empty() || bounce::EqualsNoCase(t.recipient, r.recipient) ||
                      records.size() == 1;
    if (!mine) continue;
    if (r.command.empty()) r.command = t.command;
    if (r.remote_mta.empty()) r.remote_mta = t.remote;
    // "Diagnostic-Code: X-Unix; 77" is only the local mailer's exit status; the
    // transcript has its words ("maildrop: maildir over quota.").
    if (IsExitStatusOnly(r.diagnostic)) r.diagnostic.clear();
    if (Trim(r.diagnostic).empty()) r.diagnostic = t.reply;
    if (Trim(r.diagnostic).empty()) r.diagnostic = t.own;
  }
  out->records = std::move(records);
  return true;
}

}  // namespace mailwhy
