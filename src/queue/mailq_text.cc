// mailq_text - a tokenizer over showq's text (see mailq_text.h).
#include "queue/mailq_text.h"

#include <cctype>
#include <string>

#include "postfix/event_parser.h"
#include "util/civil_time.h"

namespace mailwhy {

namespace {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The next whitespace-separated token of *s, consumed.
std::string_view NextToken(std::string_view* s) {
  *s = TrimView(*s);
  size_t end = 0;
  while (end < s->size() && !std::isspace(static_cast<unsigned char>((*s)[end]))) ++end;
  std::string_view tok = s->substr(0, end);
  s->remove_prefix(end);
  return tok;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "14:38:43" -> seconds of the day, or -1.
int ClockSeconds(std::string_view s) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return -1;
  auto two = [&](size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); };
  for (size_t i : {0u, 1u, 3u, 4u, 6u, 7u}) {
    if (s[i] < '0' || s[i] > '9') return -1;
  }
  return two(0) * 3600 + two(3) * 60 + two(6);
}

// "Dec" "22" "14:38:43" in local time, the year chosen so the time is not in the future.
int64_t ArrivalTime(std::string_view mon, std::string_view day, std::string_view clock, int64_t now) {
  int month = MonthFromAbbrev(mon);
  int secs = ClockSeconds(clock);
  if (month == 0 || secs < 0 || !AllDigits(day)) return 0;
  int d = std::stoi(std::string(day));
  int year = 0, m = 0, dd = 0;
  CivilFromDays((now + LocalOffsetAt(now)) / 86400, &year, &m, &dd);
  for (int y : {year, year - 1}) {
    int h = secs / 3600, mi = secs / 60 % 60, se = secs % 60;
    int64_t t = UnixFromCivilUtc(y, month, d, h, mi, se) - LocalOffsetForCivil(y, month, d, h, mi, se);
    if (t <= now + 86400) return t;
  }
  return 0;
}

// "-Queue ID-  --Size-- ...", "-- 2 Kbytes in 1 Request." (or with typographic dashes,
// as pasted: "— 2 Kbytes in 1 Request."), "Mail queue is empty".
bool IsHeading(std::string_view line) {
  if (line.find("Mail queue is empty") != std::string_view::npos) return true;
  // The command itself, pasted with its prompt: "# mailq", "$ postqueue -p".
  std::string_view cmd = line;
  if (cmd.size() > 2 && (cmd[0] == '#' || cmd[0] == '$' || cmd[0] == '%') && cmd[1] == ' ') cmd.remove_prefix(2);
  if (cmd == "mailq" || cmd.substr(0, 9) == "postqueue" || cmd.substr(0, 8) == "sendmail") return true;
  const bool dash = line.front() == '-' || static_cast<unsigned char>(line.front()) == 0xE2;
  return dash && (line.find("Queue ID") != std::string_view::npos ||
                  line.find("Kbytes") != std::string_view::npos ||
                  line.find("Request") != std::string_view::npos);
}

class Reader {
 public:
  Reader(int64_t now, std::vector<QueueEntry>* out, QueueReadStats* stats)
      : now_(now), out_(out), stats_(stats) {}

  void Line(std::string_view raw) {
    std::string_view line = TrimView(raw);
    if (line.empty()) {
      reason_.clear();
      open_ = false;
      return;
    }
    ++stats_->lines;
    if (IsHeading(line)) return;
    std::string_view rest = line;
    if (StartEntry(&rest)) {
      Tail(rest);
      return;
    }
    if (!open_ && reason_depth_ == 0) {
      ++stats_->bad_lines;
      if (stats_->samples.size() < 3) stats_->samples.emplace_back(line.substr(0, 120));
      return;
    }
    Tail(line);
  }

 private:
  // "366815BF0A* 2134 Fri Dec 22 14:38:43 sender": a new entry; *rest gets what follows.
  bool StartEntry(std::string_view* rest) {
    std::string_view s = *rest;
    std::string_view id = NextToken(&s);
    char mark = 0;
    if (!id.empty() && (id.back() == '*' || id.back() == '!')) {
      mark = id.back();
      id.remove_suffix(1);
    }
    if (!IsQueueId(id) || id == "NOQUEUE") return false;
    std::string_view size = NextToken(&s);
    if (!AllDigits(size)) return false;
    std::string_view wday = NextToken(&s), mon = NextToken(&s), day = NextToken(&s),
                     clock = NextToken(&s);
    (void)wday;
    QueueEntry e;
    e.queue_id = std::string(id);
    e.queue_name = mark == '*' ? "active" : mark == '!' ? "hold" : "deferred";
    e.message_size = std::stoll(std::string(size));
    e.arrival_time = ArrivalTime(mon, day, clock, now_);
    std::string_view sender = NextToken(&s);
    e.sender = sender == "MAILER-DAEMON" ? std::string() : std::string(sender);
    out_->push_back(std::move(e));
    open_ = true;
    reason_.clear();
    reason_depth_ = 0;
    *rest = s;
    return true;
  }

  // Reasons in parentheses and recipient addresses, in any layout.
  void Tail(std::string_view s) {
    for (;;) {
      if (reason_depth_ > 0) {
        ReadReason(&s);
        if (reason_depth_ > 0) return;  // the reason goes on on the next line
        continue;
      }
      s = TrimView(s);
      if (s.empty()) return;
      if (s.front() == '(') {
        reason_.clear();
        s.remove_prefix(1);
        reason_depth_ = 1;
        continue;
      }
      std::string_view tok = NextToken(&s);
      if (!open_ || out_->empty()) continue;
      if (tok.find('@') != std::string_view::npos || tok.front() == '<') {
        std::string address(tok);
        if (address.size() > 1 && address.front() == '<' && address.back() == '>') {
          address = address.substr(1, address.size() - 2);
        }
        out_->back().recipients.push_back(QueueRecipient{address, reason_});
      }
    }
  }

  // Consumes reason text up to the parenthesis that closes it (or the end of *s).
  void ReadReason(std::string_view* s) {
    size_t i = 0;
    for (; i < s->size(); ++i) {
      char c = (*s)[i];
      if (c == '(') ++reason_depth_;
      if (c == ')' && --reason_depth_ == 0) break;
    }
    std::string_view part = s->substr(0, i);
    if (!reason_.empty() && !part.empty()) reason_.push_back(' ');
    reason_.append(TrimView(part));
    s->remove_prefix(i < s->size() ? i + 1 : s->size());
  }

  int64_t now_;
  std::vector<QueueEntry>* out_;
  QueueReadStats* stats_;
  bool open_ = false;
  std::string reason_;
  int reason_depth_ = 0;
};

}  // namespace

void ReadMailqText(std::string_view text, int64_t now, std::vector<QueueEntry>* out,
                   QueueReadStats* stats) {
  Reader reader(now, out, stats);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    reader.Line(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
}

}  // namespace mailwhy
