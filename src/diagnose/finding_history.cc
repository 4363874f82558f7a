// finding_history - a recipient's deferrals: how many attempts, when, each one's reason,
// and how it ended (policy in findings.h).
#include <cctype>
#include <string>

#include "diagnose/finding_detectors.h"
#include "diagnose/journey_facts.h"
#include "util/ascii.h"

namespace mailwhy::finding_detail {
namespace {

// One attempt's own verdict: the recipient's facts with only this attempt, and the
// status this attempt logged (the recipient's final status may differ).
Verdict VerdictOfAttempt(const Scan& s, const Recipient& r, const Attempt& a) {
  Recipient one;
  one.address = r.address;
  one.orig_to = r.orig_to;
  one.attempts.push_back(a);
  FailureFacts f = FactsForRecipient(s.j, one);
  f.status = AsciiLowered(a.status);
  return s.classifier.Classify(f);
}

std::vector<AttemptGroup> History(const Scan& s, const Recipient& r) {
  std::vector<AttemptGroup> out;
  for (const Attempt& a : r.attempts) {
    const std::string status = AsciiLowered(a.status);
    if (!out.empty() && out.back().status == status && out.back().verdict.evidence.size() == 1 &&
        out.back().verdict.evidence.front() == a.text) {
      out.back().last = a.time;  // the same text again: the same verdict, no new scan
      ++out.back().count;
      continue;
    }
    Verdict v = VerdictOfAttempt(s, r, a);
    if (!out.empty() && out.back().status == status && out.back().verdict.rule_id == v.rule_id) {
      out.back().last = a.time;
      ++out.back().count;
      continue;
    }
    out.push_back(AttemptGroup{a.time, a.time, 1, status, std::move(v)});
  }
  return out;
}

int Deferrals(const Recipient& r) {
  int n = 0;
  for (const Attempt& a : r.attempts) n += AsciiLowered(a.status) == "deferred" ? 1 : 0;
  return n;
}

// The finding for how the recipient's attempts ended, or "" when there is no history
// worth telling (one attempt that decided at once).
const char* HistoryId(const Recipient& r, int deferrals) {
  if (r.status == RecipientStatus::kExpired) return "journey.expired";
  if (deferrals == 0) return "";
  if (r.status == RecipientStatus::kSent) return "journey.deferrals.delivered";
  if (r.status == RecipientStatus::kBounced) return "journey.deferrals.bounced";
  const bool waiting = r.status == RecipientStatus::kDeferred || r.status == RecipientStatus::kPending;
  if (waiting && r.attempts.size() >= 2) return "journey.deferrals.pending";
  return "";
}

double SecondsBetween(const LogTime& from, const LogTime& to) {
  if (!from.known || !to.known || to.unix_us < from.unix_us) return -1;
  return static_cast<double>(to.unix_us - from.unix_us) / 1e6;
}

}  // namespace

void DetectHistory(const Scan& s) {
  for (size_t i = 0; i < s.j.recipients.size(); ++i) {
    const Recipient& r = s.j.recipients[i];
    const int deferrals = Deferrals(r);
    const char* id = HistoryId(r, deferrals);
    if (*id == '\0') continue;
    Finding f;
    f.id = id;
    f.recipient = static_cast<int>(i);
    Put(&f.values, "recipient", r.address);
    Put(&f.values, "qid", s.j.qid);
    Put(&f.values, "attempts", std::to_string(r.attempts.size()));
    Put(&f.values, "deferrals", std::to_string(deferrals));
    if (!r.attempts.empty()) {
      Put(&f.values, "first", TimeValue(r.attempts.front().time));
      Put(&f.values, "last", TimeValue(r.attempts.back().time));
    }
    // How long the message had been in the queue when the story ended.
    const LogTime& end = r.status == RecipientStatus::kExpired || r.attempts.empty()
                             ? s.j.last_seen
                             : r.attempts.back().time;
    double span = SecondsBetween(s.j.first_seen, end);
    if (span >= 0) Put(&f.values, "span_seconds", SecondsValue(span));
    Put(&f.values, "sender", s.j.from);
    f.history = History(s, r);
    AddOnce(s.out, std::move(f));
  }
}

}  // namespace mailwhy::finding_detail
