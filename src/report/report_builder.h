// NAME
//   report_builder - sum up journeys as they stream past: the aggregation of `mailwhy report`
// SYNOPSIS
//   ReportBuilder builder(ReportOptions{}, classifier.get());
//   LogReadStats stats;
//   Status s = ReadLogs(files, read_options, &builder, &stats);
//   builder.Finish();
//   builder.AddReadStats(stats);
//   const ReportData& data = builder.data();
// DESCRIPTION
//   ReportBuilder is a JourneySink. Each journey is counted and dropped at once: memory
//   follows the number of distinct keys (domains, addresses, rules, texts), never the
//   number of messages. Journeys with a failure are diagnosed as they arrive: each failed
//   or refused recipient is classified once, as DiagnoseJourney() would (the journey's
//   findings are not shown, so they are not looked for), and each recipient that was
//   delivered after deferrals once more, for the reason of its last deferral.
//
//   COUNTING. A journey is one message in one queue, so a content filter's return trip
//   (a child whose parent link is "reinjected") is not a new received message, and the
//   parent's hop into the filter (status=sent, "queued as" that child) is not a
//   delivery; both are counted apart (reinjected, filter_deliveries). Everything else
//   follows pflogsumm's definitions as far as they are sound: deliveries, deferrals and
//   bounces are log lines (one per recipient); "deferred" is messages with at least one
//   deferral; rejects are refusal lines. report_data.h has the definition of each field.
//
//   TIME WINDOW. With since/until, each fact counts when its own line's time lies in
//   [since, until): a message received before the window but delivered inside it counts
//   as delivered, not as received. Facts of unknown time count only without a window.
//   Per-day and per-hour tables use the time as logged (its own UTC offset).
//
//   LATE CLASSIFIER. Built with a future classifier (still being loaded while the logs
//   are read), the builder counts every journey at once and keeps only those with a
//   failure to diagnose, in order, until the classifier is ready; then it diagnoses
//   them, before any later one. So the result is the same as with the classifier from
//   the start: failure tallies are written by diagnosis only, the other counts never
//   by it. At most kMaxWaiting journeys wait; then the builder waits for the classifier.
//   Finish() waits for it and diagnoses what is left; call it before data().
//
//   AddReadStats() adds what the read pipeline counted outside journeys: the files and
//   lines read, and reject_warning lines that belong to no message (NOQUEUE). Those have
//   no time here, so with a window they are left out and totals.reject_warnings_partial
//   says so.
// THREAD SAFETY
//   One builder per run; OnJourney() is called from one thread at a time.
// BUGS
//   A message whose arrival lies in a file that was not given is not counted as received,
//   but its deliveries are (pflogsumm does the same). A content filter's return trip is
//   recognised only when the correlator linked it ("queued as" through a loopback or
//   socket relay within its grace period); an unlinked one counts as a new message.
#ifndef MAILWHY_REPORT_REPORT_BUILDER_H_
#define MAILWHY_REPORT_REPORT_BUILDER_H_

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "diagnose/classifier.h"
#include "journey/correlator.h"
#include "journey/log_reader.h"
#include "report/report_data.h"

namespace mailwhy {

struct ReportOptions {
  std::optional<int64_t> since_us, until_us;   // window [since, until)
  size_t max_detail_texts = 20000;             // per detail table (see detail_tally.h)
  size_t max_expired_listed = 1000;            // expired messages kept for the list
};

class ReportBuilder : public JourneySink {
 public:
  // `classifier` may be null: failures are then counted but not diagnosed.
  ReportBuilder(const ReportOptions& options, const Classifier* classifier);
  // A classifier still being loaded (see LATE CLASSIFIER); a null result counts
  // failures without diagnosing them.
  ReportBuilder(const ReportOptions& options, std::shared_future<const Classifier*> classifier);
  ~ReportBuilder() override;
  ReportBuilder(const ReportBuilder&) = delete;
  ReportBuilder& operator=(const ReportBuilder&) = delete;

  void OnJourney(Journey&& journey) override;
  // Diagnoses the journeys still waiting for the classifier (waiting for it first).
  void Finish();
  void AddReadStats(const LogReadStats& stats);

  static constexpr size_t kMaxWaiting = 4096;

  const ReportData& data() const { return data_; }
  size_t waiting() const;  // journeys waiting for the classifier
  const ReportOptions& options() const { return options_; }

 private:
  bool InWindow(const LogTime& t) const;
  void Note(const LogTime& t);
  void CountTraffic(const LogTime& t, int64_t TrafficCounts::*field);
  void CountArrival(const Journey& j);
  void CountNoqueue(const Journey& j);
  void CountDeliveries(const Journey& j);
  void CountRefusals(const Journey& j);
  void CountChecks(const Journey& j);
  void CountExpiry(const Journey& j);
  struct Failures;
  void DiagnoseFailures(const Journey& j, const Failures& failures);
  // True once classifier_ is final: at once with wait, else only when the load is done.
  // Diagnoses the waiting journeys when it becomes so.
  bool ClassifierKnown(bool wait);

  struct Scratch;
  struct Waiting;

  ReportOptions options_;
  const Classifier* classifier_ = nullptr;
  std::shared_future<const Classifier*> late_classifier_;  // valid until classifier_ is final
  std::vector<Waiting> waiting_;         // journeys with failures, waiting for it, in order
  ReportData data_;
  bool counted_ = false;                 // the current journey had a fact in the window
  uint64_t qid_reject_warnings_ = 0;     // reject_warning checks of queued messages, all times
  std::unique_ptr<Scratch> scratch_;     // the current journey's failures (report_builder.cc)
};

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_BUILDER_H_
