// NAME
//   findings - what a message's journey shows beyond the replies: the detectors
// SYNOPSIS
//   std::vector<Finding> f = FindJourneyFindings(journey, verdicts, classifier);
// DESCRIPTION
//   FindJourneyFindings() runs every detector over one journey, given the verdict of each
//   recipient, and returns the findings in a fixed order: envelope and header first, then
//   per recipient the timing, the attempts and the outcome, then the notices sent. Each
//   finding id has a [[finding]] text in rules/70-journey.toml; FindingIds() lists them.
//
//   The detectors and their policy (the thresholds are constants in the code):
//
//   journey.empty-message-id      cleanup logged message-id=<> and a recipient was refused
//                                 with a reply that names the Message-ID ("messageId",
//                                 "Message-ID"); .outbound: no such refusal, but the
//                                 message left for other hosts, where such mail is often
//                                 refused.
//   journey.unqualified-sender    pickup logged a sender without a domain (from=<apache>):
//                                 a program ran sendmail without -f; only when the message
//                                 left this host, where the envelope sender matters.
//   journey.host-name-sender      the envelope sender's domain looks like a machine's host
//                                 name (host_name.h); outbound only; not repeated when
//                                 journey.unqualified-sender already explains the sender.
//   journey.delays.*              one part of the last attempt's delays=a/b/c/d took more
//                                 than half of the total and at least 5 s: .queue (a, with
//                                 earlier attempts seen or a wait of 5 min or more, the
//                                 minimal_backoff_time), .backlog (a, a first attempt), .qmgr
//                                 (b), .connect (c), .transmit (d). Nothing when delays= was
//                                 not logged (Postfix before 2.3) or is redacted.
//   journey.deferrals.pending     two attempts or more, still queued at the end of the log;
//   journey.deferrals.delivered   delivered or bounced after at least one deferral;
//   journey.deferrals.bounced     with the history of the attempts, each with its verdict.
//   journey.expired               qmgr gave up (status=expired), with the history.
//   journey.bounce-notice         a non-delivery notice was made (bounce ... notification);
//   journey.delay-notice          a delay warning was sent to the sender.
//   journey.delivered             status=sent by smtp to another host: its name and the
//                                 queue ID it gave. A hand-over to a content filter that
//                                 re-injected the message is not a delivery; a delivery
//                                 into a mailbox here is explained by its verdict
//                                 (postfix.sent.mailbox).
//   journey.inbound-refused       our smtpd refused a client's message before it was
//                                 queued: who keeps the message and who gets the bounce;
//   journey.submission-refused    the same for a client that authenticated (our own user).
//
//   A finding that several recipients share (one delivery transaction) is given once,
//   for the whole journey.
// THREAD SAFETY
//   Pure functions; the Classifier may be shared.
// BUGS
//   A journey is judged alone and from the log only: a sender domain is judged by its
//   name (no DNS lookup), and attempts in log files that were not read are missing from
//   the history (journey.delays.queue says so when the wait shows they existed).
#ifndef MAILWHY_DIAGNOSE_FINDINGS_H_
#define MAILWHY_DIAGNOSE_FINDINGS_H_

#include <string_view>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/journey_diagnosis.h"
#include "journey/journey.h"

namespace mailwhy {

// REQUIRES: verdicts.size() == j.recipients.size() (same order).
std::vector<Finding> FindJourneyFindings(const Journey& j,
                                         const std::vector<RecipientDiagnosis>& verdicts,
                                         const Classifier& classifier);

// Every id the detectors can emit.
const std::vector<std::string_view>& FindingIds();

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_FINDINGS_H_
