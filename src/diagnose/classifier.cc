// classifier - precedence-ordered rule evaluation over one Hyperscan scan (see classifier.h).
#include "diagnose/classifier.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "diagnose/details.h"
#include "diagnose/normalize.h"
#include "diagnose/pasted.h"
#include "util/ascii.h"

namespace mailwhy {

// Everything a rule may test, computed once per classification.
struct Classifier::Prepared {
  NormalizedText norm;
  PatternBits bits;
  int code = 0;
  std::string dsn;        // the enhanced code of the reply, else dsn=
  std::string stage;
  std::string status;
  std::string relay;      // lower case
  std::string domain;     // recipient domain, lower case
  std::string sender_local;  // envelope sender's local part, lower case
  std::string provider;
  Origin origin = Origin::kUnknown;
  std::string sender_domain;        // for the verdict's context
  std::vector<uint64_t> candidates;  // the rules left possible by the patterns found
};

namespace {

// The domain of an address, lower case, into *out ("" when it has no "@").
void DomainTo(std::string_view address, std::string* out) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) {
    out->clear();
    return;
  }
  std::string_view d = address.substr(at + 1);
  while (!d.empty() && (d.back() == '>' || d.back() == '.')) d.remove_suffix(1);
  AsciiLowerTo(d, out);
}

// "aspmx.l.google.com" has suffix "google.com"; "notgoogle.com" does not.
bool HasHostSuffix(std::string_view host, std::string_view suffix) {
  if (host.size() < suffix.size()) return false;
  if (host.substr(host.size() - suffix.size()) != suffix) return false;
  return host.size() == suffix.size() || host[host.size() - suffix.size() - 1] == '.';
}

bool AnyHostSuffix(std::string_view host, const std::vector<std::string>& suffixes) {
  if (host.empty()) return false;
  for (const auto& s : suffixes) {
    if (HasHostSuffix(host, s)) return true;
  }
  return false;
}

// "5.7.26" matches "5.7.26"; "5.7." matches "5.7.26"; "x.2.2" matches "4.2.2" and "5.2.2";
// "5.7.6*" matches "5.7.606" (Microsoft's numbered ranges).
bool DsnMatches(std::string_view pattern, std::string_view dsn) {
  if (dsn.empty() || pattern.empty()) return false;
  if (pattern[0] != 'x' && pattern[0] != dsn[0]) return false;
  pattern.remove_prefix(1);
  dsn.remove_prefix(1);
  if (pattern.empty()) return true;  // "5" alone: any code of the class
  if (pattern.back() == '*') {         // "5.7.6*": 5.7.6, 5.7.606, 5.7.649, ...
    pattern.remove_suffix(1);
    return dsn.substr(0, pattern.size()) == pattern;
  }
  if (pattern.back() == '.') return dsn.substr(0, pattern.size()) == pattern;
  return pattern == dsn;
}

bool CodeMatches(std::string_view pattern, int code) {
  if (code < 100 || code > 999) return false;
  char digits[3] = {static_cast<char>('0' + code / 100), static_cast<char>('0' + code / 10 % 10),
                    static_cast<char>('0' + code % 10)};
  for (int i = 0; i < 3; ++i) {
    if (pattern[i] != 'x' && pattern[i] != digits[i]) return false;
  }
  return true;
}

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

FailureClass ClassOf(const FailureFacts& f, int code,
                     std::string_view dsn, FailureClass rule_class) {
  if (rule_class == FailureClass::kNone) return rule_class;
  thread_local std::string status;
  AsciiLowerTo(f.status, &status);
  if (status == "deferred" || status == "softbounce") return FailureClass::kTemporary;
  if (status == "bounced" || status == "expired" || status == "force-expired" ||
      status == "undeliverable") {
    return FailureClass::kPermanent;
  }
  if (code >= 400 && code < 500) return FailureClass::kTemporary;
  if (code >= 500 && code < 600) return FailureClass::kPermanent;
  if (!dsn.empty() && dsn[0] == '4') return FailureClass::kTemporary;
  if (!dsn.empty() && dsn[0] == '5') return FailureClass::kPermanent;
  return rule_class;
}

