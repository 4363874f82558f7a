// verdict_render - verdict to text block and to JSON (see verdict_render.h).
//
// Labels ("What to do", "Details") are user interface, so they live here as a small
// two-language table; what a failure means comes from the rules.
#include "render/verdict_render.h"

#include <fmt/format.h>

#include "diagnose/finding_text.h"
#include "render/timeline.h"
#include "util/civil_time.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"

namespace mailwhy {
namespace {

void StringArray(JsonWriter& w, std::string_view key, const std::vector<std::string>& items) {
  w.Key(key);
  w.BeginArray();
  for (const std::string& item : items) w.String(item);
  w.EndArray();
}

struct Words {
  const char* en;
  const char* ja;
  const char* operator()(Lang lang) const { return lang == Lang::kJa ? ja : en; }
};

const Words kWhoActs{"who must act: {}", "対応する人: {}"};
const Words kWhatToDo{"What to do:", "対処:"};
const Words kDetails{"Details:", "詳細:"};
const Words kSee{"See:", "参考:"};
const Words kRule{"rule {}", "ルール {}"};
const Words kProvider{"provider {}", "事業者 {}"};
const Words kCutOff{"The text is cut off: the original reply was longer than what is shown.",
                    "エラー文は途中で切れています。元の応答はここに表示されているより長いものでした。"};
const Words kFinding{"finding {}", "所見 {}"};
const Words kAttempts{"Attempts:", "試行の経過:"};
const Words kTimes{"{} times", "{} 回"};

constexpr Words kClassWords[] = {
    {"temporary: Postfix will retry", "一時的: Postfixが再試行します"},
    {"permanent: retrying will not help", "恒久的: 再送しても届きません"},
    {"not a failure", "失敗ではありません"},
};
constexpr Words kSideWords[] = {
    {"the sender (fix the address or the message)", "送信者本人（アドレスや内容を直す）"},
    {"the recipient", "受信者"},
    {"the receiving server's administrator", "受信側サーバーの管理者"},
    {"the sending domain's DNS (SPF, DKIM, DMARC)", "送信ドメインのDNS（SPF・DKIM・DMARC）"},
    {"whoever runs the sending IP", "送信IPの管理者"},
    {"the sending application", "送信アプリケーション"},
    {"our mail server's administrator", "こちらのメールサーバーの管理者"},
    {"the network or DNS", "ネットワークまたはDNS"},
    {"the message content", "メールの内容"},
};

std::string Bold(bool color) { return color ? "\x1b[1m" : ""; }
std::string Reset(bool color) { return color ? "\x1b[0m" : ""; }

// "1. text" items, wrapped, the number hanging in the indent.
void AppendNumbered(const std::vector<std::string>& items, const std::string& sub, size_t width,
                    std::string* out) {
  for (size_t i = 0; i < items.size(); ++i) {
    std::string item = fmt::format("{}. ", i + 1);
    std::string wrapped;
    AppendWrapped(EscapeForTerminal(items[i]), sub + "   ", width, &wrapped);
    // The number takes the place of the first line's indent.
    if (wrapped.size() >= sub.size() + 3) wrapped.replace(0, sub.size() + 3, sub + item);
    *out += wrapped;
  }
}

// Wrapped text whose first line starts with `label` (ASCII) and the others as deep.
void AppendLabelled(const std::string& text, std::string_view label, size_t width,
                    std::string* out) {
  std::string indent(label.size(), ' ');
  std::string wrapped;
  AppendWrapped(EscapeForTerminal(text), indent, width, &wrapped);
  if (wrapped.size() >= indent.size()) wrapped.replace(0, indent.size(), label);
  *out += wrapped;
}

// "2022-12-05 18:53:10" as logged, "?" when unknown.
std::string WhenText(const LogTime& t) {
  if (!t.known) return "?";
  std::string s = FormatRfc3339(t.unix_us, t.utc_offset_s);
  return s.substr(0, 10) + " " + s.substr(11, 8);
}

std::string TimeOrEmpty(const LogTime& t) {
  return t.known ? FormatRfc3339(t.unix_us, t.utc_offset_s) : std::string();
}

// "2022-12-05 18:53:10 .. 2022-12-06 02:10:44 (3 times) deferred: blocked: summary"
std::string HistoryLine(const AttemptGroup& g, Lang lang) {
  std::string when = WhenText(g.first);
  if (g.count > 1) {
    when += " .. " + WhenText(g.last) + " (" + fmt::format(fmt::runtime(kTimes(lang)), g.count) + ")";
  }
  VerdictTexts t = TextsOf(g.verdict, lang);
  return fmt::format("{} {}: {}: {}", when, g.status, ToString(g.verdict.reason), t.summary);
}

const std::string& RecipientAddress(const Finding& f, const Journey& j) {
  static const std::string kNone;
  if (f.recipient < 0 || static_cast<size_t>(f.recipient) >= j.recipients.size()) return kNone;
  return j.recipients[f.recipient].address;
}

}  // namespace

std::string_view ClassWords(FailureClass c, Lang lang) {
  return kClassWords[static_cast<size_t>(c)](lang);
}

std::string_view SideWords(Side s, Lang lang) { return kSideWords[static_cast<size_t>(s)](lang); }

void AppendVerdictText(const Verdict& v, Lang lang, bool color, size_t width,
                       std::string_view indent, std::string* out) {
  VerdictTexts t = TextsOf(v, lang);
  std::string ind(indent);
  std::string sub = ind + "  ";

  // Head: "authfailure (permanent: retrying will not help); who must act: ..."
  std::string head = fmt::format("{}{}{} ({})", Bold(color), ToString(v.reason), Reset(color),
                                 ClassWords(v.failure_class, lang));
  *out += ind + head + "\n";
  AppendWrapped(fmt::format(fmt::runtime(kWhoActs(lang)), SideWords(v.side, lang)), ind, width, out);
  if (!t.summary.empty()) AppendWrapped(EscapeForTerminal(t.summary), ind, width, out);
  if (!t.explanation.empty()) {
    *out += '\n';
    AppendWrapped(EscapeForTerminal(t.explanation), ind, width, out);
  }
  if (v.truncated()) AppendWrapped(kCutOff(lang), ind, width, out);
  if (!t.remedies.empty()) {
    *out += '\n' + ind + kWhatToDo(lang) + "\n";
    AppendNumbered(t.remedies, sub, width, out);
  }
  std::string details;
  for (const auto& [k, val] : v.details) {
    if (k == "truncated") continue;
    details += (details.empty() ? "" : "  ") + k + "=" + val;
  }
  if (!details.empty()) {
    *out += '\n' + ind + kDetails(lang) + "\n";
    AppendWrapped(EscapeForTerminal(details), sub, width, out);
  }
  if (!t.refs.empty()) {
    *out += ind + kSee(lang) + "\n";
    for (const auto& r : t.refs) *out += sub + EscapeForTerminal(r) + "\n";
  }
  std::string tail = fmt::format(fmt::runtime(kRule(lang)), v.rule_id);
  if (!v.provider.empty()) tail += ", " + fmt::format(fmt::runtime(kProvider(lang)), v.provider);
  *out += ind + "(" + tail + ")\n";
}

void AppendVerdictJson(const Verdict& v, Lang lang, std::string* out) {
  VerdictTexts t = TextsOf(v, lang);
  JsonWriter w(out);
  w.BeginObject();
  w.Field("reason", ToString(v.reason));
  w.Field("class", ToString(v.failure_class));
  w.Field("side", ToString(v.side));
  w.Field("rule", v.rule_id);
  w.FieldOrNull("provider", v.provider);
  w.Field("summary", t.summary);
  w.Field("explanation", t.explanation);
  StringArray(w, "remedies", t.remedies);
  StringArray(w, "refs", t.refs);
  w.Key("details");
  w.BeginObject();
  for (const auto& [k, val] : v.details) {
    if (k == "truncated") {
      w.Field(k, val == "true");
    } else {
      w.Field(k, val);
    }
  }
  w.EndObject();
  w.Key("evidence");
  w.BeginArray();
  for (const auto& e : v.evidence) w.String(e);
  w.EndArray();
  w.EndObject();
}

void AppendVerdictBrief(const Verdict& v, Lang lang, size_t width, std::string_view label,
                        std::string* out) {
  VerdictTexts t = TextsOf(v, lang);
  AppendLabelled(fmt::format("{} ({}): {} [{}]", ToString(v.reason),
                             ClassWords(v.failure_class, lang), t.summary, v.rule_id),
                 label, width, out);
}

void AppendFindingBrief(const Finding& f, Lang lang, size_t width, std::string_view label,
                        std::string* out) {
  AppendLabelled(fmt::format("{} [{}]", TextsOf(f, lang).summary, f.id), label, width, out);
}

void AppendFindingText(const Finding& f, Lang lang, bool color, size_t width,
                       std::string_view indent, std::string* out) {
  VerdictTexts t = TextsOf(f, lang);
  const std::string ind(indent);
  const std::string sub = ind + "  ";
  std::string head;
  AppendWrapped(EscapeForTerminal(t.summary), sub, width, &head);
  // The bullet takes the place of the first line's indent.
  if (head.size() >= sub.size()) head.replace(0, sub.size(), ind + "• " + Bold(color));
  if (!head.empty() && head.back() == '\n') head.insert(head.size() - 1, Reset(color));
  *out += head;
  if (f.rule && f.rule->side) {
    AppendWrapped(fmt::format(fmt::runtime(kWhoActs(lang)), SideWords(*f.rule->side, lang)), sub,
                  width, out);
  }
  if (!t.explanation.empty()) AppendWrapped(EscapeForTerminal(t.explanation), sub, width, out);
  if (!f.history.empty()) {
    *out += sub + kAttempts(lang) + "\n";
    for (const AttemptGroup& g : f.history) {
      std::string line;
      AppendWrapped(EscapeForTerminal(HistoryLine(g, lang)), sub + "    ", width, &line);
      if (line.size() >= sub.size() + 4) line.replace(0, sub.size() + 4, sub + "  - ");
      *out += line;
    }
  }
  if (!t.remedies.empty()) {
    *out += sub + kWhatToDo(lang) + "\n";
    AppendNumbered(t.remedies, sub + "  ", width, out);
  }
  if (!t.refs.empty()) {
    *out += sub + kSee(lang) + "\n";
    for (const auto& r : t.refs) *out += sub + "  " + EscapeForTerminal(r) + "\n";
  }
  *out += sub + "(" + fmt::format(fmt::runtime(kFinding(lang)), f.id) + ")\n";
}

void AppendFindingJson(const Finding& f, const Journey& j, Lang lang, std::string* out) {
  VerdictTexts t = TextsOf(f, lang);
  JsonWriter w(out);
  w.BeginObject();
  w.Field("id", f.id);
  w.FieldOrNull("recipient", RecipientAddress(f, j));
  w.Key("side");
  if (f.rule && f.rule->side) w.String(ToString(*f.rule->side)); else w.Null();
  w.Field("summary", t.summary);
  w.FieldOrNull("explanation", t.explanation);
  StringArray(w, "remedies", t.remedies);
  StringArray(w, "refs", t.refs);
  w.Key("values");
  w.BeginObject();
  for (const auto& [k, v] : f.values) w.Field(k, v);
  w.EndObject();
  w.Key("history");
  w.BeginArray();
  for (const AttemptGroup& g : f.history) {
    w.BeginObject();
    w.FieldOrNull("first", TimeOrEmpty(g.first));
    w.FieldOrNull("last", TimeOrEmpty(g.last));
    w.Field("count", g.count);
    w.Field("status", g.status);
    std::string verdict;
    AppendVerdictJson(g.verdict, lang, &verdict);
    w.Key("verdict");
    w.Raw(verdict);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace mailwhy
