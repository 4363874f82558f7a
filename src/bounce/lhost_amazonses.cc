// NAME
//   lhost_amazonses - Amazon SES notifications sent as JSON (directly or through SNS)
// DESCRIPTION
//   Amazon SES reports bounces, complaints and deliveries as a JSON document, mailed as
//   the body of a notification ("AWS Notification Message"), either bare or wrapped in
//   an SNS envelope whose "Message" field holds the JSON as a string:
//
//     {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
//      "bouncedRecipients":[{"emailAddress":"kijitora@example.jp","action":"failed",
//      "status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
//      "reportingMTA":"dsn; a27-23.smtp-out.us-west-2.amazonses.com"},"mail":{...}}
//
//   "Bounce" gives one record per bounced recipient, "Complaint" one feedback record per
//   complaining recipient (complaintFeedbackType, default abuse), "Delivery" one
//   delivered record per recipient with the smtpResponse. Mail clients fold the long
//   line; a line break followed by a space is a fold and is removed before parsing.
//   SES's ordinary DSN mails (multipart/report) are read by the RFC 3464 reader.
// BUGS
//   The original message's Message-ID and Subject come from the JSON "mail" object.
#include <nlohmann/json.hpp>

#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"

namespace mailwhy {

namespace {

using Json = nlohmann::json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool ParseJson(std::string_view body, Json* out) {
  size_t open = body.find('{');
  size_t close = body.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return false;
  std::string text;
  std::string_view j = body.substr(open, close - open + 1);
  for (size_t i = 0; i < j.size(); ++i) {
    if (j[i] == '\n') {
      if (i + 1 < j.size() && j[i + 1] == ' ') ++i;  // the fold's space
      continue;
    }
    text.push_back(j[i]);
  }
  *out = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !out->is_discarded() && out->is_object();
}

}  // namespace

bool ReadAmazonSes(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::ContainsNoCase(mail.body, "notificationType")) return false;
  Json doc;
  if (!ParseJson(mail.body, &doc)) return false;
  // The SNS envelope: {"Type":"Notification","Message":"{...}"}
  if (doc.contains("Message") && doc["Message"].is_string()) {
    Json inner = Json::parse(doc["Message"].get<std::string>(), nullptr, false);
    if (inner.is_discarded() || !inner.is_object()) return false;
    doc = std::move(inner);
  }
  const std::string type = Str(doc, "notificationType");
  if (doc.contains("mail") && doc["mail"].is_object()) {
    const Json& m = doc["mail"];
    out->original.message_id = Str(m, "messageId");
    if (m.contains("commonHeaders") && m["commonHeaders"].is_object()) {
      out->original.subject = Str(m["commonHeaders"], "subject");
      out->original.date = Str(m["commonHeaders"], "date");
    }
    out->original.from = Str(m, "source");
  }
  if (type == "Bounce" && doc.contains("bounce") && doc["bounce"].is_object()) {
    const Json& b = doc["bounce"];
    const std::string mta = std::string(FieldValue(Str(b, "reportingMTA")));
    if (!b.contains("bouncedRecipients") || !b["bouncedRecipients"].is_array()) return false;
    for (const Json& r : b["bouncedRecipients"]) {
      if (!r.is_object()) continue;
      BounceRecord rec;
      rec.recipient = bounce::FindAddress(Str(r, "emailAddress"));
      rec.action = Str(r, "action");
      rec.status = Str(r, "status");
      const std::string diag = Str(r, "diagnosticCode");
      rec.diagnostic = std::string(FieldValue(diag));
      rec.diagnostic_type = FieldType(diag);
      rec.reporting_mta = mta;
      if (!rec.recipient.empty()) out->records.push_back(std::move(rec));
    }
  } else if (type == "Complaint" && doc.contains("complaint") && doc["complaint"].is_object()) {
    const Json& c = doc["complaint"];
    std::string ft = Str(c, "complaintFeedbackType");
    if (ft.empty()) ft = "abuse";
    if (!c.contains("complainedRecipients") || !c["complainedRecipients"].is_array()) return false;
    for (const Json& r : c["complainedRecipients"]) {
      if (!r.is_object()) continue;
      BounceRecord rec;
      rec.kind = NoticeKind::kFeedback;
      rec.recipient = bounce::FindAddress(Str(r, "emailAddress"));
      rec.feedback_type = ft;
      rec.diagnostic = "Feedback-Type: " + ft;
      if (!rec.recipient.empty()) out->records.push_back(std::move(rec));
    }
  } else if (type == "Delivery" && doc.contains("delivery") && doc["delivery"].is_object()) {
    const Json& d = doc["delivery"];
    if (!d.contains("recipients") || !d["recipients"].is_array()) return false;
    for (const Json& r : d["recipients"]) {
      if (!r.is_string()) continue;
      BounceRecord rec;
      rec.recipient = bounce::FindAddress(r.get<std::string>());
      rec.action = "delivered";
      rec.diagnostic = Str(d, "smtpResponse");
      rec.reporting_mta = Str(d, "reportingMTA");
      if (!rec.recipient.empty()) out->records.push_back(std::move(rec));
    }
  }
  return !out->records.empty();
}

}  // namespace mailwhy
