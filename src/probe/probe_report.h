// NAME
//   probe_report - the result of a live check: a checklist of steps, each with a verdict
// SYNOPSIS
//   ProbeReport r;  r.kind = "smtp";  r.target = "mail.example.com:587";
//   ProbeCheck& c = r.Add("smtp.connect");
//   c.state = CheckState::kFail;
//   c.said = Said("203.0.113.111:587: connection refused", "203.0.113.111:587: 接続拒否");
//   AddFinding(&c, classifier, "probe.smtp.connect.refused", {{"relay", "..."}});
// DESCRIPTION
//   A ProbeReport lists what a probe looked at, in order. Each ProbeCheck has a stable
//   id ("smtp.banner", "domain.spf"), a state, what was seen (`said`, in both languages
//   where words are needed; technical values are the same in both), how long the step
//   took, machine-readable `data` for JSON, and what it means:
//     findings   texts of the knowledge base ([[finding]] tables of rules/60-probe.toml):
//                summary, explanation (the likely causes) and remedies (what to try);
//     verdicts   a remote server's reply (a 554 greeting, a refused EHLO) classified by
//                the same rules as a log line, so the remedies are the log diagnosis's.
//
//   States: ok; info (a fact worth knowing, nothing wrong); warn (works, but a receiver
//   or a requirement may object); fail (this step failed or the requirement is not met);
//   skipped (not reached, or not applicable). A report has failed when any check failed.
//
//   AddFinding() looks the finding's texts up in the classifier's rule set; with no
//   classifier (unit tests) the finding carries its id and values only.
// THREAD SAFETY
//   Plain values.
#ifndef MAILWHY_PROBE_PROBE_REPORT_H_
#define MAILWHY_PROBE_PROBE_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/journey_diagnosis.h"
#include "diagnose/verdict.h"

namespace mailwhy {

enum class CheckState { kOk, kInfo, kWarn, kFail, kSkipped };

std::string_view ToString(CheckState s);  // "ok", "info", "warn", "fail", "skipped"

// A short text in both languages; `ja` empty means the same as `en`.
struct LocalText {
  std::string en, ja;
  const std::string& In(Lang lang) const { return lang == Lang::kJa && !ja.empty() ? ja : en; }
  bool empty() const { return en.empty(); }
};
inline LocalText Said(std::string en, std::string ja = std::string()) {
  return LocalText{std::move(en), std::move(ja)};
}

struct ProbeCheck {
  std::string id;
  CheckState state = CheckState::kOk;
  LocalText said;              // what was seen; may hold remote text (escape on output)
  std::vector<LocalText> more; // further lines of what was seen (capabilities, records)
  double seconds = -1;         // how long the step took; < 0 = not timed
  KeyValues data;              // facts for JSON: "code" "554", "protocol" "TLSv1.3", ...
  std::vector<Finding> findings;
  std::vector<Verdict> verdicts;

  std::string Data(std::string_view key) const;
  bool HasFinding(std::string_view id) const;
};

struct ProbeReport {
  std::string kind;    // "smtp" or "domain"
  std::string target;  // as given
  std::vector<ProbeCheck> checks;

  ProbeCheck& Add(std::string id);
  const ProbeCheck* Find(std::string_view id) const;
  bool failed() const;
  // Every finding id in the report, in order (for tests and summaries).
  std::vector<std::string> FindingIds() const;
};

// Adds the finding `id` with `values` (placeholders of its texts) to the check.
void AddFinding(ProbeCheck* check, const Classifier* classifier, std::string id, KeyValues values = {});

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_PROBE_REPORT_H_
