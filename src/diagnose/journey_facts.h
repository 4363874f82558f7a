// NAME
//   journey_facts - the classifier's input, taken from a recipient of a journey
// DESCRIPTION
//   FactsForRecipient() describes a recipient's outcome as FailureFacts: the last
//   delivery attempt's status text, dsn, reply code, enhanced code, command and relay, or,
//   for a refused recipient, smtpd's or cleanup's reply. The relay's host name is taken
//   from the text when it names one ("host mx.example.net[...] said:"), else from relay=.
//   Origin says which side wrote the text: our delivery attempt, our smtpd refusing a
//   client (inbound), or cleanup/milter refusing the content.
//
//   FactsForRecipientTo() writes into facts kept by the caller, for the diagnosis of many
//   recipients in a row.
#ifndef MAILWHY_DIAGNOSE_JOURNEY_FACTS_H_
#define MAILWHY_DIAGNOSE_JOURNEY_FACTS_H_

#include "diagnose/facts.h"
#include "journey/journey.h"

namespace mailwhy {

FailureFacts FactsForRecipient(const Journey& j, const Recipient& r);
// The same into *out, every field rewritten; its strings keep their buffers.
void FactsForRecipientTo(const Journey& j, const Recipient& r, FailureFacts* out);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_JOURNEY_FACTS_H_
