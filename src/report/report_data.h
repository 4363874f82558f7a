// NAME
//   report_data - what `mailwhy report` counts, before it is sorted and printed
// DESCRIPTION
//   ReportData holds the aggregates that ReportBuilder (report_builder.h) fills while
//   journeys stream past: grand totals, traffic per day and per hour, per-domain and
//   per-address volumes, failures grouped by diagnosed reason and by provider, refusals
//   grouped by reason, expired messages, and the pflogsumm-style detail texts.
//
//   Every container is keyed by something with few distinct values (a domain, an
//   address, a rule, a reply text); nothing grows with the number of messages except
//   through new keys, and the lists that would (expired messages, detail texts) are
//   capped. That is what keeps a 200 MB log's report small in memory.
//
//   The counting definitions are written beside each field and, for the reader of the
//   output, in docs/FORMATS.md ("report"). They follow pflogsumm where its definition is
//   sound; where they differ, the field's comment says how.
#ifndef MAILWHY_REPORT_REPORT_DATA_H_
#define MAILWHY_REPORT_REPORT_DATA_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diagnose/verdict.h"
#include "report/detail_tally.h"
#include "report/volume_tally.h"
#include "util/string_map.h"
#include "syslog/record.h"

namespace mailwhy {

// One row of the traffic tables (per day, per hour). Units as in ReportTotals.
struct TrafficCounts {
  int64_t received = 0;
  int64_t delivered = 0;
  int64_t deferred = 0;    // deferral attempts (pflogsumm's column is per line too)
  int64_t bounced = 0;
  int64_t rejected = 0;
};

struct ReportTotals {
  // Messages accepted into the queue from smtpd (any service) or pickup. A message that a
  // content filter returned (parent link "reinjected") is the same message: not counted.
  int64_t received = 0;
  // Queue files smtpd created whose client went away before the message was complete,
  // and queue files refused afterwards (smtpd at DATA, cleanup, a milter). Neither is
  // counted in `received`; pflogsumm counts both there (it counts `client=` lines).
  int64_t received_aborted = 0;
  int64_t received_refused = 0;
  int64_t delivered = 0;           // status=sent lines, except hops into a content filter
  int64_t forwarded = 0;           // status=sent (forwarded as ...): local alias expansion
  int64_t deferred = 0;            // messages with at least one deferral
  int64_t deferrals = 0;           // status=deferred (and SOFTBOUNCE) lines
  int64_t bounced = 0;             // status=bounced lines: one per recipient
  int64_t expired = 0;             // messages qmgr gave up on ("status=expired")
  int64_t rejected = 0;            // refusal lines: smtpd/postscreen per recipient, cleanup
                                   // and milter per message
  int64_t reject_warnings = 0;     // reject_warning lines and cleanup "warning:" actions
  bool reject_warnings_partial = false;  // a time window hides NOQUEUE reject_warnings
  int64_t held = 0;                // hold actions (cleanup, smtpd, milter)
  int64_t discarded = 0;           // discard actions (cleanup, smtpd, milter)
  int64_t bytes_received = 0;      // sum of qmgr's size= over received messages
  int64_t bytes_delivered = 0;     // sum of the message's size= over delivered lines
  int64_t delivered_without_size = 0;  // delivered lines whose message had no size= line
  int64_t reinjected = 0;          // messages a content filter returned to Postfix
  int64_t filter_deliveries = 0;   // status=sent lines into a content filter (not delivered)
  int64_t filter_bytes = 0;        // the size= of those, summed like bytes_delivered
  int64_t still_deferred = 0;      // recipients still deferred when the input ended
};

// Per recipient domain: pflogsumm's "Host/Domain Summary: Message Delivery", plus bounces.
struct DeliveryDomainStats {
  int64_t sent = 0;
  int64_t bytes = 0;
  int64_t defers = 0;
  int64_t bounced = 0;
  double delay_sum = 0;            // over sent lines, for the average
  double delay_max = 0;            // over sent and deferred lines (as pflogsumm)
};

// One message or recipient that stands for its group in the report.
struct Example {
  std::string qid;
  std::string host;
  std::string recipient;
  std::string client;              // "name[ip]" for refusals
  LogTime time;
};

// Recipients per final outcome. `delayed`: delivered in the end, after deferrals (the
// reason is that of the last deferral).
struct OutcomeCounts {
  int64_t bounced = 0;
  int64_t expired = 0;
  int64_t deferred = 0;            // still deferred when the input ended
  int64_t delayed = 0;
  int64_t failed() const { return bounced + expired + deferred; }
};

// Delivery failures that one rule explains.
struct FailureGroup {
  Verdict verdict;                 // the example's verdict: reason, rule, texts, details
  OutcomeCounts counts;
  LogTime first, last;
  Example example;
  std::map<std::string, int64_t, std::less<>> providers;  // provider ("" = none) -> recipients
};

// Delivery failures per destination provider ("" = none of the known providers).
struct ProviderGroup {
  OutcomeCounts counts;
  LogTime first, last;
  Example example;
  std::map<std::string, int64_t, std::less<>> rules;       // rule id -> recipients
  std::map<std::string, Verdict, std::less<>> rule_verdicts;  // rule id -> one verdict (texts)
};

// Refusals (our smtpd, postscreen, cleanup, milters) that one rule and one blocklist
// zone explain.
struct RejectGroup {
  Verdict verdict;
  std::string zone;                // the DNSBL zone, "" when none
  std::string stage;               // RCPT, CONNECT, END-OF-MESSAGE, ... of the example
  int64_t count = 0;               // refusal lines (as ReportTotals::rejected)
  LogTime first, last;
  Example example;
};

struct ExpiredMessage {
  std::string qid;
  std::string host;
  std::string from;
  bool has_from = false;
  std::string recipient;           // the first recipient
  int32_t recipients = 0;
  LogTime arrived;                 // first line of the journey
  LogTime expired;                 // qmgr's "status=expired" line
  Verdict verdict;                 // why the last attempt failed
  bool has_verdict = false;
};

struct SourceFile {
  std::string path;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  LogTime first, last;
};

// What was read: printed at the head of the report.
struct ReportSource {
  std::vector<SourceFile> files;
  uint64_t lines = 0;
  uint64_t postfix_lines = 0;
  uint64_t unknown_lines = 0;
  uint64_t journeys = 0;           // journeys seen (before the time window)
  uint64_t journeys_counted = 0;   // journeys with at least one fact inside the window
  LogTime first, last;             // earliest and latest fact counted
  bool has_since = false, has_until = false;
  int64_t since_us = 0, until_us = 0;
};

struct ReportData {
  ReportSource source;
  ReportTotals totals;
  std::map<int64_t, TrafficCounts> per_day;   // local days since 1970-01-01
  TrafficCounts per_hour[24];
  StringMap<DeliveryDomainStats> recipient_domains;
  VolumeTally sender_domains;
  VolumeTally senders;
  VolumeTally recipients;                  // delivered to
  StringMap<FailureGroup> failures;        // by rule id
  StringMap<ProviderGroup> providers;      // by provider
  StringMap<RejectGroup> rejects;          // by rule id + zone
  std::vector<ExpiredMessage> expired;                       // the first ones, capped
  DetailTally deferral_detail;     // daemon -> text
  DetailTally bounce_detail;       // relay host -> text
  DetailTally reject_detail;       // stage -> text
  DetailTally no_size;             // "QID (host)" -> recipient: delivered, size never logged
  DetailTally problems;            // "warning (smtpd)", "fatal (...)", "master" -> text
};

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_DATA_H_
