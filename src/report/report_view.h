// NAME
//   report_view - the report's sections in order: sorted, cut to the top N, texts chosen
// DESCRIPTION
//   MakeReportView() turns ReportData (unordered aggregates) into what every output
//   format prints: each section a vector of rows in a fixed order, so text, JSON, CSV and
//   HTML show the same rows. Ties are broken by name, so the same log gives the same
//   report byte for byte.
//
//   Orders: volumes by count (or size) then size (or count), descending; failures by
//   recipients failed, then delivered late; refusals by count; expired messages by the
//   time they expired; detail groups by their total and texts by their count. `top`
//   cuts every list (0 = no limit); the totals always count everything.
//
//   Rule texts (summary, first remedy) are rendered here in the chosen language, with
//   the example's details filled in (diagnose/verdict.h TextsOf()).
// BUGS
//   A group's remedy is filled in from its example: when a rule covers several sending
//   domains or relays, the remedy names the example's.
#ifndef MAILWHY_REPORT_REPORT_VIEW_H_
#define MAILWHY_REPORT_REPORT_VIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "diagnose/taxonomy.h"
#include "report/report_data.h"

namespace mailwhy {

struct ReportViewOptions {
  size_t top = 20;
  Lang lang = Lang::kEn;
};

struct NamedVolume {
  std::string name;
  int64_t count = 0;
  int64_t bytes = 0;
};

struct DomainDeliveryRow {
  std::string domain;
  DeliveryDomainStats stats;
  double avg_delay = 0;            // over sent lines
};

struct DayRow {
  int year = 0, month = 0, day = 0;
  TrafficCounts counts;
};

struct FailureRow {
  std::string rule;                // "(none)" when no rule decided
  Reason reason = Reason::kUndefined;
  FailureClass failure_class = FailureClass::kNone;
  Side side = Side::kSender;
  std::string provider;            // the most frequent destination provider ("" = none)
  OutcomeCounts counts;
  LogTime first, last;
  Example example;
  std::string summary;
  std::string remedy;              // the rule's first remedy
};

struct ProviderRow {
  std::string provider;            // "" = none of the known providers
  OutcomeCounts counts;
  LogTime first, last;
  Example example;
  std::string top_rule;            // the rule that explains most of its failures
  Reason top_reason = Reason::kUndefined;
  int64_t top_rule_count = 0;
  std::string remedy;              // that rule's first remedy
};

struct RejectRow {
  std::string rule;
  Reason reason = Reason::kUndefined;
  std::string zone;
  std::string stage;
  int64_t count = 0;
  LogTime first, last;
  Example example;
  std::string summary;
  std::string remedy;
};

struct ExpiredRow {
  ExpiredMessage message;
  std::string rule;                // "" when the last attempt could not be diagnosed
  Reason reason = Reason::kUndefined;
  std::string summary;
};

struct DetailTextRow {
  std::string text;
  int64_t count = 0;
};

struct DetailGroupRow {
  std::string name;
  int64_t total = 0;
  int64_t overflow = 0;            // lines whose text was not kept (detail_tally.h)
  size_t hidden = 0;               // distinct texts beyond the top N
  std::vector<DetailTextRow> texts;
};

struct ReportView {
  ReportViewOptions options;
  ReportSource source;
  ReportTotals totals;
  int64_t senders = 0, sending_domains = 0, recipients = 0, recipient_domains_sent = 0;
  // More distinct senders, sender domains or recipients than a tally keeps
  // (volume_tally.h): those three numbers are estimates and the tables' counts of keys
  // outside the busiest may be low.
  bool volumes_approximate = false;
  int rejected_percent = 0, discarded_percent = 0;   // of delivered + rejected + discarded

  std::vector<DayRow> per_day;
  TrafficCounts per_hour[24];
  int days = 0;                    // distinct days with traffic (per-hour averages)

  std::vector<DomainDeliveryRow> recipient_domains;
  size_t recipient_domains_total = 0;
  // The recipient domains with most bounces plus deferrals (the HTML chart).
  std::vector<DomainDeliveryRow> failing_domains;
  std::vector<NamedVolume> sender_domains;
  size_t sender_domains_total = 0;
  std::vector<NamedVolume> senders_by_count, senders_by_size;
  std::vector<NamedVolume> recipients_by_count, recipients_by_size;

  std::vector<FailureRow> failures_by_reason;
  std::vector<ProviderRow> failures_by_provider;
  std::vector<RejectRow> rejects_by_reason;
  std::vector<ExpiredRow> expired;

  std::vector<DetailGroupRow> deferral_detail, bounce_detail, reject_detail, no_size, problems;
};

ReportView MakeReportView(const ReportData& data, const ReportViewOptions& options);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_VIEW_H_
