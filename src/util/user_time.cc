// user_time - times and durations as typed on a command line (see user_time.h).
#include "util/user_time.h"

#include <cctype>
#include <string>

#include "util/civil_time.h"

namespace mailwhy {

namespace {

const char kForms[] =
    "use 2022-12-05 18:38, 2022-12-05T18:38:00+09:00, 2022-12-05, Dec 5 18:38, 18:38, "
    "today, yesterday, now or -2h";

// Reads exactly n digits at s[*i].
bool Digits(std::string_view s, size_t* i, int n, int* value) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *value = v;
  return true;
}

// One or two digits.
bool SmallNumber(std::string_view s, size_t* i, int* value) {
  if (*i >= s.size() || !isdigit(static_cast<unsigned char>(s[*i]))) return false;
  int v = s[(*i)++] - '0';
  if (*i < s.size() && isdigit(static_cast<unsigned char>(s[*i]))) v = v * 10 + (s[(*i)++] - '0');
  *value = v;
  return true;
}

// HH:MM[:SS[.fff]] at s[*i]; sets *span to 60 or 1.
bool Clock(std::string_view s, size_t* i, int* h, int* m, int* sec, int64_t* span) {
  if (!SmallNumber(s, i, h) || *i >= s.size() || s[*i] != ':') return false;
  ++*i;
  if (!Digits(s, i, 2, m)) return false;
  *sec = 0;
  *span = 60;
  if (*i < s.size() && s[*i] == ':') {
    ++*i;
    if (!Digits(s, i, 2, sec)) return false;
    *span = 1;
    if (*i < s.size() && s[*i] == '.') {
      ++*i;
      while (*i < s.size() && isdigit(static_cast<unsigned char>(s[*i]))) ++*i;
    }
  }
  return *h < 24 && *m < 60 && *sec < 61;
}

// Z, +09:00, +0900 at s[*i] (or nothing: local time).
bool Offset(std::string_view s, size_t* i, bool* has, int32_t* offset_s) {
  *has = false;
  if (*i >= s.size()) return true;
  if (s[*i] == 'Z' || s[*i] == 'z') {
    ++*i;
    *has = true;
    *offset_s = 0;
    return true;
  }
  if (s[*i] != '+' && s[*i] != '-') return false;
  int sign = s[*i] == '-' ? -1 : 1;
  ++*i;
  int hh, mm;
  if (!Digits(s, i, 2, &hh)) return false;
  if (*i < s.size() && s[*i] == ':') ++*i;
  if (!Digits(s, i, 2, &mm)) return false;
  *has = true;
  *offset_s = sign * (hh * 3600 + mm * 60);
  return true;
}

int64_t LocalInstant(int y, int mo, int d, int h, int mi, int s) {
  return UnixFromCivilUtc(y, mo, d, h, mi, s) - LocalOffsetForCivil(y, mo, d, h, mi, s);
}

void LocalDate(int64_t unix_s, int* y, int* mo, int* d) {
  int64_t local = unix_s + LocalOffsetAt(unix_s);
  CivilFromDays(local >= 0 ? local / 86400 : (local - 86399) / 86400, y, mo, d);
}

Status Invalid(std::string_view text) {
  return Status::InvalidArgument("cannot read the time '" + std::string(text) + "': " + kForms);
}

}  // namespace

Status ParseDuration(std::string_view text, int64_t* seconds) {
  int64_t total = 0;
  size_t i = 0;
  if (text.empty()) {
    return Status::InvalidArgument("empty duration: use 30m, 2h, 1d, 90s or 1h30m");
  }
  while (i < text.size()) {
    if (!isdigit(static_cast<unsigned char>(text[i]))) break;
    int64_t n = 0;
    while (i < text.size() && isdigit(static_cast<unsigned char>(text[i])) && n < 100000000) {
      n = n * 10 + (text[i++] - '0');
    }
    int64_t unit = 1;
    if (i < text.size()) {
      switch (text[i]) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 7 * 86400; break;
        default:
          return Status::InvalidArgument("cannot read the duration '" + std::string(text) +
                                         "': use 30m, 2h, 1d, 90s or 1h30m");
      }
      ++i;
    }
    total += n * unit;
  }
  if (i != text.size()) {
    return Status::InvalidArgument("cannot read the duration '" + std::string(text) +
                                   "': use 30m, 2h, 1d, 90s or 1h30m");
  }
  *seconds = total;
  return Status::Ok();
}

Status ParseUserTime(std::string_view text, int64_t now, UserTime* out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text == "now") {
    *out = {now, 1};
    return Status::Ok();
  }
  if (text == "today" || text == "yesterday") {
    int y, mo, d;
    LocalDate(now - (text == "yesterday" ? 86400 : 0), &y, &mo, &d);
    *out = {LocalInstant(y, mo, d, 0, 0, 0), 86400};
    return Status::Ok();
  }
  if (!text.empty() && text[0] == '-') {
    int64_t ago;
    if (!ParseDuration(text.substr(1), &ago).ok()) return Invalid(text);
    *out = {now - ago, 1};
    return Status::Ok();
  }
  size_t i = 0;
  int y, mo, d, h = 0, mi = 0, s = 0;
  int64_t span = 86400;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {  // ISO date
    if (!Digits(text, &i, 4, &y) || text[i++] != '-' || !Digits(text, &i, 2, &mo) ||
        text[i++] != '-' || !Digits(text, &i, 2, &d)) {
      return Invalid(text);
    }
    if (i < text.size()) {
      if (text[i] != ' ' && text[i] != 'T' && text[i] != 't') return Invalid(text);
      ++i;
      if (!Clock(text, &i, &h, &mi, &s, &span)) return Invalid(text);
    }
    bool has_offset;
    int32_t offset_s = 0;
    if (!Offset(text, &i, &has_offset, &offset_s) || i != text.size()) return Invalid(text);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return Invalid(text);
    int64_t t = has_offset ? UnixFromCivilUtc(y, mo, d, h, mi, s) - offset_s
                           : LocalInstant(y, mo, d, h, mi, s);
    *out = {t, span};
    return Status::Ok();
  }
  if (text.size() >= 3 && MonthFromAbbrev(text.substr(0, 3)) != 0) {  // Dec 5 18:38
    mo = MonthFromAbbrev(text.substr(0, 3));
    i = 3;
    while (i < text.size() && text[i] == ' ') ++i;
    if (!SmallNumber(text, &i, &d) || d < 1 || d > 31) return Invalid(text);
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && !Clock(text, &i, &h, &mi, &s, &span)) return Invalid(text);
    if (i != text.size()) return Invalid(text);
    int ny, nmo, nd;
    LocalDate(now, &ny, &nmo, &nd);
    int64_t t = LocalInstant(ny, mo, d, h, mi, s);
    if (t > now + 86400) t = LocalInstant(ny - 1, mo, d, h, mi, s);
    *out = {t, span};
    return Status::Ok();
  }
  if (Clock(text, &i, &h, &mi, &s, &span) && i == text.size()) {  // 18:38 today
    int ny, nmo, nd;
    LocalDate(now, &ny, &nmo, &nd);
    *out = {LocalInstant(ny, nmo, nd, h, mi, s), span};
    return Status::Ok();
  }
  return Invalid(text);
}

}  // namespace mailwhy