// The first provider (lowest index) with a suffix of `host` in `suffixes`, or npos. The
// suffixes of "a.b.example.com" that HasHostSuffix() accepts are the host itself and
// what follows each of its dots.
size_t ProviderOfHost(std::string_view host, const StringMap<size_t>& suffixes) {
  size_t best = std::string_view::npos;
  if (host.empty() || suffixes.empty()) return best;
  for (size_t from = 0;;) {
    auto it = suffixes.find(host.substr(from));
    if (it != suffixes.end()) best = std::min(best, it->second);
    size_t dot = host.find('.', from);
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  return best;
}

// Writes a verdict's key=value list from its start, over the entries an earlier verdict
// left there (their strings keep their buffers); the destructor drops the entries not
// written again. Put() adds key=value unless the value is empty or the key is there
// already.
class KeyValuesRefill {
 public:
  // `expected`: room made at once for that many entries, when the list has less.
  KeyValuesRefill(KeyValues* kv, size_t expected) : kv_(kv) {
    if (kv->capacity() < expected) kv->reserve(expected);
  }
  KeyValuesRefill(const KeyValuesRefill&) = delete;
  KeyValuesRefill& operator=(const KeyValuesRefill&) = delete;
  ~KeyValuesRefill() { kv_->resize(written_); }
  void Put(std::string_view key, std::string_view value) {
    if (value.empty()) return;
    for (size_t i = 0; i < written_; ++i) {
      if ((*kv_)[i].first == key) return;
    }
    if (written_ < kv_->size()) {
      (*kv_)[written_].first.assign(key);
      (*kv_)[written_].second.assign(value);
    } else {
      kv_->emplace_back(std::string(key), std::string(value));
    }
    ++written_;
  }

 private:
  KeyValues* kv_;
  size_t written_ = 0;
};

}  // namespace

Status Classifier::Load(const RuleLoadOptions& options, std::shared_ptr<const Classifier>* out) {
  RuleSet rules;
  Status s = LoadRules(options, &rules);
  if (!s.ok()) return s;
  return FromRuleSet(std::move(rules), out);
}

Status Classifier::FromRuleSet(RuleSet rules, std::shared_ptr<const Classifier>* out) {
  auto c = std::make_shared<Classifier>(Private{});
  c->rules_ = std::move(rules);
  for (const auto& r : c->rules_.rules()) {
    CompiledRule cr;
    cr.rule = r;
    for (const auto& p : r->any) cr.any.push_back(c->matcher_.AddLiteral(p));
    for (const auto& seq : r->ordered) cr.any.push_back(c->matcher_.AddOrdered(seq));
    for (const auto& re : r->regex) cr.any.push_back(c->matcher_.AddRegex(re));
    for (const auto& p : r->all) cr.all.push_back(c->matcher_.AddLiteral(p));
    for (const auto& p : r->unless) cr.unless.push_back(c->matcher_.AddLiteral(p));
    c->compiled_.push_back(std::move(cr));
  }
  for (const auto& p : c->rules_.providers()) {
    CompiledProvider cp{&p, {}};
    for (const auto& m : p.markers) cp.markers.push_back(c->matcher_.AddLiteral(m));
    for (const auto& r : p.relays) {
      if (!r.empty()) c->relay_suffixes_.emplace(r, c->providers_.size());
    }
    for (const auto& d : p.domains) {
      if (!d.empty()) c->domain_suffixes_.emplace(d, c->providers_.size());
    }
    c->providers_.push_back(std::move(cp));
  }
  Status s = c->matcher_.Compile();
  if (!s.ok()) return s;
  c->rule_words_ = (c->compiled_.size() + 63) / 64;
  c->rules_without_pattern_.assign(c->rule_words_, 0);
  c->rules_by_pattern_.assign(c->matcher_.size() * c->rule_words_, 0);
  for (size_t i = 0; i < c->compiled_.size(); ++i) {
    const CompiledRule& cr = c->compiled_[i];
    const uint64_t bit = uint64_t{1} << (i & 63);
    const auto needs = [&](uint32_t pattern) {
      c->rules_by_pattern_[pattern * c->rule_words_ + i / 64] |= bit;
    };
    if (!cr.all.empty()) {
      needs(cr.all.front());
    } else if (!cr.any.empty()) {
      for (uint32_t pattern : cr.any) needs(pattern);
    } else {
      c->rules_without_pattern_[i / 64] |= bit;
    }
  }
  *out = std::move(c);
  return Status::Ok();
}

