// NAME
//   rfc3464 - the generic reader: any mail carrying RFC 3464 delivery status fields
// DESCRIPTION
//   Most MTAs send a multipart/report with a message/delivery-status part:
//
//     Final-Recipient: rfc822; kijitora@example.jp
//     Action: failed
//     Status: 5.1.1
//     Remote-MTA: dns; mx.example.jp
//     Diagnostic-Code: smtp; 550 5.1.1 <kijitora@example.jp>... User Unknown
//
//   ReadRfc3464() takes every recipient group of those parts as a record. When no such
//   part exists it looks for the same fields written into the text (some gateways print
//   them in a text/plain part). A group without a Diagnostic-Code borrows the text the
//   human-readable part writes under the recipient's address, if any.
//
//   Without any fields, a notice from a mailer (MAILER-DAEMON, postmaster) is read by a
//   few fixed sentences that name the recipient ("User's mailbox is full: <a@b>",
//   "Did not reach the following recipient: a@b", a "Failed addresses follow:" list).
//
//   It runs after the readers of specific formats, so it only sees what they left.
// BUGS
//   A report whose fields carry no recipient address is not a bounce to this reader.
#include "bounce/address_blocks.h"
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"

namespace mailwhy {

namespace {

// The human-readable part: the body up to the delivery status part.
std::string_view Prose(std::string_view body) {
  return bounce::CutAtLine(body, {"Content-Type: message/delivery-status"});
}

// The paragraph right before a line that holds only `address`, or "".
std::string ParagraphBefore(std::string_view body, std::string_view address) {
  std::vector<std::string_view> lines = bounce::Lines(Prose(body));
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = bounce::Trim(lines[i]);
    if (!bounce::EqualsNoCase(t, address) && !bounce::EqualsNoCase(t, "<" + std::string(address) + ">")) continue;
    size_t end = i;
    while (end > 0 && bounce::Trim(lines[end - 1]).empty()) --end;
    size_t begin = end;
    while (begin > 0 && !bounce::Trim(lines[begin - 1]).empty()) --begin;
    std::string text;
    for (size_t k = begin; k < end; ++k) text += (text.empty() ? "" : " ") + std::string(bounce::Trim(lines[k]));
    return text;
  }
  return std::string();
}

// The first line of the human-readable part that names `address`, when it is prose
// (not a header or a field).
std::string SentenceNaming(std::string_view body, std::string_view address) {
  std::string_view prose = Prose(body);
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = bounce::Trim(line);
    if (t.size() < address.size() + 12 || !bounce::ContainsNoCase(t, address)) continue;
    size_t colon = t.find(':');
    if (colon != std::string_view::npos && colon < 30 && t.substr(0, colon).find(' ') == std::string_view::npos) continue;
    return std::string(t);
  }
  return std::string();
}

// Notices without any fields that still say, in one of a few fixed sentences, who was
// not reached (Sisimai's rfc3464 samples of unidentified MTAs):
//   |------------------------- Failed addresses follow: ---------------------|
//    kijitora@neko.example.com ... unknown host
//   User's mailbox is full: <kijitora@example.jp>
//   Did not reach the following recipient: kijitora@example.net
const std::initializer_list<std::string_view> kAddressAfterPhrase = {
    "User's mailbox is full:", "Did not reach the following recipient:",
    "Unknown user:", "No such user:",
};

std::vector<BounceRecord> PhraseRecords(const DecodedMail& mail) {
  std::vector<BounceRecord> out;
  std::string_view from = mail.Header("From");
  if (!bounce::ContainsNoCase(from, "mailer-daemon") && !bounce::ContainsNoCase(from, "postmaster")) return out;
  bool listing = false;
  std::vector<std::string_view> lines = bounce::Lines(Prose(mail.body));
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = bounce::Trim(lines[i]);
    if (bounce::ContainsNoCase(t, "Failed addresses follow:")) {
      listing = true;
      continue;
    }
    if (listing) {
      if (t.empty() || t[0] == '|' || bounce::StartsWithNoCase(t, "---")) {
        listing = false;
        continue;
      }
      size_t dots = t.find(" ... ");
      BounceRecord r;
      r.recipient = bounce::FindAddress(t.substr(0, dots));
      r.diagnostic = std::string(dots == std::string_view::npos ? t : bounce::Trim(t.substr(dots + 5)));
      if (!r.recipient.empty()) out.push_back(std::move(r));
      continue;
    }
    for (std::string_view phrase : kAddressAfterPhrase) {
      if (!bounce::StartsWithNoCase(t, phrase)) continue;
      BounceRecord r;
      r.recipient = bounce::FindAddress(t.substr(phrase.size()));
      r.diagnostic = std::string(t);
      if (i + 1 < lines.size() && !bounce::Trim(lines[i + 1]).empty()) {
        r.diagnostic += " " + std::string(bounce::Trim(lines[i + 1]));
      }
      if (!r.recipient.empty()) out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace

bool ReadRfc3464(const DecodedMail& mail, BounceReport* out) {
  std::vector<BounceRecord> records = RecordsFromDeliveryStatus(mail);
  if (records.empty()) {
    for (const auto& g : InlineDeliveryStatus(mail.body)) {
      BounceRecord r = RecordFromDsnFields(g, DsnFields{});
      if (r.recipient.find('@') != std::string::npos) records.push_back(std::move(r));
    }
  }
  if (records.empty()) records = PhraseRecords(mail);
  if (records.empty()) return false;
  // The prose part may say more than Diagnostic-Code (or say it when the field is absent).
  std::vector<AddressBlock> blocks;
  bool blocks_read = false;
  for (auto& r : records) {
    if (!r.diagnostic.empty()) continue;
    if (!blocks_read) {
      blocks = AddressBlocks(Prose(mail.body), AddressLead::kEither);
      blocks_read = true;
    }
    for (const auto& b : blocks) {
      if (b.address == r.recipient && !b.lines.empty()) {
        r.diagnostic = b.Text();
        break;
      }
    }
    // "Your message wasn't delivered to kijitora@example.it because the address
    // couldn't be found." (Gmail): the sentence that names the recipient.
    if (r.diagnostic.empty()) r.diagnostic = SentenceNaming(mail.body, r.recipient);
    // "Unable to deliver message to the following recipients, because ...:" then the
    // address alone on its line: the paragraph before it says why.
    if (r.diagnostic.empty()) r.diagnostic = ParagraphBefore(mail.body, r.recipient);
  }
  out->records = std::move(records);
  return true;
}

}  // namespace mailwhy
