// NAME
//   timeline - the story of one message, for people, in an 80-column terminal
// DESCRIPTION
//   AppendTimeline() tells a journey as it happened: each line of its evidence, in log
//   order, as one event ("received from ...", "queued", "smtp to ...: deferred", "bounce
//   notice ... sent to the sender", "left the queue") with the log line itself beneath
//   it, then per recipient the verdict: what it means, who must act, what to do, where to
//   read more. Journeys linked to it (a content filter's re-injected copy, a bounce
//   notice) are summarised after it, so the story does not stop at a hop.
//
//   Text from the log is escaped for the terminal (log lines are attacker-controlled);
//   colour is used only when asked for. Event descriptions are in the chosen language;
//   verdict texts come from the rules.
#ifndef MAILWHY_RENDER_TIMELINE_H_
#define MAILWHY_RENDER_TIMELINE_H_

#include <string>
#include <vector>

#include "diagnose/journey_diagnosis.h"
#include "diagnose/taxonomy.h"
#include "journey/journey.h"

namespace mailwhy {

struct TimelineOptions {
  Lang lang = Lang::kEn;
  bool color = false;
  bool evidence = true;        // print each event's log line
  size_t width = 80;
  const std::vector<std::string>* files = nullptr;  // for "file:line" when a text is missing
};

void AppendTimeline(const Journey& j, const JourneyDiagnosis& diagnosis,
                    const std::vector<const Journey*>& related, const TimelineOptions& options,
                    std::string* out);

// Breaks text into lines of at most `width` columns (counting a UTF-8 sequence as one
// column, two for East Asian wide characters), each starting with `indent`.
void AppendWrapped(std::string_view text, std::string_view indent, size_t width, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_RENDER_TIMELINE_H_
