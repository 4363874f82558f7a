// report_builder - count journeys into ReportData as they stream past (see report_builder.h).
#include "report/report_builder.h"

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/journey_diagnosis.h"
#include "postfix/event.h"
#include "report/address_keys.h"
#include "report/failure_tally.h"

namespace mailwhy {

namespace {

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Postfix refuses the whole message at these stages (one log line for all recipients).
bool IsWholeMessageStage(std::string_view stage) {
  return IsOneOf(stage, {"DATA", "BDAT", "END-OF-MESSAGE", "header", "body", "content", "mime-error"});
}

bool IsRefusalAction(std::string_view action) {
  return IsOneOf(action, {"reject", "milter-reject", "defer", "proxy-reject", "defer_if_permit",
                          "defer_if_reject"});
}

bool IsDeferral(std::string_view status) { return status == "deferred" || status == "SOFTBOUNCE"; }

bool IsForwarded(const Attempt& a) { return a.text.find("forwarded as ") != std::string::npos; }

// A hop into a content filter: sent, and the filter returned the message as the child
// named in "queued as".
bool IsFilterHop(const Journey& j, const Attempt& a) {
  if (a.queued_as.empty()) return false;
  for (const Link& l : j.children) {
    if (l.kind == "reinjected" && l.qid == a.queued_as && l.host.empty()) return true;
  }
  return false;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Seconds since the epoch in the time's own zone: the civil day and hour it was logged in.
int64_t LocalSeconds(const LogTime& t) { return FloorDiv(t.unix_us, 1000000) + t.utc_offset_s; }

// The text a detail table lists: the remote's reply when there was one (without
// "host X said:"), else Postfix's own status text; masked into `out`.
const std::string& DetailText(const Attempt& a, std::string* out) {
  MaskVariablePartsTo(a.reply.code != 0 && !a.reply.text.empty() ? a.reply.text : a.text, out);
  return *out;
}

LogTime RefusalTime(const Journey& j, size_t recipient) {
  for (const LineRef& ref : j.lines) {
    if (ref.recipient == static_cast<int32_t>(recipient) &&
        (ref.kind == EventKind::kSmtpdReject || ref.kind == EventKind::kCleanupAction)) {
      return ref.time;
    }
  }
  return j.last_seen;
}

LogTime ExpiryTime(const Journey& j) {
  for (const LineRef& ref : j.lines) {
    if (ref.kind == EventKind::kQmgrExpired) return ref.time;
  }
  return j.last_seen;
}

// "name[address]", as the examples show a client (the port is left out).
void ClientTextTo(const Client& c, std::string* out) { PeerTextTo(Peer{c.name, c.ip, {}}, out); }

// Index of a refusal that concerns no recipient of the journey.
constexpr size_t kNoRecipient = static_cast<size_t>(-1);

// What happened to a recipient that the report explains with a verdict.
struct Failed {
  size_t recipient;
  Outcome outcome;
  LogTime time;
};

struct Refused {
  size_t recipient;
  std::string stage;
  LogTime time;
  int64_t lines;
};

struct Delayed {
  size_t recipient;
  size_t deferral;     // index of the last deferred attempt before the delivery
  LogTime time;        // of the delivery
};

}  // namespace

// What a journey's counting found for diagnosis to explain.
struct ReportBuilder::Failures {
  std::vector<Failed> failed;
  std::vector<Refused> refused;
  std::vector<Delayed> delayed;
  bool empty() const { return failed.empty() && refused.empty() && delayed.empty(); }
  void Clear() {
    failed.clear();
    refused.clear();
    delayed.clear();
  }
};

struct ReportBuilder::Waiting {
  Journey journey;
  Failures failures;
};

// Per-journey scratch, reused so that counting a journey does not allocate.
struct ReportBuilder::Scratch {
  Failures failures;
  // Verdicts of the journey's recipients, classified when first asked for.
  std::vector<Verdict> verdicts;
  std::vector<bool> classified;
  // Buffers for keys and texts that are looked up, and copied only when new.
  std::string key, domain, text;
  Example example;
  Recipient past;        // a delayed recipient as it stood at its last deferral
};

ReportBuilder::ReportBuilder(const ReportOptions& options,
                             std::shared_future<const Classifier*> classifier)
    : ReportBuilder(options, nullptr) {
  late_classifier_ = std::move(classifier);
}

ReportBuilder::ReportBuilder(const ReportOptions& options, const Classifier* classifier)
    : options_(options), classifier_(classifier), scratch_(std::make_unique<Scratch>()) {
  data_.deferral_detail = DetailTally(options.max_detail_texts);
  data_.bounce_detail = DetailTally(options.max_detail_texts);
  data_.reject_detail = DetailTally(options.max_detail_texts);
  data_.source.has_since = options.since_us.has_value();
  data_.source.has_until = options.until_us.has_value();
  data_.source.since_us = options.since_us.value_or(0);
  data_.source.until_us = options.until_us.value_or(0);
}

bool ReportBuilder::InWindow(const LogTime& t) const {
  if (!options_.since_us && !options_.until_us) return true;
  if (!t.known) return false;
  if (options_.since_us && t.unix_us < *options_.since_us) return false;
  if (options_.until_us && t.unix_us >= *options_.until_us) return false;
  return true;
}

void ReportBuilder::Note(const LogTime& t) {
  counted_ = true;
  if (!t.known) return;
  LogTime& first = data_.source.first;
  LogTime& last = data_.source.last;
  if (!first.known || t.unix_us < first.unix_us) first = t;
  if (!last.known || t.unix_us > last.unix_us) last = t;
}

void ReportBuilder::CountTraffic(const LogTime& t, int64_t TrafficCounts::*field) {
  if (!t.known) return;
  int64_t local = LocalSeconds(t);
  int64_t day = FloorDiv(local, 86400);
  int hour = static_cast<int>((local - day * 86400) / 3600);
  ++(data_.per_day[day].*field);
  ++(data_.per_hour[hour].*field);
}

void ReportBuilder::OnJourney(Journey&& j) {
  ++data_.source.journeys;
  for (const Check& c : j.checks) {
    if (c.action == "reject_warning") ++qid_reject_warnings_;
  }
  if (options_.since_us || options_.until_us) {
    // Cheap skip of journeys wholly outside the window.
    if (j.last_seen.known && options_.since_us && j.last_seen.unix_us < *options_.since_us) return;
    if (j.first_seen.known && options_.until_us && j.first_seen.unix_us >= *options_.until_us) return;
  }
  counted_ = false;
  Failures& failures = scratch_->failures;
  failures.Clear();
  if (j.qid == "NOQUEUE") {
    CountNoqueue(j);
  } else {
    CountArrival(j);
    CountDeliveries(j);
    CountRefusals(j);
    CountChecks(j);
    CountExpiry(j);
  }
  if (counted_) ++data_.source.journeys_counted;
  if (failures.empty()) return;
  if (ClassifierKnown(waiting_.size() >= kMaxWaiting)) {
    DiagnoseFailures(j, failures);
  } else {
    waiting_.push_back(Waiting{std::move(j), failures});
  }
}

bool ReportBuilder::ClassifierKnown(bool wait) {
  if (!late_classifier_.valid()) return true;
  if (!wait && late_classifier_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return false;
  }
  classifier_ = late_classifier_.get();
  late_classifier_ = {};
  for (const Waiting& w : waiting_) DiagnoseFailures(w.journey, w.failures);
  waiting_.clear();
  return true;
}

void ReportBuilder::Finish() { ClassifierKnown(true); }

size_t ReportBuilder::waiting() const { return waiting_.size(); }

void ReportBuilder::CountArrival(const Journey& j) {
  ReportTotals& t = data_.totals;
  if (j.parent.kind == "reinjected") {
    // The content filter's return trip: the same message, already counted as received.
    if (InWindow(j.first_seen)) {
      Note(j.first_seen);
      ++t.reinjected;
    }
    return;
  }
  if (j.arrival != "smtpd" && j.arrival != "pickup") return;
  if (!InWindow(j.first_seen)) return;
  Note(j.first_seen);
  if (j.end == JourneyEnd::kAborted) {
    ++t.received_aborted;
    return;
  }
  if (j.end == JourneyEnd::kRejected) {
    ++t.received_refused;
    return;
  }
  ++t.received;
  CountTraffic(j.first_seen, &TrafficCounts::received);
  if (j.size < 0 || !j.has_from) return;  // no qmgr line: neither size nor sender known
  t.bytes_received += j.size;
  std::string& sender = scratch_->key;
  if (j.from.empty()) {
    sender.assign("from=<>");
  } else {
    AddressKeyTo(j.from, &sender);
  }
  std::string& domain = scratch_->domain;
  std::string_view d = AddressDomain(sender);
  if (d.size() != sender.size()) {
    domain.assign(d);
  } else if (j.arrival == "pickup") {
    domain.assign(sender);
  } else {
    domain = ClientDomain(j.client.name, j.client.ip);
  }
  VolumeStats& s = data_.senders.Count(sender);
  ++s.count;
  s.bytes += j.size;
  VolumeStats& sd = data_.sender_domains.Count(domain);
  ++sd.count;
  sd.bytes += j.size;
}

void ReportBuilder::CountNoqueue(const Journey& j) {
  if (j.recipients.empty() || !InWindow(j.first_seen)) return;
  const Recipient& r = j.recipients.front();
  if (r.status == RecipientStatus::kRejected) {
    Note(j.first_seen);
    ++data_.totals.rejected;
    CountTraffic(j.first_seen, &TrafficCounts::rejected);
    MaskVariablePartsTo(r.reject_reply.text, &scratch_->text);
    data_.reject_detail.Add(r.reject_stage, scratch_->text);
    scratch_->failures.refused.push_back({0, r.reject_stage, j.first_seen, 1});
  } else if (r.status == RecipientStatus::kDiscarded) {
    Note(j.first_seen);
    ++data_.totals.discarded;
  }
}

void ReportBuilder::CountDeliveries(const Journey& j) {
  ReportTotals& t = data_.totals;
  bool deferred = false;
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    const Recipient& r = j.recipients[i];
    if (r.attempts.empty()) continue;
    std::string& key = scratch_->key;
    AddressKeyTo(r.address, &key);
    const std::string_view domain = AddressDomain(key);
    size_t last_deferral = r.attempts.size();
    for (size_t k = 0; k < r.attempts.size(); ++k) {
      const Attempt& a = r.attempts[k];
      const bool in = InWindow(a.time);
      if (IsDeferral(a.status)) last_deferral = k;
      if (!in) continue;
      if (a.status == "sent") {
        Note(a.time);
        if (IsForwarded(a)) {
          ++t.forwarded;
          continue;
        }
        if (IsFilterHop(j, a)) {
          ++t.filter_deliveries;
          t.filter_bytes += std::max<int64_t>(j.size, 0);
          continue;
        }
        ++t.delivered;
        CountTraffic(a.time, &TrafficCounts::delivered);
        DeliveryDomainStats& d = CountFor(data_.recipient_domains, domain);
        ++d.sent;
        double delay = std::max(a.delay, 0.0);
        d.delay_sum += delay;
        d.delay_max = std::max(d.delay_max, delay);
        VolumeStats& rv = data_.recipients.Count(key);
        ++rv.count;
        if (j.size >= 0) {
          t.bytes_delivered += j.size;
          d.bytes += j.size;
          rv.bytes += j.size;
        } else {
          ++t.delivered_without_size;
          data_.no_size.Add(j.qid + " (" + j.host + ")", r.address);
        }
        if (last_deferral < k) scratch_->failures.delayed.push_back({i, last_deferral, a.time});
      } else if (IsDeferral(a.status)) {
        Note(a.time);
        ++t.deferrals;
        deferred = true;
        CountTraffic(a.time, &TrafficCounts::deferred);
        DeliveryDomainStats& d = CountFor(data_.recipient_domains, domain);
        ++d.defers;
        d.delay_max = std::max(d.delay_max, std::max(a.delay, 0.0));
        data_.deferral_detail.Add(a.daemon, DetailText(a, &scratch_->text));
      } else if (a.status == "bounced") {
        Note(a.time);
        ++t.bounced;
        CountTraffic(a.time, &TrafficCounts::bounced);
        ++CountFor(data_.recipient_domains, domain).bounced;
        data_.bounce_detail.Add(RelayHost(a.relay), DetailText(a, &scratch_->text));
      }
    }
    const LogTime& last_time = r.attempts.back().time;
    if (r.status == RecipientStatus::kBounced && InWindow(last_time)) {
      scratch_->failures.failed.push_back({i, Outcome::kBounced, last_time});
    } else if (r.status == RecipientStatus::kDeferred && InWindow(last_time)) {
      ++t.still_deferred;
      scratch_->failures.failed.push_back({i, Outcome::kDeferred, last_time});
    }
  }
  if (deferred) ++t.deferred;
}

void ReportBuilder::CountRefusals(const Journey& j) {
  ReportTotals& t = data_.totals;
  // Whole-message refusals by cleanup or a milter are checks: one line each.
  int64_t check_lines = 0;
  bool any_check = false;
  LogTime check_time;
  for (const Check& c : j.checks) {
    if (!IsRefusalAction(c.action)) continue;
    any_check = true;
    if (!InWindow(c.time)) continue;
    Note(c.time);
    ++check_lines;
    if (!check_time.known) check_time = c.time;
    ++t.rejected;
    CountTraffic(c.time, &TrafficCounts::rejected);
    MaskVariablePartsTo(c.text, &scratch_->text);
    data_.reject_detail.Add(c.stage, scratch_->text);
  }
  bool whole_done = false;
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    const Recipient& r = j.recipients[i];
    if (r.status != RecipientStatus::kRejected) continue;
    if (IsWholeMessageStage(r.reject_stage)) {
      // One line refused the message for every recipient: count (and explain) it once.
      if (whole_done) continue;
      whole_done = true;
      if (any_check) {
        if (check_lines > 0) scratch_->failures.refused.push_back({i, r.reject_stage, check_time, check_lines});
        continue;
      }
      LogTime when = RefusalTime(j, i);
      if (!InWindow(when)) continue;
      Note(when);
      ++t.rejected;
      CountTraffic(when, &TrafficCounts::rejected);
      MaskVariablePartsTo(r.reject_reply.text, &scratch_->text);
      data_.reject_detail.Add(r.reject_stage, scratch_->text);
      scratch_->failures.refused.push_back({i, r.reject_stage, when, 1});
      continue;
    }
    LogTime when = RefusalTime(j, i);
    if (!InWindow(when)) continue;
    Note(when);
    ++t.rejected;
    CountTraffic(when, &TrafficCounts::rejected);
    MaskVariablePartsTo(r.reject_reply.text, &scratch_->text);
    data_.reject_detail.Add(r.reject_stage, scratch_->text);
    scratch_->failures.refused.push_back({i, r.reject_stage, when, 1});
  }
  if (check_lines > 0 && !whole_done) {
    // A content refusal that named no recipient: still explained, so that the refusal
    // groups add up to the rejected total.
    const Check* first = nullptr;
    for (const Check& c : j.checks) {
      if (IsRefusalAction(c.action) && InWindow(c.time)) {
        first = &c;
        break;
      }
    }
    scratch_->failures.refused.push_back({kNoRecipient, first->stage, check_time, check_lines});
  }
}

