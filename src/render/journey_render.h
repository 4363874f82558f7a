// NAME
//   journey_render - a journey as NDJSON (the v1 contract) and as a readable text block
// DESCRIPTION
//   AppendJourneyJson() writes one line of docs/FORMATS.md's journey object, ending in
//   "\n". Verdicts are not part of a Journey (the journey layer knows what happened, not
//   why); the caller passes each recipient's verdict already rendered as a JSON object,
//   or nothing, in which case "verdict" is null. Likewise the journey's findings, each
//   rendered as a JSON object; without them (a caller that did not diagnose) "findings"
//   is null, which is not the same as an empty list.
//
//   AppendJourneyText() writes a block for people: header line, arrival, envelope, then
//   per recipient its status and attempts (and the verdict text the caller rendered),
//   then the findings text the caller rendered. All log-derived text is escaped for terminals
//   (util/terminal_text.h): log lines are attacker-controlled.
#ifndef MAILWHY_RENDER_JOURNEY_RENDER_H_
#define MAILWHY_RENDER_JOURNEY_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "journey/journey.h"

namespace mailwhy {

struct RenderContext {
  const std::vector<std::string>* files = nullptr;  // Journey::lines file index -> path
  bool color = false;
};

// verdicts: one JSON object per recipient (same order), or empty for null verdicts.
// findings: one JSON object per finding; null pointer for "findings": null.
void AppendJourneyJson(const Journey& j, const std::vector<std::string>& verdicts,
                       const std::vector<std::string>* findings, const RenderContext& ctx,
                       std::string* out);

// verdict_texts: one already-rendered text block per recipient, or empty.
// findings_text: an already-rendered block written after the recipients, or "".
void AppendJourneyText(const Journey& j, const std::vector<std::string>& verdict_texts,
                       std::string_view findings_text, const RenderContext& ctx,
                       std::string* out);

// "2022-12-05T18:38:12+09:00", or "" when unknown.
std::string TimeText(const LogTime& t);

}  // namespace mailwhy

#endif  // MAILWHY_RENDER_JOURNEY_RENDER_H_
