// NAME
//   bounce_facts - a bounce record as the classifier's FailureFacts
// SYNOPSIS
//   FailureFacts f = FactsOfRecord(report, record);
//   Verdict v = classifier.Classify(f);
// DESCRIPTION
//   The same knowledge base judges log lines and error mails; this is where an error
//   mail's record becomes the classifier's input:
//     text       the diagnostic (for feedback reports "Feedback-Type: TYPE ...", for
//                automatic replies the mark, the Subject and the start of the reply);
//     status     from Action: failed -> "bounced", delayed -> "deferred",
//                delivered/relayed/expanded -> "sent"; a failure the mail gives a 4.x.x
//                status for was retried until the sending server gave up -> "expired";
//     dsn        the record's status; enhanced: the same, so the status the mail gives
//                (or the more precise one of its text) decides over a code quoted
//                deeper in the text;
//     reply_code, stage (from the command; "other" when the notice does not say which
//                command was refused), relay and relay_ip (from Remote-MTA or the
//                "host H [A]" of the text), recipient, sender (the returned message's
//                From), origin "unknown" (the text came in a mail, not from this
//                server's log; rules/11-notices.toml is scoped to it), truncated.
#ifndef MAILWHY_BOUNCE_BOUNCE_FACTS_H_
#define MAILWHY_BOUNCE_BOUNCE_FACTS_H_

#include "bounce/bounce_record.h"
#include "diagnose/facts.h"

namespace mailwhy {

FailureFacts FactsOfRecord(const BounceReport& report, const BounceRecord& record);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_BOUNCE_FACTS_H_
