// NAME
//   lhost_gmail - Gmail's (googlemail.com) "Delivery Status Notification" without a report
// DESCRIPTION
//   Gmail's older notifications are plain text (Sisimai's lhost-gmail samples):
//
//     Delivery to the following recipient failed permanently:
//
//          kijitora@example.jp
//
//     Technical details of permanent failure:
//     Google tried to deliver your message, but it was rejected by the server for the
//     recipient domain example.jp by mx.example.jp. [192.0.2.153].
//
//     The error that the other server returned was:
//     550 5.1.1 <kijitora@example.jp>... User Unknown
//
//   and for delays "Delivery to the following recipient has been delayed:" with
//   "Message will be retried for 2 more day(s)". The recipients are the indented
//   addresses after the first line; the error is the "Technical details" paragraph.
//   Newer notices ("** Message not delivered **", "** Address not found **") without
//   a usable delivery status part name the recipients in X-Failed-Recipients.
//   Gmail ends the reply with "(state N)", the step of its SMTP client that failed:
//   6 MAIL FROM, 8, 9 and 12 AUTH, 13 EHLO, 14 RCPT TO, 15 and 18 DATA (Sisimai's
//   Gmail module lists the states with real replies).
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::FindNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

namespace {

struct State {
  std::string_view state;
  std::string_view command;
};
constexpr State kStates[] = {
    {"(state 6)", "MAIL FROM"}, {"(state 8)", "AUTH"},    {"(state 9)", "AUTH"},
    {"(state 12)", "AUTH"},     {"(state 13)", "EHLO"},   {"(state 14)", "RCPT TO"},
    {"(state 15)", "DATA"},     {"(state 18)", "DATA"},
};

}  // namespace

namespace {

// Gmail's newer notices without usable delivery status fields:
//   ** Message not delivered **
//   You're sending this from a different address or alias using the 'Send mail as' ...
//   The response was:
//   Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability
// The recipients are in X-Failed-Recipients.
bool ReadTitled(const DecodedMail& mail, std::string_view body, BounceReport* out) {
  std::string text;
  bool titled = false;
  for (std::string_view line : bounce::Lines(body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Content-Type:")) break;
    if (t.size() > 4 && StartsWithNoCase(t, "** ") && t.substr(t.size() - 3) == " **") {
      titled = true;
      continue;
    }
    if (!titled || t.empty() || StartsWithNoCase(t, "Learn more here:") ||
        StartsWithNoCase(t, "The response was:") || StartsWithNoCase(t, "The response from the remote server was:")) {
      continue;
    }
    text += (text.empty() ? "" : " ") + std::string(t);
  }
  if (!titled) return false;
  for (const auto& a : bounce::FindAddresses(mail.Header("X-Failed-Recipients"))) {
    BounceRecord r;
    r.recipient = a;
    r.action = "failed";
    r.diagnostic = text;
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace

bool ReadGmail(const DecodedMail& mail, BounceReport* out) {
  std::string_view from = mail.Header("From");
  if (!ContainsNoCase(from, "@googlemail.com") && !ContainsNoCase(from, "@google.com")) return false;
  if (!ContainsNoCase(mail.Header("Subject"), "Delivery Status Notification")) return false;
  if (!RecordsFromDeliveryStatus(mail).empty()) return false;  // the RFC 3464 reader's
  std::string_view body = bounce::CutAtLine(mail.body, {"----- Original message -----",
                                                        "----- Message header follows -----"});
  if (!ContainsNoCase(body, "Delivery to the following recipient")) return ReadTitled(mail, body, out);
  std::vector<std::string> rcpts;
  std::string details;
  bool listing = false, in_details = false, delayed = false;
  for (std::string_view line : bounce::Lines(body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "Delivery to the following recipient")) {
      listing = true;
      delayed = ContainsNoCase(t, "delayed");
      continue;
    }
    if (listing) {
      if (t.empty()) {
        if (!rcpts.empty()) listing = false;
        continue;
      }
      std::string a = bounce::FindAddress(t);
      if (!a.empty()) rcpts.push_back(a);
      continue;
    }
    if (StartsWithNoCase(t, "Technical details of") || StartsWithNoCase(t, "Message will be retried")) {
      in_details = true;
      if (StartsWithNoCase(t, "Technical details of")) continue;
    }
    if (in_details && !t.empty()) {
      if (!details.empty()) details += " ";
      details += std::string(t);
    }
  }
  if (rcpts.empty()) return false;
  std::string command;
  for (const auto& s : kStates) {
    if (ContainsNoCase(details, s.state)) command = std::string(s.command);
  }
  // "... by mx.example.jp. [192.0.2.153]."
  std::string remote;
  size_t by = FindNoCase(details, " by ");
  size_t open = details.find(" [", by == std::string::npos ? 0 : by);
  if (by != std::string::npos && open != std::string::npos && open > by) {
    remote = details.substr(by + 4, open - by - 4);
    while (!remote.empty() && remote.back() == '.') remote.pop_back();
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.action = delayed ? "delayed" : "failed";
    r.diagnostic = details;
    r.command = command;
    r.remote_mta = remote;
    out->records.push_back(std::move(r));
  }
  return true;
}

}  // namespace mailwhy
