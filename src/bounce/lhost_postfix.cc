// NAME
//   lhost_postfix - Postfix's non-delivery, delay and SMTP-session reports
// DESCRIPTION
//   Postfix's bounce(8) writes (bounce.5, templates "failure_template" ...):
//
//     Subject: Undelivered Mail Returned to Sender
//     This is the mail system at host mx.example.jp.        (older: "This is the Postfix
//     ...                                                     program at host ...")
//                        The mail system
//
//     <kijitora@example.jp> (expanded from <neko@example.org>): host
//         mx.example.jp[192.0.2.1] said: 550 5.1.1 <kijitora@example.jp>... User
//         Unknown (in reply to RCPT TO command)
//
//   followed, in MIME reports, by a message/delivery-status part. Records come from the
//   delivery status when there is one, and from the prose otherwise (seeds/001:
//   "<xxxxxx@xxxxxx.com>: Name service error for domain xxxxxx.com: Host not found").
//   The prose adds what the fields lack: the "(in reply to X command)" phrase, the
//   "(expanded from <...>)" original address, and the text when Diagnostic-Code is
//   missing.
//
//   "Postfix SMTP server: errors from HOST[IP]" is the transcript Postfix's smtpd sends
//   to the postmaster ("notify_classes"); its " In:" and " Out:" lines give the
//   recipient (RCPT TO), the error reply and the command it answered.
// BUGS
//   A report customised so far that it keeps neither the subject nor a "This is the ...
//   at host" line nor X-Postfix fields is left to the generic RFC 3464 reader.
#include "bounce/address_blocks.h"
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

namespace {

const std::initializer_list<std::string_view> kSubjects = {
    "Undelivered Mail Returned to Sender", "Delayed Mail (still being retried)",
    "Successful Mail Delivery Report", "Mail Delivery Status Report",
};
// The line before the recipient list (bounce.5: "The mail system", "The Postfix program").
const std::initializer_list<std::string_view> kIntro = {
    "This is the mail system at host", "This is the Postfix program at host",
};

bool IsPostfix(const DecodedMail& mail) {
  if (!mail.Header("X-AOL-IP").empty()) return false;
  std::string_view subject = Trim(mail.Header("Subject"));
  for (auto s : kSubjects) {
    if (bounce::EqualsNoCase(subject, s)) return true;
  }
  if (bounce::FindLineStarting(mail.body, kIntro) != std::string_view::npos) return true;
  for (const auto& ds : mail.delivery_status) {
    if (ContainsNoCase(ds, "X-Postfix-Queue-ID:") || ContainsNoCase(ds, "X-Postfix-Sender:")) return true;
  }
  return false;
}

// "Postfix SMTP server: errors from HOST": the transcript's In/Out lines.
bool TranscriptRecords(const DecodedMail& mail, BounceReport* out) {
  std::string command, recipient, reply;
  bool in_reply = false;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "In:")) {
      t = Trim(t.substr(3));
      command = bounce::CanonicalCommand(t);
      if (command == "RCPT TO") recipient = bounce::FindAddress(t);
      in_reply = false;
      continue;
    }
    if (StartsWithNoCase(t, "Out:")) {
      t = Trim(t.substr(4));
      if (!t.empty() && (t[0] == '4' || t[0] == '5') && reply.empty()) {
        reply = std::string(t);
        in_reply = true;
        BounceRecord r;
        r.recipient = recipient;
        r.command = command;
        r.diagnostic = reply;
        r.diagnostic_type = "smtp";
        out->records.push_back(std::move(r));
      }
      continue;
    }
    (void)in_reply;
  }
  if (out->records.empty()) return false;
  // The transcript does not always reach RCPT TO; the returned message's To: stands in.
  for (auto& r : out->records) {
    if (r.recipient.empty()) r.recipient = bounce::FindAddress(mail.Header("To"));
  }
  return true;
}

}  // namespace

bool ReadPostfix(const DecodedMail& mail, BounceReport* out) {
  if (StartsWithNoCase(Trim(mail.Header("Subject")), "Postfix SMTP server: errors from")) {
    return TranscriptRecords(mail, out);
  }
  if (!IsPostfix(mail)) return false;

  // The prose: from the intro (or the top) to the delivery report part.
  std::string_view prose = bounce::CutAtLine(mail.body, {"Content-Type: message/delivery-status"});
  size_t intro = bounce::FindLineStarting(prose, kIntro);
  if (intro != std::string_view::npos) prose = prose.substr(intro);
  std::vector<AddressBlock> blocks = AddressBlocks(prose, AddressLead::kAngle);

  std::vector<BounceRecord> records = RecordsFromDeliveryStatus(mail);
  if (records.empty()) {
    for (const auto& b : blocks) {
      BounceRecord r;
      r.recipient = b.address;
      r.original_recipient = b.alias;
      r.diagnostic = b.Text();
      records.push_back(std::move(r));
    }
  } else {
    for (const auto& b : blocks) {
      BounceRecord* r = FindRecord(&records, b.address);
      if (r == nullptr) continue;
      std::string text = b.Text();
      if (r->diagnostic.empty()) r->diagnostic = text;
      if (r->original_recipient.empty()) r->original_recipient = b.alias;
      if (r->command.empty()) r->command = bounce::FindCommand(text);
      if (r->remote_mta.empty() && StartsWithNoCase(text, "host ")) {
        std::string_view host = std::string_view(text).substr(5);
        r->remote_mta = std::string(host.substr(0, host.find_first_of("[ ")));
      }
    }
  }
  if (records.empty() && bounce::ContainsNoCase(prose, "--- Delivery report unavailable ---")) {
    // The report lost its recipients; the returned message still names one.
    BounceRecord r;
    r.recipient = bounce::FindAddress(HeaderValue(ParseHeaderBlock(mail.original), "To"));
    if (!r.recipient.empty()) records.push_back(std::move(r));
  }
  out->records = std::move(records);
  return !out->records.empty();
}

}  // namespace mailwhy
