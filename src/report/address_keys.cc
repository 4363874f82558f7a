// address_keys - grouping keys for addresses, domains, relays and reason texts (see
// address_keys.h).
#include "report/address_keys.h"
#include "report/address_keys_testing.h"

#include <array>
#include <cstdint>
#include <vector>

#include "util/ascii.h"

namespace mailwhy {

namespace {



bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Length of a dotted-quad IPv4 address starting at s[i] (1-3 digits, four times), or 0.
// The character before must not be a digit or a dot, nor the one after (so "1.2.3.4.5"
// and version numbers like "10.1.2.3.4" are left alone).
size_t Ipv4At(std::string_view s, size_t i) {
  if (i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '.')) return 0;
  size_t p = i;
  for (int part = 0; part < 4; ++part) {
    size_t digits = 0;
    while (p < s.size() && IsDigit(s[p]) && digits < 4) {
      ++p;
      ++digits;
    }
    if (digits == 0 || digits > 3) return 0;
    if (part < 3) {
      if (p >= s.size() || s[p] != '.') return 0;
      ++p;
    }
  }
  if (p < s.size() && (IsDigit(s[p]) || (s[p] == '.' && p + 1 < s.size() && IsDigit(s[p + 1])))) {
    return 0;
  }
  return p - i;
}

// "[...]" holding only hex digits, colons and dots with at least two colons: IPv6.
size_t BracketedIpv6At(std::string_view s, size_t i) {
  if (s[i] != '[') return 0;
  size_t p = i + 1;
  int colons = 0;
  while (p < s.size() && (IsHex(s[p]) || s[p] == ':' || s[p] == '.')) {
    if (s[p] == ':') ++colons;
    ++p;
  }
  if (p >= s.size() || s[p] != ']' || colons < 2) return 0;
  return p + 1 - i;
}

// "<...@...>" without spaces or further angle brackets: an address.
size_t BracketedAddressAt(std::string_view s, size_t i) {
  if (s[i] != '<') return 0;
  bool at = false;
  for (size_t p = i + 1; p < s.size(); ++p) {
    char c = s[p];
    if (c == '>') return at ? p + 1 - i : 0;
    if (c == '<' || c == ' ' || c == '\t') return 0;
    if (c == '@') at = true;
  }
  return 0;
}

// Length of an ISO 8601 timestamp at s[i]: YYYY-MM-DD, "T" or " ", hh:mm[:ss[.fff]],
// then an optional "Z" or offset; 0 when there is none.
size_t TimestampAt(std::string_view s, size_t i) {
  auto digits = [&](size_t p, size_t n) {
    if (p + n > s.size()) return false;
    for (size_t k = 0; k < n; ++k) {
      if (!IsDigit(s[p + k])) return false;
    }
    return true;
  };
  if (i > 0 && IsDigit(s[i - 1])) return 0;
  size_t p = i;
  if (!digits(p, 4) || p + 16 > s.size() || s[p + 4] != '-' || !digits(p + 5, 2) || s[p + 7] != '-' ||
      !digits(p + 8, 2) || (s[p + 10] != 'T' && s[p + 10] != ' ') || !digits(p + 11, 2) ||
      s[p + 13] != ':' || !digits(p + 14, 2)) {
    return 0;
  }
  p += 16;
  if (p < s.size() && s[p] == ':' && digits(p + 1, 2)) {
    p += 3;
    if (p < s.size() && s[p] == '.' && digits(p + 1, 1)) {
      ++p;
      while (p < s.size() && IsDigit(s[p])) ++p;
    }
  }
  if (p < s.size() && s[p] == 'Z') {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-') && digits(p + 1, 2)) {
    size_t q = p + 3;
    if (q < s.size() && s[q] == ':') ++q;
    if (digits(q, 2)) p = q + 2;
  }
  return p - i;
}

// The kinds of character the scanners tell apart, one table lookup per character:
// masking looks at every character of every reason text.
enum ScanKind : uint8_t { kOther, kDigit, kWordChar, kDot, kJoiner, kAngle, kBracket, kKinds };

constexpr std::array<ScanKind, 256> MakeScanKinds() {
  std::array<ScanKind, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kWordChar;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kWordChar;
  t['-'] = kWordChar;
  t['.'] = kDot;
  for (char c : {'_', '+', '%'}) t[static_cast<unsigned char>(c)] = kJoiner;
  t['<'] = kAngle;
  t['['] = kBracket;
  return t;
}
constexpr std::array<ScanKind, 256> kScanKinds = MakeScanKinds();

ScanKind ScanKindOf(char c) { return kScanKinds[static_cast<unsigned char>(c)]; }

constexpr bool IsTokenKind(ScanKind k) { return k == kDigit || k == kWordChar; }
constexpr bool IsAddressKind(ScanKind k) { return IsTokenKind(k) || k == kDot || k == kJoiner; }

bool IsTokenChar(char c) { return IsTokenKind(ScanKindOf(c)); }

// A per-message token: a run of ten or more letters, digits and hyphens that starts a
// word and holds at least three digits and either two letters or six digits. That is
// Google's "0014158418ecb-128e438f664si6647 - gsmtp", Microsoft's request IDs and the
// first label of its per-server host names, epoch seconds; not words ("OverQuotaTemp"),
// codes ("550-5.7.26", "S3150") or ordinary host names (a dot ends the run, and a run
// after a dot is not looked at).
size_t VariableTokenAt(std::string_view s, size_t i) {
  if (i > 0 && (IsTokenChar(s[i - 1]) || s[i - 1] == '.')) return 0;
  size_t p = i, digits = 0, letters = 0;
  while (p < s.size() && IsTokenChar(s[p])) {
    if (IsDigit(s[p])) ++digits;
    else if (s[p] != '-') ++letters;
    ++p;
  }
  const size_t len = p - i;
  if (len < 10 || digits < 3 || (letters < 2 && digits < 6)) return 0;
  // Google appends ".NNN" to its token: part of the same token.
  if (p + 1 < s.size() && s[p] == '.' && IsDigit(s[p + 1])) {
    size_t q = p + 1;
    while (q < s.size() && IsDigit(s[q])) ++q;
    if (q >= s.size() || !IsTokenChar(s[q])) p = q;
  }
  return p - i;
}

bool IsAddressChar(char c) { return IsAddressKind(ScanKindOf(c)); }

// A bare address (local@domain.tld) starting a word, as some replies quote the sender:
// "id=adavis@example.info".
size_t BareAddressAt(std::string_view s, size_t i) {
  if (i > 0 && IsAddressChar(s[i - 1])) return 0;
  size_t p = i;
  while (p < s.size() && IsAddressChar(s[p])) ++p;
  if (p == i || p >= s.size() || s[p] != '@') return 0;
  size_t domain = ++p;
  bool dot = false;
  while (p < s.size() && (IsTokenChar(s[p]) || s[p] == '.')) {
    dot = dot || s[p] == '.';
    ++p;
  }
  while (p > domain && s[p - 1] == '.') --p;   // a sentence's full stop
  return dot && p > domain ? p - i : 0;
}

}  // namespace

