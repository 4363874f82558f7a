// details - extraction of zones, addresses and URLs from reply texts (see details.h).
#include "diagnose/details.h"

#include <algorithm>
#include <cctype>

#include "util/ascii.h"

namespace mailwhy {
namespace {

// Postfix cuts records near 2048 bytes (line_length_limit, syslog); a text this long has
// probably lost its end.
constexpr size_t kLineLimitText = 1990;

bool IsIpChar(char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == 'x' || c == 'X'; }

// Length of an IPv4-shaped literal at `pos` (digits or redaction x's), or 0.
size_t Ipv4At(std::string_view s, size_t pos) {
  if (pos > 0 && (std::isalnum(static_cast<unsigned char>(s[pos - 1])) || s[pos - 1] == '.')) {
    return 0;
  }
  size_t i = pos;
  for (int group = 0; group < 4; ++group) {
    size_t start = i;
    while (i < s.size() && i - start < 3 &&
           (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == 'x' || s[i] == 'X')) {
      ++i;
    }
    if (i == start) return 0;
    if (group < 3) {
      if (i >= s.size() || s[i] != '.') return 0;
      ++i;
    }
  }
  if (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) return 0;
  // "4.3.2.1.zen.spamhaus.org" (a DNSBL query name) is not an address literal.
  if (i + 1 < s.size() && s[i] == '.' && std::isalnum(static_cast<unsigned char>(s[i + 1]))) {
    return 0;
  }
  return i - pos;
}

// Length of a bracketed IPv6 literal's inside at `pos` (after '['), or 0.
size_t Ipv6At(std::string_view s, size_t pos) {
  size_t i = pos, colons = 0;
  while (i < s.size() && (IsIpChar(s[i]) || s[i] == ':' || s[i] == '.')) {
    if (s[i] == ':') ++colons;
    ++i;
  }
  return (colons >= 2 && i < s.size() && s[i] == ']') ? i - pos : 0;
}

bool StartsWithCi(std::string_view s, size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

size_t FindCi(std::string_view s, std::string_view needle, size_t from = 0) {
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (StartsWithCi(s, i, needle)) return i;
  }
  return std::string_view::npos;
}

std::string IpAt(std::string_view s, size_t pos) {
  if (size_t n = Ipv4At(s, pos)) return std::string(s.substr(pos, n));
  return std::string();
}

}  // namespace

std::string ExtractUrl(std::string_view text) {
  size_t start = FindCi(text, "http://");
  size_t https = FindCi(text, "https://");
  if (https < start) start = https;
  if (start == std::string_view::npos) return std::string();
  size_t end = start;
  while (end < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[end]);
    if (c <= ' ' || c == ';' || c == '>' || c == '<' || c == '"' || c == '\'' || c == ')' ||
        c == ']' || c >= 0x80) {
      break;
    }
    ++end;
  }
  std::string_view url = text.substr(start, end - start);
  while (!url.empty() && (url.back() == '.' || url.back() == ',')) url.remove_suffix(1);
  return std::string(url);
}

std::string ExtractListedIp(std::string_view text, std::string_view relay_ip) {
  // 1. "client host [IP]" / "client [IP]" (Postfix reject_rbl_client, postscreen).
  for (std::string_view marker : {"client host [", "client ["}) {
    size_t at = FindCi(text, marker);
    if (at != std::string_view::npos) {
      std::string ip = IpAt(text, at + marker.size());
      if (!ip.empty()) return ip;
    }
  }
  // 2. A lookup URL's "ip=IP" or "/ip/IP".
  for (std::string_view marker : {"ip=", "/ip/", "?ip=", "query/ip/"}) {
    size_t at = FindCi(text, marker);
    if (at != std::string_view::npos) {
      std::string ip = IpAt(text, at + marker.size());
      if (!ip.empty()) return ip;
    }
  }
  // 3. The first literal after the reply starts, skipping the relay's own address.
  size_t from = 0;
  for (std::string_view marker : {" said: ", "refused to talk to me: "}) {
    size_t at = FindCi(text, marker);
    if (at != std::string_view::npos) from = std::max(from, at + marker.size());
  }
  for (size_t i = from; i < text.size(); ++i) {
    std::string ip;
    if (text[i] == '[' && i + 1 < text.size()) {
      if (size_t n = Ipv6At(text, i + 1)) ip = std::string(text.substr(i + 1, n));
    }
    if (ip.empty() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == 'x' ||
                       text[i] == 'X')) {
      ip = IpAt(text, i);
    }
    if (!ip.empty() && ip != relay_ip) return ip;
    if (!ip.empty()) i += ip.size();
  }
  return std::string();
}

std::string ExtractDnsbl(std::string_view t) {
  static constexpr std::string_view kMarkers[] = {
      "blocked using ", "listed in ", "listed by domain ", "listed on ", "listed at ",
      "dnsbl ",         "rbl ",        "blacklisted by ",  "blocklisted by ",
  };
  for (std::string_view m : kMarkers) {
    for (size_t at = t.find(m); at != std::string_view::npos; at = t.find(m, at + 1)) {
      size_t b = at + m.size(), e = b;
      while (e < t.size() && (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '.' ||
                              t[e] == '-')) {
        ++e;
      }
      std::string_view zone = t.substr(b, e - b);
      while (!zone.empty() && (zone.back() == '.' || zone.back() == '-')) zone.remove_suffix(1);
      // A zone has a dot and a letter ("the rbl" or "listed in 2 lists" are not zones).
      bool has_dot = zone.find('.') != std::string_view::npos;
      bool has_alpha = std::any_of(zone.begin(), zone.end(),
                                   [](char c) { return c >= 'a' && c <= 'z'; });
      if (has_dot && has_alpha) return std::string(zone);
    }
  }
  return std::string();
}

bool LooksTruncated(std::string_view original, std::string_view t) {
  if (original.size() >= kLineLimitText) return true;
  // A sentence cannot end on these words; a reply that does was cut.
  static constexpr std::string_view kOpenEnded[] = {
      "a",     "an",    "and",   "are",    "as",     "at",    "be",    "because", "been",
      "but",   "by",    "can",   "could",  "due",    "for",   "from",  "has",     "have",
      "if",    "in",    "is",    "its",    "may",    "must",  "not",   "of",      "on",
      "or",    "our",   "should", "than",  "that",   "the",   "their", "this",    "to",
      "was",   "were",  "which", "who",    "will",   "with",  "would", "your",
  };
  while (!t.empty() && (t.back() == ' ' || t.back() == ')')) t.remove_suffix(1);
  size_t start = t.size();
  while (start > 0 && t[start - 1] >= 'a' && t[start - 1] <= 'z') --start;
  if (start == t.size() || (start > 0 && t[start - 1] != ' ')) return false;
  std::string_view last = t.substr(start);
  return std::find(std::begin(kOpenEnded), std::end(kOpenEnded), last) != std::end(kOpenEnded);
}

}  // namespace mailwhy
