// timeline - the story of one message, for people (see timeline.h).
//
// The wording of events is user interface, not diagnosis, so it lives here as a small
// two-language table; what a failure means and how to fix it comes from the rules.
//
// After the events: per recipient its verdict and the journey findings about that
// recipient, then the findings about the whole message. An event on another day than the
// journey's first line shows its date, so a retry three days later does not read as the
// same afternoon.
#include "render/timeline.h"

#include <fmt/format.h>

#include "render/journey_render.h"
#include "render/verdict_render.h"
#include "util/civil_time.h"
#include "util/terminal_text.h"
#include "util/utf8.h"

namespace mailwhy {

namespace {

struct Words {
  const char* en;
  const char* ja;
  const char* operator()(Lang lang) const { return lang == Lang::kJa ? ja : en; }
};

const Words kReceived{"received from {}", "{} から受信"};
const Words kSasl{" (SASL user {})", "（SASL 認証ユーザー {}）"};
const Words kPickup{"submitted on this host by uid {} as <{}>", "このサーバー上で uid {} が <{}> として投入"};
const Words kMessageId{"Message-ID {}", "Message-ID {}"};
const Words kEmptyMessageId{"Message-ID header empty or missing (<>)", "Message-ID ヘッダーが空か、ありません（<>）"};
const Words kQueued{"queued: from <{}>, {} bytes, {} recipient(s)", "キューに登録: 送信者 <{}>、{} バイト、宛先 {} 件"};
const Words kRetry{"taken from the queue again (try {})", "キューから再送を開始（{} 回目）"};
const Words kDelivery{"{} to <{}> via {}: {}", "{} で <{}> へ配送（中継先 {}）: {}"};
const Words kRejectedAt{"refused <{}> at {}", "{} の段階で <{}> を拒否"};
const Words kCheck{"{} check: {}", "{} チェック: {}"};
const Words kBounceNotice{"bounce notice {} sent to the sender", "送信者へエラー通知 {} を送信"};
const Words kExpired{"expired in the queue: returned to the sender", "キュー内で期限切れ: 送信者へ返送"};
const Words kRemoved{"left the queue", "キューから削除（処理完了）"};
const Words kRemovedByAdmin{"removed by an administrator (postsuper)", "管理者が削除（postsuper）"};
const Words kAborted{"the client went away before the message was queued", "メッセージを受け取る前にクライアントが切断"};
const Words kStillQueued{"still in the queue at the end of the log", "ログの終わりの時点でまだキューに残っています"};
const Words kRelated{"related message {} ({}): {}", "関連メッセージ {}（{}）: {}"};
const Words kHeaderFor{"{} → {}", "{} → {}"};
const Words kNoSender{"(null sender)", "（送信者なし）"};
const Words kRecipientLine{"<{}>: {}", "<{}>: {}"};
const Words kJourneyShows{"What the journey shows:", "経路からわかること:"};
const Words kWholeMessage{"What the journey shows about the whole message:",
                          "経路からわかること（メッセージ全体）:"};

std::string T(const Words& w, Lang lang) { return w(lang); }

// "18:38:12", or "2022-12-08 11:34:22" when the day is not the day of `first`.
std::string ClockText(const LogTime& t, const LogTime& first) {
  if (!t.known) return "--:--:--";
  std::string s = FormatRfc3339(t.unix_us, t.utc_offset_s);
  if (first.known) {
    std::string day = FormatRfc3339(first.unix_us, t.utc_offset_s).substr(0, 10);
    if (s.compare(0, 10, day) != 0) return s.substr(0, 10) + " " + s.substr(11, 8);
  }
  return s.substr(11, 8);
}

std::string DateTimeText(const LogTime& t) {
  if (!t.known) return "?";
  std::string s = FormatRfc3339(t.unix_us, t.utc_offset_s);
  return s.substr(0, 10) + " " + s.substr(11, 8);
}

// Display columns of the code point: 2 for East Asian wide and full-width forms.
size_t Columns(uint32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

std::string Safe(std::string_view s) { return EscapeForTerminal(s); }

// Japanese line-breaking rules, simplified: no line starts with closing punctuation and
// none ends with opening punctuation.
bool IsClosingMark(uint32_t cp) {
  switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF09: case 0x300D:
    case 0x300F: case 0x3011: case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B:
    case 0x30FC: case 0x30FB: case ')': case '.': case ',': case ':': case ';':
      return true;
  }
  return false;
}

bool IsOpeningMark(uint32_t cp) {
  return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == '(';
}

// May a line break before `cp`, which follows `prev`? At a space always; beside a wide
// character unless the punctuation forbids it. Never inside a word of narrow characters.
bool CanBreakBetween(uint32_t prev, uint32_t cp, bool space) {
  if (space) return true;
  if (IsClosingMark(cp) || IsOpeningMark(prev)) return false;
  return Columns(cp) == 2 || Columns(prev) == 2;
}

}  // namespace

void AppendWrapped(std::string_view text, std::string_view indent, size_t width, std::string* out) {
  const size_t room = width > indent.size() + 10 ? width - indent.size() : 10;
  size_t i = 0;
  while (i < text.size()) {
    // Take as many characters as fit; remember the last place a line may break: at a
    // space, or beside a wide (Japanese) character, since Japanese has no spaces.
    size_t cols = 0, j = i, last_break = std::string::npos;
    uint32_t prev = 0;
    while (j < text.size()) {
      uint32_t cp = static_cast<unsigned char>(text[j]);
      size_t len = 1;
      if (cp >= 0x80) {
        len = Utf8SequenceLength(text, j, &cp);
        if (len == 0) len = 1;
      }
      size_t w = Columns(cp);
      if (cols + w > room) break;
      if (j > i && CanBreakBetween(prev, cp, text[j] == ' ')) last_break = j;
      prev = cp;
      cols += w;
      j += len;
    }
    size_t end = j;
    if (j < text.size() && last_break != std::string::npos && last_break > i) end = last_break;
    out->append(indent);
    out->append(text.substr(i, end - i));
    out->push_back('\n');
    i = end;
    while (i < text.size() && text[i] == ' ') ++i;
  }
}

namespace {

class TimelineWriter {
 public:
  TimelineWriter(const Journey& j, const JourneyDiagnosis& d, const TimelineOptions& o, std::string* out)
      : j_(j), d_(d), o_(o), out_(out) {}

