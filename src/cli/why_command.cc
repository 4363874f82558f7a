// why_command - `mailwhy why`: find a message by what the user knows, tell its story
//
// The question of seed 004: "tu@example.com sent to tu@example.net around 18:38 on
// December 5 and it never arrived". The user gives any of sender, recipient, time,
// Message-ID, queue ID, client, status, reason; mailwhy reads the logs, rebuilds the
// journeys, keeps those that fit, and prints each one's timeline and verdict (or NDJSON).
//
// When nothing fits, it says what it searched (files, the time they cover, the filters)
// and what came close: the same recipient outside the time window, addresses a typo
// away from the one asked, and refusals of that address at connection time.
//
// Exit status: 0 found, 1 nothing found, 2 error.
#include <algorithm>
#include <ctime>
#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "diagnose/classifier.h"
#include "diagnose/journey_diagnosis.h"
#include "journey/evidence.h"
#include "journey/journey_filter.h"
#include "journey/log_reader.h"
#include "journey/prefilter.h"
#include "render/journey_render.h"
#include "render/timeline.h"
#include "render/verdict_render.h"
#include "util/ascii.h"
#include "util/edit_distance.h"
#include "util/terminal_text.h"
#include "util/user_time.h"

namespace mailwhy {

namespace {

struct WhyOptions {
  std::vector<std::string> files;
  std::string from, to, at, around = "30m", since, until, msgid, qid, client, status, reason;
  bool json = false;
  bool no_evidence = false;
  std::string lang;
  std::string color = "auto";
  int year = 0;
  int threads = 0;  // 0: ReadThreads() decides
  std::vector<std::string> rule_dirs;
};

constexpr size_t kMaxNearMisses = 5;
constexpr size_t kRecentLinked = 4096;
constexpr size_t kCensusLimit = 1000000;

std::string LinkKey(std::string_view host, std::string_view qid) {
  std::string k(host);
  k += '\x1f';
  k += qid;
  return k;
}

// Collects the matching journeys, their linked journeys, and material for near misses.
class WhySink : public JourneySink {
 public:
  explicit WhySink(const JourneyQuery& q) : q_(q) {
    if (!q.to.empty()) to_ = AddressPattern::From(q.to);
    if (!q.from.empty()) from_ = AddressPattern::From(q.from);
  }

  void OnJourney(Journey&& j) override {
    const std::string key = LinkKey(j.host, j.qid);
    if (Matches(j, q_)) {
      WantLinks(j);
      matches.push_back(std::move(j));
      return;
    }
    if (auto it = wanted_.find(key); it != wanted_.end()) {
      wanted_.erase(it);
      related.push_back(j);
    }
    NoteNearMiss(j);
    if (!j.children.empty() || !j.parent.qid.empty()) {
      recent_linked_.push_back(std::move(j));
      if (recent_linked_.size() > kRecentLinked) recent_linked_.pop_front();
    }
  }

  std::vector<Journey> matches;
  std::vector<Journey> related;
  std::vector<Journey> outside_window;    // same criteria, other time
  std::vector<Journey> refused;           // NOQUEUE rejects of the asked recipient
  std::unordered_set<std::string> recipients_seen, senders_seen;

 private:
  void WantLinks(const Journey& j) {
    std::vector<std::string> keys;
    for (const Link& l : j.children) keys.push_back(LinkKey(l.host.empty() ? j.host : l.host, l.qid));
    if (!j.parent.qid.empty()) keys.push_back(LinkKey(j.parent.host.empty() ? j.host : j.parent.host, j.parent.qid));
    for (const std::string& k : keys) {
      bool found = false;
      for (const Journey& r : recent_linked_) {
        if (LinkKey(r.host, r.qid) == k) {
          related.push_back(r);
          found = true;
          break;
        }
      }
      if (!found) wanted_.insert(k);
    }
  }

  void NoteNearMiss(const Journey& j) {
    if (!to_.text.empty() || !from_.text.empty()) {
      for (const Recipient& r : j.recipients) {
        if (recipients_seen.size() < kCensusLimit) recipients_seen.insert(AsciiLowered(r.address));
      }
      if (j.has_from && senders_seen.size() < kCensusLimit) senders_seen.insert(AsciiLowered(j.from));
    }
    if (j.qid == "NOQUEUE") {
      // Refusals of the asked address at connection time, whatever else was asked.
      bool to_ok = to_.text.empty(), from_ok = from_.text.empty();
      for (const Recipient& r : j.recipients) to_ok = to_ok || to_.Matches(r.address);
      from_ok = from_ok || (j.has_from && from_.Matches(j.from));
      if (to_ok && from_ok && !(to_.text.empty() && from_.text.empty())) Keep(&refused, j);
      return;
    }
    if (MatchesIgnoringTime(j, q_)) Keep(&outside_window, j);
  }