void AddressKeyTo(std::string_view address, std::string* out) {
  out->assign(address);
  size_t at = out->find('@');
  if (at == std::string::npos) return;
  for (size_t i = at; i < out->size(); ++i) (*out)[i] = AsciiLower((*out)[i]);
}

std::string AddressKey(std::string_view address) {
  std::string out;
  AddressKeyTo(address, &out);
  return out;
}

std::string_view AddressDomain(std::string_view key) {
  size_t at = key.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= key.size()) return key;
  return key.substr(at + 1);
}

std::string ClientDomain(std::string_view name, std::string_view ip) {
  if (name.empty() || name == "unknown") return std::string(ip);
  std::vector<std::string_view> labels;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    labels.push_back(name.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  const size_t n = labels.size();
  // gimme_domain: s/^(.*)\.([^\.]+)\.([^\.]{3}|[^\.]{2,3}\.[^\.]{2})$/\L$2.$3/ ; the
  // greedy (.*) tries the single three-letter label first.
  auto joined = [&](size_t from) {
    std::string out;
    for (size_t k = from; k < n; ++k) {
      if (k > from) out += '.';
      out += AsciiLowered(labels[k]);
    }
    return out;
  };
  if (n >= 3 && labels[n - 1].size() == 3 && !labels[n - 2].empty()) return joined(n - 2);
  if (n >= 4 && labels[n - 1].size() == 2 && (labels[n - 2].size() == 2 || labels[n - 2].size() == 3) &&
      !labels[n - 3].empty()) {
    return joined(n - 3);
  }
  return std::string(name);
}

std::string RelayHost(std::string_view relay) {
  size_t open = relay.find('[');
  if (open == std::string_view::npos) return AsciiLowered(relay);
  if (open > 0) return AsciiLowered(relay.substr(0, open));
  size_t close = relay.find(']', open);
  if (close == std::string_view::npos) return AsciiLowered(relay);
  return AsciiLowered(relay.substr(open + 1, close - open - 1));
}

namespace {

// Where a variable part may start. Each scanner above wants a bracket or the start of a
// word of its own kind of characters, so whether one can match at a character depends
// only on that character's kind and the kind of the one before: one table lookup, most
// characters skipped by it.
constexpr bool MayStartAt(ScanKind prev, ScanKind c) {
  if (c == kAngle || c == kBracket) return true;                          // <address>, [IPv6]
  if (IsAddressKind(c) && !IsAddressKind(prev)) return true;              // bare address, token
  if (c == kDigit && prev != kDigit) return true;                         // timestamp, IPv4
  return IsTokenKind(c) && !IsTokenKind(prev) && prev != kDot;            // token after "_+%"
}

constexpr std::array<std::array<bool, kKinds>, kKinds> MakeStartTable() {
  std::array<std::array<bool, kKinds>, kKinds> t{};
  for (int p = 0; p < kKinds; ++p) {
    for (int c = 0; c < kKinds; ++c) t[p][c] = MayStartAt(ScanKind(p), ScanKind(c));
  }
  return t;
}
constexpr std::array<std::array<bool, kKinds>, kKinds> kMayStart = MakeStartTable();

// The end of the word of address characters that starts at text[i] when nothing in it
// can be masked, else i. Such a word has no digit and no "@" after it: an address needs
// the "@", every other shape a digit, and inside the word only those shapes could start
// (a token after "_+%"). Most words of a reason text are such words; the scanners would
// each walk them again.
size_t PlainWordEnd(std::string_view text, size_t i) {
  size_t e = i;
  while (e < text.size()) {
    const ScanKind k = ScanKindOf(text[e]);
    if (k == kDigit) return i;
    if (!IsAddressKind(k)) break;
    ++e;
  }
  return e < text.size() && text[e] == '@' ? i : e;
}

}  // namespace

void MaskVariablePartsInto(std::string_view text, bool skip_plain_words, std::string* out) {
  out->clear();
  size_t plain = 0;  // start of the text not yet copied: copied in runs, not per character
  size_t i = 0;
  ScanKind prev = kOther;  // the text's start counts as a space
  while (i < text.size()) {
    const char c = text[i];
    const ScanKind kind = ScanKindOf(c);
    if (!kMayStart[prev][kind]) {
      prev = kind;
      ++i;
      continue;
    }
    if (skip_plain_words && IsAddressKind(kind) && !IsAddressKind(prev)) {
      const size_t end = PlainWordEnd(text, i);
      if (end > i) {
        i = end;
        prev = ScanKindOf(text[i - 1]);
        continue;
      }
    }
    size_t n = 0;
    std::string_view mask;
    if (c == '<' && (n = BracketedAddressAt(text, i)) > 0) {
      mask = "<\xE2\x80\xA6>";
    } else if (c == '[' && (n = BracketedIpv6At(text, i)) > 0) {
      mask = "[\xE2\x80\xA6]";
    } else if ((IsAddressChar(c) && (n = BareAddressAt(text, i)) > 0) ||
               (IsDigit(c) && (n = TimestampAt(text, i)) > 0) ||
               (IsDigit(c) && (n = Ipv4At(text, i)) > 0) ||
               (IsTokenChar(c) && (n = VariableTokenAt(text, i)) > 0)) {
      mask = "\xE2\x80\xA6";
    } else {
      prev = kind;
      ++i;
      continue;
    }
    out->append(text.substr(plain, i - plain));
    out->append(mask);
    i += n;
    plain = i;
    prev = ScanKindOf(text[i - 1]);
  }
  out->append(text.substr(plain));
}

void MaskVariablePartsTo(std::string_view text, std::string* out) {
  MaskVariablePartsInto(text, /*skip_plain_words=*/true, out);
}

std::string MaskVariableParts(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  MaskVariablePartsTo(text, &out);
  return out;
}

}  // namespace mailwhy
