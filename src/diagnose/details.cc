// details - extraction of zones, addresses and URLs from reply texts (see details.h).
#include "diagnose/details.h"

#include <algorithm>
#include <cctype>

#include "util/ascii.h"
#include "util/text_search.h"

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

std::string IpAt(std::string_view s, size_t pos) {
  if (size_t n = Ipv4At(s, pos)) return std::string(s.substr(pos, n));
  return std::string();
}

}  // namespace

std::string ExtractUrl(std::string_view text) {
  // The first "http://" or "https://", in one pass.
  static const CaseInsensitiveSearch kHttp("http");
  size_t start = kHttp.Find(text);
  while (start != std::string_view::npos) {
    const std::string_view rest = text.substr(start + 4);
    if (rest.substr(0, 3) == "://" || (rest.size() >= 4 && AsciiLower(rest[0]) == 's' &&
                                       rest.substr(1, 3) == "://")) {
      break;
    }
    start = kHttp.Find(text, start + 1);
  }
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
  // 1. "client host [IP]" / "client [IP]" (Postfix reject_rbl_client, postscreen), then
  // 2. a lookup URL's "ip=IP" or "/ip/IP": the first of these markers, in this order,
  // that the text has with an address after it.
  static const CaseInsensitiveSearch kIpMarkers[] = {
      CaseInsensitiveSearch("client host ["), CaseInsensitiveSearch("client ["),
      CaseInsensitiveSearch("ip="), CaseInsensitiveSearch("/ip/"), CaseInsensitiveSearch("?ip="),
      CaseInsensitiveSearch("query/ip/")};
  for (const CaseInsensitiveSearch& marker : kIpMarkers) {
    size_t at = marker.Find(text);
    if (at != std::string_view::npos) {
      std::string ip = IpAt(text, at + marker.needle().size());
      if (!ip.empty()) return ip;
    }
  }
  // 3. The first literal after the reply starts, skipping the relay's own address.
  static const CaseInsensitiveSearch kReplyMarkers[] = {CaseInsensitiveSearch(" said: "),
                                                        CaseInsensitiveSearch("refused to talk to me: ")};
  size_t from = 0;
  for (const CaseInsensitiveSearch& marker : kReplyMarkers) {
    size_t at = marker.Find(text);
    if (at != std::string_view::npos) from = std::max(from, at + marker.needle().size());
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
