// spf_macro - check and expand SPF macro-strings (see spf_macro.h).
#include "probe/spf_macro.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "probe/dns.h"
#include "util/ascii.h"

namespace mailwhy {
namespace {

constexpr std::string_view kDelimiters = ".-+,/_=";

bool IsMacroLetter(char c, bool exp_text) {
  c = AsciiLower(c);
  if (std::string_view("slodipvh").find(c) != std::string_view::npos) return true;
  return exp_text && std::string_view("crt").find(c) != std::string_view::npos;
}

// The IP as %{i} spells it: dotted IPv4, or IPv6 as 32 dotted nibbles (section 7.3).
std::string IpForMacro(const std::string& ip) {
  in6_addr a6;
  if (IsIpv6(ip) && inet_pton(AF_INET6, ip.c_str(), &a6) == 1) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
      if (i) out += '.';
      out += kHex[a6.s6_addr[i] >> 4];
      out += '.';
      out += kHex[a6.s6_addr[i] & 0xf];
    }
    return out;
  }
  return ip;
}

std::string UrlEscape(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::string LocalPart(const std::string& sender) {
  size_t at = sender.rfind('@');
  std::string l = at == std::string::npos ? std::string() : sender.substr(0, at);
  return l.empty() ? "postmaster" : l;
}

std::string SenderDomain(const std::string& sender, const std::string& fallback) {
  size_t at = sender.rfind('@');
  return at == std::string::npos ? (sender.empty() ? fallback : sender) : sender.substr(at + 1);
}

// Parses one "%{...}" body (between the braces) and, with ctx, appends its value.
Status OneMacro(std::string_view body, std::string_view spec, const SpfMacroContext* ctx, bool exp_text,
                std::string* out) {
  auto bad = [&] { return Status::InvalidArgument("bad macro '%{" + std::string(body) + "}' in '" + std::string(spec) + "'"); };
  if (body.empty() || !IsMacroLetter(body[0], exp_text)) return bad();
  char letter = body[0];
  size_t i = 1;
  int digits = -1;
  if (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) {
    digits = 0;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) {
      digits = std::min(digits * 10 + (body[i] - '0'), 1000);
      ++i;
    }
    if (digits == 0) return bad();
  }
  bool reverse = false;
  if (i < body.size() && (body[i] == 'r' || body[i] == 'R')) {
    reverse = true;
    ++i;
  }
  std::string delims;
  for (; i < body.size(); ++i) {
    if (kDelimiters.find(body[i]) == std::string_view::npos) return bad();
    delims += body[i];
  }
  if (!ctx) return Status::Ok();
  if (delims.empty()) delims = ".";

  std::string value;
  switch (AsciiLower(letter)) {
    case 's': value = LocalPart(ctx->sender) + "@" + SenderDomain(ctx->sender, ctx->domain); break;
    case 'l': value = LocalPart(ctx->sender); break;
    case 'o': value = SenderDomain(ctx->sender, ctx->domain); break;
    case 'd': value = ctx->domain; break;
    case 'i': value = IpForMacro(ctx->ip); break;
    case 'p': value = "unknown"; break;
    case 'v': value = IsIpv6(ctx->ip) ? "ip6" : "in-addr"; break;
    case 'h': value = ctx->helo.empty() ? "unknown" : ctx->helo; break;
    case 'c': value = ctx->ip; break;
    case 'r': value = "unknown"; break;
    case 't': value = std::to_string(static_cast<long long>(std::time(nullptr))); break;
  }
  std::vector<std::string> parts(1);
  for (char c : value) {
    if (delims.find(c) != std::string::npos) parts.emplace_back();
    else parts.back() += c;
  }
  if (reverse) std::reverse(parts.begin(), parts.end());
  if (digits > 0 && static_cast<size_t>(digits) < parts.size()) parts.erase(parts.begin(), parts.end() - digits);
  std::string joined;
  for (size_t k = 0; k < parts.size(); ++k) joined += (k ? "." : "") + parts[k];
  if (std::isupper(static_cast<unsigned char>(letter))) joined = UrlEscape(joined);
  *out += joined;
  return Status::Ok();
}

Status Walk(std::string_view spec, const SpfMacroContext* ctx, bool exp_text, std::string* out) {
  for (size_t i = 0; i < spec.size(); ++i) {
    char c = spec[i];
    if (c != '%') {
      if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) {
        if (!(exp_text && c == ' ')) {
          return Status::InvalidArgument("character not allowed in '" + std::string(spec) + "'");
        }
      }
      if (out) *out += c;
      continue;
    }
    if (i + 1 >= spec.size()) return Status::InvalidArgument("'%' at the end of '" + std::string(spec) + "'");
    char n = spec[++i];
    if (n == '%') {
      if (out) *out += '%';
    } else if (n == '_') {
      if (out) *out += ' ';
    } else if (n == '-') {
      if (out) *out += "%20";
    } else if (n == '{') {
      size_t close = spec.find('}', i);
      if (close == std::string_view::npos) return Status::InvalidArgument("unclosed macro in '" + std::string(spec) + "'");
      std::string sink;
      Status s = OneMacro(spec.substr(i + 1, close - i - 1), spec, ctx, exp_text, out ? out : &sink);
      if (!s.ok()) return s;
      i = close;
    } else {
      return Status::InvalidArgument("'%' not followed by '{', '%', '_' or '-' in '" + std::string(spec) + "'");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckSpfMacro(std::string_view spec, bool exp_text) { return Walk(spec, nullptr, exp_text, nullptr); }

Status ExpandSpfMacro(std::string_view spec, const SpfMacroContext& ctx, bool exp_text, std::string* out) {
  out->clear();
  return Walk(spec, &ctx, exp_text, out);
}

}  // namespace mailwhy
