// finding_envelope - findings about the envelope and the header: an empty Message-ID, a
// sender without a domain, a sender at a machine's host name (policy in findings.h).
#include <cctype>
#include <string>

#include "diagnose/finding_detectors.h"
#include "diagnose/host_name.h"
#include "util/ascii.h"

namespace mailwhy::finding_detail {
namespace {

bool EmptyMessageId(const Journey& j) {
  return j.has_message_id && (j.message_id == "<>" || j.message_id.empty());
}

// Gmail writes "messageId", others "Message-ID" or "message id".
bool NamesMessageId(std::string_view text) {
  std::string t = AsciiLowered(text);
  return t.find("messageid") != std::string::npos || t.find("message-id") != std::string::npos ||
         t.find("message id") != std::string::npos;
}

// The recipient whose refusal names the Message-ID, or -1. A refusal for another header
// (several From: addresses) is not blamed on the empty Message-ID.
int RefusedForMessageId(const Scan& s) {
  for (size_t i = 0; i < s.verdicts.size(); ++i) {
    const RecipientDiagnosis& d = s.verdicts[i];
    if (!d.has_verdict || d.verdict.failure_class == FailureClass::kNone) continue;
    if (!d.verdict.evidence.empty() && NamesMessageId(d.verdict.evidence.front())) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void DetectEmptyMessageId(const Scan& s) {
  if (!EmptyMessageId(s.j)) return;
  Finding f;
  const int refused = RefusedForMessageId(s);
  if (refused >= 0) {
    const Recipient& r = s.j.recipients[refused];
    f.id = "journey.empty-message-id";
    f.recipient = refused;
    Put(&f.values, "recipient", r.address);
    if (!r.attempts.empty()) Put(&f.values, "relay_host", HostOf(r.attempts.back().relay));
  } else if (LeftThisHost(s.j)) {
    f.id = "journey.empty-message-id.outbound";
  } else {
    return;  // kept here: local mailboxes do not refuse it
  }
  Put(&f.values, "sender", s.j.from);
  Put(&f.values, "sender_domain", DomainOf(s.j.from));
  Put(&f.values, "client", s.j.client.name);
  Put(&f.values, "client_ip", s.j.client.ip);
  Put(&f.values, "sasl_user", s.j.client.sasl_user);
  s.out->push_back(std::move(f));
}

// pickup logged a sender without "@": sendmail ran without -f.
bool DetectUnqualifiedSender(const Scan& s) {
  const Pickup& p = s.j.pickup;
  if (p.sender.empty() || p.sender.find('@') != std::string::npos) return false;
  if (!LeftThisHost(s.j)) return false;
  Finding f;
  f.id = "journey.unqualified-sender";
  if (p.uid >= 0) Put(&f.values, "uid", std::to_string(p.uid));
  Put(&f.values, "pickup_sender", p.sender);
  Put(&f.values, "sender", s.j.has_from ? s.j.from : std::string());
  Put(&f.values, "sender_domain", DomainOf(s.j.from));
  s.out->push_back(std::move(f));
  return true;
}

void DetectHostNameSender(const Scan& s) {
  if (!s.j.has_from || s.j.from.empty() || s.j.arrival == "bounce") return;
  if (!LeftThisHost(s.j)) return;
  const std::string domain = DomainOf(s.j.from);
  const std::string label = MachineHostLabel(domain, s.j.host, s.j.client.name);
  if (label.empty()) return;
  Finding f;
  f.id = "journey.host-name-sender";
  Put(&f.values, "sender", s.j.from);
  Put(&f.values, "sender_domain", domain);
  Put(&f.values, "host_label", label);
  Put(&f.values, "host", s.j.host == "***" ? std::string() : s.j.host);
  s.out->push_back(std::move(f));
}

}  // namespace

void DetectEnvelope(const Scan& s) {
  DetectEmptyMessageId(s);
  // The unqualified sender's remedy (sendmail -f) fixes a host-name domain too.
  if (!DetectUnqualifiedSender(s)) DetectHostNameSender(s);
}

}  // namespace mailwhy::finding_detail
