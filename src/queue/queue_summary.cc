// queue_summary - domains by age, causes by rule, the oldest messages (see queue_summary.h).
#include "queue/queue_summary.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "postfix/event_parser.h"
#include "util/ascii.h"

namespace mailwhy {

std::string RecipientDomain(const std::string& address) {
  size_t at = address.rfind('@');
  if (at == std::string::npos) return std::string();
  std::string d = address.substr(at + 1);
  for (char& c : d) c = AsciiLower(c);
  while (!d.empty() && (d.back() == '>' || d.back() == '.')) d.pop_back();
  return d;
}

size_t AgeBucket(int64_t age_seconds) {
  const int64_t minutes = age_seconds <= 0 ? 0 : (age_seconds + 59) / 60;
  for (size_t i = 0; i + 1 < kAgeBuckets; ++i) {
    if (minutes <= kAgeBucketMinutes[i]) return i;
  }
  return kAgeBuckets - 1;
}

FailureFacts FactsOfQueueRecipient(const QueueEntry& e, const QueueRecipient& r) {
  FailureFacts f;
  f.text = r.delay_reason;
  if (e.queue_name == "deferred") f.status = "deferred";
  else if (e.queue_name == "hold") f.status = "held";
  f.recipient = r.address;
  f.sender = e.sender;
  f.origin = Origin::kDelivery;
  if (!r.delay_reason.empty()) {
    ReplyInfo info;
    ParseStatusText(r.delay_reason, &info);
    f.relay = std::string(info.remote.name);
    f.relay_ip = std::string(info.remote.address);
    if (f.relay == "unknown") f.relay.clear();
  }
  return f;
}

namespace {

struct ReasonAcc {
  QueueReasonRow row;
  std::map<std::string, size_t> domains;
  std::vector<const QueueEntry*> seen;
};

}  // namespace

QueueSummary SummarizeQueue(const std::vector<QueueEntry>& entries, const Classifier& classifier,
                            int64_t now, size_t oldest_count) {
  QueueSummary s;
  s.now = now;
  s.total.domain = "TOTAL";
  std::map<std::string, QueueDomainRow> domains;
  std::map<std::string, size_t> queues;
  std::map<std::string, ReasonAcc> reasons;  // by rule id ("" = pending)

  for (const QueueEntry& e : entries) {
    ++s.messages;
    if (e.message_size > 0) s.bytes += e.message_size;
    ++queues[e.queue_name.empty() ? "unknown" : e.queue_name];
    const int64_t age = e.arrival_time > 0 ? now - e.arrival_time : 0;
    const size_t bucket = AgeBucket(age);
    for (const QueueRecipient& r : e.recipients) {
      ++s.recipients;
      std::string domain = RecipientDomain(r.address);
      QueueDomainRow& row = domains[domain];
      row.domain = domain;
      ++row.recipients;
      ++row.buckets[bucket];
      ++s.total.recipients;
      ++s.total.buckets[bucket];

      const bool pending = r.delay_reason.empty();
      Verdict v;
      if (!pending) v = classifier.Classify(FactsOfQueueRecipient(e, r));
      ReasonAcc& acc = reasons[pending ? std::string() : v.rule_id];
      if (acc.row.recipients == 0) {
        acc.row.pending = pending;
        acc.row.verdict = v;
        acc.row.example = r.delay_reason;
        acc.row.oldest_arrival = e.arrival_time;
      }
      ++acc.row.recipients;
      ++acc.domains[domain];
      if (acc.seen.empty() || acc.seen.back() != &e) {
        acc.seen.push_back(&e);
        ++acc.row.messages;
      }
      if (e.arrival_time > 0 && (acc.row.oldest_arrival == 0 || e.arrival_time < acc.row.oldest_arrival)) {
        acc.row.oldest_arrival = e.arrival_time;
      }
    }
  }

  for (auto& [name, n] : queues) s.queues.emplace_back(name, n);
  for (auto& [d, row] : domains) s.domains.push_back(std::move(row));
  std::stable_sort(s.domains.begin(), s.domains.end(), [](const QueueDomainRow& a, const QueueDomainRow& b) {
    return a.recipients > b.recipients;
  });
  for (auto& [rule, acc] : reasons) {
    std::vector<std::pair<std::string, size_t>> ds(acc.domains.begin(), acc.domains.end());
    std::stable_sort(ds.begin(), ds.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (auto& [d, n] : ds) acc.row.domains.push_back(d);
    s.reasons.push_back(std::move(acc.row));
  }
  std::stable_sort(s.reasons.begin(), s.reasons.end(), [](const QueueReasonRow& a, const QueueReasonRow& b) {
    return a.recipients > b.recipients;
  });

  // The oldest messages: unknown arrival times last.
  std::vector<const QueueEntry*> byage;
  for (const QueueEntry& e : entries) byage.push_back(&e);
  std::stable_sort(byage.begin(), byage.end(), [](const QueueEntry* a, const QueueEntry* b) {
    int64_t ta = a->arrival_time > 0 ? a->arrival_time : INT64_MAX;
    int64_t tb = b->arrival_time > 0 ? b->arrival_time : INT64_MAX;
    return ta < tb;
  });
  for (size_t i = 0; i < byage.size() && i < oldest_count; ++i) {
    QueueOldest o;
    o.entry = byage[i];
    if (!o.entry->recipients.empty()) {
      const QueueRecipient& r = o.entry->recipients.front();
      o.recipient = r.address;
      o.reason = r.delay_reason;
      o.pending = r.delay_reason.empty();
      if (!o.pending) o.verdict = classifier.Classify(FactsOfQueueRecipient(*o.entry, r));
    }
    s.oldest.push_back(std::move(o));
  }
  return s;
}

}  // namespace mailwhy
