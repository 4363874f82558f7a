// postqueue_json - `postqueue -j` lines to QueueEntry values (see postqueue_json.h).
#include "queue/postqueue_json.h"

#include <nlohmann/json.hpp>

namespace mailwhy {

namespace {

using Json = nlohmann::json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t Int(const Json& j, const char* key, int64_t fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  return it->is_number_integer() ? it->get<int64_t>() : static_cast<int64_t>(it->get<double>());
}

void Sample(std::string_view line, QueueReadStats* stats) {
  ++stats->bad_lines;
  if (stats->samples.size() < 3) stats->samples.emplace_back(line.substr(0, 120));
}

}  // namespace

void ReadPostqueueJson(std::string_view text, std::vector<QueueEntry>* out, QueueReadStats* stats) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    ++stats->lines;
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      Sample(line, stats);
      continue;
    }
    QueueEntry e;
    e.queue_name = Str(j, "queue_name");
    e.queue_id = Str(j, "queue_id");
    e.arrival_time = Int(j, "arrival_time", 0);
    e.message_size = Int(j, "message_size", -1);
    e.sender = Str(j, "sender");
    auto fe = j.find("forced_expire");
    e.forced_expire = fe != j.end() && fe->is_boolean() && fe->get<bool>();
    auto rs = j.find("recipients");
    if (rs != j.end() && rs->is_array()) {
      for (const Json& r : *rs) {
        if (!r.is_object()) continue;
        e.recipients.push_back(QueueRecipient{Str(r, "address"), Str(r, "delay_reason")});
      }
    }
    if (e.queue_id.empty()) {
      Sample(line, stats);
      continue;
    }
    out->push_back(std::move(e));
  }
}

}  // namespace mailwhy
