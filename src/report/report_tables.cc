// report_tables - sections as tables of named cells (see report_tables.h).
#include "report/report_tables.h"

#include <fmt/format.h>

namespace mailwhy {

ReportCell ReportCell::Int(int64_t v) {
  ReportCell c;
  c.kind = Kind::kInt;
  c.i = v;
  return c;
}

ReportCell ReportCell::Number(double v) {
  ReportCell c;
  c.kind = Kind::kNumber;
  c.d = v;
  return c;
}

ReportCell ReportCell::Text(std::string v) {
  ReportCell c;
  c.kind = Kind::kText;
  c.s = std::move(v);
  return c;
}

ReportCell ReportCell::TextOrNull(std::string v) {
  return v.empty() ? Null() : Text(std::move(v));
}

ReportCell ReportCell::Bool(bool v) {
  ReportCell c;
  c.kind = Kind::kBool;
  c.b = v;
  return c;
}

ReportCell ReportCell::Time(const LogTime& t) {
  if (!t.known) return Null();
  ReportCell c;
  c.kind = Kind::kTime;
  c.time = t;
  return c;
}

ReportCell ReportCell::List(std::vector<std::string> v) {
  ReportCell c;
  c.kind = Kind::kList;
  c.list = std::move(v);
  return c;
}

std::string DayText(const DayRow& d) { return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day); }

namespace {

using Cell = ReportCell;

void Field(ReportTable* t, std::string key, Cell c) { t->fields.emplace_back(std::move(key), std::move(c)); }

void TrafficCells(const TrafficCounts& c, std::vector<Cell>* row) {
  row->push_back(Cell::Int(c.received));
  row->push_back(Cell::Int(c.delivered));
  row->push_back(Cell::Int(c.deferred));
  row->push_back(Cell::Int(c.bounced));
  row->push_back(Cell::Int(c.rejected));
}

void ExampleCells(const Example& e, std::vector<Cell>* row) {
  row->push_back(Cell::TextOrNull(e.qid));
  row->push_back(Cell::TextOrNull(e.host));
  row->push_back(Cell::Time(e.time));
  row->push_back(Cell::TextOrNull(e.recipient));
}

void Summary(const ReportView& v, ReportTable* t) {
  const ReportSource& s = v.source;
  std::vector<std::string> files;
  for (const SourceFile& f : s.files) files.push_back(f.path);
  Field(t, "files", Cell::List(std::move(files)));
  Field(t, "lines", Cell::Int(static_cast<int64_t>(s.lines)));
  Field(t, "postfix_lines", Cell::Int(static_cast<int64_t>(s.postfix_lines)));
  Field(t, "unknown_lines", Cell::Int(static_cast<int64_t>(s.unknown_lines)));
  Field(t, "journeys", Cell::Int(static_cast<int64_t>(s.journeys)));
  Field(t, "journeys_counted", Cell::Int(static_cast<int64_t>(s.journeys_counted)));
  Field(t, "first", Cell::Time(s.first));
  Field(t, "last", Cell::Time(s.last));
  LogTime since{s.since_us, s.first.utc_offset_s, s.has_since};
  LogTime until{s.until_us, s.first.utc_offset_s, s.has_until};
  Field(t, "since", Cell::Time(since));
  Field(t, "until", Cell::Time(until));
  Field(t, "top", Cell::Int(static_cast<int64_t>(v.options.top)));
  Field(t, "lang", Cell::Text(std::string(ToString(v.options.lang))));
}

void Totals(const ReportView& v, ReportTable* t) {
  const ReportTotals& x = v.totals;
  Field(t, "received", Cell::Int(x.received));
  Field(t, "delivered", Cell::Int(x.delivered));
  Field(t, "forwarded", Cell::Int(x.forwarded));
  Field(t, "deferred", Cell::Int(x.deferred));
  Field(t, "deferrals", Cell::Int(x.deferrals));
  Field(t, "bounced", Cell::Int(x.bounced));
  Field(t, "expired", Cell::Int(x.expired));
  Field(t, "rejected", Cell::Int(x.rejected));
  Field(t, "rejected_percent", Cell::Int(v.rejected_percent));
  Field(t, "reject_warnings", Cell::Int(x.reject_warnings));
  Field(t, "reject_warnings_partial", Cell::Bool(x.reject_warnings_partial));
  Field(t, "held", Cell::Int(x.held));
  Field(t, "discarded", Cell::Int(x.discarded));
  Field(t, "discarded_percent", Cell::Int(v.discarded_percent));
  Field(t, "bytes_received", Cell::Int(x.bytes_received));
  Field(t, "bytes_delivered", Cell::Int(x.bytes_delivered));
  Field(t, "senders", Cell::Int(v.senders));
  Field(t, "sending_domains", Cell::Int(v.sending_domains));
  Field(t, "recipients", Cell::Int(v.recipients));
  Field(t, "recipient_domains", Cell::Int(v.recipient_domains_sent));
  Field(t, "volumes_approximate", Cell::Bool(v.volumes_approximate));
  Field(t, "received_aborted", Cell::Int(x.received_aborted));
  Field(t, "received_refused", Cell::Int(x.received_refused));
  Field(t, "reinjected", Cell::Int(x.reinjected));
  Field(t, "filter_deliveries", Cell::Int(x.filter_deliveries));
  Field(t, "filter_bytes", Cell::Int(x.filter_bytes));
  Field(t, "delivered_without_size", Cell::Int(x.delivered_without_size));
  Field(t, "still_deferred", Cell::Int(x.still_deferred));
}

void Volumes(const std::vector<NamedVolume>& rows, const char* name_key, ReportTable* t) {
  t->columns = {name_key, "count", "bytes"};
  for (const NamedVolume& r : rows) {
    t->rows.push_back({Cell::Text(r.name), Cell::Int(r.count), Cell::Int(r.bytes)});
  }
}

void Detail(const std::vector<DetailGroupRow>& groups, const char* group_key, ReportTable* t) {
  // One row per text; a group's lines whose text was not kept get a row with text null.
  t->columns = {group_key, "group_total", "text", "count"};
  for (const DetailGroupRow& g : groups) {
    for (const DetailTextRow& r : g.texts) {
      t->rows.push_back({Cell::Text(g.name), Cell::Int(g.total), Cell::Text(r.text), Cell::Int(r.count)});
    }
    if (g.overflow > 0) {
      t->rows.push_back({Cell::Text(g.name), Cell::Int(g.total), Cell::Null(), Cell::Int(g.overflow)});
    }
  }
}

}  // namespace

