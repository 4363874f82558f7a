// NAME
//   pasted - turn text a user pasted into FailureFacts
// DESCRIPTION
//   PastedFacts() accepts, in this order of preference:
//     - Postfix log lines, with or without the syslog prefix: every delivery line with a
//       status other than sent... and every reject, cleanup reject, "refused to talk to
//       me" note and connect failure becomes one FailureFacts (ParseRecord, ParseEvent);
//       a pasted status=sent line becomes facts too, so `explain` can say "delivered";
//     - otherwise the whole paste is one text: a bare SMTP reply (a multi-line reply's
//       lines are joined), a Postfix status text ("host X[A] said: ..."), a bounce-mail
//       fragment ("<bob@example.net>: host ... said: ...", "(reason: 550 ...)"). The
//       recipient is the first address in it, the relay the host of "host X[A] said"
//       or "connect to X[A]".
//   An empty or blank paste gives one FailureFacts with no text (verdict: undefined).
// BUGS
//   A paste mixing log lines and free text keeps only the log lines.
#ifndef MAILWHY_DIAGNOSE_PASTED_H_
#define MAILWHY_DIAGNOSE_PASTED_H_

#include <string_view>
#include <vector>

#include "diagnose/facts.h"

namespace mailwhy {

std::vector<FailureFacts> PastedFacts(std::string_view pasted);

// The bare-text reading of one paste (the second case above).
FailureFacts BareTextFacts(std::string_view text);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_PASTED_H_
