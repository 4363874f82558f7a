// NAME
//   evidence - fetch the text of the log lines that a few journeys point at
// DESCRIPTION
//   Keeping every line's text while correlating a large log would copy the whole log
//   into memory. Commands that show evidence for a handful of journeys (`why`) correlate
//   without texts, then call FillEvidenceText(), which reads each needed file once more
//   and copies just the lines the journeys reference (their Journey::lines and the lines
//   of their attempt notes).
// DIAGNOSTICS
//   A file that can no longer be read (rotated away meanwhile, stdin) leaves those texts
//   empty and returns its error; the others are still filled.
#ifndef MAILWHY_JOURNEY_EVIDENCE_H_
#define MAILWHY_JOURNEY_EVIDENCE_H_

#include <string>
#include <vector>

#include "journey/journey.h"
#include "util/status.h"

namespace mailwhy {

Status FillEvidenceText(const std::vector<std::string>& files, const std::vector<Journey*>& journeys);

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_EVIDENCE_H_
