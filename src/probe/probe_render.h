// NAME
//   probe_render - a probe's checklist for people, or as one JSON object
// SYNOPSIS
//   std::string out;
//   AppendProbeText(report, Lang::kJa, /*color=*/false, 80, &out);
//   AppendProbeJson(report, Lang::kEn, &out);   // {"v":1,"probe":"smtp",...}\n
// DESCRIPTION
//   AppendProbeText() writes one line per check: its state (OK, WARN, FAIL, INFO, or
//   "--" for skipped), its name in `lang`, what was seen and how long it took; then the
//   further lines of what was seen, and under each check that is not OK its findings
//   (summary, explanation = the likely causes, numbered remedies = what to try next,
//   the finding id) and the verdicts on the server's replies (the rule's summary and
//   remedies, as `mailwhy explain` would give them). It ends with a one-line tally.
//   Everything the remote side or the DNS wrote (banners, TXT records, certificate
//   names) is escaped for the terminal.
//
//   AppendProbeJson() writes docs/FORMATS.md's probe object on one line: v, type
//   ("probe"), probe, target, result (ok | warn | fail), checks [{id, state, said,
//   seconds, data, more, findings [{id, side, summary, explanation, remedies, refs,
//   values}], verdicts [{reason, class, side, rule, provider, summary, explanation,
//   remedies, refs, details, evidence}]}].
// BUGS
//   Column alignment assumes a terminal that shows East Asian wide characters in two
//   columns.
#ifndef MAILWHY_PROBE_PROBE_RENDER_H_
#define MAILWHY_PROBE_PROBE_RENDER_H_

#include <string>
#include <string_view>

#include "diagnose/taxonomy.h"
#include "probe/probe_report.h"

namespace mailwhy {

void AppendProbeText(const ProbeReport& report, Lang lang, bool color, size_t width, std::string* out);
void AppendProbeJson(const ProbeReport& report, Lang lang, std::string* out);

// The name of a check in `lang` ("TCP connection", "TCP接続"); the id when unknown.
std::string_view CheckTitle(std::string_view id, Lang lang);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_PROBE_RENDER_H_
