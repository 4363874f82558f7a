// finding_outcome - how each recipient's story ended, told from the journey: where a
// delivered message went next, who keeps a refused one, which notices were sent (policy
// in findings.h).
#include <string>

#include "diagnose/finding_detectors.h"

namespace mailwhy::finding_detail {
namespace {

// A hand-over to a content filter that re-injected the message (its queued-as ID is a
// child of this journey) is a hop inside this server, not a delivery.
bool HandedToFilter(const Journey& j, const Attempt& a) {
  if (a.queued_as.empty()) return false;
  for (const Link& l : j.children) {
    if (l.qid == a.queued_as && (l.kind == "reinjected" || l.kind == "forwarded")) return true;
  }
  return false;
}

void DetectDelivered(const Scan& s, size_t i) {
  const Recipient& r = s.j.recipients[i];
  if (r.status != RecipientStatus::kSent || r.attempts.empty()) return;
  const Attempt& a = r.attempts.back();
  if (a.daemon != "smtp" || HandedToFilter(s.j, a)) return;
  Finding f;
  f.id = "journey.delivered";
  f.recipient = static_cast<int>(i);
  Put(&f.values, "recipient", r.address);
  Put(&f.values, "relay", a.relay);
  Put(&f.values, "relay_host", HostOf(a.relay));
  Put(&f.values, "queued_as", a.queued_as);
  Put(&f.values, "time", TimeValue(a.time));
  Put(&f.values, "delivery_text", a.text);
  Put(&f.values, "sender", s.j.from);
  s.out->push_back(std::move(f));
}

// Refused while the client was still talking: nothing was queued here.
void DetectRefused(const Scan& s, size_t i) {
  const Recipient& r = s.j.recipients[i];
  if (r.status != RecipientStatus::kRejected || !r.attempts.empty()) return;
  const Client& c = s.j.client;
  if (s.j.arrival != "smtpd" && s.j.qid != "NOQUEUE") return;  // pickup: the program saw it
  Finding f;
  f.id = c.sasl_user.empty() ? "journey.inbound-refused" : "journey.submission-refused";
  f.recipient = static_cast<int>(i);
  Put(&f.values, "recipient", r.address);
  Put(&f.values, "sender", s.j.from);
  Put(&f.values, "client", c.name);
  Put(&f.values, "client_ip", c.ip);
  Put(&f.values, "helo", c.helo);
  Put(&f.values, "sasl_user", c.sasl_user);
  Put(&f.values, "stage", r.reject_stage);
  if (r.reject_reply.code) Put(&f.values, "code", std::to_string(r.reject_reply.code));
  Put(&f.values, "time", TimeValue(s.j.first_seen));
  AddOnce(s.out, std::move(f));
}

void DetectNotices(const Scan& s) {
  for (const Link& l : s.j.children) {
    const char* id = l.kind == "non-delivery-notification" ? "journey.bounce-notice"
                     : l.kind == "delay-notification"      ? "journey.delay-notice"
                                                           : nullptr;
    if (id == nullptr) continue;
    Finding f;
    f.id = id;
    Put(&f.values, "notice_qid", l.qid);
    // The null sender gets no notice: Postfix sends it to the postmaster instead.
    Put(&f.values, "sender", s.j.from);
    s.out->push_back(std::move(f));
  }
}

}  // namespace

void DetectOutcome(const Scan& s) {
  for (size_t i = 0; i < s.j.recipients.size(); ++i) {
    DetectDelivered(s, i);
    DetectRefused(s, i);
  }
  DetectNotices(s);
}

}  // namespace mailwhy::finding_detail
