// NAME
//   fields - implementation of fields.h: peers, numbers, reply codes, the Cursor
// DESCRIPTION
//   Hand-written scanners: no regex, no allocation, no locale. Numbers are parsed digit by
//   digit because delay= values are short ("0.47", "248122") and from_chars/strtod would
//   cost more than the rest of a delivery line.
#include "postfix/fields.h"

#include <cstdint>
#include <cstring>

#include "util/text_search.h"

namespace mailwhy::postfix {

std::string_view TrimSpaces(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

std::string_view StripAngles(std::string_view s) {
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') return s.substr(1, s.size() - 2);
  return s;
}

size_t Find(std::string_view s, std::string_view needle, size_t from) {
  return FindBytes(s, needle, from);
}

size_t FindLast(std::string_view s, std::string_view needle) {
  if (needle.empty() || needle.size() > s.size()) return needle.empty() ? s.size() : kNpos;
  // memrchr for one byte, then a compare; std::string_view::rfind calls memcmp at every
  // position instead. The byte is the needle's first that is not a space (" (in reply
  // to " looks for "("): text has a space every few bytes, each a false start.
  size_t anchor = 0;
  while (anchor + 1 < needle.size() && needle[anchor] == ' ') ++anchor;
  size_t candidates = s.size() - needle.size() + 1;  // starts in [0, candidates)
  while (candidates > 0) {
    const void* hit = ::memrchr(s.data() + anchor, needle[anchor], candidates);
    if (hit == nullptr) return kNpos;
    const size_t i = static_cast<size_t>(static_cast<const char*>(hit) - s.data()) - anchor;
    if (std::memcmp(s.data() + i, needle.data(), needle.size()) == 0) return i;
    candidates = i;
  }
  return kNpos;
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ParseDecimal(std::string_view s, double* out) {
  if (s.empty() || s.size() > 24) return false;
  int64_t whole = 0, frac = 0, scale = 1;
  size_t i = 0;
  bool digits = false;
  while (i < s.size() && IsDigit(s[i])) {
    if (whole > (INT64_MAX - 9) / 10) return false;  // no delay is that long: hostile text
    whole = whole * 10 + (s[i++] - '0');
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      if (scale < 1000000000000LL) {  // more digits than a double keeps are dropped
        frac = frac * 10 + (s[i] - '0');
        scale *= 10;
      }
      ++i;
      digits = true;
    }
  }
  if (!digits || i != s.size()) return false;
  *out = static_cast<double>(whole) + static_cast<double>(frac) / static_cast<double>(scale);
  return true;
}

bool ParsePeer(std::string_view s, Peer* out) {
  if (s.empty()) return false;
  Cursor c(s);
  Peer p;
  if (!c.ReadPeer(&p)) {
    if (s.find('[') != kNpos) return false;
    p = Peer{};
    p.name = s;  // old Postfix logs some peers without "[address]"
    *out = p;
    return true;
  }
  if (!c.done()) return false;
  *out = p;
  return true;
}

bool StartsWithEnhancedCode(std::string_view s, size_t* len) {
  // RFC 3463: class "." subject (1-3 digits) "." detail (1-3 digits).
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  size_t i = 2, n = 0;
  while (i < s.size() && IsDigit(s[i]) && n < 3) ++i, ++n;
  if (n == 0 || i >= s.size() || s[i] != '.') return false;
  ++i;
  n = 0;
  while (i < s.size() && IsDigit(s[i]) && n < 3) ++i, ++n;
  if (n == 0) return false;
  if (i < s.size() && s[i] != ' ' && s[i] != ';' && s[i] != ',' && s[i] != ')') return false;
  *len = i;
  return true;
}

void ReadReplyCodes(std::string_view reply, int* code, std::string_view* enhanced) {
  *code = 0;
  *enhanced = {};
  size_t i = 0;
  if (reply.size() >= 3 && reply[0] >= '2' && reply[0] <= '5' && IsDigit(reply[1]) &&
      IsDigit(reply[2]) && (reply.size() == 3 || reply[3] == ' ' || reply[3] == '-')) {
    *code = (reply[0] - '0') * 100 + (reply[1] - '0') * 10 + (reply[2] - '0');
    i = 3;
    if (i < reply.size()) ++i;  // the ' ' or '-' after the code
    while (i < reply.size() && reply[i] == ' ') ++i;
  }
  size_t len = 0;
  if (StartsWithEnhancedCode(reply.substr(i), &len)) *enhanced = reply.substr(i, len);
}

bool Cursor::SkipSpaces() {
  size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  return pos_ > start;
}

bool Cursor::ReadUntil(std::string_view delim, std::string_view* out) {
  size_t at = Find(text_, delim, pos_);
  if (at == kNpos) return false;
  *out = text_.substr(pos_, at - pos_);
  pos_ = at + delim.size();
  return true;
}

std::string_view Cursor::ReadRest() {
  std::string_view r = rest();
  pos_ = text_.size();
  return r;
}

bool Cursor::ReadInt(int64_t* out) {
  std::string_view digits;
  size_t start = pos_;
  if (!ReadWhile(IsDigit, &digits)) return false;
  if (!ParseInt(digits, out)) {
    pos_ = start;
    return false;
  }
  return true;
}

bool Cursor::ReadDecimal(double* out) {
  std::string_view num;
  size_t start = pos_;
  if (!ReadWhile([](char c) { return IsDigit(c) || c == '.'; }, &num)) return false;
  if (!ParseDecimal(num, out)) {
    pos_ = start;
    return false;
  }
  return true;
}

namespace {

// Position of c in s[0, limit), or kNpos (memchr: the scans below run over host names).
size_t FindChar(std::string_view s, char c, size_t limit) {
  if (limit > s.size()) limit = s.size();
  const void* hit = ::memchr(s.data(), c, limit);
  return hit ? static_cast<size_t>(static_cast<const char*>(hit) - s.data()) : kNpos;
}

}  // namespace

bool Cursor::ReadPeer(Peer* out) {
  std::string_view r = rest();
  // A name never holds a space, a comma or a semicolon: when one comes before the first
  // "[", this is not a peer.
  const size_t open = FindAnyOf(r, '[', ' ', ',', ';');
  if (open == kNpos || r[open] != '[') return false;
  size_t close = r.find(']', open + 1);
  if (close == kNpos) return false;
  Peer p;
  p.name = r.substr(0, open);
  p.address = r.substr(open + 1, close - open - 1);
  size_t end = close + 1;
  if (end + 1 < r.size() && r[end] == ':') {
    size_t e = end + 1;
    while (e < r.size() && (IsDigit(r[e]) || IsLower(r[e]))) ++e;
    if (e > end + 1) {
      p.port = r.substr(end + 1, e - end - 1);
      end = e;
    }
  }
  *out = p;
  pos_ += end;
  return true;
}

bool Cursor::ReadLoosePeer(std::string_view stops, Peer* out) {
  std::string_view r = rest();
  size_t stop = r.size();
  for (char c : stops) {
    size_t at = FindChar(r, c, stop);
    if (at != kNpos) stop = at;
  }
  if (FindChar(r, '[', stop) != kNpos) return ReadPeer(out);
  if (stop == 0) return false;
  Peer p;
  p.name = r.substr(0, stop);
  *out = p;
  pos_ += stop;
  return true;
}

}  // namespace mailwhy::postfix
