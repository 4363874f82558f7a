// report_view - sort and cut ReportData into the report's sections (see report_view.h).
#include "report/report_view.h"

#include <algorithm>
#include <utility>

#include "diagnose/verdict.h"
#include "report/failure_tally.h"
#include "util/civil_time.h"

namespace mailwhy {

namespace {

template <typename T>
void CutToTop(size_t top, std::vector<T>* rows) {
  if (top > 0 && rows->size() > top) rows->resize(top);
}

VerdictTexts TextsFor(const Verdict& v, Lang lang) {
  if (v.rule == nullptr) return VerdictTexts();
  return TextsOf(v, lang);
}

std::string FirstRemedy(const VerdictTexts& t) {
  return t.remedies.empty() ? std::string() : t.remedies.front();
}

bool FailureOrder(const FailureRow& a, const FailureRow& b) {
  if (a.counts.failed() != b.counts.failed()) return a.counts.failed() > b.counts.failed();
  if (a.counts.delayed != b.counts.delayed) return a.counts.delayed > b.counts.delayed;
  return a.rule < b.rule;
}

std::vector<NamedVolume> Volumes(const VolumeTally& tally, bool by_size, size_t top) {
  // Ordered as views into the tally; only the rows printed get a copy of their name.
  struct Row {
    std::string_view name;
    VolumeStats v;
  };
  std::vector<Row> rows;
  rows.reserve(tally.entries().size());
  tally.entries().ForEach([&](std::string_view name, const VolumeStats& v) { rows.push_back({name, v}); });
  auto order = [by_size](const Row& a, const Row& b) {
    int64_t a1 = by_size ? a.v.bytes : a.v.count, b1 = by_size ? b.v.bytes : b.v.count;
    int64_t a2 = by_size ? a.v.count : a.v.bytes, b2 = by_size ? b.v.count : b.v.bytes;
    if (a1 != b1) return a1 > b1;
    if (a2 != b2) return a2 > b2;
    return a.name < b.name;
  };
  // Only the top N are printed: partial_sort keeps this cheap for many addresses.
  if (top > 0 && rows.size() > top) {
    std::partial_sort(rows.begin(), rows.begin() + static_cast<ptrdiff_t>(top), rows.end(), order);
    rows.resize(top);
  } else {
    std::sort(rows.begin(), rows.end(), order);
  }
  std::vector<NamedVolume> named;
  named.reserve(rows.size());
  for (const Row& r : rows) named.push_back({std::string(r.name), r.v.count, r.v.bytes});
  return named;
}

std::vector<DetailGroupRow> Details(const DetailTally& tally, size_t top) {
  std::vector<DetailGroupRow> groups;
  for (const auto& [name, g] : tally.groups()) {
    DetailGroupRow row;
    row.name = name;
    row.total = g.total;
    row.overflow = g.overflow;
    for (const auto& [text, count] : g.texts) row.texts.push_back({text, count});
    std::sort(row.texts.begin(), row.texts.end(), [](const DetailTextRow& a, const DetailTextRow& b) {
      if (a.count != b.count) return a.count > b.count;
      return a.text < b.text;
    });
    if (top > 0 && row.texts.size() > top) {
      row.hidden = row.texts.size() - top;
      row.texts.resize(top);
    }
    groups.push_back(std::move(row));
  }
  std::sort(groups.begin(), groups.end(), [](const DetailGroupRow& a, const DetailGroupRow& b) {
    if (a.total != b.total) return a.total > b.total;
    return a.name < b.name;
  });
  CutToTop(top, &groups);
  return groups;
}

}  // namespace

ReportView MakeReportView(const ReportData& data, const ReportViewOptions& options) {
  ReportView v;
  v.options = options;
  v.source = data.source;
  v.totals = data.totals;
  const size_t top = options.top;
  const Lang lang = options.lang;

  const ReportTotals& t = data.totals;
  if (int64_t all = t.delivered + t.rejected + t.discarded; all > 0) {
    // pflogsumm's percentages: integer part of the share of all final outcomes.
    v.rejected_percent = static_cast<int>(t.rejected * 100 / all);
    v.discarded_percent = static_cast<int>(t.discarded * 100 / all);
  }
  v.senders = data.senders.distinct();
  v.sending_domains = data.sender_domains.distinct();
  v.recipients = data.recipients.distinct();
  v.volumes_approximate = data.senders.approximate() || data.sender_domains.approximate() ||
                          data.recipients.approximate();
  for (const auto& [domain, d] : data.recipient_domains) {
    if (d.sent > 0) ++v.recipient_domains_sent;
  }

  for (const auto& [day, counts] : data.per_day) {
    DayRow row;
    CivilFromDays(day, &row.year, &row.month, &row.day);
    row.counts = counts;
    v.per_day.push_back(row);
  }
  v.days = static_cast<int>(data.per_day.size());
  for (int h = 0; h < 24; ++h) v.per_hour[h] = data.per_hour[h];

  for (const auto& [domain, d] : data.recipient_domains) {
    DomainDeliveryRow row;
    row.domain = domain;
    row.stats = d;
    row.avg_delay = d.sent > 0 ? d.delay_sum / static_cast<double>(d.sent) : 0;
    v.recipient_domains.push_back(std::move(row));
  }
  std::sort(v.recipient_domains.begin(), v.recipient_domains.end(),
            [](const DomainDeliveryRow& a, const DomainDeliveryRow& b) {
              if (a.stats.sent != b.stats.sent) return a.stats.sent > b.stats.sent;
              if (a.stats.bytes != b.stats.bytes) return a.stats.bytes > b.stats.bytes;
              int64_t fa = a.stats.defers + a.stats.bounced, fb = b.stats.defers + b.stats.bounced;
              if (fa != fb) return fa > fb;
              return a.domain < b.domain;
            });
  v.recipient_domains_total = v.recipient_domains.size();
  for (const DomainDeliveryRow& r : v.recipient_domains) {
    if (r.stats.bounced + r.stats.defers > 0) v.failing_domains.push_back(r);
  }
  std::sort(v.failing_domains.begin(), v.failing_domains.end(),
            [](const DomainDeliveryRow& a, const DomainDeliveryRow& b) {
              int64_t fa = a.stats.defers + a.stats.bounced, fb = b.stats.defers + b.stats.bounced;
              if (fa != fb) return fa > fb;
              return a.domain < b.domain;
            });
  CutToTop(top, &v.failing_domains);
  CutToTop(top, &v.recipient_domains);
  v.sender_domains_total = static_cast<size_t>(data.sender_domains.distinct());
  v.sender_domains = Volumes(data.sender_domains, false, top);
  v.senders_by_count = Volumes(data.senders, false, top);
  v.senders_by_size = Volumes(data.senders, true, top);
  v.recipients_by_count = Volumes(data.recipients, false, top);
  v.recipients_by_size = Volumes(data.recipients, true, top);

  for (const auto& [rule, g] : data.failures) {
    FailureRow row;
    row.rule = rule;
    row.reason = g.verdict.reason;
    row.failure_class = g.verdict.failure_class;
    row.side = g.verdict.side;
    int64_t best = -1;
    for (const auto& [provider, n] : g.providers) {   // std::map: ties go to the first name
      if (n > best) {
        best = n;
        row.provider = provider;
      }
    }
    row.counts = g.counts;
    row.first = g.first;
    row.last = g.last;
    row.example = g.example;
    VerdictTexts texts = TextsFor(g.verdict, lang);
    row.summary = texts.summary;
    row.remedy = FirstRemedy(texts);
    v.failures_by_reason.push_back(std::move(row));
  }
  std::sort(v.failures_by_reason.begin(), v.failures_by_reason.end(), FailureOrder);
  CutToTop(top, &v.failures_by_reason);

  for (const auto& [provider, g] : data.providers) {
    ProviderRow row;
    row.provider = provider;
    row.counts = g.counts;
    row.first = g.first;
    row.last = g.last;
    row.example = g.example;
    for (const auto& [rule, n] : g.rules) {
      if (n > row.top_rule_count) {
        row.top_rule_count = n;
        row.top_rule = rule;
      }
    }
    auto it = g.rule_verdicts.find(row.top_rule);
    if (it != g.rule_verdicts.end()) {
      row.top_reason = it->second.reason;
      row.remedy = FirstRemedy(TextsFor(it->second, lang));
    }
    v.failures_by_provider.push_back(std::move(row));
  }
  std::sort(v.failures_by_provider.begin(), v.failures_by_provider.end(),
            [](const ProviderRow& a, const ProviderRow& b) {
              if (a.counts.failed() != b.counts.failed()) return a.counts.failed() > b.counts.failed();
              if (a.counts.delayed != b.counts.delayed) return a.counts.delayed > b.counts.delayed;
              return a.provider < b.provider;
            });
  CutToTop(top, &v.failures_by_provider);

  for (const auto& [key, g] : data.rejects) {
    RejectRow row;
    row.rule = std::string(GroupRuleId(g.verdict));
    row.reason = g.verdict.reason;
    row.zone = g.zone;
    row.stage = g.stage;
    row.count = g.count;
    row.first = g.first;
    row.last = g.last;
    row.example = g.example;
    VerdictTexts texts = TextsFor(g.verdict, lang);
    row.summary = texts.summary;
    row.remedy = FirstRemedy(texts);
    v.rejects_by_reason.push_back(std::move(row));
  }
  std::sort(v.rejects_by_reason.begin(), v.rejects_by_reason.end(),
            [](const RejectRow& a, const RejectRow& b) {
              if (a.count != b.count) return a.count > b.count;
              if (a.rule != b.rule) return a.rule < b.rule;
              return a.zone < b.zone;
            });
  CutToTop(top, &v.rejects_by_reason);

  for (const ExpiredMessage& m : data.expired) {
    ExpiredRow row;
    row.message = m;
    if (m.has_verdict) {
      row.rule = m.verdict.rule_id;
      row.reason = m.verdict.reason;
      row.summary = TextsFor(m.verdict, lang).summary;
    }
    v.expired.push_back(std::move(row));
  }
  std::sort(v.expired.begin(), v.expired.end(), [](const ExpiredRow& a, const ExpiredRow& b) {
    Example ea{a.message.qid, a.message.host, a.message.recipient, "", a.message.expired};
    Example eb{b.message.qid, b.message.host, b.message.recipient, "", b.message.expired};
    return ExampleBefore(ea, eb);
  });
  CutToTop(top, &v.expired);

  v.deferral_detail = Details(data.deferral_detail, top);
  v.bounce_detail = Details(data.bounce_detail, top);
  v.reject_detail = Details(data.reject_detail, top);
  v.no_size = Details(data.no_size, top);
  v.problems = Details(data.problems, top);
  return v;
}

}  // namespace mailwhy
