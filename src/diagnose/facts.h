// NAME
//   facts - what is known about one failed (or successful) delivery, before classification
// DESCRIPTION
//   FailureFacts is the classifier's whole input. The journey layer fills it from a
//   delivery attempt or a reject; ClassifyPasted() (classifier.h) fills it from a pasted
//   line. Every field is optional: the classifier uses what is there and derives the
//   reply code, enhanced code and stage from `text` when they are missing.
#ifndef MAILWHY_DIAGNOSE_FACTS_H_
#define MAILWHY_DIAGNOSE_FACTS_H_

#include <string>

#include "diagnose/taxonomy.h"

namespace mailwhy {

struct FailureFacts {
  std::string text;        // the remote reply or Postfix's own status text, as logged
  std::string status;      // sent, deferred, bounced, expired, rejected, ... ("" unknown)
  std::string dsn;         // dsn= as logged ("4.7.0"), "" when absent
  int reply_code = 0;      // SMTP reply code, 0 = take it from `text`
  std::string enhanced;    // enhanced code written in the reply, "" = take it from `text`
  std::string stage;       // connect, helo, starttls, auth, mail, rcpt, data, end-of-data,
                           // rset, quit, other; "" = take it from "(in reply to ...)"
  std::string relay;       // the remote host name ("gmail-smtp-in.l.google.com")
  std::string relay_ip;    // its address, when known
  std::string recipient;   // full address; its domain selects provider rules
  std::string sender;      // envelope sender, for remedies ("mailwhy probe domain ...")
  std::string client;      // inbound rejects: the client host name[address] as logged
  Origin origin = Origin::kUnknown;
  bool truncated = false;  // the log record was cut (syslog or Postfix line limit)
};

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_FACTS_H_
