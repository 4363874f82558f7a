// NAME
//   bounce_record - what one error mail says about each recipient, before classification
// SYNOPSIS
//   BounceReport report;
//   ReadBounce(mail, &report);                // bounce_reader.h
//   for (const BounceRecord& r : report.records) use(r.recipient, r.status, r.diagnostic);
// DESCRIPTION
//   A BounceRecord is the evidence one notification gives about one recipient, in the
//   notification's own words: the address, the DSN fields (RFC 3464: Action, Status,
//   Remote-MTA, Diagnostic-Code) or what a non-standard format writes in their place
//   ("(reason: 550 5.1.1 ...)", "Sorry, no mailbox here by that name. (#5.1.1)"), the SMTP
//   command the remote server answered, and the reply code. Nothing in it says *why*
//   delivery failed: the classifier decides that from these facts (bounce_facts.h).
//
//   `kind` says what sort of notification it is, which is a matter of format, not of
//   judgement: a delivery status notification (failed, delayed or delivered), an abuse
//   or feedback report (RFC 5965, ARF), or an automatic reply (RFC 3834, "out of office").
//
//   A BounceReport is one mail: its format family ("postfix", "sendmail", "rfc3464", ...),
//   its records in the order the mail lists them, and what it says about the message that
//   could not be delivered (the "original": Message-ID, Subject, Date, From, To).
//   Fields the mail does not carry stay empty (0 for the reply code).
#ifndef MAILWHY_BOUNCE_BOUNCE_RECORD_H_
#define MAILWHY_BOUNCE_BOUNCE_RECORD_H_

#include <string>
#include <vector>

namespace mailwhy {

enum class NoticeKind { kDeliveryStatus, kFeedback, kAutoReply };

struct BounceRecord {
  NoticeKind kind = NoticeKind::kDeliveryStatus;
  std::string recipient;           // Final-Recipient, or the address the text names
  std::string original_recipient;  // Original-Recipient, or "(expanded from <...>)"
  std::string action;              // failed, delayed, delivered, relayed, expanded ("" unknown)
  std::string status;              // the DSN ("5.1.1") the mail gives for this recipient
  int reply_code = 0;              // SMTP reply code found in the diagnostic, 0 when none
  std::string diagnostic;          // the error text: remote reply or the reporting MTA's words
  std::string diagnostic_type;     // "smtp", "x-unix", "x-postfix", ... ("" unknown)
  std::string remote_mta;          // the server that refused ("mx.example.net", "[192.0.2.1]")
  std::string reporting_mta;       // the server that wrote the notification
  std::string command;             // SMTP command answered: "RCPT TO", "DATA", "MAIL FROM", ...
  std::string date;                // Last-Attempt-Date or Arrival-Date, as written
  std::string feedback_type;       // ARF: abuse, fraud, opt-out, ...
  bool truncated = false;          // the diagnostic is visibly cut off
};

// The message that could not be delivered, as the notification quotes it.
struct OriginalMessage {
  std::string message_id;
  std::string subject;
  std::string date;
  std::string from;
  std::string to;
};

struct BounceReport {
  std::string family;              // "postfix", "sendmail", "qmail", "rfc3464", "arf", ...
  std::vector<BounceRecord> records;
  OriginalMessage original;
  std::string subject;             // the notification's own Subject
  std::string from;                // and From
  std::string date;                // and Date
};

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_BOUNCE_RECORD_H_