  // Keeps the journeys closest in time to the window.
  void Keep(std::vector<Journey>* list, const Journey& j) {
    list->push_back(j);
    if (list->size() <= kMaxNearMisses) return;
    auto distance = [this](const Journey& x) {
      if (!x.first_seen.known) return INT64_MAX;
      int64_t t = x.first_seen.unix_us;
      if (q_.since_us && t < *q_.since_us) return *q_.since_us - t;
      if (q_.until_us && t >= *q_.until_us) return t - *q_.until_us;
      return int64_t{0};
    };
    auto worst = std::max_element(list->begin(), list->end(),
                                  [&](const Journey& a, const Journey& b) { return distance(a) < distance(b); });
    list->erase(worst);
  }


  JourneyQuery q_;
  AddressPattern to_, from_;
  std::deque<Journey> recent_linked_;
  std::unordered_set<std::string> wanted_;
};

bool BuildQuery(const WhyOptions& o, JourneyQuery* q) {
  q->from = o.from;
  q->to = o.to;
  q->message_id = o.msgid;
  q->qid = o.qid;
  q->client = o.client;
  if (!o.status.empty() && !ParseStatuses(o.status, &q->statuses)) {
    std::cerr << "mailwhy: unknown --status '" << o.status
              << "': use sent, deferred, bounced, expired, rejected, discarded, held, pending\n";
    return false;
  }
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (!o.at.empty()) {
    UserTime at;
    int64_t around = 0;
    Status s = ParseUserTime(o.at, now, &at);
    if (s.ok()) s = ParseDuration(o.around, &around);
    if (!s.ok()) {
      std::cerr << "mailwhy: " << s.ToString() << "\n";
      return false;
    }
    q->since_us = (at.unix_s - around) * 1000000;
    q->until_us = (at.unix_s + at.span_s + around) * 1000000;
  }
  for (auto [text, slot] : {std::pair{&o.since, &q->since_us}, std::pair{&o.until, &q->until_us}}) {
    if (text->empty()) continue;
    UserTime t;
    Status s = ParseUserTime(*text, now, &t);
    if (!s.ok()) {
      std::cerr << "mailwhy: " << s.ToString() << "\n";
      return false;
    }
    *slot = t.unix_s * 1000000;
  }
  return true;
}

// Words every line of interest must share with at least one line of its message.
std::vector<std::string> SearchWords(const JourneyQuery& q) {
  std::vector<std::string> words;
  auto strip = [](std::string s) {
    while (!s.empty() && (s.front() == '<' || s.front() == ' ' || s.front() == '@')) s.erase(0, 1);
    while (!s.empty() && (s.back() == '>' || s.back() == ' ')) s.pop_back();
    return s;
  };
  for (const std::string& w : {q.to, q.from, q.message_id, q.qid, q.client}) {
    std::string s = strip(w);
    if (!s.empty()) words.push_back(s);
  }
  return words;
}

std::string Describe(const JourneyQuery& q, const WhyOptions& o) {
  std::vector<std::string> parts;
  if (!q.from.empty()) parts.push_back("from " + q.from);
  if (!q.to.empty()) parts.push_back("to " + q.to);
  if (!o.at.empty()) parts.push_back("at " + o.at + " ±" + o.around);
  if (!o.since.empty()) parts.push_back("since " + o.since);
  if (!o.until.empty()) parts.push_back("until " + o.until);
  if (!q.message_id.empty()) parts.push_back("message-id " + q.message_id);
  if (!q.qid.empty()) parts.push_back("queue ID " + q.qid);
  if (!q.client.empty()) parts.push_back("client " + q.client);
  if (!o.status.empty()) parts.push_back("status " + o.status);
  if (!o.reason.empty()) parts.push_back("reason " + o.reason);
  std::string s;
  for (const std::string& p : parts) s += (s.empty() ? "" : ", ") + p;
  return s;
}

std::string JourneyOneLine(const Journey& j) {
  std::string rcpts;
  for (const Recipient& r : j.recipients) {
    rcpts += fmt::format("{}<{}> {}", rcpts.empty() ? "" : ", ", r.address, ToString(r.status));
  }
  return EscapeForTerminal(fmt::format("{}  {} on {}  from <{}>  {}", TimeText(j.first_seen), j.qid,
                                       j.host, j.from, rcpts));
}

void PrintNothingFound(const WhyOptions& o, const JourneyQuery& q, const LogReadStats& stats,
                       const WhySink& sink) {
  std::string out = fmt::format("No message found {}.\n\nSearched:\n", EscapeForTerminal(Describe(q, o)));
  for (const FileSpan& f : stats.files) {
    out += fmt::format("  {}  {} lines, {} .. {}\n", EscapeForTerminal(f.path), f.lines,
                       f.first.known ? TimeText(f.first) : "?", f.last.known ? TimeText(f.last) : "?");
  }
  if (!sink.outside_window.empty()) {
    out += "\nThe same criteria outside the time window:\n";
    for (const Journey& j : sink.outside_window) out += "  " + JourneyOneLine(j) + "\n";
  }
  if (!sink.refused.empty()) {
    out += "\nRefused at connection time (never queued):\n";
    for (const Journey& j : sink.refused) {
      out += "  " + JourneyOneLine(j) + "\n";
      if (!j.recipients.empty()) {
        out += "      " + EscapeForTerminal(j.recipients[0].reject_reply.text) + "\n";
      }
    }
  }
  auto suggest = [&](const std::string& asked, const std::unordered_set<std::string>& seen, const char* flag) {
    AddressPattern p = AddressPattern::From(asked);
    if (p.domain_only || p.text.empty()) return;
    std::vector<std::pair<size_t, std::string>> close;
    for (const std::string& a : seen) {
      if (a == p.text) continue;
      size_t d = EditDistance(a, p.text, 2);
      if (d <= 2) close.emplace_back(d, a);
    }
    std::sort(close.begin(), close.end());
    if (close.size() > kMaxNearMisses) close.resize(kMaxNearMisses);
    for (const auto& [d, a] : close) {
      out += fmt::format("\nDid you mean {} {}?", flag, EscapeForTerminal(a));
    }
    if (!close.empty()) out += "\n";
  };
  if (!q.to.empty()) suggest(q.to, sink.recipients_seen, "--to");
  if (!q.from.empty()) suggest(q.from, sink.senders_seen, "--from");
  std::cout << out;
}

int RunWhy(const WhyOptions& o) {
  JourneyQuery q;
  if (!BuildQuery(o, &q)) return 2;
  if (q.empty() && o.reason.empty()) {
    std::cerr << "mailwhy: say what you know about the message: --from, --to, --at TIME, "
                 "--msgid, --qid, --client, --status or --reason\n";
    return 2;
  }
  std::vector<std::string> files;
  if (!ResolveInputs(o.files, &files)) return 2;
  // The knowledge base is needed only once the journeys are rebuilt: load it meanwhile.
  KnowledgeLoader loader(o.rule_dirs);
  LogReadOptions ro;
  ro.forced_year = o.year;
  ro.threads = ReadThreads(o.threads);
  ro.stop = loader.failed();
  ro.search_words = SearchWords(q);
  // A prefiltered read parses only the few lines of the candidates: keeping their text
  // then costs less than reading the files a third time for it (FillEvidenceText).
  const bool from_stdin = std::find(files.begin(), files.end(), "-") != files.end();
  ro.correlator.keep_lines = !ro.search_words.empty() && !from_stdin && !o.no_evidence;
  LogReadStats stats;
  WhySink sink(q);
  Status read = ReadLogs(files, ro, &sink, &stats);
  std::shared_ptr<const Classifier> classifier;
  Status loaded = loader.Wait(&classifier);
  if (!loaded.ok()) {
    std::cerr << "mailwhy: " << loaded.ToString() << "\n";
    return 2;
  }
  for (const std::string& e : stats.errors) std::cerr << "mailwhy: " << e << "\n";

  // Diagnose, then keep what fits --reason.
  std::vector<Journey>& matches = sink.matches;
  std::vector<JourneyDiagnosis> diagnoses;
  std::vector<Journey> kept;
  for (Journey& j : matches) {
    JourneyDiagnosis d = DiagnoseJourney(j, *classifier);
    if (!o.reason.empty()) {
      bool fits = false;
      for (const RecipientDiagnosis& rd : d.recipients) {
        fits = fits || (rd.has_verdict && ToString(rd.verdict.reason) == o.reason);
      }
      if (!fits) continue;
    }
    kept.push_back(std::move(j));
    diagnoses.push_back(std::move(d));
  }
  if (kept.empty()) {
    if (!o.json) {
      if (stats.prefiltered) {
        // "Did you mean" needs every address, not only those of messages that mention the
        // words: one more scan of the files for them, without rebuilding anything.
        AddressCensus census;
        CollectAddresses(files, kCensusLimit, &census);
        sink.recipients_seen.merge(census.recipients);
        sink.senders_seen.merge(census.senders);
        PrintNothingFound(o, q, stats, sink);
      } else {
        PrintNothingFound(o, q, stats, sink);
      }
    }
    return read.ok() ? 1 : 2;
  }
  const Lang lang = LanguageFromOption(o.lang);
  std::string out;
  if (o.json) {
    RenderContext ctx;
    ctx.files = &files;
    for (size_t i = 0; i < kept.size(); ++i) {
      std::vector<std::string> verdicts;
      for (const RecipientDiagnosis& rd : diagnoses[i].recipients) {
        std::string v;
        if (rd.has_verdict) AppendVerdictJson(rd.verdict, lang, &v);
        verdicts.push_back(std::move(v));
      }
      std::vector<std::string> findings(diagnoses[i].findings.size());
      for (size_t f = 0; f < findings.size(); ++f) {
        AppendFindingJson(diagnoses[i].findings[f], kept[i], lang, &findings[f]);
      }
      AppendJourneyJson(kept[i], verdicts, &findings, ctx, &out);
    }
  } else {
    std::vector<Journey*> need_text;
    for (Journey& j : kept) need_text.push_back(&j);
    if (!o.no_evidence) FillEvidenceText(files, need_text);
    TimelineOptions to;
    to.lang = lang;
    to.color = WantColor(o.color);
    to.evidence = !o.no_evidence;
    to.files = &files;
    for (size_t i = 0; i < kept.size(); ++i) {
      std::vector<const Journey*> related;
      for (const Journey& r : sink.related) {
        bool linked = (r.parent.qid == kept[i].qid) || (kept[i].parent.qid == r.qid);
        if (linked) related.push_back(&r);
      }
      AppendTimeline(kept[i], diagnoses[i], related, to, &out);
    }
  }
  std::cout << out;
  return read.ok() ? 0 : 2;
}

}  // namespace

void RegisterWhyCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<WhyOptions>();
  CLI::App* cmd = app.add_subcommand("why", "find a message by what you know and explain what happened to it");
  cmd->add_option("logs", o->files, "log files (plain, .gz, .zst, .xz; '-' for stdin); default /var/log/mail.log or /var/log/maillog");
  cmd->add_option("--from", o->from, "envelope sender: address or domain");
  cmd->add_option("--to", o->to, "recipient: address or domain");
  cmd->add_option("--at", o->at, "when: 2022-12-05 18:38, Dec 5 18:38, 18:38, yesterday, -2h, ISO 8601");
  cmd->add_option("--around", o->around, "window around --at (default 30m)");
  cmd->add_option("--since", o->since, "seen at or after this time");
  cmd->add_option("--until", o->until, "seen before this time");
  cmd->add_option("--msgid", o->msgid, "Message-ID, with or without <>");
  cmd->add_option("--qid", o->qid, "queue ID");
  cmd->add_option("--client", o->client, "sending client: IP address or host name");
  cmd->add_option("--status", o->status, "sent, deferred, bounced, expired, rejected, discarded, held, pending (comma-separated)");
  cmd->add_option("--reason", o->reason, "diagnosed reason, e.g. authfailure, mailboxfull");
  cmd->add_flag("--json", o->json, "NDJSON journeys with verdicts (docs/FORMATS.md)");
  cmd->add_flag("--no-evidence", o->no_evidence, "do not print the log lines under each event");
  cmd->add_option("--lang", o->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")->check(CLI::IsMember({"ja", "en"}));
  cmd->add_option("--color", o->color, "never, always or auto")->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->add_option("--year", o->year, "year of the first record of BSD-style logs")->check(CLI::Range(1970, 9999));
  AddRulesOption(cmd, &o->rule_dirs);
  AddThreadsOption(cmd, &o->threads);
  cmd->callback([o, exit_code] { *exit_code = RunWhy(*o); });
}

}  // namespace mailwhy
