// finding_text - a finding's texts, filled, in one language (see finding_text.h).
//
// The placeholder syntax and the remedy rule are FillPlaceholders()'s (verdict.h): the
// finding's values are handed to it as the context of a Verdict that carries nothing else.
#include "diagnose/finding_text.h"

#include "diagnose/verdict.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mailwhy {
namespace {

constexpr std::string_view kSecondsSuffix = "_seconds";

struct Unit {
  const char* en_one;
  const char* en_many;
  const char* ja;
};
constexpr Unit kSeconds{"second", "seconds", "秒"};
constexpr Unit kMinutes{"minute", "minutes", "分"};
constexpr Unit kHours{"hour", "hours", "時間"};
constexpr Unit kDays{"day", "days", "日"};

std::string Amount(double n, int decimals, const Unit& u, Lang lang) {
  char num[32];
  std::snprintf(num, sizeof num, "%.*f", decimals, n);
  std::string s(num);
  if (decimals > 0 && s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (lang == Lang::kJa) return s + u.ja;
  return s + " " + (s == "1" ? u.en_one : u.en_many);
}

// The finding's values, and for each X_seconds also X in words.
KeyValues WithDurations(const KeyValues& values, Lang lang) {
  KeyValues out = values;
  for (const auto& [k, v] : values) {
    if (k.size() <= kSecondsSuffix.size() ||
        k.compare(k.size() - kSecondsSuffix.size(), kSecondsSuffix.size(), kSecondsSuffix) != 0) {
      continue;
    }
    char* end = nullptr;
    double seconds = std::strtod(v.c_str(), &end);
    if (end == v.c_str()) continue;
    out.emplace_back(k.substr(0, k.size() - kSecondsSuffix.size()), DurationWords(seconds, lang));
  }
  return out;
}


}  // namespace

std::string DurationWords(double seconds, Lang lang) {
  if (seconds < 0 || !std::isfinite(seconds)) return std::string();
  if (seconds < 10) return Amount(seconds, 1, kSeconds, lang);
  if (seconds < 90) return Amount(std::round(seconds), 0, kSeconds, lang);
  if (seconds < 90 * 60) return Amount(std::round(seconds / 60), 0, kMinutes, lang);
  if (seconds < 36 * 3600) return Amount(seconds / 3600, 1, kHours, lang);
  return Amount(seconds / 86400, 1, kDays, lang);
}

VerdictTexts TextsOf(const Finding& f, Lang lang) {
  VerdictTexts t;
  if (!f.rule) {
    t.summary = f.id;
    return t;
  }
  Verdict carrier;
  carrier.context = WithDurations(f.values, lang);
  const RuleText& rt = f.rule->Text(lang);
  t.summary = TidyFilledText(FillPlaceholders(rt.summary, carrier, nullptr));
  t.explanation = TidyFilledText(FillPlaceholders(rt.explanation, carrier, nullptr));
  for (const std::string& r : rt.remedies) {
    bool missing = false;
    std::string filled = FillPlaceholders(r, carrier, &missing);
    if (!missing) t.remedies.push_back(TidyFilledText(std::move(filled)));
  }
  t.refs = f.rule->refs;
  return t;
}

}  // namespace mailwhy