std::string Classifier::DetectProvider(const Prepared& p) const {
  size_t i = ProviderOfHost(p.relay, relay_suffixes_);
  if (i == std::string_view::npos) i = ProviderOfHost(p.domain, domain_suffixes_);
  if (i != std::string_view::npos) return providers_[i].provider->name;
  for (const auto& cp : providers_) {
    for (uint32_t id : cp.markers) {
      if (p.bits.Test(id)) return cp.provider->name;
    }
  }
  return std::string();
}

bool Classifier::Matches(const CompiledRule& cr, const Prepared& p) const {
  const Rule& r = *cr.rule;
  if (r.has_text && *r.has_text != !p.norm.text.empty()) return false;
  if (!r.provider.empty() && r.provider != p.provider) return false;
  if (!r.status.empty() && !Contains(r.status, p.status)) return false;
  if (!r.stage.empty() && !Contains(r.stage, p.stage)) return false;
  if (!r.origin.empty() &&
      std::find(r.origin.begin(), r.origin.end(), p.origin) == r.origin.end()) {
    return false;
  }
  if (!r.relay.empty() && !AnyHostSuffix(p.relay, r.relay)) return false;
  if (!r.domain.empty() && !AnyHostSuffix(p.domain, r.domain)) return false;
  if (!r.sender_local.empty() && !Contains(r.sender_local, p.sender_local)) return false;
  if (!r.code.empty() &&
      std::none_of(r.code.begin(), r.code.end(),
                   [&](const std::string& c) { return CodeMatches(c, p.code); })) {
    return false;
  }
  if (!r.dsn.empty() &&
      std::none_of(r.dsn.begin(), r.dsn.end(),
                   [&](const std::string& d) { return DsnMatches(d, p.dsn); })) {
    return false;
  }
  if (!cr.any.empty() &&
      std::none_of(cr.any.begin(), cr.any.end(), [&](uint32_t id) { return p.bits.Test(id); })) {
    return false;
  }
  for (uint32_t id : cr.all) {
    if (!p.bits.Test(id)) return false;
  }
  for (uint32_t id : cr.unless) {
    if (p.bits.Test(id)) return false;
  }
  return true;
}

Verdict Classifier::Classify(const FailureFacts& f) const {
  Verdict v;
  ClassifyTo(f, &v);
  return v;
}

