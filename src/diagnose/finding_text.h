// NAME
//   finding_text - a journey finding's texts in one language, placeholders filled
// SYNOPSIS
//   VerdictTexts t = TextsOf(finding, Lang::kJa);
//   DurationWords(248120, Lang::kEn)    // "2.9 days"
// DESCRIPTION
//   TextsOf() fills the finding's [[finding]] texts (finding_rule.h) from its values, the
//   way rule texts are filled (verdict.h): "{name}" and "{name|fallback}"; a remedy
//   whose placeholder has neither a value nor a fallback is left out. A value named
//   X_seconds also fills {X} with the duration in words of `lang`. A finding whose texts
//   are missing (a user rule file replaced the built-in one) gets its id as summary.
//
//   DurationWords() rounds to what a person needs: seconds below a minute and a half,
//   then minutes, hours (one decimal) below a day and a half, then days (one decimal).
// BUGS
//   English plurals are "1 day" / "N days" only; "1.0" is printed as "1".
#ifndef MAILWHY_DIAGNOSE_FINDING_TEXT_H_
#define MAILWHY_DIAGNOSE_FINDING_TEXT_H_

#include <string>

#include "diagnose/journey_diagnosis.h"
#include "diagnose/taxonomy.h"
#include "diagnose/verdict.h"

namespace mailwhy {

VerdictTexts TextsOf(const Finding& f, Lang lang);

std::string DurationWords(double seconds, Lang lang);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_FINDING_TEXT_H_
