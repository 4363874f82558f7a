// NAME
//   postqueue_json - read `postqueue -j` output: one JSON object per queued message
// SYNOPSIS
//   std::vector<QueueEntry> entries;
//   QueueReadStats stats;
//   ReadPostqueueJson(text, &entries, &stats);
// DESCRIPTION
//   postqueue -j (Postfix 3.1 and later) writes one JSON object per line:
//
//     {"queue_name": "deferred", "queue_id": "366815BF0A", "arrival_time": 1703223523,
//      "message_size": 2134, "forced_expire": false, "sender": "hoge@example.net",
//      "recipients": [{"address": "taro@example.com", "delay_reason": "host ml.example.com
//      [210.172.140.106] said: 450 ... (in reply to RCPT TO command)"}]}
//
//   Every line is parsed on its own (nlohmann-json, without exceptions); unknown fields
//   are ignored, missing ones stay empty. A line that is not a JSON object is counted in
//   `stats.bad_lines` and its first bytes kept as a sample; reading goes on.
// BUGS
//   postqueue escapes control characters in addresses and reasons; they are kept as
//   decoded.
#ifndef MAILWHY_QUEUE_POSTQUEUE_JSON_H_
#define MAILWHY_QUEUE_POSTQUEUE_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "queue/queue_entry.h"

namespace mailwhy {

struct QueueReadStats {
  size_t lines = 0;
  size_t bad_lines = 0;
  std::vector<std::string> samples;  // up to 3 lines that could not be read
};

void ReadPostqueueJson(std::string_view text, std::vector<QueueEntry>* out, QueueReadStats* stats);

}  // namespace mailwhy

#endif  // MAILWHY_QUEUE_POSTQUEUE_JSON_H_
