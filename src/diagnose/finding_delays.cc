// finding_delays - delays=a/b/c/d in words when one part took most of the time (policy in
// findings.h).
//
// Postfix (2.3 and later) splits an attempt's delay into a: before the queue manager
// (arrival, earlier deferrals), b: in the queue manager (scheduling), c: connection
// set-up (DNS, TCP, greeting, HELO, TLS) and d: transmission. A part that dominates says
// where to look: c of 60 s is MX hosts that did not answer, a of days is a message that
// was deferred again and again.
#include <cmath>
#include <string>

#include "diagnose/finding_detectors.h"

namespace mailwhy::finding_detail {
namespace {

// A part dominates when it is more than half the total and long enough to notice.
constexpr double kDominantShare = 0.5;
constexpr double kDominantMinSeconds = 5;
// Postfix's minimal_backoff_time: a first attempt that waited longer than this was most
// likely deferred before, in a log that was not read.
constexpr double kRetryWaitSeconds = 300;

// The dominant part's index (0..3), or -1.
int DominantPart(const Attempt& a, double* total) {
  *total = 0;
  for (double d : a.delays) {
    if (d < 0 || !std::isfinite(d)) return -1;  // not logged, or redacted
    *total += d;
  }
  if (*total <= 0) return -1;
  for (int k = 0; k < 4; ++k) {
    if (a.delays[k] > kDominantShare * *total && a.delays[k] >= kDominantMinSeconds) return k;
  }
  return -1;
}

const char* PartId(int part, size_t attempt_index, double seconds) {
  switch (part) {
    case 0:
      return attempt_index > 0 || seconds >= kRetryWaitSeconds ? "journey.delays.queue"
                                                                : "journey.delays.backlog";
    case 1: return "journey.delays.qmgr";
    case 2: return "journey.delays.connect";
    default: return "journey.delays.transmit";
  }
}

// The hosts that failed before this attempt connected ("connect to H[A]:25: ...").
std::string FailedHosts(const Attempt& a) {
  std::string out;
  for (const AttemptNote& n : a.notes) {
    if (n.shape != TextShape::kConnectFailed) continue;
    std::string_view t = n.text;
    if (t.rfind("connect to ", 0) == 0) t.remove_prefix(11);
    out += (out.empty() ? "" : "; ") + std::string(t);
  }
  return out;
}

}  // namespace

void DetectDelays(const Scan& s) {
  for (size_t i = 0; i < s.j.recipients.size(); ++i) {
    const Recipient& r = s.j.recipients[i];
    if (r.attempts.empty()) continue;
    const Attempt& a = r.attempts.back();
    double total = 0;
    const int part = DominantPart(a, &total);
    if (part < 0) continue;
    Finding f;
    f.id = PartId(part, r.attempts.size() - 1, a.delays[part]);
    f.recipient = static_cast<int>(i);
    Put(&f.values, "recipient", r.address);
    Put(&f.values, "recipient_domain", DomainOf(r.address));
    Put(&f.values, "qid", s.j.qid);
    Put(&f.values, "part_seconds", SecondsValue(a.delays[part]));
    Put(&f.values, "total_seconds", SecondsValue(total));
    Put(&f.values, "share", std::to_string(static_cast<int>(a.delays[part] * 100 / total)));
    Put(&f.values, "try", std::to_string(r.attempts.size()));
    std::string host = HostOf(a.relay);  // relay=none when no MX host answered
    Put(&f.values, "relay_host", host.empty() ? HostOf(a.remote) : host);
    if (part == 2) Put(&f.values, "failed_hosts", FailedHosts(a));
    AddOnce(s.out, std::move(f));
  }
}

}  // namespace mailwhy::finding_detail
