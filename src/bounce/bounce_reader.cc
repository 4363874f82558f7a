// bounce_reader - format readers in order, then the same completion for every record (see
// bounce_reader.h).
#include "bounce/bounce_reader.h"

#include "bounce/formats.h"
#include "bounce/forwarded.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

namespace {

// Where formats without a MIME structure start quoting the returned message.
const std::initializer_list<std::string_view> kInlineOriginalMarkers = {
    "--- Below this line is a copy of the message",
    "------ This is a copy of the message",
    "----- This is a copy of the message",
    "----- Original message -----",
    "--- Original message follows",
    "----- Unsent message follows -----",
    "------ Original message ------",
    "Content-Type: message/rfc822",
    "Message headers follow",
    "-------- original message --------",
    "---------- Forwarded message ----------",
    "----- The header of the original message is following. -----",
};

// "5.0.0" says only "permanent failure"; "5.1.1" in the text says more.
bool OnlyClass(std::string_view status) {
  return status.size() == 5 && status.substr(1) == ".0.0";
}

// The remote server's own reply carries an enhanced code that differs from the Status
// field the reporting MTA wrote ("Status: 5.1.1" beside "550 5.7.1 IP address
// blacklisted by recipient"): the reply is the better witness when its reply code agrees
// with it, and either the field has the same class or the field's class contradicts a
// failure ("Action: failed", "Status: 4.5.0", "550 5.5.0 Service refuse").
bool RemoteSaysOtherwise(const BounceRecord& r, std::string_view in_text) {
  if (r.reply_code < 400 || in_text[0] != static_cast<char>('0' + r.reply_code / 100)) return false;
  if (OnlyClass(r.status) || in_text[0] == r.status[0]) return true;
  return r.action == "failed" && in_text[0] == '5';
}

}  // namespace

void CompleteRecord(BounceRecord* r) {
  r->diagnostic = bounce::Squeeze(r->diagnostic);
  if (r->reply_code == 0) r->reply_code = bounce::FindReplyCode(r->diagnostic);
  std::string in_text = bounce::FindEnhancedStatus(r->diagnostic);
  if (r->status.empty()) {
    r->status = in_text;
  } else if (!in_text.empty() && !OnlyClass(in_text) && in_text != r->status &&
             RemoteSaysOtherwise(*r, in_text)) {
    r->status = in_text;
  }
  if (r->command.empty()) r->command = bounce::FindCommand(r->diagnostic);
  if (r->original_recipient == r->recipient) r->original_recipient.clear();
}

namespace {

bool TryReaders(const DecodedMail& mail, BounceReport* out) {
  for (const FormatReader& f : FormatReaders()) {
    BounceReport r;
    if (!f.read(mail, &r) || r.records.empty()) continue;
    *out = std::move(r);
    out->family = std::string(f.family);
    return true;
  }
  return false;
}

}  // namespace

Status ReadDecodedBounce(const DecodedMail& mail, BounceReport* out) {
  *out = BounceReport{};
  const DecodedMail* read = &mail;
  DecodedMail inner;
  if (!TryReaders(mail, out)) {
    if (UnwrapForwarded(mail, &inner) && TryReaders(inner, out)) {
      read = &inner;
    } else if (!mail.attached_message.empty() && DecodeMail(mail.attached_message, &inner).ok() &&
               TryReaders(inner, out)) {
      // A notice forwarded as an attachment, or a notice about a returned notice.
      read = &inner;
    }
  }
  const DecodedMail& m = *read;
  if (out->records.empty()) {
    if (mail.content_type == "multipart/report") {
      return Status::NotFound("not a bounce: a multipart/report that names no recipient");
    }
    return Status::NotFound("not a bounce: no delivery report and no known error-mail format");
  }
  for (auto& r : out->records) CompleteRecord(&r);
  SetOriginal(ReturnedMessage(m, kInlineOriginalMarkers), &out->original);
  out->subject = std::string(m.Header("Subject"));
  out->from = std::string(m.Header("From"));
  out->date = std::string(m.Header("Date"));
  return Status::Ok();
}

Status ReadBounce(std::string_view bytes, BounceReport* out) {
  DecodedMail mail;
  Status s = DecodeMail(bytes, &mail);
  if (!s.ok()) return s;
  s = ReadDecodedBounce(mail, out);
  if (s.code() == Status::Code::kNotFound && mail.original_attached) {
    // Maybe a notice forwarded as an attachment: decode again, keeping that part whole.
    DecodedMail again;
    if (DecodeMail(bytes, &again, /*keep_attached=*/true).ok()) {
      Status retry = ReadDecodedBounce(again, out);
      if (retry.ok()) return retry;
    }
  }
  return s;
}

}  // namespace mailwhy
