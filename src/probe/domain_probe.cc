// domain_probe - the checks of `probe domain` (see domain_probe.h).
//
// Policy, once: every check runs whatever the others found, since the admin wants the
// whole list; a check that needs --ip, --from or --selector is listed as skipped. Facts
// the providers' requirements depend on are gathered as the checks run and judged last.
#include "probe/domain_probe.h"

#include <algorithm>
#include <cctype>

#include "diagnose/host_name.h"
#include "probe/dkim_key.h"
#include "probe/dmarc_record.h"
#include "probe/dnsbl.h"
#include "probe/org_domain.h"
#include "probe/reverse_dns.h"
#include "probe/sender_requirements.h"
#include "probe/smtp_target.h"
#include "probe/spf_eval.h"
#include "probe/spf_record.h"
#include "util/ascii.h"

namespace mailwhy {
namespace {

std::string Lower(std::string s) {
  s = AsciiLowered(s);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Outcome(const DnsAnswer& a) { return std::string(ToString(a.outcome)); }

class DomainChecks {
 public:
  DomainChecks(const DomainProbeOptions& o, Resolver& dns, const Classifier* c, ProbeReport* r)
      : o_(o), dns_(dns), classifier_(c), report_(r) {
    domain_ = Lower(o.domain);
    size_t at = o.from.rfind('@');
    envelope_domain_ = o.from.empty() ? domain_ : Lower(at == std::string::npos ? o.from : o.from.substr(at + 1));
    sender_ = o.from.empty() ? "postmaster@" + domain_ : o.from;
  }

  void Run() {
    Mx();
    Spf();
    SpfForIp();
    Dkim();
    Dmarc();
    Ptr();
    Dnsbls();
    MtaSts();
    TlsRpt();
    From();
    AddSenderRequirements(facts_, classifier_, Values(), report_);
  }

 private:
  KeyValues Values(KeyValues extra = {}) const {
    KeyValues v{{"sender_domain", domain_}, {"host", domain_}};
    if (!o_.ip.empty()) v.emplace_back("client_ip", o_.ip);
    if (!o_.from.empty()) v.emplace_back("sender", o_.from);
    for (auto& kv : extra) {
      auto it = std::find_if(v.begin(), v.end(), [&](const auto& p) { return p.first == kv.first; });
      if (it != v.end()) it->second = kv.second; else v.push_back(kv);
    }
    return v;
  }
  void Finding(ProbeCheck& c, const char* id, KeyValues extra = {}) {
    AddFinding(&c, classifier_, id, Values(std::move(extra)));
  }
  ProbeCheck& Skipped(const char* id, const char* option) {
    ProbeCheck& c = report_->Add(id);
    c.state = CheckState::kSkipped;
    c.said = Said(std::string("needs ") + option, std::string(option) + "の指定が必要です");
    return c;
  }
  // A DNS failure that leaves the answer unknown.
  void DnsFailure(ProbeCheck& c, const std::string& name, const DnsAnswer& a) {
    c.state = CheckState::kFail;
    c.said = Said("the lookup of " + name + " failed (" + Outcome(a) + ")", name + "の問い合わせに失敗しました（" + Outcome(a) + "）");
    Finding(c, "probe.domain.dns-failure", {{"host", name}});
  }

  void Mx() {
    ProbeCheck& c = report_->Add("domain.mx");
    DnsAnswer mx = dns_.Query(domain_, DnsType::kMx);
    if (mx.failed()) return DnsFailure(c, domain_, mx);
    if (mx.outcome == DnsOutcome::kNxDomain) {
      c.state = CheckState::kFail;
      c.said = Said(domain_ + " does not exist (NXDOMAIN)", domain_ + "は存在しません（NXDOMAIN）");
      Finding(c, "probe.domain.nxdomain");
      return;
    }
    if (mx.empty()) {
      DnsAnswer a = dns_.Query(domain_, DnsType::kA);
      DnsAnswer aaaa = dns_.Query(domain_, DnsType::kAaaa);
      if (a.ok() || aaaa.ok()) {
        c.state = CheckState::kWarn;
        c.said = Said("no MX; mail for " + domain_ + " goes to its A/AAAA record", "MXなし。" + domain_ + "宛のメールはA/AAAAレコードのアドレスへ届きます");
        Finding(c, "probe.domain.mx.implicit");
      } else {
        c.state = CheckState::kFail;
        c.said = Said("no MX and no address: " + domain_ + " cannot receive mail", "MXもアドレスもありません: " + domain_ + "はメールを受け取れません");
        Finding(c, "probe.domain.mx.missing");
      }
      return;
    }
    std::vector<std::string> list;
    for (const auto& m : mx.mx) list.push_back(std::to_string(m.preference) + " " + (m.host.empty() ? "." : m.host));
    c.data.emplace_back("mx", Join(list, ", "));
    if (mx.mx.size() == 1 && mx.mx[0].host.empty()) {
      c.state = CheckState::kFail;
      c.said = Said("Null MX (\"0 .\"): " + domain_ + " declares it receives no mail", "Null MX（\"0 .\"）: " + domain_ + "はメールを受信しないと宣言しています");
      Finding(c, "probe.domain.mx.null");
      return;
    }
    c.said = Said(Join(list, ", "));
    std::vector<std::string> missing;
    int asked = 0;
    for (const auto& m : mx.mx) {
      if (m.host.empty() || ++asked > 5) continue;
      if (IsIpv4(m.host) || IsIpv6(m.host)) {
        missing.push_back(m.host + " (an address, not a name)");
        continue;
      }
      DnsAnswer a = dns_.Query(m.host, DnsType::kA);
      if (!a.ok() && !dns_.Query(m.host, DnsType::kAaaa).ok()) missing.push_back(m.host);
      else if (a.ok()) c.more.push_back(Said(m.host + " → " + Join(a.records, ", ")));
    }
    if (!missing.empty()) {
      c.state = CheckState::kWarn;
      c.more.push_back(Said("no address: " + Join(missing, ", "), "アドレスなし: " + Join(missing, ", ")));
      Finding(c, "probe.domain.mx.no-address", {{"relay_host", Join(missing, ", ")}});
    }
  }

  void Spf() {
    ProbeCheck& c = report_->Add("domain.spf");
    SpfEvaluation e = AuditSpf(dns_, envelope_domain_);
    c.data.emplace_back("domain", envelope_domain_);
    c.data.emplace_back("record", e.record);
    c.data.emplace_back("lookups", std::to_string(e.dns_terms));
    c.data.emplace_back("void_lookups", std::to_string(e.void_lookups));
    for (const auto& t : e.trace) c.more.push_back(Said(t));
    KeyValues v = {{"host", envelope_domain_}, {"part", std::to_string(e.dns_terms)}, {"total", "10"}};
    std::string lookups = std::to_string(e.dns_terms) + "/10";
    spf_record_ = Known::kNo;
    switch (e.result) {
      case SpfResult::kNone:
        c.state = CheckState::kFail;
        c.said = Said(envelope_domain_ + " has no SPF record", envelope_domain_ + "にSPFレコードがありません");
        Finding(c, "probe.domain.spf.missing", v);
        return;
      case SpfResult::kTempError:
        spf_record_ = Known::kUnknown;
        c.state = CheckState::kFail;
        c.said = Said("temperror: " + e.error, "temperror: " + e.error);
        Finding(c, "probe.domain.dns-failure", {{"host", envelope_domain_}});
        return;
      case SpfResult::kPermError: {
        c.state = CheckState::kFail;
        c.said = Said("permerror: " + e.error + " (lookups " + lookups + ")", "permerror: " + e.error + "（DNS参照 " + lookups + "）");
        const char* id = e.over_limit                                     ? "probe.domain.spf.too-many-lookups"
                         : e.void_lookups > 2                             ? "probe.domain.spf.void-lookups"
                         : e.error.find("SPF records") != std::string::npos ? "probe.domain.spf.multiple"
                         : e.error.find("syntax error") != std::string::npos ? "probe.domain.spf.syntax"
                                                                           : "probe.domain.spf.permerror";
        if (e.void_lookups > 2) v.emplace_back("relay_host", Join(e.void_names, ", "));
        Finding(c, id, v);
        return;
      }
      default: break;
    }
    std::string ending = e.all ? std::string(1, e.all) + "all" : "no all";
    c.said = Said(e.record + " (lookups " + lookups + ", " + ending + ")", e.record + "（DNS参照 " + lookups + "、" + ending + "）");
    spf_record_ = e.all != '+' ? Known::kYes : Known::kNo;
    if (e.all == '+') {
      c.state = CheckState::kFail;
      Finding(c, "probe.domain.spf.pass-all", v);
    } else if (e.all == '?' || (e.all == '\0' && e.record.find("redirect=") == std::string::npos)) {
      c.state = CheckState::kWarn;
      Finding(c, "probe.domain.spf.neutral-all", v);
    }
    if (e.void_lookups > 0) {
      c.state = std::max(c.state, CheckState::kWarn);
      v.emplace_back("relay_host", Join(e.void_names, ", "));
      Finding(c, "probe.domain.spf.void-lookups", v);
    }
    if (e.uses_ptr) {
      c.state = std::max(c.state, CheckState::kWarn);
      Finding(c, "probe.domain.spf.ptr", v);
    }
    if (e.dns_terms >= 9 && !e.over_limit) {
      c.state = std::max(c.state, CheckState::kWarn);
      Finding(c, "probe.domain.spf.near-limit", v);
    }
  }

  void SpfForIp() {
    if (o_.ip.empty()) {
      Skipped("domain.spf.ip", "--ip");
      facts_.spf = spf_record_;
      return;
    }
    ProbeCheck& c = report_->Add("domain.spf.ip");
    SpfEvaluation e = CheckHost(dns_, o_.ip, envelope_domain_, sender_, domain_);
    std::string result(ToString(e.result));
    c.data.emplace_back("result", result);
    c.data.emplace_back("matched", e.matched);
    c.data.emplace_back("matched_in", e.matched_in);
    std::string where = e.matched.empty() ? std::string() : Join(e.chain, " → ") + " (" + e.matched_in + ")";
    facts_.spf = e.result == SpfResult::kPass        ? Known::kYes
                 : e.result == SpfResult::kTempError ? Known::kUnknown
                                                     : Known::kNo;
    KeyValues v = {{"host", envelope_domain_}, {"part", e.matched.empty() ? "?" : e.matched}, {"total", result}};
    if (e.result == SpfResult::kPass) {
      c.said = Said("pass for " + o_.ip + ": " + where, o_.ip + "はpass: " + where);
      return;
    }
    c.state = CheckState::kFail;
    if (e.result == SpfResult::kPermError || e.result == SpfResult::kTempError || e.result == SpfResult::kNone) {
      std::string why = e.error.empty() ? "no SPF record" : e.error;
      c.said = Said(result + " for " + o_.ip + ": " + why, o_.ip + "は" + result + ": " + why);
      Finding(c, "probe.domain.spf.ip-error", v);
      return;
    }
    c.said = where.empty() ? Said(result + " for " + o_.ip + ": no mechanism matched (the default is neutral)",
                                  o_.ip + "は" + result + ": どのメカニズムにも一致しません（既定はneutral）")
                           : Said(result + " for " + o_.ip + ": " + where, o_.ip + "は" + result + ": " + where);
    Finding(c, e.result == SpfResult::kFail ? "probe.domain.spf.ip-fail" : e.result == SpfResult::kSoftFail ? "probe.domain.spf.ip-softfail" : "probe.domain.spf.ip-neutral", v);
  }

  void Dkim() {
    bool guessing = o_.selectors.empty();
    const std::vector<std::string>& selectors = guessing ? CommonDkimSelectors() : o_.selectors;
    bool any_usable = false, any_given_bad = false, found_any = false, any_failed = false;
    const DnsAnswer* failed_guess = nullptr;
    DnsAnswer last_failure;
    for (const auto& sel : selectors) {
      std::string name = sel + "._domainkey." + domain_;
      DnsAnswer txt = dns_.Query(name, DnsType::kTxt);
      if (guessing && txt.failed()) {
        last_failure = txt;
        failed_guess = &last_failure;
      }
      if (guessing && !txt.ok()) continue;
      found_any = true;
      ProbeCheck& c = report_->Add("domain.dkim");
      c.data.emplace_back("selector", sel);
      KeyValues v = {{"relay_host", name}};
      if (txt.failed()) {
        DnsFailure(c, name, txt);
        any_failed = true;
        continue;
      }
      if (!txt.ok()) {
        c.state = CheckState::kFail;
        c.said = Said(name + ": no key (" + Outcome(txt) + ")", name + ": 鍵がありません（" + Outcome(txt) + "）");
        Finding(c, "probe.domain.dkim.missing", v);
        any_given_bad = true;
        continue;
      }
      DkimKey key;
      Status s = ParseDkimKey(txt.records[0], &key);
      c.more.push_back(Said(name + ": " + txt.records[0].substr(0, 120) + (txt.records[0].size() > 120 ? "..." : "")));
      if (!s.ok()) {
        c.state = CheckState::kFail;
        c.said = Said(name + ": " + s.message());
        Finding(c, "probe.domain.dkim.syntax", v);
        any_given_bad = true;
        continue;
      }
      c.data.emplace_back("type", key.type);
      c.data.emplace_back("bits", std::to_string(key.bits));
      if (key.revoked) {
        c.state = CheckState::kFail;
        c.said = Said(name + ": revoked (p= is empty)", name + ": 失効（p=が空）");
        Finding(c, "probe.domain.dkim.revoked", v);
        any_given_bad = true;
        continue;
      }
      std::string desc = key.type + " " + std::to_string(key.bits) + " bits";
      c.said = guessing ? Said(name + ": " + desc + " (found by trying common selectors)", name + ": " + desc + "（よく使われるセレクターを試して発見）")
                        : Said(name + ": " + desc);
      v.emplace_back("part", std::to_string(key.bits));
      if (key.type == "rsa" && key.bits < 1024) {
        c.state = CheckState::kFail;
        Finding(c, "probe.domain.dkim.weak", v);
        any_given_bad = true;
        continue;
      }
      any_usable = true;
      if (key.type == "rsa" && key.bits < 2048) {
        c.state = CheckState::kWarn;
        Finding(c, "probe.domain.dkim.short", v);
      }
      if (key.testing) {
        c.state = std::max(c.state, CheckState::kWarn);
        Finding(c, "probe.domain.dkim.testing", v);
      }
    }
    if (guessing && !found_any && failed_guess) {
      DnsFailure(report_->Add("domain.dkim"), "_domainkey." + domain_, *failed_guess);
    } else if (guessing && !found_any) {
      ProbeCheck& c = report_->Add("domain.dkim");
      c.state = CheckState::kInfo;
      c.said = Said("no --selector given, and none of the common selectors has a key",
                    "--selectorの指定がなく、よく使われるセレクターにも鍵はありません");
      Finding(c, "probe.domain.dkim.no-selector");
    }
    facts_.dkim = any_usable                                  ? Known::kYes
                  : !guessing && any_given_bad && !any_failed ? Known::kNo
                                                              : Known::kUnknown;
  }

  // The TXT records at `name` that `is` accepts; sets *failed on a DNS failure.
  std::vector<std::string> Records(const std::string& name, bool (*is)(std::string_view), DnsAnswer* answer) {
    *answer = dns_.Query(name, DnsType::kTxt);
    std::vector<std::string> out;
    for (const auto& t : answer->records) {
      if (is(t)) out.push_back(t);
    }
    return out;
  }

  void Dmarc() {
    ProbeCheck& c = report_->Add("domain.dmarc");
    std::string name = "_dmarc." + domain_;
    DnsAnswer a;
    std::vector<std::string> recs = Records(name, IsDmarcRecord, &a);
    if (a.failed()) {
      facts_.dmarc = Known::kUnknown;
      return DnsFailure(c, name, a);
    }
    std::string org = OrganizationalDomain(domain_);
    bool from_org = false;
    if (recs.empty() && org != domain_) {
      std::string org_name = "_dmarc." + org;
      recs = Records(org_name, IsDmarcRecord, &a);
      if (!recs.empty()) {
        from_org = true;
        name = org_name;
      }
    }
    c.data.emplace_back("name", name);
    KeyValues v = {{"host", name}};
    if (recs.empty()) {
      c.state = CheckState::kFail;
      c.said = Said("no DMARC record at " + name, name + "にDMARCレコードがありません");
      Finding(c, "probe.domain.dmarc.missing", v);
      facts_.dmarc = Known::kNo;
      return;
    }
    if (recs.size() > 1) {
      c.state = CheckState::kFail;
      c.said = Said(std::to_string(recs.size()) + " DMARC records at " + name + ": receivers ignore them all",
                    name + "にDMARCレコードが" + std::to_string(recs.size()) + "件あります: 受信側はすべて無視します");
      for (const auto& r : recs) c.more.push_back(Said(r));
      Finding(c, "probe.domain.dmarc.multiple", v);
      facts_.dmarc = Known::kNo;
      return;
    }
    c.more.push_back(Said(name + ": " + recs[0]));
    DmarcRecord d;
    Status s = ParseDmarc(recs[0], &d);
    if (!s.ok()) {
      c.state = CheckState::kFail;
      c.said = Said(s.message());
      Finding(c, "probe.domain.dmarc.syntax", v);
      facts_.dmarc = Known::kNo;
      return;
    }
    facts_.dmarc = Known::kYes;
    dmarc_aspf_ = d.aspf;
    std::string policy = from_org ? d.SubdomainPolicy() : d.p;
    std::string summary = "p=" + d.p + (d.sp.empty() ? "" : ", sp=" + d.sp) + (d.has_pct ? ", pct=" + std::to_string(d.pct) : "") +
                          (d.testing ? ", t=y" : "") + ", adkim=" + std::string(1, d.adkim) + ", aspf=" + std::string(1, d.aspf) +
                          (d.rua.empty() ? ", no rua" : ", rua=" + Join(d.rua, ","));
    c.said = Said(summary);
    c.data.emplace_back("p", d.p);
    c.data.emplace_back("policy", policy);
    c.data.emplace_back("adkim", std::string(1, d.adkim));
    c.data.emplace_back("aspf", std::string(1, d.aspf));
    c.data.emplace_back("rua", Join(d.rua, ","));
    for (const auto& w : d.warnings) c.more.push_back(Said(w));
    v.emplace_back("total", policy);
    if (from_org) {
      c.more.push_back(Said("from the organisational domain " + org + ": its sp= (else p=) applies to " + domain_,
                            "組織ドメイン" + org + "のレコード: " + domain_ + "にはそのsp=（なければp=）が適用されます"));
    }
    if (policy == "none") {
      c.state = CheckState::kInfo;
      Finding(c, "probe.domain.dmarc.monitor-only", v);
    }
    if (d.pct < 100 || d.testing) {
      c.state = CheckState::kWarn;
      v.emplace_back("part", std::to_string(d.pct));
      Finding(c, "probe.domain.dmarc.partial", v);
    }
    if (d.rua.empty()) {
      c.state = std::max(c.state, CheckState::kWarn);
      Finding(c, "probe.domain.dmarc.no-rua", v);
    }
  }

  void Ptr() {
    if (o_.ip.empty()) {
      Skipped("domain.ptr", "--ip");
      return;
    }
    ProbeCheck& c = report_->Add("domain.ptr");
    ReverseDns r = CheckReverseDns(dns_, o_.ip);
    c.data.emplace_back("names", Join(r.names, ","));
    c.data.emplace_back("confirmed", r.confirmed);
    std::string rev = ReverseName(o_.ip);
    if (r.names.empty()) {
      facts_.fcrdns = r.ptr == DnsOutcome::kNxDomain || r.ptr == DnsOutcome::kNoData ? Known::kNo : Known::kUnknown;
      if (facts_.fcrdns == Known::kUnknown) return DnsFailure(c, rev, DnsAnswer{r.ptr, {}, {}, ""});
      c.state = CheckState::kFail;
      c.said = Said(o_.ip + " has no PTR record (" + rev + ")", o_.ip + "にPTRレコードがありません（" + rev + "）");
      Finding(c, "probe.domain.ptr.missing", {{"host", rev}});
      return;
    }
    if (r.confirmed.empty()) {
      facts_.fcrdns = r.forward_failed ? Known::kUnknown : Known::kNo;
      c.state = CheckState::kFail;
      std::string fwd = r.forward.empty() ? std::string("no address") : Join(r.forward, ", ");
      c.said = Said(o_.ip + " → " + Join(r.names, ", ") + " → " + fwd + ": does not point back",
                    o_.ip + " → " + Join(r.names, ", ") + " → " + fwd + ": 元のIPに戻りません");
      Finding(c, "probe.domain.ptr.not-confirmed", {{"relay_host", r.names[0]}});
      return;
    }
    facts_.fcrdns = Known::kYes;
    c.said = Said(o_.ip + " → " + r.confirmed + " → " + o_.ip + " (forward-confirmed)", o_.ip + " → " + r.confirmed + " → " + o_.ip + "（正引きと一致）");
    if (r.generic) {
      c.state = CheckState::kWarn;
      Finding(c, "probe.domain.ptr.generic", {{"relay_host", r.confirmed}});
    }
  }

  // The knowledge base's rule for a refusal by this list, as a verdict on the listing.
  void LinkRule(ProbeCheck& c, const DnsblResult& r) {
    if (!classifier_) return;
    std::string id = r.list.rule;
    if (r.list.rule == "dnsbl.spamhaus") {
      for (const auto& code : r.codes) {
        if (code == "127.0.0.10" || code == "127.0.0.11") id = "dnsbl.spamhaus.pbl";
        else if (code >= "127.0.0.4" && code <= "127.0.0.7") id = "dnsbl.spamhaus.xbl";
      }
    }
    for (const auto& rule : classifier_->rules().rules()) {
      if (rule->id != id) continue;
      Verdict v;
      v.reason = rule->reason;
      v.failure_class = rule->failure_class;
      v.side = rule->side;
      v.rule_id = rule->id;
      v.rule = rule;
      v.details = {{"dnsbl", r.list.zone}, {"listed_ip", o_.ip}};
      if (!r.list.lookup_url.empty()) v.details.emplace_back("lookup_url", r.list.lookup_url);
      c.verdicts.push_back(std::move(v));
      return;
    }
  }

  void Dnsbls() {
    if (o_.ip.empty()) {
      Skipped("domain.dnsbl", "--ip");
      return;
    }
    std::vector<DnsblList> lists;
    if (o_.dnsbls.empty()) lists = DefaultDnsbls();
    for (const auto& z : o_.dnsbls) lists.push_back(DnsblForZone(Lower(z)));
    bool listed = false, unknown = false;
    for (const auto& list : lists) {
      ProbeCheck& c = report_->Add("domain.dnsbl");
      DnsblResult r = CheckDnsbl(dns_, o_.ip, list);
      c.data.emplace_back("zone", list.zone);
      c.data.emplace_back("state", std::string(ToString(r.state)));
      c.data.emplace_back("codes", Join(r.codes, ","));
      KeyValues v = {{"relay_host", list.zone}};
      for (size_t i = 0; i < r.codes.size(); ++i) c.more.push_back(Said(r.codes[i] + ": " + r.meanings[i]));
      if (!r.reason.empty()) c.more.push_back(Said("TXT: " + r.reason));
      switch (r.state) {
        case DnsblState::kNotListed:
          if (!r.test_point_ok) {
            c.state = CheckState::kWarn;
            c.said = Said(list.name + ": no answer for " + o_.ip + ", but the list's test address 127.0.0.2 is not listed either: this resolver gets no real answers",
                          list.name + ": " + o_.ip + "の登録なし。ただしリストの試験用アドレス127.0.0.2も登録なしと返るため、このリゾルバーには本当の答えが返っていません");
            Finding(c, "probe.domain.dnsbl.unusable", v);
            unknown = true;
          } else {
            c.said = Said(list.name + ": " + o_.ip + " is not listed", list.name + ": " + o_.ip + "は登録されていません");
          }
          break;
        case DnsblState::kListed:
          listed = true;
          c.state = CheckState::kFail;
          c.said = Said(list.name + ": " + o_.ip + " is LISTED (" + Join(r.codes, ", ") + ")", list.name + ": " + o_.ip + "は登録されています（" + Join(r.codes, ", ") + "）");
          Finding(c, "probe.domain.dnsbl.listed", v);
          LinkRule(c, r);
          break;
        case DnsblState::kRefused:
          unknown = true;
          c.state = CheckState::kWarn;
          c.said = Said(list.name + ": the list refuses this resolver (" + Join(r.codes, ", ") + "): not a listing",
                        list.name + ": リストがこのリゾルバーを拒否しています（" + Join(r.codes, ", ") + "）。登録ではありません");
          Finding(c, "probe.domain.dnsbl.resolver-refused", v);
          break;
        case DnsblState::kBogus:
          unknown = true;
          c.state = CheckState::kWarn;
          c.said = Said(list.name + ": answered " + Join(r.codes, ", ") + ", outside 127.0.0.0/8: not a listing",
                        list.name + ": 127.0.0.0/8の外の" + Join(r.codes, ", ") + "を返しました。登録ではありません");
          Finding(c, "probe.domain.dnsbl.bogus", v);
          break;
        case DnsblState::kError:
          unknown = true;
          c.state = CheckState::kWarn;
          c.said = Said(list.name + ": the lookup failed (" + r.error + ")", list.name + ": 問い合わせに失敗しました（" + r.error + "）");
          Finding(c, "probe.domain.dnsbl.error", v);
          break;
      }
    }
    facts_.clean = listed ? Known::kNo : unknown ? Known::kUnknown : Known::kYes;
  }

  void TagRecord(const char* id, const std::string& name, bool (*is)(std::string_view), const char* missing_finding) {
    ProbeCheck& c = report_->Add(id);
    DnsAnswer a;
    std::vector<std::string> recs = Records(name, is, &a);
    if (a.failed()) {
      DnsFailure(c, name, a);
      c.state = CheckState::kWarn;  // optional records: unknown is not a failure
      return;
    }
    if (recs.empty()) {
      c.state = CheckState::kInfo;
      c.said = Said("no record at " + name, name + "にレコードがありません");
      Finding(c, missing_finding, {{"host", name}});
      return;
    }
    c.said = Said(name + ": " + recs[0]);
    if (recs.size() > 1) {
      c.state = CheckState::kWarn;
      c.more.push_back(Said(std::to_string(recs.size()) + " records: receivers ignore them all", std::to_string(recs.size()) + "件のレコード: 受信側はすべて無視します"));
    }
  }
  static bool IsStsRecord(std::string_view t) { return t.substr(0, 8) == "v=STSv1;" || t == "v=STSv1"; }
  static bool IsTlsRptRecord(std::string_view t) { return t.substr(0, 11) == "v=TLSRPTv1;" || t == "v=TLSRPTv1"; }
  void MtaSts() { TagRecord("domain.mta-sts", "_mta-sts." + domain_, IsStsRecord, "probe.domain.mta-sts.missing"); }
  void TlsRpt() { TagRecord("domain.tls-rpt", "_smtp._tls." + domain_, IsTlsRptRecord, "probe.domain.tls-rpt.missing"); }

  void From() {
    if (o_.from.empty()) {
      Skipped("domain.from", "--from");
      // SPF was judged for DOMAIN itself, which aligns with From: by definition.
      facts_.aligned = facts_.spf == Known::kYes || facts_.dkim == Known::kYes ? Known::kYes : Known::kUnknown;
      return;
    }
    ProbeCheck& c = report_->Add("domain.from");
    c.data.emplace_back("envelope_domain", envelope_domain_);
    KeyValues v = {{"sender_domain", envelope_domain_}, {"host", domain_}};
    bool relaxed = DomainsAligned(envelope_domain_, domain_, 'r');
    bool strict = DomainsAligned(envelope_domain_, domain_, 's');
    std::string label = MachineHostLabel(envelope_domain_, "", "");
    bool spf_aligned = relaxed && (dmarc_aspf_ != 's' || strict);
    facts_.aligned = (spf_aligned && facts_.spf == Known::kYes) || facts_.dkim == Known::kYes ? Known::kYes
                     : facts_.spf == Known::kUnknown && facts_.dkim == Known::kUnknown   ? Known::kUnknown
                                                                                        : Known::kNo;
    if (!relaxed) {
      c.state = CheckState::kFail;
      c.said = Said("the envelope sender " + o_.from + " is not in " + domain_ + "'s organisational domain: SPF cannot align",
                    "エンベロープ送信者 " + o_.from + " は " + domain_ + " の組織ドメインにありません: SPFはアライメントできません");
      Finding(c, "probe.domain.from.not-aligned", v);
    } else if (!spf_aligned) {
      c.state = CheckState::kWarn;
      c.said = Said(envelope_domain_ + " is not exactly " + domain_ + ", and DMARC asks for strict SPF alignment (aspf=s)",
                    envelope_domain_ + "は" + domain_ + "と完全一致せず、DMARCは厳密なSPFアライメント（aspf=s）を求めています");
      Finding(c, "probe.domain.from.strict", v);
    } else {
      c.said = Said(o_.from + ": aligned with " + domain_ + (strict ? " (same domain)" : " (same organisational domain)"),
                    o_.from + ": " + domain_ + "とアライメントしています" + (strict ? "（同じドメイン）" : "（同じ組織ドメイン）"));
    }
    if (!label.empty()) {
      c.state = std::max(c.state, CheckState::kWarn);
      v.emplace_back("host_label", label);
      Finding(c, "probe.domain.from.host-name", v);
    }
  }

  const DomainProbeOptions& o_;
  Resolver& dns_;
  const Classifier* classifier_;
  ProbeReport* report_;
  std::string domain_, envelope_domain_, sender_;
  Known spf_record_ = Known::kUnknown;  // a usable SPF record (not none, permerror, +all)
  char dmarc_aspf_ = 'r';
  SenderFacts facts_;
};

}  // namespace

const std::vector<std::string>& CommonDkimSelectors() {
  static const std::vector<std::string> s = {"default", "dkim", "mail", "selector1", "selector2",
                                             "google", "k1", "s1", "s2", "smtp"};
  return s;
}

Status RunDomainProbe(const DomainProbeOptions& options, Resolver& resolver, const Classifier* classifier,
                      ProbeReport* report) {
  std::string d = options.domain;
  if (!d.empty() && d.back() == '.') d.pop_back();
  if (!IsHostName(d) || d.find('.') == std::string::npos) {
    return Status::InvalidArgument("'" + options.domain + "' is not a domain name");
  }
  if (!options.ip.empty() && !IsIpv4(options.ip) && !IsIpv6(options.ip)) {
    return Status::InvalidArgument("'" + options.ip + "' is not an IP address");
  }
  if (!options.from.empty()) {
    size_t at = options.from.rfind('@');
    std::string fd = at == std::string::npos ? options.from : options.from.substr(at + 1);
    if (!IsHostName(fd) || fd.find('.') == std::string::npos) {
      return Status::InvalidArgument("'" + options.from + "' is not an address or domain");
    }
  }
  for (const auto& s : options.selectors) {
    if (!IsHostName(s)) return Status::InvalidArgument("'" + s + "' is not a DKIM selector");
  }
  for (const auto& z : options.dnsbls) {
    if (!IsHostName(z) || z.find('.') == std::string::npos) return Status::InvalidArgument("'" + z + "' is not a DNSBL zone");
  }
  report->kind = "domain";
  report->target = options.domain;
  DomainChecks checks(options, resolver, classifier, report);
  checks.Run();
  return Status::Ok();
}

}  // namespace mailwhy
