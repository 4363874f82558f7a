// spf_eval - check_host() and the record audit (see spf_eval.h).
//
// One Evaluator per call; Eval() is check_host() for one domain and recurses for
// include and redirect. Each call returns the result with the chain of terms that led
// to it; an include's chain is kept only when it passed, since only then did it match.
#include "probe/spf_eval.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "probe/spf_macro.h"
#include "probe/spf_record.h"
#include "util/ascii.h"

namespace mailwhy {
namespace {

constexpr int kMaxDnsTerms = 10;
constexpr int kMaxVoid = 2;
constexpr int kMaxNames = 10;
constexpr int kMaxDepth = 12;

struct Outcome {
  SpfResult result = SpfResult::kNeutral;
  std::vector<std::string> chain;
  std::string matched_in;
  std::string error;
};

SpfResult FromQualifier(char q) {
  switch (q) {
    case '-': return SpfResult::kFail;
    case '~': return SpfResult::kSoftFail;
    case '?': return SpfResult::kNeutral;
    default: return SpfResult::kPass;
  }
}

// Section 4.3: a domain that is not a multi-label name of valid labels gives "none".
bool ValidDomain(const std::string& d) {
  if (d.empty() || d.size() > 253 || d.find('.') == std::string::npos) return false;
  size_t start = 0;
  while (start <= d.size()) {
    size_t dot = d.find('.', start);
    size_t len = (dot == std::string::npos ? d.size() : dot) - start;
    if (len == 0 || len > 63) return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

class Evaluator {
 public:
  Evaluator(Resolver& dns, std::string ip, std::string sender, std::string helo, SpfEvaluation* e)
      : dns_(dns), ip_(std::move(ip)), sender_(std::move(sender)), helo_(std::move(helo)), e_(e) {}

  Outcome Eval(const std::string& domain, int depth) {
    Outcome o;
    if (depth > kMaxDepth) return Err(SpfResult::kPermError, "include or redirect nested too deep (a loop?) at " + domain);
    if (!ValidDomain(domain)) return Err(SpfResult::kNone, "'" + domain + "' is not a valid domain");
    DnsAnswer txt = dns_.Query(domain, DnsType::kTxt);
    if (txt.failed()) {
      return Err(SpfResult::kTempError, "the TXT lookup of " + domain + " failed (" + std::string(ToString(txt.outcome)) + ")");
    }
    std::vector<std::string> records;
    for (const auto& t : txt.records) {
      if (IsSpfRecord(t)) records.push_back(t);
    }
    if (records.empty()) {
      if (depth > 0) Void(domain);
      return Err(SpfResult::kNone, domain + " has no SPF record");
    }
    if (records.size() > 1) return Err(SpfResult::kPermError, domain + " has " + std::to_string(records.size()) + " SPF records (only one is allowed)");
    ++e_->records_seen;
    e_->trace.push_back(std::string(depth * 2, ' ') + domain + ": " + records[0]);
    if (depth == 0) e_->record = records[0];
    SpfRecord rec;
    Status s = ParseSpf(records[0], &rec);
    if (!s.ok()) return Err(SpfResult::kPermError, "syntax error in the record of " + domain + ": " + s.message());
    if (depth == 0) {
      for (const auto& t : rec.terms) {
        if (t.kind == SpfKind::kAll) {
          e_->all = t.qualifier;
          break;
        }
      }
    }

    for (const SpfTerm& t : rec.terms) {
      bool costs = t.kind == SpfKind::kInclude || t.kind == SpfKind::kA || t.kind == SpfKind::kMx ||
                   t.kind == SpfKind::kPtr || t.kind == SpfKind::kExists;
      if (costs && !Count()) return Err(SpfResult::kPermError, "more than 10 DNS lookups (RFC 7208 section 4.6.4)");
      std::string target;
      if (t.kind != SpfKind::kAll && t.kind != SpfKind::kIp4 && t.kind != SpfKind::kIp6) {
        Status x = Target(t.domain, domain, &target);
        if (!x.ok()) return Err(SpfResult::kPermError, x.message());
      }
      Outcome m;
      bool matched = false;
      switch (t.kind) {
        case SpfKind::kAll: matched = true; break;
        case SpfKind::kIp4:
        case SpfKind::kIp6:
          matched = !ip_.empty() && InNetwork(ip_, t.network, t.kind == SpfKind::kIp4 ? t.cidr4 : t.cidr6);
          break;
        case SpfKind::kA:
          if (!MatchA(target, t, &matched, &m)) return m;
          break;
        case SpfKind::kMx:
          if (!MatchMx(target, t, &matched, &m)) return m;
          break;
        case SpfKind::kPtr:
          e_->uses_ptr = true;
          if (!MatchPtr(target, &matched, &m)) return m;
          break;
        case SpfKind::kExists:
          if (!MatchExists(target, &matched, &m)) return m;
          break;
        case SpfKind::kInclude: {
          Outcome inner = Eval(target, depth + 1);
          if (inner.result == SpfResult::kTempError) return inner;
          if (inner.result == SpfResult::kPermError || inner.result == SpfResult::kNone) {
            return Err(SpfResult::kPermError, "include:" + target + ": " + inner.error);
          }
          if (inner.result == SpfResult::kPass) {
            o.result = FromQualifier(t.qualifier);
            o.chain.push_back(t.text);
            o.chain.insert(o.chain.end(), inner.chain.begin(), inner.chain.end());
            o.matched_in = inner.matched_in;
            return o;
          }
          break;
        }
      }
      if (!m.error.empty()) return m;
      if (matched) {
        o.result = FromQualifier(t.qualifier);
        o.chain = {t.text};
        o.matched_in = domain;
        return o;
      }
    }
    if (!rec.redirect.empty()) {
      if (!Count()) return Err(SpfResult::kPermError, "more than 10 DNS lookups (RFC 7208 section 4.6.4)");
      std::string target;
      Status x = Target(rec.redirect, domain, &target);
      if (!x.ok()) return Err(SpfResult::kPermError, x.message());
      Outcome inner = Eval(target, depth + 1);
      if (inner.result == SpfResult::kNone) return Err(SpfResult::kPermError, "redirect=" + target + ": " + inner.error);
      if (inner.result == SpfResult::kPermError || inner.result == SpfResult::kTempError) return inner;
      inner.chain.insert(inner.chain.begin(), "redirect=" + target);
      return inner;
    }
    o.result = SpfResult::kNeutral;  // no mechanism matched, no redirect (section 4.7)
    return o;
  }

  bool audit() const { return ip_.empty(); }
  bool over_void() const { return e_->void_lookups > kMaxVoid; }

 private:
  static Outcome Err(SpfResult r, std::string why) {
    Outcome o;
    o.result = r;
    o.error = std::move(why);
    return o;
  }
  // Counts one lookup-costing term; false once the limit is passed (never when auditing).
  bool Count() {
    ++e_->dns_terms;
    if (e_->dns_terms > kMaxDnsTerms) e_->over_limit = true;
    return !e_->over_limit || audit();
  }
  // Records a void lookup; false once there are too many (never when auditing).
  bool Void(const std::string& name) {
    ++e_->void_lookups;
    e_->void_names.push_back(name);
    return !over_void() || audit();
  }
  Status Target(const std::string& spec, const std::string& current, std::string* out) {
    if (spec.empty()) {
      *out = current;
      return Status::Ok();
    }
    SpfMacroContext ctx{ip_, sender_, current, helo_};
    Status s = ExpandSpfMacro(spec, ctx, false, out);
    if (!s.ok()) return s;
    if (!out->empty() && out->back() == '.') out->pop_back();
    // Section 7.3: over 253 bytes, labels are dropped from the left.
    while (out->size() > 253 && out->find('.') != std::string::npos) out->erase(0, out->find('.') + 1);
    return Status::Ok();
  }
  // A DNS failure ends the evaluation with temperror (section 5).
  bool Failed(const DnsAnswer& a, const std::string& name, Outcome* m) {
    if (!a.failed()) return false;
    *m = Err(SpfResult::kTempError, "the lookup of " + name + " failed (" + std::string(ToString(a.outcome)) + ")");
    return true;
  }
  // The addresses of `name` in the family of our IP (auditing: A, else AAAA).
  bool Addresses(const std::string& name, std::vector<std::string>* out, Outcome* m) {
    DnsType type = IsIpv6(ip_) ? DnsType::kAaaa : DnsType::kA;
    DnsAnswer a = dns_.Query(name, type);
    if (Failed(a, name, m)) return false;
    if (a.empty() && audit()) {
      a = dns_.Query(name, DnsType::kAaaa);
      if (Failed(a, name, m)) return false;
    }
    *out = a.records;
    return true;
  }
  bool MatchA(const std::string& target, const SpfTerm& t, bool* matched, Outcome* m) {
    std::vector<std::string> addrs;
    if (!Addresses(target, &addrs, m)) return false;
    if (addrs.empty() && !Void(target)) return TooManyVoids(m);
    *matched = MatchesAny(addrs, t);
    return true;
  }
  bool MatchMx(const std::string& target, const SpfTerm& t, bool* matched, Outcome* m) {
    DnsAnswer mx = dns_.Query(target, DnsType::kMx);
    if (Failed(mx, target, m)) return false;
    if (mx.mx.empty() && !Void(target)) return TooManyVoids(m);
    if (mx.mx.size() > kMaxNames) {
      *m = Err(SpfResult::kPermError, "mx:" + target + " has more than 10 MX names (RFC 7208 section 4.6.4)");
      return false;
    }
    if (audit()) return true;
    for (const auto& r : mx.mx) {
      if (r.host.empty()) continue;
      std::vector<std::string> addrs;
      if (!Addresses(r.host, &addrs, m)) return false;
      if (MatchesAny(addrs, t)) {
        *matched = true;
        return true;
      }
    }
    return true;
  }
  bool MatchPtr(const std::string& target, bool* matched, Outcome* m) {
    if (audit()) return true;
    DnsAnswer ptr = dns_.Query(ReverseName(ip_), DnsType::kPtr);
    // Why: section 5.5 says a failed PTR lookup just means no match, not temperror.
    if (!ptr.ok()) {
      if (ptr.empty() && !Void(ReverseName(ip_))) return TooManyVoids(m);
      return true;
    }
    int n = 0;
    for (const auto& name : ptr.records) {
      if (++n > kMaxNames) break;
      DnsAnswer a = dns_.Query(name, IsIpv6(ip_) ? DnsType::kAaaa : DnsType::kA);
      if (!a.ok() || std::find(a.records.begin(), a.records.end(), Canonical(ip_)) == a.records.end()) continue;
      std::string lname = AsciiLowered(name), ltarget = AsciiLowered(target);
      if (lname == ltarget || (lname.size() > ltarget.size() && lname.compare(lname.size() - ltarget.size() - 1, std::string::npos, "." + ltarget) == 0)) {
        *matched = true;
        return true;
      }
    }
    return true;
  }
  bool MatchExists(const std::string& target, bool* matched, Outcome* m) {
    if (audit()) return true;
    DnsAnswer a = dns_.Query(target, DnsType::kA);
    if (Failed(a, target, m)) return false;
    if (a.records.empty() && !Void(target)) return TooManyVoids(m);
    *matched = !a.records.empty();
    return true;
  }
  bool TooManyVoids(Outcome* m) {
    *m = Err(SpfResult::kPermError, "more than 2 void lookups (RFC 7208 section 4.6.4)");
    return false;
  }
  bool MatchesAny(const std::vector<std::string>& addrs, const SpfTerm& t) const {
    if (audit()) return false;
    for (const auto& a : addrs) {
      if (InNetwork(ip_, a, IsIpv6(ip_) ? t.cidr6 : t.cidr4)) return true;
    }
    return false;
  }
  static std::string Canonical(const std::string& ip) {
    in6_addr a6;
    if (IsIpv6(ip) && inet_pton(AF_INET6, ip.c_str(), &a6) == 1) {
      char buf[INET6_ADDRSTRLEN];
      inet_ntop(AF_INET6, &a6, buf, sizeof buf);
      return buf;
    }
    return ip;
  }

  Resolver& dns_;
  std::string ip_, sender_, helo_;
  SpfEvaluation* e_;
};

SpfEvaluation Run(Resolver& dns, const std::string& ip, const std::string& domain, const std::string& sender,
                  const std::string& helo) {
  SpfEvaluation e;
  std::string d = domain;
  if (!d.empty() && d.back() == '.') d.pop_back();
  Evaluator ev(dns, ip, sender.empty() ? "postmaster@" + d : sender, helo, &e);
  Outcome o = ev.Eval(d, 0);
  e.result = o.result;
  e.error = o.error;
  if (!o.chain.empty()) {
    e.chain = o.chain;
    e.matched = o.chain.back();
    e.matched_in = o.matched_in;
  }
  if (ev.audit() && e.result != SpfResult::kTempError && e.result != SpfResult::kNone) {
    // Why: the audit does not stop at the limits; say what a receiver would conclude.
    if (e.over_limit) {
      e.result = SpfResult::kPermError;
      e.error = "more than 10 DNS lookups (RFC 7208 section 4.6.4)";
    } else if (ev.over_void()) {
      e.result = SpfResult::kPermError;
      e.error = "more than 2 void lookups (RFC 7208 section 4.6.4)";
    }
  }
  return e;
}

}  // namespace

std::string_view ToString(SpfResult r) {
  switch (r) {
    case SpfResult::kNone: return "none";
    case SpfResult::kNeutral: return "neutral";
    case SpfResult::kPass: return "pass";
    case SpfResult::kFail: return "fail";
    case SpfResult::kSoftFail: return "softfail";
    case SpfResult::kTempError: return "temperror";
    case SpfResult::kPermError: return "permerror";
  }
  return "none";
}

bool InNetwork(const std::string& ip, const std::string& network, int cidr) {
  unsigned char a[16], b[16];
  int len;
  if (IsIpv4(ip) && IsIpv4(network)) {
    inet_pton(AF_INET, ip.c_str(), a);
    inet_pton(AF_INET, network.c_str(), b);
    len = 4;
  } else if (IsIpv6(ip) && IsIpv6(network)) {
    inet_pton(AF_INET6, ip.c_str(), a);
    inet_pton(AF_INET6, network.c_str(), b);
    len = 16;
  } else {
    return false;
  }
  cidr = std::clamp(cidr, 0, len * 8);
  int full = cidr / 8, rest = cidr % 8;
  if (std::memcmp(a, b, static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (a[full] & mask) == (b[full] & mask);
}

SpfEvaluation CheckHost(Resolver& dns, const std::string& ip, const std::string& domain, const std::string& sender,
                        const std::string& helo) {
  return Run(dns, ip, domain, sender, helo);
}

SpfEvaluation AuditSpf(Resolver& dns, const std::string& domain) { return Run(dns, "", domain, "", ""); }

}  // namespace mailwhy