ReportTable MakeReportTable(const ReportView& v, ReportSection section) {
  ReportTable t;
  t.section = section;
  t.title = std::string(SectionTitle(section, v.options.lang, v.days > 1));
  switch (section) {
    case ReportSection::kSummary:
      Summary(v, &t);
      break;
    case ReportSection::kTotals:
      Totals(v, &t);
      break;
    case ReportSection::kPerDay:
      t.columns = {"date", "received", "delivered", "deferred", "bounced", "rejected"};
      for (const DayRow& d : v.per_day) {
        std::vector<Cell> row{Cell::Text(DayText(d))};
        TrafficCells(d.counts, &row);
        t.rows.push_back(std::move(row));
      }
      break;
    case ReportSection::kPerHour:
      // Totals per hour of day over the whole span; `days` turns them into averages.
      Field(&t, "days", Cell::Int(v.days));
      t.columns = {"hour", "received", "delivered", "deferred", "bounced", "rejected"};
      for (int h = 0; h < 24; ++h) {
        std::vector<Cell> row{Cell::Int(h)};
        TrafficCells(v.per_hour[h], &row);
        t.rows.push_back(std::move(row));
      }
      break;
    case ReportSection::kRecipientDomains:
      Field(&t, "domains", Cell::Int(static_cast<int64_t>(v.recipient_domains_total)));
      t.columns = {"domain", "sent", "bytes", "defers", "bounced", "avg_delay", "max_delay"};
      for (const DomainDeliveryRow& r : v.recipient_domains) {
        t.rows.push_back({Cell::Text(r.domain), Cell::Int(r.stats.sent), Cell::Int(r.stats.bytes),
                          Cell::Int(r.stats.defers), Cell::Int(r.stats.bounced), Cell::Number(r.avg_delay),
                          Cell::Number(r.stats.delay_max)});
      }
      break;
    case ReportSection::kSenderDomains:
      Field(&t, "domains", Cell::Int(static_cast<int64_t>(v.sender_domains_total)));
      Volumes(v.sender_domains, "domain", &t);
      break;
    case ReportSection::kSendersByCount:
      Volumes(v.senders_by_count, "address", &t);
      break;
    case ReportSection::kRecipientsByCount:
      Volumes(v.recipients_by_count, "address", &t);
      break;
    case ReportSection::kSendersBySize:
      Volumes(v.senders_by_size, "address", &t);
      break;
    case ReportSection::kRecipientsBySize:
      Volumes(v.recipients_by_size, "address", &t);
      break;
    case ReportSection::kFailuresByReason:
      t.columns = {"reason", "rule", "class", "side", "provider", "failed", "bounced", "expired",
                   "deferred", "delayed", "first", "last", "example_qid", "example_host",
                   "example_time", "example_recipient", "summary", "remedy"};
      for (const FailureRow& r : v.failures_by_reason) {
        std::vector<Cell> row{Cell::Text(std::string(ToString(r.reason))), Cell::Text(r.rule),
                              Cell::Text(std::string(ToString(r.failure_class))),
                              Cell::Text(std::string(ToString(r.side))), Cell::TextOrNull(r.provider),
                              Cell::Int(r.counts.failed()), Cell::Int(r.counts.bounced),
                              Cell::Int(r.counts.expired), Cell::Int(r.counts.deferred),
                              Cell::Int(r.counts.delayed), Cell::Time(r.first), Cell::Time(r.last)};
        ExampleCells(r.example, &row);
        row.push_back(Cell::TextOrNull(r.summary));
        row.push_back(Cell::TextOrNull(r.remedy));
        t.rows.push_back(std::move(row));
      }
      break;
    case ReportSection::kFailuresByProvider:
      t.columns = {"provider", "failed", "bounced", "expired", "deferred", "delayed", "first", "last",
                   "top_rule", "top_reason", "example_qid", "example_host", "example_time",
                   "example_recipient", "remedy"};
      for (const ProviderRow& r : v.failures_by_provider) {
        std::vector<Cell> row{Cell::TextOrNull(r.provider), Cell::Int(r.counts.failed()),
                              Cell::Int(r.counts.bounced), Cell::Int(r.counts.expired),
                              Cell::Int(r.counts.deferred), Cell::Int(r.counts.delayed),
                              Cell::Time(r.first), Cell::Time(r.last), Cell::TextOrNull(r.top_rule),
                              Cell::Text(std::string(ToString(r.top_reason)))};
        ExampleCells(r.example, &row);
        row.push_back(Cell::TextOrNull(r.remedy));
        t.rows.push_back(std::move(row));
      }
      break;
    case ReportSection::kRejectsByReason:
      t.columns = {"reason", "rule", "zone", "stage", "count", "first", "last", "example_client",
                   "example_qid", "example_host", "example_time", "example_recipient", "summary",
                   "remedy"};
      for (const RejectRow& r : v.rejects_by_reason) {
        std::vector<Cell> row{Cell::Text(std::string(ToString(r.reason))), Cell::Text(r.rule),
                              Cell::TextOrNull(r.zone), Cell::TextOrNull(r.stage), Cell::Int(r.count),
                              Cell::Time(r.first), Cell::Time(r.last), Cell::TextOrNull(r.example.client)};
        ExampleCells(r.example, &row);
        row.push_back(Cell::TextOrNull(r.summary));
        row.push_back(Cell::TextOrNull(r.remedy));
        t.rows.push_back(std::move(row));
      }
      break;
    case ReportSection::kExpired:
      Field(&t, "total", Cell::Int(v.totals.expired));
      t.columns = {"qid", "host", "from", "recipient", "recipients", "arrived", "expired", "reason",
                   "rule", "summary"};
      for (const ExpiredRow& r : v.expired) {
        const ExpiredMessage& m = r.message;
        t.rows.push_back({Cell::Text(m.qid), Cell::TextOrNull(m.host),
                          m.has_from ? Cell::Text(m.from) : Cell::Null(), Cell::TextOrNull(m.recipient),
                          Cell::Int(m.recipients), Cell::Time(m.arrived), Cell::Time(m.expired),
                          r.rule.empty() ? Cell::Null() : Cell::Text(std::string(ToString(r.reason))),
                          Cell::TextOrNull(r.rule), Cell::TextOrNull(r.summary)});
      }
      break;
    case ReportSection::kDeferralDetail:
      Detail(v.deferral_detail, "daemon", &t);
      break;
    case ReportSection::kBounceDetail:
      Detail(v.bounce_detail, "relay", &t);
      break;
    case ReportSection::kRejectDetail:
      Detail(v.reject_detail, "stage", &t);
      break;
    case ReportSection::kNoSize:
      Detail(v.no_size, "message", &t);
      break;
    case ReportSection::kProblems:
      Detail(v.problems, "kind", &t);
      break;
  }
  return t;
}

std::vector<ReportTable> MakeReportTables(const ReportView& v) {
  std::vector<ReportTable> tables;
  for (ReportSection s : AllReportSections()) tables.push_back(MakeReportTable(v, s));
  return tables;
}

}  // namespace mailwhy
