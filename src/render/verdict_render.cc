// verdict_render - verdict to text block and to JSON (see verdict_render.h).
//
// Labels ("What to do", "Details") are user interface, so they live here as a small
// two-language table; what a failure means comes from the rules.
#include "render/verdict_render.h"

#include <fmt/format.h>

#include "render/timeline.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"

namespace mailwhy {
namespace {

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
const Words kEvidence{"Evidence:", "根拠:"};

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
    for (size_t i = 0; i < t.remedies.size(); ++i) {
      std::string item = fmt::format("{}. ", i + 1);
      std::string wrapped;
      AppendWrapped(EscapeForTerminal(t.remedies[i]), sub + "   ", width, &wrapped);
      // The number takes the place of the first line's indent.
      if (wrapped.size() >= sub.size() + 3) wrapped.replace(0, sub.size() + 3, sub + item);
      *out += wrapped;
    }
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
  w.Key("remedies");
  w.BeginArray();
  for (const auto& r : t.remedies) w.String(r);
  w.EndArray();
  w.Key("refs");
  w.BeginArray();
  for (const auto& r : t.refs) w.String(r);
  w.EndArray();
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

}  // namespace mailwhy
