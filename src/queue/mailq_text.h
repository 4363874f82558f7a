// NAME
//   mailq_text - read `mailq` / `postqueue -p` output, as printed or as pasted
// SYNOPSIS
//   std::vector<QueueEntry> entries;
//   QueueReadStats stats;
//   ReadMailqText(text, now, &entries, &stats);
// DESCRIPTION
//   postqueue -p (showq) prints
//
//     -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
//     366815BF0A*    2134 Fri Dec 22 14:38:43  hoge@xxxxxx.net
//     (host ml.xxxxxx.com[210.172.140.106] said: 450 Rcpt to <taro@xxxxxx.com> – Temporary
//         local problem – I said try later (in reply to RCPT TO command))
//                                              taro@xxxxxx.com
//
//     -- 2 Kbytes in 1 Request.
//
//   A queue ID (short or long, followed by '*' for the active queue or '!' for hold),
//   the size, the arrival time (local time, no year), the sender (MAILER-DAEMON for the
//   null sender), then per group of recipients the reason of the last deferral in
//   parentheses and the addresses. The reader is a tokenizer, not a column parser, so
//   text that lost its layout reads the same: the seed's one-line paste
//   "366815BF0A 2134 Fri Dec 22 14:38:43 hoge@xxxxxx.net (host ... said: 450 ... (in
//   reply to RCPT TO command)) taro@xxxxxx.com", reasons wrapped over lines, typographic
//   dashes in the headings ("–Size–"). A reason is everything between its opening
//   parenthesis and the one that balances it.
//
//   The arrival time gets the year that puts it at or before `now` (plus a day of slack),
//   in the local time zone. The queue is "active" for '*', "hold" for '!', else "deferred".
//   "Mail queue is empty" gives no entries.
// DIAGNOSTICS
//   Lines outside any entry that are not headings or the summary line are counted in
//   stats.bad_lines, with samples.
#ifndef MAILWHY_QUEUE_MAILQ_TEXT_H_
#define MAILWHY_QUEUE_MAILQ_TEXT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "queue/postqueue_json.h"
#include "queue/queue_entry.h"

namespace mailwhy {

void ReadMailqText(std::string_view text, int64_t now, std::vector<QueueEntry>* out,
                   QueueReadStats* stats);

}  // namespace mailwhy

#endif  // MAILWHY_QUEUE_MAILQ_TEXT_H_
