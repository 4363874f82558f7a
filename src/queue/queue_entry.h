// NAME
//   queue_entry - one message in the Postfix queue, as postqueue or mailq show it
// DESCRIPTION
//   A QueueEntry is what `postqueue -j` writes for one queue file (postqueue(1), JSON
//   OBJECT FORMAT): the queue it sits in, its queue ID, arrival time, size, envelope
//   sender, and each recipient still to be delivered with the reason of its last
//   deferral ("delay_reason", the text Postfix also logs after status=deferred). `mailq`
//   and `postqueue -p` show the same facts as text, with the arrival time in local time
//   and without a year, and the queue only as a mark after the ID ('*' active, '!' hold).
//
//   Fields the source does not give stay empty (arrival_time 0, message_size -1).
#ifndef MAILWHY_QUEUE_QUEUE_ENTRY_H_
#define MAILWHY_QUEUE_QUEUE_ENTRY_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mailwhy {

struct QueueRecipient {
  std::string address;
  std::string delay_reason;  // "" when the recipient has not been tried yet
};

struct QueueEntry {
  std::string queue_name;    // maildrop, incoming, active, deferred, hold, corrupt
  std::string queue_id;
  int64_t arrival_time = 0; // seconds since the epoch, 0 when unknown
  int64_t message_size = -1;
  std::string sender;        // "" for the null sender (MAILER-DAEMON)
  bool forced_expire = false;  // postsuper -e: returned at the next delivery attempt
  std::vector<QueueRecipient> recipients;
};

}  // namespace mailwhy

#endif  // MAILWHY_QUEUE_QUEUE_ENTRY_H_