  void Write(const std::vector<const Journey*>& related) {
    Header();
    int activations = 0;
    for (const LineRef& l : j_.lines) Event(l, &activations);
    Ending();
    for (const Journey* r : related) Related(*r);
    Verdicts();
    out_->push_back('\n');
  }

 private:
  const char* Bold() const { return o_.color ? "\033[1m" : ""; }
  const char* Dim() const { return o_.color ? "\033[2m" : ""; }
  const char* Reset() const { return o_.color ? "\033[0m" : ""; }

  void Header() {
    std::string from = j_.has_from ? (j_.from.empty() ? T(kNoSender, o_.lang) : j_.from)
                                    : (j_.pickup.sender.empty() ? "?" : j_.pickup.sender);
    std::string to;
    for (const Recipient& r : j_.recipients) {
      if (!to.empty()) to += ", ";
      to += r.address;
    }
    *out_ += fmt::format("{}━━ {}{}\n", Bold(), Safe(fmt::format(fmt::runtime(T(kHeaderFor, o_.lang)), from, to.empty() ? "?" : to)), Reset());
    *out_ += fmt::format("   {}  {} on {} ({})\n", DateTimeText(j_.first_seen), Safe(j_.qid),
                         Safe(j_.host), Safe(j_.instance));
  }

  void Line(const LogTime& t, const std::string& what) {
    std::string indent = "   " + ClockText(t, j_.first_seen) + "  ";
    std::string cont(indent.size(), ' ');
    std::string wrapped;
    AppendWrapped(Safe(what), cont, o_.width, &wrapped);
    // Replace the first line's indent with the time.
    if (wrapped.size() >= cont.size()) wrapped.replace(0, cont.size(), indent);
    *out_ += wrapped;
  }

  void Detail(const std::string& text) {
    if (text.empty()) return;
    AppendWrapped(Safe(text), "             ", o_.width, out_);
  }

  void Evidence(const LineRef& l) {
    if (!o_.evidence) return;
    std::string text = l.text;
    if (text.empty() && o_.files != nullptr && l.file < o_.files->size()) {
      text = fmt::format("{}:{}", (*o_.files)[l.file], l.line);
    }
    if (text.empty()) return;
    std::string wrapped;
    AppendWrapped(Safe(text), "             │ ", o_.width, &wrapped);
    *out_ += Dim();
    *out_ += wrapped;
    *out_ += Reset();
  }

