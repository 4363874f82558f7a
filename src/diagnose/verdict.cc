// verdict - placeholder filling and per-language texts (see verdict.h).
#include "diagnose/verdict.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mailwhy {
namespace {

std::string_view Lookup(const KeyValues& kv, std::string_view key) {
  for (const auto& [k, v] : kv) {
    if (k == key) return v;
  }
  return std::string_view();
}

}  // namespace

std::string_view Verdict::Detail(std::string_view key) const { return Lookup(details, key); }

std::string_view Verdict::Value(std::string_view key) const {
  std::string_view v = Lookup(details, key);
  return v.empty() ? Lookup(context, key) : v;
}

std::string FillPlaceholders(std::string_view text, const Verdict& v, bool* missing) {
  std::string out;
  out.reserve(text.size() + 32);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::string_view inner = text.substr(open + 1, close - open - 1);
    size_t bar = inner.find('|');
    std::string_view value = v.Value(inner.substr(0, bar));
    if (!value.empty()) {
      out += value;
    } else if (bar != std::string_view::npos) {
      out.append(inner.substr(bar + 1));
    } else if (missing) {
      *missing = true;
    }
    i = close + 1;
  }
  return out;
}

namespace {

// True when `s` has something to tidy: a space at either end, two spaces, or a space
// before a '.', ',' or ')' that ends a clause (what TidyFilledText removes). Rule texts
// are long and rarely need it ("250 ... queued as ..." does not), so the check runs
// sixteen bytes at a time.
bool NeedsTidying(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;
  const auto punct = [](char c) { return c == '.' || c == ',' || c == ')'; };
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 18 <= s.size(); i += 16) {
    const auto load = [&](size_t at) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
    };
    const __m128i here = load(i), next = load(i + 1), after = load(i + 2);
    const __m128i next_punct = _mm_or_si128(
        _mm_cmpeq_epi8(next, _mm_set1_epi8('.')),
        _mm_or_si128(_mm_cmpeq_epi8(next, _mm_set1_epi8(',')), _mm_cmpeq_epi8(next, _mm_set1_epi8(')'))));
    const __m128i leftover = _mm_and_si128(
        _mm_cmpeq_epi8(here, space),
        _mm_or_si128(_mm_cmpeq_epi8(next, space), _mm_and_si128(next_punct, _mm_cmpeq_epi8(after, space))));
    if (_mm_movemask_epi8(leftover) != 0) return true;
  }
#endif
  for (; i + 1 < s.size(); ++i) {
    if (s[i] != ' ') continue;
    if (s[i + 1] == ' ') return true;
    if (punct(s[i + 1]) && (i + 2 == s.size() || s[i + 2] == ' ')) return true;
  }
  return false;
}

}  // namespace

std::string TidyFilledText(std::string s) {
  if (!NeedsTidying(s)) return s;
  // Written through a pointer: push_back() per byte cost more than the rest of
  // rendering a journey.
  std::string out(s.size(), '\0');
  char* const begin = out.data();
  char* o = begin;
  const char* const end = s.data() + s.size();
  for (const char* p = s.data(); p < end; ++p) {
    const char c = *p;
    if (c == ' ' && (o == begin || o[-1] == ' ')) continue;
    const bool ends_clause = p + 1 == end || p[1] == ' ';
    if ((c == '.' || c == ',' || c == ')') && ends_clause && o != begin && o[-1] == ' ') --o;
    *o++ = c;
  }
  while (o != begin && o[-1] == ' ') --o;
  out.resize(static_cast<size_t>(o - begin));
  return out;
}

VerdictTexts TextsOf(const Verdict& v, Lang lang) {
  VerdictTexts t;
  if (!v.rule) return t;
  const RuleText& rt = v.rule->Text(lang);
  t.summary = TidyFilledText(FillPlaceholders(rt.summary, v, nullptr));
  t.explanation = TidyFilledText(FillPlaceholders(rt.explanation, v, nullptr));
  for (const auto& r : rt.remedies) {
    bool missing = false;
    std::string filled = FillPlaceholders(r, v, &missing);
    if (!missing) t.remedies.push_back(TidyFilledText(std::move(filled)));
  }
  t.refs = v.rule->refs;
  std::string_view url = v.Detail("lookup_url");
  bool known = false;
  for (const auto& r : t.refs) known = known || r == url;
  if (!url.empty() && !known) t.refs.insert(t.refs.begin(), std::string(url));
  return t;
}

}  // namespace mailwhy
