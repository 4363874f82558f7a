// failure_tally - group diagnosed failures by rule, provider and refusal reason (see
// failure_tally.h).
#include "report/failure_tally.h"

#include <string>
#include <utility>

#include "util/string_map.h"

namespace mailwhy {

namespace {

void Widen(const LogTime& t, LogTime* first, LogTime* last) {
  if (!t.known) return;
  if (!first->known || t.unix_us < first->unix_us) *first = t;
  if (!last->known || t.unix_us > last->unix_us) *last = t;
}

void Count(Outcome o, OutcomeCounts* c) {
  switch (o) {
    case Outcome::kBounced: ++c->bounced; break;
    case Outcome::kExpired: ++c->expired; break;
    case Outcome::kDeferred: ++c->deferred; break;
    case Outcome::kDelayed: ++c->delayed; break;
  }
}

bool TimeBefore(const LogTime& a, const LogTime& b) {
  if (a.known != b.known) return a.known;
  return a.known && a.unix_us < b.unix_us;
}

}  // namespace

bool ExampleBefore(const Example& a, const Example& b) {
  if (TimeBefore(a.time, b.time)) return true;
  if (TimeBefore(b.time, a.time)) return false;
  if (a.qid != b.qid) return a.qid < b.qid;
  if (a.recipient != b.recipient) return a.recipient < b.recipient;
  return a.host < b.host;
}

std::string_view GroupRuleId(const Verdict& v) {
  return v.rule_id.empty() ? std::string_view("(none)") : std::string_view(v.rule_id);
}

void AddDeliveryFailure(Outcome outcome, const Verdict& v, const Example& example, ReportData* data) {
  // Groups and rules are few and long known: look them up by view, allocate only when new.
  const std::string_view rule = GroupRuleId(v);
  auto fit = data->failures.find(rule);
  const bool fresh = fit == data->failures.end();
  if (fresh) fit = data->failures.emplace(std::string(rule), FailureGroup()).first;
  FailureGroup& f = fit->second;
  if (fresh || ExampleBefore(example, f.example)) {
    f.example = example;
    f.verdict = v;
  }
  Count(outcome, &f.counts);
  Widen(example.time, &f.first, &f.last);
  ++f.providers[v.provider];

  auto pit = data->providers.find(v.provider);
  const bool pfresh = pit == data->providers.end();
  if (pfresh) pit = data->providers.emplace(v.provider, ProviderGroup()).first;
  ProviderGroup& p = pit->second;
  if (pfresh || ExampleBefore(example, p.example)) p.example = example;
  Count(outcome, &p.counts);
  Widen(example.time, &p.first, &p.last);
  auto rit = p.rules.find(rule);
  if (rit == p.rules.end()) {
    p.rules.emplace(std::string(rule), 1);
    p.rule_verdicts.emplace(std::string(rule), v);
  } else {
    ++rit->second;
  }
}

void AddRefusal(const Verdict& v, std::string_view stage, int64_t lines, const Example& example,
                ReportData* data) {
  // Refusals are many and their groups few: the key is built in a buffer kept per thread
  // and copied only for a new group.
  const std::string_view zone = v.Detail("dnsbl");
  thread_local std::string key;
  JoinKey({GroupRuleId(v), zone}, &key);
  auto it = data->rejects.find(key);
  const bool fresh = it == data->rejects.end();
  if (fresh) it = data->rejects.emplace(key, RejectGroup()).first;
  RejectGroup& g = it->second;
  if (fresh || ExampleBefore(example, g.example)) {
    g.example = example;
    g.verdict = v;
    g.stage.assign(stage);
  }
  if (fresh) g.zone.assign(zone);
  g.count += lines;
  Widen(example.time, &g.first, &g.last);
}

void AddExpiredMessage(ExpiredMessage m, size_t cap, ReportData* data) {
  std::vector<ExpiredMessage>& list = data->expired;
  if (cap == 0) return;
  if (list.size() < cap) {
    list.push_back(std::move(m));
    return;
  }
  // Full: keep the earliest. Expired messages are few, so a scan is cheap enough.
  auto later = [](const ExpiredMessage& a, const ExpiredMessage& b) {
    if (TimeBefore(a.expired, b.expired)) return false;
    if (TimeBefore(b.expired, a.expired)) return true;
    return a.qid > b.qid;
  };
  size_t latest = 0;
  for (size_t i = 1; i < list.size(); ++i) {
    if (later(list[i], list[latest])) latest = i;
  }
  if (later(list[latest], m)) list[latest] = std::move(m);
}

}  // namespace mailwhy