  void Event(const LineRef& l, int* activations) {
    const Lang lang = o_.lang;
    switch (l.kind) {
      case EventKind::kSmtpdClient: {
        std::string s = fmt::format(fmt::runtime(T(kReceived, lang)), j_.client.name + "[" + j_.client.ip + "]");
        if (!j_.client.sasl_user.empty()) s += fmt::format(fmt::runtime(T(kSasl, lang)), j_.client.sasl_user);
        Line(l.time, s);
        break;
      }
      case EventKind::kPickup:
        Line(l.time, fmt::format(fmt::runtime(T(kPickup, lang)), j_.pickup.uid, j_.pickup.sender));
        break;
      case EventKind::kCleanupMessageId:
        if (j_.message_id == "<>" || j_.message_id.empty()) Line(l.time, T(kEmptyMessageId, lang));
        else Line(l.time, fmt::format(fmt::runtime(T(kMessageId, lang)), j_.message_id));
        break;
      case EventKind::kQmgrActive:
        ++*activations;
        if (*activations == 1) {
          Line(l.time, fmt::format(fmt::runtime(T(kQueued, lang)), j_.from, j_.size, j_.nrcpt));
        } else {
          Line(l.time, fmt::format(fmt::runtime(T(kRetry, lang)), *activations));
        }
        break;
      case EventKind::kDelivery: {
        if (l.recipient < 0 || l.attempt < 0) break;
        const Recipient& r = j_.recipients[l.recipient];
        const Attempt& a = r.attempts[l.attempt];
        for (const AttemptNote& n : a.notes) Line(n.time, n.text);
        Line(l.time, fmt::format(fmt::runtime(T(kDelivery, lang)), a.daemon, r.address, a.relay, a.status));
        Detail(a.text);
        break;
      }
      case EventKind::kSmtpdReject: {
        if (l.recipient < 0) break;
        const Recipient& r = j_.recipients[l.recipient];
        Line(l.time, fmt::format(fmt::runtime(T(kRejectedAt, lang)), lang == Lang::kJa ? r.reject_stage : r.address,
                                 lang == Lang::kJa ? r.address : r.reject_stage));
        Detail(r.reject_reply.text);
        break;
      }
      case EventKind::kCleanupAction:
        for (const Check& c : j_.checks) {
          if (c.time.unix_us == l.time.unix_us) {
            Line(l.time, fmt::format(fmt::runtime(T(kCheck, lang)), c.action + " " + c.stage, c.text));
            break;
          }
        }
        break;
      case EventKind::kBounceNotice:
        Line(l.time, fmt::format(fmt::runtime(T(kBounceNotice, lang)),
                                 l.child >= 0 ? j_.children[l.child].qid : std::string("?")));
        break;
      case EventKind::kQmgrExpired:
        Line(l.time, T(kExpired, lang));
        break;
      case EventKind::kQmgrRemoved:
      case EventKind::kPostsuper:
        Line(l.time, T(j_.removed_by_admin ? kRemovedByAdmin : kRemoved, lang));
        break;
      case EventKind::kSmtpNote:
      case EventKind::kSmtpConnectFail:
      case EventKind::kTls:
        return;  // shown with the attempt they belong to
      default:
        return;  // session lines: their facts are in the journey already
    }
    Evidence(l);
  }

  void Ending() {
    if (j_.end == JourneyEnd::kAborted) Line(j_.last_seen, T(kAborted, o_.lang));
    if (j_.end == JourneyEnd::kOpen) Line(j_.last_seen, T(kStillQueued, o_.lang));
  }

  void Related(const Journey& r) {
    std::string statuses;
    for (const Recipient& rc : r.recipients) {
      if (!statuses.empty()) statuses += ", ";
      statuses += fmt::format("<{}> {}", rc.address, ToString(rc.status));
    }
    std::string kind = r.parent.qid == j_.qid ? r.parent.kind : j_.parent.kind;
    Line(r.first_seen, fmt::format(fmt::runtime(T(kRelated, o_.lang)), r.qid, kind, statuses));
  }

  void Verdicts() {
    for (size_t i = 0; i < j_.recipients.size() && i < d_.recipients.size(); ++i) {
      const RecipientDiagnosis& rd = d_.recipients[i];
      if (!rd.has_verdict && !HasFindings(static_cast<int>(i))) continue;
      const Recipient& r = j_.recipients[i];
      *out_ += '\n';
      *out_ += fmt::format("   {}{}{}\n", Bold(),
                           Safe(fmt::format(fmt::runtime(T(kRecipientLine, o_.lang)), r.address, ToString(r.status))),
                           Reset());
      if (rd.has_verdict) AppendVerdictText(rd.verdict, o_.lang, o_.color, o_.width, "   ", out_);
      Findings(static_cast<int>(i));
    }
    if (!HasFindings(-1)) return;
    *out_ += fmt::format("\n   {}{}{}\n", Bold(), T(kWholeMessage, o_.lang), Reset());
    Findings(-1, false);
  }

  bool HasFindings(int recipient) const {
    for (const Finding& f : d_.findings) {
      if (f.recipient == recipient) return true;
    }
    return false;
  }

  // The findings about recipient `recipient` (-1: about the whole message).
  void Findings(int recipient, bool heading = true) {
    bool first = true;
    for (const Finding& f : d_.findings) {
      if (f.recipient != recipient) continue;
      if (first && heading) *out_ += "\n   " + T(kJourneyShows, o_.lang) + "\n";
      if (!first) *out_ += '\n';
      first = false;
      AppendFindingText(f, o_.lang, o_.color, o_.width, "   ", out_);
    }
  }

  const Journey& j_;
  const JourneyDiagnosis& d_;
  const TimelineOptions& o_;
  std::string* out_;
};

}  // namespace

void AppendTimeline(const Journey& j, const JourneyDiagnosis& diagnosis,
                    const std::vector<const Journey*>& related, const TimelineOptions& options,
                    std::string* out) {
  TimelineWriter(j, diagnosis, options, out).Write(related);
}

}  // namespace mailwhy
