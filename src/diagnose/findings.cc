// findings - run the journey detectors, and the helpers they share (see findings.h and
// finding_detectors.h).
#include "diagnose/findings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "diagnose/finding_detectors.h"
#include "util/ascii.h"
#include "util/civil_time.h"

namespace mailwhy {

namespace finding_detail {

std::string DomainOf(std::string_view address) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return std::string();
  std::string out(address.substr(at + 1));
  while (!out.empty() && (out.back() == '>' || out.back() == '.')) out.pop_back();
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string HostOf(std::string_view relay) {
  std::string_view name = relay.substr(0, relay.find('['));
  if (name == "none") return std::string();
  return std::string(name);
}

std::string AddressOf(std::string_view relay) {
  size_t open = relay.find('[');
  size_t close = relay.find(']', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::string();
  return std::string(relay.substr(open + 1, close - open - 1));
}

std::string TimeValue(const LogTime& t) {
  if (!t.known) return std::string();
  std::string s = FormatRfc3339(t.unix_us, t.utc_offset_s);
  return s.substr(0, 10) + " " + s.substr(11, 8);
}

std::string SecondsValue(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", seconds);
  return buf;
}

void Put(KeyValues* values, std::string key, std::string value) {
  if (!value.empty()) values->emplace_back(std::move(key), std::move(value));
}

bool LeftThisHost(const Journey& j) {
  for (const Recipient& r : j.recipients) {
    for (const Attempt& a : r.attempts) {
      if (a.daemon == "smtp") return true;
    }
  }
  return false;
}

namespace {

KeyValues WithoutRecipient(const KeyValues& kv) {
  KeyValues out;
  for (const auto& p : kv) {
    if (p.first != "recipient") out.push_back(p);
  }
  return out;
}

bool SameHistory(const std::vector<AttemptGroup>& a, const std::vector<AttemptGroup>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].count != b[i].count || a[i].verdict.rule_id != b[i].verdict.rule_id) return false;
  }
  return true;
}

}  // namespace

void AddOnce(std::vector<Finding>* out, Finding f) {
  KeyValues key = WithoutRecipient(f.values);
  for (Finding& g : *out) {
    if (g.id != f.id || g.recipient == f.recipient || !SameHistory(g.history, f.history)) continue;
    if (WithoutRecipient(g.values) != key) continue;
    // One delivery transaction for several recipients: say it once, for the message.
    g.recipient = -1;
    g.values = std::move(key);
    return;
  }
  out->push_back(std::move(f));
}

}  // namespace finding_detail

std::vector<Finding> FindJourneyFindings(const Journey& j,
                                         const std::vector<RecipientDiagnosis>& verdicts,
                                         const Classifier& classifier) {
  std::vector<Finding> out;
  finding_detail::Scan scan{j, verdicts, classifier, &out};
  finding_detail::DetectEnvelope(scan);
  finding_detail::DetectDelays(scan);
  finding_detail::DetectHistory(scan);
  finding_detail::DetectOutcome(scan);
  return out;
}

const std::vector<std::string_view>& FindingIds() {
  static const std::vector<std::string_view> ids = {
      "journey.empty-message-id",    "journey.empty-message-id.outbound",
      "journey.unqualified-sender",  "journey.host-name-sender",
      "journey.delays.backlog",      "journey.delays.queue",
      "journey.delays.qmgr",         "journey.delays.connect",
      "journey.delays.transmit",     "journey.deferrals.pending",
      "journey.deferrals.delivered", "journey.deferrals.bounced",
      "journey.expired",             "journey.bounce-notice",
      "journey.delay-notice",        "journey.delivered",
      "journey.inbound-refused",     "journey.submission-refused",
  };
  return ids;
}

}  // namespace mailwhy
