// NAME
//   queue_source - where the queue listing comes from: postqueue -j, or saved text
// SYNOPSIS
//   std::string text;
//   Status s = RunPostqueue(&text);                 // the live queue
//   ReadQueueListing(text, now, &entries, &stats);  // JSON lines or mailq text
// DESCRIPTION
//   RunPostqueue() runs `postqueue -j` (found on PATH, else in /usr/sbin and /usr/bin) and
//   returns its output. postqueue needs no privileges to list the queue unless the
//   administrator restricted it (authorized_mailq_users).
//
//   ReadQueueListing() tells the two formats apart by the first character that is not
//   white space: "{" means `postqueue -j` JSON lines (postqueue_json.h), anything else
//   `mailq` / `postqueue -p` text (mailq_text.h).
// DIAGNOSTICS
//   RunPostqueue(): NotFound "postqueue not found ..." when no postqueue is installed;
//   IoError "postqueue -j failed (exit N): <its message>" when it ran and failed (queue
//   not readable, Postfix not running with a restricted mailq).
#ifndef MAILWHY_QUEUE_QUEUE_SOURCE_H_
#define MAILWHY_QUEUE_QUEUE_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "queue/postqueue_json.h"
#include "queue/queue_entry.h"
#include "util/status.h"

namespace mailwhy {

Status RunPostqueue(std::string* out);

void ReadQueueListing(std::string_view text, int64_t now, std::vector<QueueEntry>* out,
                      QueueReadStats* stats);

}  // namespace mailwhy

#endif  // MAILWHY_QUEUE_QUEUE_SOURCE_H_
