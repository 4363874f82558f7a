// NAME
//   arf - abuse and feedback reports (RFC 5965 ARF, and the providers' look-alikes)
// DESCRIPTION
//   A feedback report is not a delivery failure: a mailbox provider tells the sender that
//   a recipient pressed "this is spam" (or unsubscribed). Three shapes are read:
//     - RFC 5965: multipart/report; report-type=feedback-report with a
//       message/feedback-report part ("Feedback-Type: abuse", "Original-Rcpt-To: ...",
//       one Original-Rcpt-To per complaining recipient);
//     - Microsoft's JMRP complaints: Subject "complaint about message from 192.0.2.1",
//       the message attached, the recipient in "X-HmXmrOriginalRecipient:";
//     - Apple Mail's unsubscribe request: Subject "unsubscribe", "Apple Mail sent this
//       email to unsubscribe from the message ..." (feedback type opt-out).
//   Each recipient gets a record of kind kFeedback with the feedback type; the text the
//   classifier sees is "Feedback-Type: TYPE", the report's own words.
// BUGS
//   Reports that give no recipient take the returned message's To: address.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"
#include "util/ascii.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindAddress;
using bounce::StartsWithNoCase;

namespace {

BounceRecord Feedback(std::string recipient, std::string type, std::string text) {
  BounceRecord r;
  r.kind = NoticeKind::kFeedback;
  r.recipient = std::move(recipient);
  r.feedback_type = AsciiLowered(type);
  r.diagnostic = std::move(text);
  return r;
}

std::string FeedbackText(std::string_view type, std::string_view human) {
  std::string text = "Feedback-Type: " + std::string(type);
  human = bounce::Trim(human);
  if (!human.empty()) text += "; " + std::string(human.substr(0, 400));
  return text;
}

// The human-readable part of a report: the body up to the machine-readable part.
std::string_view HumanPart(const DecodedMail& mail) {
  return bounce::CutAtLine(mail.body, {"Content-Type: message/feedback-report"});
}

}  // namespace

bool ReadArf(const DecodedMail& mail, BounceReport* out) {
  const std::string_view subject = mail.Header("Subject");
  if (!mail.feedback_reports.empty() || mail.report_type == "feedback-report") {
    std::string type = "abuse";
    std::vector<std::string> rcpts;
    for (const auto& report : mail.feedback_reports) {
      for (std::string_view line : bounce::Lines(report)) {
        std::string_view value = bounce::Trim(line.substr(line.find(':') == std::string_view::npos ? line.size() : line.find(':') + 1));
        if (StartsWithNoCase(line, "Feedback-Type:")) type = std::string(value);
        if (StartsWithNoCase(line, "Original-Rcpt-To:") || StartsWithNoCase(line, "Removal-Recipient:")) {
          std::string a = FindAddress(value);
          if (!a.empty()) rcpts.push_back(a);
        }
      }
    }
    if (rcpts.empty()) {
      MailHeaders original = ParseHeaderBlock(mail.original);
      std::string a = FindAddress(HeaderValue(original, "To"));
      if (a.empty()) a = FindAddress(mail.Header("To"));
      if (!a.empty()) rcpts.push_back(a);
    }
    for (auto& a : rcpts) out->records.push_back(Feedback(a, type, FeedbackText(type, HumanPart(mail))));
    return !out->records.empty();
  }
  if (ContainsNoCase(subject, "complaint about message from")) {
    MailHeaders original = ParseHeaderBlock(mail.original);
    std::string a = FindAddress(HeaderValue(original, "X-HmXmrOriginalRecipient"));
    if (a.empty()) a = FindAddress(HeaderValue(original, "To"));
    if (a.empty()) return false;
    out->records.push_back(Feedback(a, "abuse", FeedbackText("abuse", subject)));
    return true;
  }
  if (bounce::EqualsNoCase(bounce::Trim(subject), "unsubscribe") &&
      ContainsNoCase(mail.body, "sent this email to unsubscribe from the message")) {
    std::string a = FindAddress(mail.Header("From"));
    if (a.empty()) return false;
    out->records.push_back(Feedback(a, "opt-out", FeedbackText("opt-out", mail.body)));
    return true;
  }
  return false;
}

}  // namespace mailwhy
