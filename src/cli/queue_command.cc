// queue_command - `mailwhy queue [FILE|-] [--json] [--oldest N] [--now TIME] [--lang ja|en]`
//
// Says what is stuck in the Postfix queue and why. Without FILE it runs `postqueue -j`;
// with FILE (or "-" for standard input) it reads a saved `postqueue -j` output or the text
// of `mailq` / `postqueue -p`, pasted ones included.
//
// The report has four parts: totals (messages, recipients, bytes, per queue); recipients
// by destination domain and age, in qshape's buckets (minutes); the causes of the last
// deferral, judged by the same rules as the logs, with the domains concerned and the
// remedy; and the oldest messages. With --json: one "queue-message" object per queued
// message (each recipient with its verdict), then one "queue-summary" object
// (docs/FORMATS.md, "queue").
//
// --now TIME sets the moment ages are measured from (and the year mailq's dates get);
// the default is the current time.
//
// Exit status: 0 something is queued, 1 the queue is empty, 2 error (postqueue missing or
// failing, unreadable file, bad rules).
#include <ctime>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "queue/queue_source.h"
#include "queue/queue_summary.h"
#include "render/verdict_render.h"
#include "util/byte_source.h"
#include "util/civil_time.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"
#include "util/user_time.h"

namespace mailwhy {

namespace {

struct QueueOptions {
  std::string file;
  bool json = false;
  std::string lang;
  std::vector<std::string> rule_dirs;
  std::string color = "auto";
  size_t oldest = 10;
  std::string now;
};


std::string Time(int64_t t) {
  if (t <= 0) return std::string();
  return FormatRfc3339(t * 1000000, LocalOffsetAt(t));
}

// "3 min", "5.2 h", "2.9 days" (Japanese: "3分", "5.2時間", "2.9日").
std::string Age(int64_t seconds, bool ja) {
  if (seconds < 0) seconds = 0;
  if (seconds < 3600) return fmt::format(fmt::runtime(ja ? "{}分" : "{} min"), seconds / 60);
  if (seconds < 86400) return fmt::format(fmt::runtime(ja ? "{:.1f}時間" : "{:.1f} h"), seconds / 3600.0);
  return fmt::format(fmt::runtime(ja ? "{:.1f}日" : "{:.1f} days"), seconds / 86400.0);
}

std::string Bytes(int64_t n) {
  if (n < 1024) return fmt::format("{} B", n);
  if (n < 1024 * 1024) return fmt::format("{:.1f} KB", n / 1024.0);
  return fmt::format("{:.1f} MB", n / 1048576.0);
}

void AppendMessageJson(const QueueEntry& e, const Classifier& c, Lang lang, int64_t now,
                       std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("v", 1);
  w.Field("type", "queue-message");
  w.FieldOrNull("queue_name", e.queue_name);
  w.Field("queue_id", e.queue_id);
  w.FieldOrNull("arrival_time", Time(e.arrival_time));
  w.Key("age_seconds");
  if (e.arrival_time > 0) w.Int(now - e.arrival_time); else w.Null();
  w.Key("message_size");
  if (e.message_size >= 0) w.Int(e.message_size); else w.Null();
  w.Field("sender", e.sender);
  w.Field("forced_expire", e.forced_expire);
  w.Key("recipients");
  w.BeginArray();
  for (const QueueRecipient& r : e.recipients) {
    w.BeginObject();
    w.Field("address", r.address);
    w.FieldOrNull("delay_reason", r.delay_reason);
    w.Key("verdict");
    if (r.delay_reason.empty()) {
      w.Null();
    } else {
      std::string v;
      AppendVerdictJson(c.Classify(FactsOfQueueRecipient(e, r)), lang, &v);
      w.Raw(v);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

void AppendSummaryJson(const QueueSummary& s, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("v", 1);
  w.Field("type", "queue-summary");
  w.Field("now", Time(s.now));
  w.Field("messages", static_cast<int64_t>(s.messages));
  w.Field("recipients", static_cast<int64_t>(s.recipients));
  w.Field("bytes", s.bytes);
  w.Key("queues");
  w.BeginObject();
  for (const auto& [name, n] : s.queues) w.Field(name, static_cast<int64_t>(n));
  w.EndObject();
  w.Key("age_buckets_minutes");
  w.BeginArray();
  for (int m : kAgeBucketMinutes) w.Int(m);
  w.EndArray();
  w.Key("domains");
  w.BeginArray();
  for (const QueueDomainRow& d : s.domains) {
    w.BeginObject();
    w.Field("domain", d.domain);
    w.Field("recipients", static_cast<int64_t>(d.recipients));
    w.Key("buckets");
    w.BeginArray();
    for (size_t n : d.buckets) w.Int(static_cast<int64_t>(n));
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("reasons");
  w.BeginArray();
  for (const QueueReasonRow& r : s.reasons) {
    w.BeginObject();
    w.Field("pending", r.pending);
    w.FieldOrNull("reason", r.pending ? std::string_view() : ToString(r.verdict.reason));
    w.FieldOrNull("rule", r.verdict.rule_id);
    w.FieldOrNull("provider", r.verdict.provider);
    w.Field("recipients", static_cast<int64_t>(r.recipients));
    w.Field("messages", static_cast<int64_t>(r.messages));
    w.Key("domains");
    w.BeginArray();
    for (const auto& d : r.domains) w.String(d);
    w.EndArray();
    w.FieldOrNull("example", r.example);
    w.FieldOrNull("oldest_arrival", Time(r.oldest_arrival));
    w.EndObject();
  }
  w.EndArray();
  w.Key("oldest");
  w.BeginArray();
  for (const QueueOldest& o : s.oldest) {
    w.BeginObject();
    w.Field("queue_id", o.entry->queue_id);
    w.FieldOrNull("arrival_time", Time(o.entry->arrival_time));
    w.FieldOrNull("recipient", o.recipient);
    w.FieldOrNull("reason", o.pending ? std::string_view() : ToString(o.verdict.reason));
    w.FieldOrNull("rule", o.verdict.rule_id);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

void AppendSummaryText(const QueueSummary& s, Lang lang, bool color, std::string* out) {
  const bool ja = lang == Lang::kJa;
  auto bold = [&](const std::string& t) { return color ? "\x1b[1m" + t + "\x1b[0m" : t; };
  std::string queues;
  for (const auto& [name, n] : s.queues) {
    queues += (queues.empty() ? "" : ", ") + fmt::format("{} {}", n, name);
  }
  *out += bold(ja ? fmt::format("キュー: {}通（{}）、宛先{}件、{}", s.messages, queues, s.recipients, Bytes(s.bytes))
                  : fmt::format("Queue: {} message{} ({}), {} recipient{}, {}", s.messages,
                                s.messages == 1 ? "" : "s", queues, s.recipients,
                                s.recipients == 1 ? "" : "s", Bytes(s.bytes)));
  *out += fmt::format(fmt::runtime(ja ? "  {}時点\n\n" : "  as of {}\n\n"), Time(s.now));

  *out += bold(ja ? "宛先ドメインと滞留時間（宛先数、分）" : "Where to, and for how long (recipients by age in minutes)") + "\n";
  std::string head = fmt::format("  {:<32} {:>6}", "", "T");
  for (int m : kAgeBucketMinutes) head += fmt::format(" {:>5}", m);
  head += fmt::format(" {:>6}\n", "1280+");
  *out += head;
  auto row = [&](const QueueDomainRow& d) {
    std::string name = d.domain.empty() ? "(no domain)" : d.domain;
    if (name.size() > 32) name = name.substr(0, 31) + "~";
    std::string line = fmt::format("  {:<32} {:>6}", EscapeForTerminal(name), d.recipients);
    for (size_t i = 0; i < d.buckets.size(); ++i) {
      line += fmt::format(fmt::runtime(i + 1 == d.buckets.size() ? " {:>6}" : " {:>5}"), d.buckets[i]);
    }
    *out += line + "\n";
  };
  row(s.total);
  for (size_t i = 0; i < s.domains.size() && i < 20; ++i) row(s.domains[i]);
  if (s.domains.size() > 20) *out += fmt::format(fmt::runtime(ja ? "  ...他{}ドメイン\n" : "  ... {} more domains\n"), s.domains.size() - 20);

  *out += "\n" + bold(ja ? "理由（最後の延期）" : "Why (the last deferral)") + "\n";
  for (const QueueReasonRow& r : s.reasons) {
    std::string domains;
    for (size_t i = 0; i < r.domains.size() && i < 5; ++i) domains += (i ? ", " : "") + r.domains[i];
    if (r.domains.size() > 5) domains += ", ...";
    if (r.pending) {
      *out += fmt::format(fmt::runtime(ja ? "\n- 未配送（まだ試行なし）: 宛先{}件、{}通: {}\n" : "\n- pending (not tried yet): {} recipients, {} messages: {}\n"),
                          r.recipients, r.messages, EscapeForTerminal(domains));
      continue;
    }
    *out += "\n- " + bold(std::string(ToString(r.verdict.reason))) +
            (ja ? fmt::format(" 宛先{}件、{}通: {}\n", r.recipients, r.messages, EscapeForTerminal(domains))
                : fmt::format(": {} recipient{}, {} message{}: {}\n", r.recipients, r.recipients == 1 ? "" : "s",
                              r.messages, r.messages == 1 ? "" : "s", EscapeForTerminal(domains)));
    *out += "    > ";
    AppendEscapedForTerminal(r.example.substr(0, 300), out);
    *out += "\n";
    AppendVerdictText(r.verdict, lang, color, 80, "    ", out);
  }

  if (!s.oldest.empty()) {
    *out += "\n" + bold(ja ? "最も古いメッセージ" : "The oldest messages") + "\n";
    for (const QueueOldest& o : s.oldest) {
      const QueueEntry& e = *o.entry;
      std::string age = e.arrival_time > 0 ? Age(s.now - e.arrival_time, ja) : "?";
      std::string what = o.pending ? (ja ? "未試行" : "not tried yet") : std::string(ToString(o.verdict.reason));
      std::string line = fmt::format("  {:<14} {:>10}  {} -> {}{}  {}", e.queue_id, age,
                                     e.sender.empty() ? "<>" : e.sender, o.recipient,
                                     e.recipients.size() > 1 ? fmt::format(" (+{})", e.recipients.size() - 1) : "",
                                     what);
      *out += EscapeForTerminal(line) + "\n";
    }
  }
}

int RunQueue(const QueueOptions& o) {
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (!o.now.empty()) {
    UserTime t;
    Status s = ParseUserTime(o.now, now, &t);
    if (!s.ok()) {
      std::cerr << "mailwhy: queue: --now: " << s.ToString() << "\n";
      return 2;
    }
    now = t.unix_s;
  }
  std::string text;
  Status s = o.file.empty() ? RunPostqueue(&text) : ReadWholeSource(o.file, &text);
  if (!s.ok()) {
    std::cerr << "mailwhy: queue: " << EscapeForTerminal(s.ToString()) << "\n";
    return 2;
  }
  std::vector<QueueEntry> entries;
  QueueReadStats stats;
  ReadQueueListing(text, now, &entries, &stats);
  if (stats.bad_lines > 0) {
    std::cerr << "mailwhy: queue: " << stats.bad_lines << " line(s) not understood, e.g. "
              << EscapeForTerminal(stats.samples.front()) << "\n";
  }

  std::shared_ptr<const Classifier> classifier;
  s = LoadKnowledge(o.rule_dirs, &classifier);
  if (!s.ok()) {
    std::cerr << "mailwhy: " << s.ToString() << "\n";
    return 2;
  }
  const Lang lang = LanguageFromOption(o.lang);
  QueueSummary summary = SummarizeQueue(entries, *classifier, now, o.oldest);
  std::string out;
  if (o.json) {
    for (const QueueEntry& e : entries) AppendMessageJson(e, *classifier, lang, now, &out);
    AppendSummaryJson(summary, &out);
  } else if (entries.empty()) {
    out = lang == Lang::kJa ? "キューは空です。\n" : "The queue is empty.\n";
  } else {
    AppendSummaryText(summary, lang, WantColor(o.color), &out);
  }
  std::cout << out << std::flush;
  return entries.empty() ? 1 : 0;
}

}  // namespace

void RegisterQueueCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<QueueOptions>();
  CLI::App* cmd = app.add_subcommand(
      "queue", "what is stuck in the Postfix queue, where to, since when and why (postqueue -j or mailq text)");
  cmd->add_option("file", opts->file,
                  "saved 'postqueue -j' or 'mailq' output, '-' for standard input (default: run postqueue -j)");
  cmd->add_flag("--json", opts->json, "one JSON object per queued message, then a summary (docs/FORMATS.md)");
  cmd->add_option("--oldest", opts->oldest, "how many of the oldest messages to list (default 10)");
  cmd->add_option("--now", opts->now, "measure ages from this time (e.g. '2024-01-05 10:00')");
  cmd->add_option("--lang", opts->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"ja", "en"}));
  AddRulesOption(cmd, &opts->rule_dirs);
  cmd->add_option("--color", opts->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->callback([opts, exit_code] { *exit_code = RunQueue(*opts); });
}

}  // namespace mailwhy
