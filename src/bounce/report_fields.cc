// report_fields - DSN groups to records, the returned message's headers (see
// report_fields.h).
#include "bounce/report_fields.h"

#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"
#include "util/ascii.h"

namespace mailwhy {

using bounce::EqualsNoCase;
using bounce::FindAddress;
using bounce::Trim;

namespace {

std::string AddressOrValue(std::string_view value) {
  std::string_view v = FieldValue(value);
  std::string a = FindAddress(v);
  return a.empty() ? std::string(Trim(v)) : a;
}

std::string FirstWord(std::string_view s) {
  s = Trim(s);
  size_t end = 0;
  while (end < s.size() && s[end] != ' ' && s[end] != '(' && s[end] != ';' && s[end] != ',') ++end;
  return AsciiLowered(s.substr(0, end));
}

}  // namespace

BounceRecord RecordFromDsnFields(const DsnFields& r, const DsnFields& per_message) {
  BounceRecord rec;
  for (std::string_view name : {"Final-Recipient", "Original-Recipient", "X-Actual-Recipient"}) {
    std::string_view v = r.Get(name);
    if (!v.empty()) {
      rec.recipient = AddressOrValue(v);
      if (!rec.recipient.empty()) break;
    }
  }
  std::string_view orig = r.Get("Original-Recipient");
  if (!orig.empty()) rec.original_recipient = AddressOrValue(orig);
  rec.action = FirstWord(r.Get("Action"));
  rec.status = bounce::FindEnhancedStatus(r.Get("Status"));
  std::string_view diag = r.Get("Diagnostic-Code");
  rec.diagnostic = std::string(FieldValue(diag));
  rec.diagnostic_type = FieldType(diag);
  // "Status: 4.0.0 (cat.example.net: host name lookup failure)": a comment that names a
  // host is the only reason some reports give.
  std::string_view status = r.Get("Status");
  size_t open = status.find('(');
  if (bounce::Trim(rec.diagnostic).empty() && open != std::string_view::npos) {
    std::string_view comment = status.substr(open + 1);
    if (!comment.empty() && comment.back() == ')') comment.remove_suffix(1);
    if (comment.find(": ") != std::string_view::npos) rec.diagnostic = std::string(bounce::Trim(comment));
  }
  rec.remote_mta = std::string(FieldValue(r.Get("Remote-MTA")));
  rec.reporting_mta = std::string(FieldValue(per_message.Get("Reporting-MTA")));
  rec.date = std::string(r.Get("Last-Attempt-Date"));
  if (rec.date.empty()) rec.date = std::string(per_message.Get("Arrival-Date"));
  return rec;
}

std::vector<BounceRecord> RecordsFromDeliveryStatus(const DecodedMail& mail) {
  std::vector<BounceRecord> out;
  for (const auto& text : mail.delivery_status) {
    DeliveryStatus ds;
    ParseDeliveryStatus(text, &ds);
    for (const auto& r : ds.recipients) {
      BounceRecord rec = RecordFromDsnFields(r, ds.per_message);
      if (rec.recipient.empty() || rec.recipient.find('@') == std::string::npos) continue;
      out.push_back(std::move(rec));
    }
  }
  return out;
}

std::vector<DsnFields> InlineDeliveryStatus(std::string_view text) {
  std::vector<DsnFields> out;
  if (!bounce::ContainsAnyNoCase(text, {"Final-Recipient:", "Original-Recipient:"})) return out;
  DeliveryStatus ds;
  ParseDeliveryStatus(text, &ds);
  for (auto& g : ds.recipients) {
    if (g.Has("Final-Recipient") || g.Has("Original-Recipient")) out.push_back(std::move(g));
  }
  return out;
}

void SetOriginal(std::string_view header_block, OriginalMessage* out) {
  MailHeaders h = ParseHeaderBlock(header_block);
  auto take = [&](std::string_view name, std::string* field) {
    if (!field->empty()) return;
    std::string_view v = HeaderValue(h, name);
    if (!v.empty()) *field = std::string(v);
  };
  take("Message-ID", &out->message_id);
  take("Subject", &out->subject);
  take("Date", &out->date);
  take("From", &out->from);
  take("To", &out->to);
}

std::string_view ReturnedMessage(const DecodedMail& mail,
                                 std::initializer_list<std::string_view> markers) {
  if (mail.original_attached) return mail.original;
  std::string_view rest;
  bounce::CutAtLine(mail.body, markers, &rest);
  return rest;
}

BounceRecord* FindRecord(std::vector<BounceRecord>* records, std::string_view address) {
  for (auto& r : *records) {
    if (EqualsNoCase(r.recipient, address)) return &r;
  }
  return nullptr;
}

}  // namespace mailwhy
