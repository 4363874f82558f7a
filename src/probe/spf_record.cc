// spf_record - parse an SPF record into terms (see spf_record.h).
#include "probe/spf_record.h"

#include <algorithm>
#include <cctype>

#include "probe/dns.h"
#include "probe/spf_macro.h"
#include "util/ascii.h"

namespace mailwhy {
namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

Status Bad(const std::string& what, std::string_view term) {
  return Status::InvalidArgument(what + " in '" + std::string(term) + "'");
}

// A domain-spec is a macro-string that ends in a top-level label or a macro.
Status CheckDomainSpec(std::string_view spec, std::string_view term) {
  if (spec.empty()) return Bad("missing domain", term);
  Status s = CheckSpfMacro(spec, false);
  if (!s.ok()) return s;
  if (spec.back() == '}') return Status::Ok();
  std::string_view d = spec;
  if (d.back() == '.') d.remove_suffix(1);
  size_t dot = d.rfind('.');
  if (dot == std::string_view::npos) return Bad("domain without a dot", term);
  std::string_view top = d.substr(dot + 1);
  bool ok = !top.empty() && top.front() != '-' && top.back() != '-' &&
            std::all_of(top.begin(), top.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }) &&
            std::any_of(top.begin(), top.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  if (!ok) return Bad("bad top-level label '" + std::string(top) + "'", term);
  return Status::Ok();
}

bool ReadCidr(std::string_view digits, int max, int* out) {
  if (digits.empty() || digits.size() > 3) return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  if (digits.size() > 1 && digits[0] == '0') return false;
  int v = std::stoi(std::string(digits));
  if (v > max) return false;
  *out = v;
  return true;
}

// The first '/' outside a macro's braces, or npos.
size_t CidrStart(std::string_view s) {
  bool in_macro = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{' && i > 0 && s[i - 1] == '%') in_macro = true;
    else if (s[i] == '}') in_macro = false;
    else if (s[i] == '/' && !in_macro) return i;
  }
  return std::string_view::npos;
}

// a and mx: [":" domain-spec] [ip4-cidr-length] ["/" ip6-cidr-length]
Status ReadDualCidr(std::string_view rest, std::string_view term, SpfTerm* t) {
  size_t slash = CidrStart(rest);
  std::string_view cidr = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  std::string_view spec = rest.substr(0, slash == std::string_view::npos ? rest.size() : slash);
  if (!spec.empty()) {
    if (spec[0] != ':') return Bad("unexpected '" + std::string(spec) + "'", term);
    t->domain = std::string(spec.substr(1));
    Status s = CheckDomainSpec(t->domain, term);
    if (!s.ok()) return s;
  }
  if (!cidr.empty()) {
    // "/24", "//64" or "/24//64"
    size_t dbl = cidr.find("//");
    std::string_view v4 = dbl == 0 ? std::string_view() : cidr.substr(1, dbl == std::string_view::npos ? std::string_view::npos : dbl - 1);
    std::string_view v6 = dbl == std::string_view::npos ? std::string_view() : cidr.substr(dbl + 2);
    if (dbl != 0 && !ReadCidr(v4, 32, &t->cidr4)) return Bad("bad CIDR length", term);
    if (dbl != std::string_view::npos && !ReadCidr(v6, 128, &t->cidr6)) return Bad("bad CIDR length", term);
  }
  return Status::Ok();
}

Status ReadMechanism(const std::string& name, std::string_view rest, std::string_view term, SpfTerm* t) {
  static const std::pair<const char*, SpfKind> kKinds[] = {
      {"all", SpfKind::kAll}, {"include", SpfKind::kInclude}, {"a", SpfKind::kA},     {"mx", SpfKind::kMx},
      {"ptr", SpfKind::kPtr}, {"ip4", SpfKind::kIp4},         {"ip6", SpfKind::kIp6}, {"exists", SpfKind::kExists},
  };
  auto it = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const auto& k) { return name == k.first; });
  if (it == std::end(kKinds)) return Bad("unknown mechanism", term);
  t->kind = it->second;
  switch (t->kind) {
    case SpfKind::kAll:
      if (!rest.empty()) return Bad("'all' takes no argument", term);
      return Status::Ok();
    case SpfKind::kInclude:
    case SpfKind::kExists:
      if (rest.size() < 2 || rest[0] != ':') return Bad("missing domain", term);
      t->domain = std::string(rest.substr(1));
      return CheckDomainSpec(t->domain, term);
    case SpfKind::kPtr:
      if (rest.empty()) return Status::Ok();
      if (rest[0] != ':') return Bad("unexpected '" + std::string(rest) + "'", term);
      t->domain = std::string(rest.substr(1));
      return CheckDomainSpec(t->domain, term);
    case SpfKind::kA:
    case SpfKind::kMx:
      return ReadDualCidr(rest, term, t);
    case SpfKind::kIp4:
    case SpfKind::kIp6: {
      if (rest.size() < 2 || rest[0] != ':') return Bad("missing address", term);
      std::string_view net = rest.substr(1);
      size_t slash = net.find('/');
      t->network = std::string(net.substr(0, slash));
      bool v4 = t->kind == SpfKind::kIp4;
      if (v4 ? !IsIpv4(t->network) : !IsIpv6(t->network)) return Bad("bad address", term);
      if (slash != std::string_view::npos && !ReadCidr(net.substr(slash + 1), v4 ? 32 : 128, v4 ? &t->cidr4 : &t->cidr6)) {
        return Bad("bad CIDR length", term);
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view ToString(SpfKind k) {
  switch (k) {
    case SpfKind::kAll: return "all";
    case SpfKind::kInclude: return "include";
    case SpfKind::kA: return "a";
    case SpfKind::kMx: return "mx";
    case SpfKind::kPtr: return "ptr";
    case SpfKind::kIp4: return "ip4";
    case SpfKind::kIp6: return "ip6";
    case SpfKind::kExists: return "exists";
  }
  return "?";
}

bool IsSpfRecord(std::string_view txt) {
  if (txt.size() < 6 || AsciiLowered(txt.substr(0, 6)) != "v=spf1") return false;
  return txt.size() == 6 || txt[6] == ' ';
}

Status ParseSpf(std::string_view text, SpfRecord* out) {
  SpfRecord r;
  if (!IsSpfRecord(text)) return Status::InvalidArgument("not an SPF record (does not start with 'v=spf1')");
  size_t i = 6;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    std::string_view term = text.substr(i, end - i);
    i = end;

    SpfTerm t;
    t.text = std::string(term);
    size_t p = 0;
    bool qualified = false;
    if (std::string_view("+-~?").find(term[0]) != std::string_view::npos) {
      t.qualifier = term[0];
      qualified = true;
      p = 1;
    }
    size_t n = p;
    while (n < term.size() && IsNameChar(term[n])) ++n;
    std::string name = AsciiLowered(term.substr(p, n - p));
    std::string_view rest = term.substr(n);
    if (!qualified && !rest.empty() && rest[0] == '=' && !name.empty() && std::isalpha(static_cast<unsigned char>(name[0]))) {
      std::string value(rest.substr(1));
      if (name == "redirect" || name == "exp") {
        std::string& slot = name == "redirect" ? r.redirect : r.exp;
        if (!slot.empty()) return Bad("'" + name + "' given twice", term);
        Status s = CheckDomainSpec(value, term);
        if (!s.ok()) return s;
        slot = value;
        if (name == "redirect") ++r.dns_terms;
      } else {
        Status s = CheckSpfMacro(value, false);
        if (!s.ok()) return s;
        r.unknown_modifiers.push_back(name);
      }
      continue;
    }
    // Why: "ip4:..." would read as the name "ip4" only up to ':'; names with dots
    // ("include.example.com") are not mechanisms.
    Status s = ReadMechanism(name, rest, term, &t);
    if (!s.ok()) return s;
    if (t.kind == SpfKind::kInclude || t.kind == SpfKind::kA || t.kind == SpfKind::kMx || t.kind == SpfKind::kPtr ||
        t.kind == SpfKind::kExists) {
      ++r.dns_terms;
    }
    r.terms.push_back(std::move(t));
  }
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace mailwhy
