// NAME
//   queue_summary - what is stuck in the queue, where to, since when, and why
// SYNOPSIS
//   QueueSummary s = SummarizeQueue(entries, *classifier, now, 10);
//   s.domains[0].domain, s.domains[0].buckets   // qshape-like age histogram per domain
//   s.reasons[0].verdict.reason                  // the commonest cause of deferral
// DESCRIPTION
//   SummarizeQueue() looks at every recipient still queued:
//     - by destination domain and age, like Postfix's qshape: how many recipients to each
//       domain have waited up to 5, 10, 20, 40, 80, 160, 320, 640, 1280 minutes and more
//       (kAgeBucketMinutes), busiest domains first;
//     - by the reason of the last deferral: each recipient's delay_reason is judged by the
//       knowledge base (FactsOfQueueRecipient: the text Postfix logs after status=deferred,
//       origin "delivery"), and recipients are grouped by the rule that decided, most
//       recipients first, with the domains concerned and an example text. Recipients not
//       tried yet (no delay_reason) are counted apart as `pending`;
//     - the `oldest_count` oldest messages, oldest first, each with its first recipient
//       and that recipient's verdict;
//     - totals: messages, recipients, bytes, messages per queue (active, deferred, hold,
//       ...).
//   Ages are measured from `now`; an unknown arrival time counts as age 0.
// THREAD SAFETY
//   Pure function of its arguments; the classifier is only read.
#ifndef MAILWHY_QUEUE_QUEUE_SUMMARY_H_
#define MAILWHY_QUEUE_QUEUE_SUMMARY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/facts.h"
#include "diagnose/verdict.h"
#include "queue/queue_entry.h"

namespace mailwhy {

// qshape's default buckets (minutes): a recipient of age A falls in the first bucket with
// A <= limit, or in the last, open one ("1280+").
inline constexpr int kAgeBucketMinutes[] = {5, 10, 20, 40, 80, 160, 320, 640, 1280};
inline constexpr size_t kAgeBuckets = sizeof(kAgeBucketMinutes) / sizeof(int) + 1;

struct QueueDomainRow {
  std::string domain;
  size_t recipients = 0;
  std::vector<size_t> buckets = std::vector<size_t>(kAgeBuckets, 0);
};

struct QueueReasonRow {
  bool pending = false;             // not tried yet: no verdict
  Verdict verdict;
  size_t recipients = 0;
  size_t messages = 0;
  std::vector<std::string> domains; // recipient domains, most affected first
  std::string example;              // one delay_reason text of the group
  int64_t oldest_arrival = 0;
};

struct QueueOldest {
  const QueueEntry* entry = nullptr;  // points into the entries given
  std::string recipient;
  std::string reason;                 // that recipient's delay_reason
  Verdict verdict;
  bool pending = false;
};

struct QueueSummary {
  int64_t now = 0;
  size_t messages = 0, recipients = 0;
  int64_t bytes = 0;
  std::vector<std::pair<std::string, size_t>> queues;  // queue name, messages
  std::vector<QueueDomainRow> domains;                  // busiest first
  QueueDomainRow total;                                 // domain "TOTAL"
  std::vector<QueueReasonRow> reasons;                  // commonest first
  std::vector<QueueOldest> oldest;                      // oldest first
};

// REQUIRES: `entries` outlives the summary (QueueOldest points into it).
QueueSummary SummarizeQueue(const std::vector<QueueEntry>& entries, const Classifier& classifier,
                            int64_t now, size_t oldest_count);

// The classifier's input for one queued recipient.
FailureFacts FactsOfQueueRecipient(const QueueEntry& entry, const QueueRecipient& recipient);

// The recipient domain, lower case ("" when the address has none).
std::string RecipientDomain(const std::string& address);

// Which age bucket `age_seconds` falls in.
size_t AgeBucket(int64_t age_seconds);

}  // namespace mailwhy

#endif  // MAILWHY_QUEUE_QUEUE_SUMMARY_H_