void ReportBuilder::CountChecks(const Journey& j) {
  ReportTotals& t = data_.totals;
  for (const Check& c : j.checks) {
    const std::string_view a = c.action;
    int64_t* counter = nullptr;
    if (a == "hold" || a == "milter-hold") counter = &t.held;
    else if (a == "discard" || a == "milter-discard") counter = &t.discarded;
    else if (a == "warning" || a == "reject_warning") counter = &t.reject_warnings;
    if (counter == nullptr || !InWindow(c.time)) continue;
    Note(c.time);
    ++*counter;
  }
}

void ReportBuilder::CountExpiry(const Journey& j) {
  if (!j.expired) return;
  LogTime when = ExpiryTime(j);
  if (!InWindow(when)) return;
  Note(when);
  ++data_.totals.expired;
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    if (j.recipients[i].status == RecipientStatus::kExpired) {
      scratch_->failures.failed.push_back({i, Outcome::kExpired, when});
    }
  }
}

void ReportBuilder::DiagnoseFailures(const Journey& j, const Failures& failures) {
  if (failures.empty()) return;
  const bool expired_here =
      j.expired && std::any_of(failures.failed.begin(), failures.failed.end(),
                               [](const Failed& f) { return f.outcome == Outcome::kExpired; });

  // Each counted recipient's verdict (DiagnoseRecipient: its last attempt or refusal),
  // classified once; the journey's findings, which the report does not show, are not
  // looked for.
  Scratch& sc = *scratch_;
  sc.verdicts.resize(j.recipients.size());
  sc.classified.assign(j.recipients.size(), false);
  static const Verdict kNoVerdict;
  auto verdict_of = [&](size_t i) -> const Verdict& {
    if (classifier_ == nullptr || i >= j.recipients.size()) return kNoVerdict;
    if (!sc.classified[i]) {
      sc.classified[i] = true;
      if (!DiagnoseRecipient(j, j.recipients[i], *classifier_, &sc.verdicts[i])) {
        sc.verdicts[i] = kNoVerdict;
      }
    }
    return sc.verdicts[i];
  };
  // One Example, refilled per use: its strings keep their buffers from journey to journey.
  auto example_of = [&](size_t i, const LogTime& when) -> const Example& {
    Example& e = sc.example;
    e.qid.assign(j.qid);
    e.host.assign(j.host);
    if (i < j.recipients.size()) {
      e.recipient.assign(j.recipients[i].address);
    } else {
      e.recipient.clear();
    }
    ClientTextTo(j.client, &e.client);
    e.time = when;
    return e;
  };

  for (const Failed& f : failures.failed) {
    AddDeliveryFailure(f.outcome, verdict_of(f.recipient), example_of(f.recipient, f.time), &data_);
  }
  for (const Refused& r : failures.refused) {
    AddRefusal(verdict_of(r.recipient), r.stage, r.lines, example_of(r.recipient, r.time), &data_);
  }
  for (const Delayed& dl : failures.delayed) {
    Verdict v;
    if (classifier_ != nullptr) {
      // The reason of the last deferral: classify that attempt as if it were the last.
      const Recipient& r = j.recipients[dl.recipient];
      Recipient& past = sc.past;
      past.address.assign(r.address);
      past.orig_to.assign(r.orig_to);
      past.status = RecipientStatus::kDeferred;
      past.attempts.resize(1);
      past.attempts.front() = r.attempts[dl.deferral];
      DiagnoseRecipient(j, past, *classifier_, &v);
    }
    AddDeliveryFailure(Outcome::kDelayed, v, example_of(dl.recipient, dl.time), &data_);
  }

  if (expired_here) {
    ExpiredMessage m;
    m.qid = j.qid;
    m.host = j.host;
    m.from = j.from;
    m.has_from = j.has_from;
    m.arrived = j.first_seen;
    for (const Failed& f : failures.failed) {
      if (f.outcome != Outcome::kExpired) continue;
      if (m.recipients++ == 0) {
        m.recipient = j.recipients[f.recipient].address;
        m.expired = f.time;
        m.verdict = verdict_of(f.recipient);
        m.has_verdict = m.verdict.rule != nullptr;
      }
    }
    AddExpiredMessage(std::move(m), options_.max_expired_listed, &data_);
  }
}

ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::AddReadStats(const LogReadStats& stats) {
  ReportSource& s = data_.source;
  s.lines += stats.lines;
  s.postfix_lines += stats.postfix_lines;
  s.unknown_lines += stats.unknown_lines;
  for (const FileSpan& f : stats.files) {
    SourceFile sf;
    sf.path = f.path;
    sf.lines = f.lines;
    sf.bytes = f.bytes;
    sf.first = f.first;
    sf.last = f.last;
    s.files.push_back(std::move(sf));
  }
  for (const ProblemCount& p : stats.problems) {
    std::string kind = p.severity.empty() ? p.daemon : p.severity + " (" + p.daemon + ")";
    data_.problems.Add(kind, p.text, static_cast<int64_t>(p.count));
  }
  // reject_warning lines of messages never queued have no journey, hence no time.
  uint64_t noqueue = stats.correlator.reject_warnings > qid_reject_warnings_
                         ? stats.correlator.reject_warnings - qid_reject_warnings_
                         : 0;
  if (noqueue == 0) return;
  if (options_.since_us || options_.until_us) {
    data_.totals.reject_warnings_partial = true;
  } else {
    data_.totals.reject_warnings += static_cast<int64_t>(noqueue);
  }
}

}  // namespace mailwhy
