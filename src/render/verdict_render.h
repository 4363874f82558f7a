// NAME
//   verdict_render - a verdict as a text block for people, or as a JSON object
// SYNOPSIS
//   std::string out;
//   AppendVerdictText(v, Lang::kJa, /*color=*/false, 80, "", &out);
//   AppendVerdictJson(v, Lang::kEn, &out);   // {"reason":"authfailure",...}
// DESCRIPTION
//   AppendVerdictText() writes what the verdict means, in `lang`: a head line (reason,
//   whether Postfix retries, who must act), the summary, the explanation, numbered
//   remedies, details (DNSBL zone, listed IP, lookup URL, "text cut off"), references and
//   the rule id, each wrapped to `width` columns and prefixed with `indent`. Text taken
//   from the log (evidence, details) is escaped for the terminal.
//
//   AppendVerdictJson() writes DESIGN.md's Verdict object (JSON contract v1): reason,
//   class, side, rule, provider (null when none), summary, explanation, remedies, refs
//   (in `lang`), details (truncated as a boolean), evidence. No trailing newline: the
//   caller embeds it in a journey or ends the line.
//
//   AppendVerdictBrief() and AppendFindingBrief() write one wrapped paragraph: reason,
//   class, summary and rule id; a finding's summary and id. They are for listings, where
//   the whole text block would drown the journeys.
//
//   AppendFindingText() writes a journey finding (journey_diagnosis.h) as a bullet: its
//   summary, who must act (when the finding names someone), explanation, numbered
//   remedies, for a deferral history one line per group of attempts (time, count,
//   status, reason, summary), references and the finding id. AppendFindingJson() writes
//   the finding object of docs/FORMATS.md: id, recipient (the address, or null for the
//   whole journey), side (or null), summary, explanation, remedies, refs, values, history
//   (each group: first, last, count, status, verdict).
// BUGS
//   Colour is bold/dim only; the palette is left to the terminal.
#ifndef MAILWHY_RENDER_VERDICT_RENDER_H_
#define MAILWHY_RENDER_VERDICT_RENDER_H_

#include <string>
#include <string_view>

#include "diagnose/journey_diagnosis.h"
#include "diagnose/taxonomy.h"
#include "diagnose/verdict.h"
#include "journey/journey.h"

namespace mailwhy {

void AppendVerdictText(const Verdict& v, Lang lang, bool color, size_t width,
                       std::string_view indent, std::string* out);
void AppendVerdictJson(const Verdict& v, Lang lang, std::string* out);
// `label` starts the first line ("    verdict   "); later lines are indented as deep.
void AppendVerdictBrief(const Verdict& v, Lang lang, size_t width, std::string_view label,
                        std::string* out);

void AppendFindingText(const Finding& f, Lang lang, bool color, size_t width,
                       std::string_view indent, std::string* out);
// One wrapped paragraph: the finding's summary and id, after `label`.
void AppendFindingBrief(const Finding& f, Lang lang, size_t width, std::string_view label,
                        std::string* out);
// `j` is the journey the finding was found in (for the recipient's address).
void AppendFindingJson(const Finding& f, const Journey& j, Lang lang, std::string* out);

// The words for the verdict's class and side in `lang`, e.g. "the sending domain's DNS".
std::string_view ClassWords(FailureClass c, Lang lang);
std::string_view SideWords(Side s, Lang lang);

}  // namespace mailwhy

#endif  // MAILWHY_RENDER_VERDICT_RENDER_H_
