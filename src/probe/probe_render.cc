// probe_render - a probe's checklist as text or JSON (see probe_render.h).
#include "probe/probe_render.h"

#include <cstdio>

#include "diagnose/finding_text.h"
#include "diagnose/verdict.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"
#include "util/utf8.h"

namespace mailwhy {
namespace {

struct Title {
  const char* id;
  const char* en;
  const char* ja;
};

constexpr Title kTitles[] = {
    {"smtp.resolve", "name lookup", "名前解決"},
    {"smtp.connect", "TCP connection", "TCP接続"},
    {"smtp.banner", "greeting", "挨拶（バナー）"},
    {"smtp.ehlo", "EHLO", "EHLO"},
    {"smtp.starttls", "STARTTLS", "STARTTLS"},
    {"smtp.tls", "TLS handshake", "TLSハンドシェイク"},
    {"smtp.certificate", "certificate", "証明書"},
    {"smtp.ehlo-tls", "EHLO after TLS", "TLS後のEHLO"},
    {"smtp.auth", "AUTH", "AUTH"},
    {"smtp.quit", "QUIT", "QUIT"},
    {"domain.mx", "MX", "MX"},
    {"domain.spf", "SPF record", "SPFレコード"},
    {"domain.spf.ip", "SPF for the IP", "IPのSPF判定"},
    {"domain.dkim", "DKIM key", "DKIM鍵"},
    {"domain.dmarc", "DMARC", "DMARC"},
    {"domain.ptr", "reverse DNS", "逆引き（PTR）"},
    {"domain.dnsbl", "blocklist", "ブロックリスト"},
    {"domain.mta-sts", "MTA-STS", "MTA-STS"},
    {"domain.tls-rpt", "TLS-RPT", "TLS-RPT"},
    {"domain.from", "envelope sender", "エンベロープ送信者"},
    {"domain.gmail", "Gmail requirements", "Gmailの要件"},
    {"domain.yahoo", "Yahoo requirements", "Yahooの要件"},
};

const char* StateWord(CheckState s, Lang lang) {
  bool ja = lang == Lang::kJa;
  switch (s) {
    case CheckState::kOk: return "OK";
    case CheckState::kInfo: return ja ? "情報" : "INFO";
    case CheckState::kWarn: return ja ? "注意" : "WARN";
    case CheckState::kFail: return ja ? "失敗" : "FAIL";
    case CheckState::kSkipped: return "--";
  }
  return "?";
}

size_t Columns(uint32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

size_t Width(std::string_view s) {
  size_t cols = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    if (cp >= 0x80) {
      len = Utf8SequenceLength(s, i, &cp);
      if (len == 0) len = 1;
    }
    cols += Columns(cp);
    i += len;
  }
  return cols;
}

void Pad(std::string_view s, size_t cols, std::string* out) {
  out->append(s);
  for (size_t w = Width(s); w < cols; ++w) out->push_back(' ');
}

// Greedy wrapping at spaces, or beside wide characters (Japanese has no spaces).
void Wrap(std::string_view text, std::string_view first, std::string_view indent, size_t width, std::string* out) {
  const size_t room = width > indent.size() + 20 ? width - indent.size() : 20;
  size_t i = 0;
  bool head = true;
  while (i < text.size()) {
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
      bool wide = Columns(cp) == 2 || Columns(prev) == 2;
      bool closing = cp == 0x3001 || cp == 0x3002 || cp == 0xFF09 || cp == 0x300D || cp == 0x300F || cp == 0x3011 ||
                     cp == 0x30FC || cp == ')' || cp == '.' || cp == ',' || cp == ':';
      bool opening = prev == 0xFF08 || prev == 0x300C || prev == 0x300E || prev == 0x3010 || prev == '(';
      if (j > i && (text[j] == ' ' || (wide && !closing && !opening))) last_break = j;
      prev = cp;
      cols += w;
      j += len;
    }
    size_t end = j;
    if (j < text.size() && last_break != std::string::npos && last_break > i) end = last_break;
    out->append(head ? first : indent);
    head = false;
    out->append(text.substr(i, end - i));
    out->push_back('\n');
    i = end;
    while (i < text.size() && text[i] == ' ') ++i;
  }
}

std::string Duration(double s) {
  if (s < 0) return std::string();
  char buf[32];
  if (s < 1) std::snprintf(buf, sizeof buf, "%.1f ms", s * 1000);
  else std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

std::string_view SideText(Side s, Lang lang) {
  bool ja = lang == Lang::kJa;
  switch (s) {
    case Side::kSender: return ja ? "送信者" : "the sender";
    case Side::kRecipient: return ja ? "受信者" : "the recipient";
    case Side::kRecipientServer: return ja ? "受信側サーバーの管理者" : "the receiving server's operator";
    case Side::kSenderDomain: return ja ? "送信ドメインのDNS管理者" : "the sending domain's DNS";
    case Side::kSendingIp: return ja ? "送信IPアドレスの管理者" : "the sending IP's operator";
    case Side::kSendingApp: return ja ? "送信アプリケーション" : "the sending application";
    case Side::kOurServer: return ja ? "このサーバーの管理者" : "this server's operator";
    case Side::kNetwork: return ja ? "ネットワーク" : "the network";
    case Side::kContent: return ja ? "メールの内容" : "the content";
  }
  return "";
}

class TextWriter {
 public:
  TextWriter(Lang lang, bool color, size_t width, std::string* out)
      : lang_(lang), color_(color), width_(width), out_(out) {}

  void Write(const ProbeReport& r) {
    *out_ += Bold() + "mailwhy probe " + r.kind + " " + EscapeForTerminal(r.target) + Reset() + "\n\n";
    size_t title_cols = 0;
    for (const auto& c : r.checks) title_cols = std::max(title_cols, Width(CheckTitle(c.id, lang_)));
    int fails = 0, warns = 0;
    for (const auto& c : r.checks) {
      fails += c.state == CheckState::kFail;
      warns += c.state == CheckState::kWarn;
      Check(c, title_cols);
    }
    bool ja = lang_ == Lang::kJa;
    *out_ += "\n";
    if (fails == 0 && warns == 0) {
      *out_ += ja ? "結果: すべて問題ありません。\n" : "Result: every check passed.\n";
    } else {
      *out_ += ja ? "結果: 失敗 " + std::to_string(fails) + "件、注意 " + std::to_string(warns) + "件。\n"
                  : "Result: " + std::to_string(fails) + " failed, " + std::to_string(warns) + " warning" +
                        (warns == 1 ? "" : "s") + ".\n";
    }
  }

 private:
  std::string Bold() const { return color_ ? "\033[1m" : ""; }
  std::string Dim() const { return color_ ? "\033[2m" : ""; }
  std::string Reset() const { return color_ ? "\033[0m" : ""; }

  void Check(const ProbeCheck& c, size_t title_cols) {
    std::string head = "  ";
    bool loud = c.state == CheckState::kFail || c.state == CheckState::kWarn;
    if (loud) head += Bold();
    Pad(StateWord(c.state, lang_), 6, &head);
    if (loud) head += Reset();
    Pad(CheckTitle(c.id, lang_), title_cols + 2, &head);
    std::string said = c.state == CheckState::kSkipped && c.said.empty()
                           ? std::string(lang_ == Lang::kJa ? "未実施" : "not reached")
                           : c.said.In(lang_);
    std::string time = Duration(c.seconds);
    std::string indent(2 + 6 + title_cols + 2, ' ');
    // Why: a multi-line reply (a banner, an EHLO list) keeps its lines; each is escaped.
    size_t b = 0;
    bool first = true;
    while (b <= said.size()) {
      size_t nl = said.find('\n', b);
      std::string line = EscapeForTerminal(std::string_view(said).substr(b, (nl == std::string::npos ? said.size() : nl) - b));
      if (nl == std::string::npos && !time.empty()) line += " (" + time + ")";
      Wrap(line, first ? std::string_view(head) : std::string_view(indent), indent, width_, out_);
      first = false;
      if (nl == std::string::npos) break;
      b = nl + 1;
    }
    for (const auto& m : c.more) Wrap(EscapeForTerminal(m.In(lang_)), indent, indent, width_, out_);
    for (const auto& f : c.findings) FindingBlock(f, indent);
    for (const auto& v : c.verdicts) VerdictBlock(v, indent);
  }

  // Why: placeholders are filled with values from DNS and remote servers (PTR names,
  // record texts), so the filled texts are escaped like everything else remote.
  static VerdictTexts Safe(VerdictTexts t) {
    t.summary = EscapeForTerminal(t.summary);
    t.explanation = EscapeForTerminal(t.explanation);
    for (auto& r : t.remedies) r = EscapeForTerminal(r);
    return t;
  }

  void FindingBlock(const Finding& f, const std::string& indent) {
    VerdictTexts t = Safe(TextsOf(f, lang_));
    std::string sub = indent + "  ";
    Wrap(t.summary, indent + "▸ " + Bold(), sub, width_, out_);
    if (color_) out_->insert(out_->size() - 1, Reset());
    if (f.rule && f.rule->side) {
      std::string who = std::string(lang_ == Lang::kJa ? "対応する人: " : "Who acts: ") +
                        std::string(SideText(*f.rule->side, lang_));
      Wrap(who, sub, sub, width_, out_);
    }
    if (!t.explanation.empty()) Wrap(t.explanation, sub, sub, width_, out_);
    for (size_t i = 0; i < t.remedies.size(); ++i) {
      std::string num = std::to_string(i + 1) + ". ";
      Wrap(t.remedies[i], sub + num, sub + std::string(num.size(), ' '), width_, out_);
    }
    Wrap(Dim() + "[" + f.id + "]" + Reset(), sub, sub, width_, out_);
  }

  void VerdictBlock(const Verdict& v, const std::string& indent) {
    VerdictTexts t = Safe(TextsOf(v, lang_));
    std::string sub = indent + "  ";
    std::string lead = lang_ == Lang::kJa ? "応答の意味: " : "The reply means: ";
    Wrap(lead + t.summary, indent + "▸ ", sub, width_, out_);
    for (size_t i = 0; i < t.remedies.size(); ++i) {
      std::string num = std::to_string(i + 1) + ". ";
      Wrap(t.remedies[i], sub + num, sub + std::string(num.size(), ' '), width_, out_);
    }
    for (const auto& [k, val] : v.details) {
      if (k == "truncated") continue;
      Wrap(k + ": " + EscapeForTerminal(val), sub, sub, width_, out_);
    }
    Wrap(Dim() + "[" + v.rule_id + "]" + Reset(), sub, sub, width_, out_);
  }

  Lang lang_;
  bool color_;
  size_t width_;
  std::string* out_;
};

void KeyValuesJson(const KeyValues& kv, JsonWriter* w) {
  w->BeginObject();
  for (const auto& [k, v] : kv) {
    w->Key(k);
    w->String(v);
  }
  w->EndObject();
}

void StringsJson(const std::vector<std::string>& list, JsonWriter* w) {
  w->BeginArray();
  for (const auto& s : list) w->String(s);
  w->EndArray();
}

}  // namespace

std::string_view CheckTitle(std::string_view id, Lang lang) {
  for (const Title& t : kTitles) {
    if (id == t.id) return lang == Lang::kJa ? t.ja : t.en;
  }
  return id;
}

void AppendProbeText(const ProbeReport& report, Lang lang, bool color, size_t width, std::string* out) {
  TextWriter(lang, color, width, out).Write(report);
}

void AppendProbeJson(const ProbeReport& report, Lang lang, std::string* out) {
  JsonWriter w(out);
  bool warn = false;
  for (const auto& c : report.checks) warn = warn || c.state == CheckState::kWarn;
  w.BeginObject();
  w.Field("v", 1);
  w.Field("type", "probe");
  w.Field("probe", report.kind);
  w.Field("target", report.target);
  w.Field("result", report.failed() ? "fail" : warn ? "warn" : "ok");
  w.Key("checks");
  w.BeginArray();
  for (const auto& c : report.checks) {
    w.BeginObject();
    w.Field("id", c.id);
    w.Field("state", ToString(c.state));
    w.FieldOrNull("said", c.said.In(lang));
    w.Key("seconds");
    if (c.seconds < 0) w.Null(); else w.Double(c.seconds);
    w.Key("data");
    KeyValuesJson(c.data, &w);
    w.Key("more");
    w.BeginArray();
    for (const auto& m : c.more) w.String(m.In(lang));
    w.EndArray();
    w.Key("findings");
    w.BeginArray();
    for (const auto& f : c.findings) {
      VerdictTexts t = TextsOf(f, lang);
      w.BeginObject();
      w.Field("id", f.id);
      w.Key("side");
      if (f.rule && f.rule->side) w.String(ToString(*f.rule->side)); else w.Null();
      w.Field("summary", t.summary);
      w.FieldOrNull("explanation", t.explanation);
      w.Key("remedies");
      StringsJson(t.remedies, &w);
      w.Key("refs");
      StringsJson(t.refs, &w);
      w.Key("values");
      KeyValuesJson(f.values, &w);
      w.EndObject();
    }
    w.EndArray();
    w.Key("verdicts");
    w.BeginArray();
    for (const auto& v : c.verdicts) {
      VerdictTexts t = TextsOf(v, lang);
      w.BeginObject();
      w.Field("reason", ToString(v.reason));
      w.Field("class", ToString(v.failure_class));
      w.Field("side", ToString(v.side));
      w.Field("rule", v.rule_id);
      w.FieldOrNull("provider", v.provider);
      w.Field("summary", t.summary);
      w.FieldOrNull("explanation", t.explanation);
      w.Key("remedies");
      StringsJson(t.remedies, &w);
      w.Key("refs");
      StringsJson(t.refs, &w);
      w.Key("details");
      KeyValuesJson(v.details, &w);
      w.Key("evidence");
      StringsJson(v.evidence, &w);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

}  // namespace mailwhy