void Classifier::ClassifyTo(const FailureFacts& f, Verdict* out) const {
  // This thread's working memory, rewritten field by field: its strings keep their
  // buffers from one classification to the next.
  thread_local Prepared p;
  Normalize(f.text, &p.norm);
  p.code = f.reply_code ? f.reply_code : p.norm.code;
  const std::string_view enhanced = !f.enhanced.empty() ? f.enhanced : p.norm.enhanced;
  p.dsn.assign(!enhanced.empty() ? enhanced : std::string_view(f.dsn));
  if (!f.stage.empty()) {
    AsciiLowerTo(f.stage, &p.stage);
  } else {
    p.stage.assign(p.norm.stage);
  }
  AsciiLowerTo(f.status, &p.status);
  AsciiLowerTo(f.relay, &p.relay);
  while (!p.relay.empty() && p.relay.back() == '.') p.relay.pop_back();
  DomainTo(f.recipient, &p.domain);
  AsciiLowerTo(std::string_view(f.sender).substr(0, f.sender.find('@')), &p.sender_local);
  p.origin = f.origin;
  matcher_.Scan(p.norm.text, &p.bits);
  p.provider = DetectProvider(p);

  // The rules the text's patterns leave possible, tried in order.
  p.candidates.assign(rules_without_pattern_.begin(), rules_without_pattern_.end());
  p.bits.ForEachSet([&](uint32_t pattern) {
    const uint64_t* rules = &rules_by_pattern_[pattern * rule_words_];
    for (size_t w = 0; w < rule_words_; ++w) p.candidates[w] |= rules[w];
  });
  const CompiledRule* hit = nullptr;
  for (size_t w = 0; w < rule_words_ && hit == nullptr; ++w) {
    for (uint64_t x = p.candidates[w]; x != 0; x &= x - 1) {
      const CompiledRule& cr = compiled_[w * 64 + static_cast<size_t>(__builtin_ctzll(x))];
      if (Matches(cr, p)) {
        hit = &cr;
        break;
      }
    }
  }
  Verdict& v = *out;
  v.provider.assign(p.provider);
  v.evidence.resize(f.text.empty() ? 0 : 1);
  if (!f.text.empty()) v.evidence.front().assign(f.text);
  KeyValuesRefill details(&v.details, 0), context(&v.context, 10);
  if (!hit) {  // only when a user rule set lacks the fallbacks
    v.rule.reset();
    v.rule_id.clear();
    v.reason = Reason::kUndefined;
    v.failure_class = FailureClass::kNone;
    v.side = Side::kSender;
    return;
  }
  const Rule& r = *hit->rule;
  v.rule = hit->rule;
  v.rule_id.assign(r.id);
  v.reason = r.reason;
  v.side = r.side;
  if (!r.provider.empty()) v.provider.assign(r.provider);
  v.failure_class = ClassOf(f, p.code, p.dsn.empty() ? std::string_view(f.dsn) : p.dsn, r.failure_class);

  for (const auto& name : r.extract) {
    if (name == "dnsbl") details.Put(name, ExtractDnsbl(p.norm.text));
    else if (name == "listed_ip") details.Put(name, ExtractListedIp(f.text, f.relay_ip));
    else if (name == "lookup_url") details.Put(name, ExtractUrl(f.text));
    else if (name == "url") details.Put(name, ExtractUrl(f.text));
  }
  for (const auto& [k, val] : r.details) details.Put(k, val);
  if (f.truncated || (!p.norm.text.empty() && LooksTruncated(f.text, p.norm.text))) {
    details.Put("truncated", "true");
  }

  context.Put("relay", f.relay);
  context.Put("relay_ip", f.relay_ip);
  context.Put("recipient", f.recipient);
  context.Put("recipient_domain", p.domain);
  context.Put("sender", f.sender);
  DomainTo(f.sender, &p.sender_domain);
  context.Put("sender_domain", p.sender_domain);
  context.Put("dsn", !f.dsn.empty() ? std::string_view(f.dsn) : p.dsn);
  if (p.code) {
    char code[16];
    const std::to_chars_result end = std::to_chars(code, code + sizeof(code), p.code);
    context.Put("code", std::string_view(code, static_cast<size_t>(end.ptr - code)));
  }
  context.Put("client", f.client);
  context.Put("provider", v.provider);
}

Verdict Classifier::ClassifyPasted(std::string_view pasted) const {
  std::vector<FailureFacts> facts = PastedFacts(pasted);
  // The first failure decides; a lone status=sent line is explained as delivered.
  for (const auto& f : facts) {
    if (AsciiLowered(f.status) != "sent") return Classify(f);
  }
  return Classify(facts.empty() ? FailureFacts{} : facts.front());
}

std::vector<Verdict> Classifier::ClassifyPastedAll(std::string_view pasted) const {
  std::vector<Verdict> out;
  for (const auto& f : PastedFacts(pasted)) out.push_back(Classify(f));
  return out;
}

FailureFacts Classifier::ExampleFacts(const RuleExample& ex) {
  FailureFacts f = BareTextFacts(ex.text);
  if (!ex.dsn.empty()) f.dsn = ex.dsn;
  if (!ex.status.empty()) f.status = ex.status;
  if (!ex.stage.empty()) f.stage = ex.stage;
  if (!ex.relay.empty()) f.relay = ex.relay;
  if (!ex.recipient.empty()) f.recipient = ex.recipient;
  if (!ex.sender.empty()) f.sender = ex.sender;
  if (ex.code) f.reply_code = ex.code;
  if (ex.origin) f.origin = *ex.origin;
  return f;
}

Verdict Classifier::ClassifyExample(const RuleExample& ex) const {
  if (ex.only_text) return ClassifyPasted(ex.text);
  return Classify(ExampleFacts(ex));
}

std::vector<Classifier::ExampleResult> Classifier::CheckExamples() const {
  std::vector<ExampleResult> out;
  for (const auto& r : rules_.rules()) {
    for (const auto& ex : r->examples) {
      Verdict v = ClassifyExample(ex);
      bool ok = v.rule_id == r->id;
      out.push_back(ExampleResult{r.get(), &ex, std::move(v), ok});
    }
  }
  return out;
}

}  // namespace mailwhy
