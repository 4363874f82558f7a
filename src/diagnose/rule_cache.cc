// rule_cache - implementation of rule_cache.h: a plain length-prefixed encoding of a
// RuleSet, and its place in the cache directory.
#include "diagnose/rule_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "diagnose/taxonomy.h"
#include "util/cache_file.h"

namespace mailwhy {

namespace {

// Bumped whenever the encoding changes.
constexpr std::string_view kFormat = "mailwhy-rules-1";

#if defined(__x86_64__) && defined(__GLIBCXX__)
// A new field must be encoded below (and compared by rule_cache_test.cc) before these
// sizes are updated.
static_assert(sizeof(Rule) == 736, "Rule changed: update EncodeRule/DecodeRule");
static_assert(sizeof(Provider) == 144, "Provider changed: update the provider codec");
static_assert(sizeof(FindingRule) == 304, "FindingRule changed: update the finding codec");
static_assert(sizeof(RuleExample) == 240, "RuleExample changed: update the example codec");
static_assert(sizeof(RuleText) == 88, "RuleText changed: update the text codec");
#endif

class Writer {
 public:
  void U32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    out_.append(b, 4);
  }
  void Int(int v) { U32(static_cast<uint32_t>(v)); }
  // The number of items that follow (Reader::Count reads it back).
  void Count(size_t n) { U32(static_cast<uint32_t>(n)); }
  void Bool(bool v) { out_.push_back(v ? 1 : 0); }
  void Str(std::string_view s) {
    Count(s.size());
    out_.append(s);
  }
  void Strs(const std::vector<std::string>& v) {
    Count(v.size());
    for (const auto& s : v) Str(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Every read checks what is left; the first failure sticks and later reads give empty
// values, so a decoder reads on and asks ok() once at the end of each record.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && in_.empty(); }
  uint32_t U32() {
    if (!Need(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    in_.remove_prefix(4);
    return v;
  }
  int Int() { return static_cast<int>(U32()); }
  bool Bool() {
    if (!Need(1)) return false;
    const char c = in_[0];
    in_.remove_prefix(1);
    if (c != 0 && c != 1) ok_ = false;
    return c == 1;
  }
  std::string Str() {
    const uint32_t n = U32();
    if (!Need(n)) return std::string();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  // A count of items that each take at least one byte: never more than what is left.
  uint32_t Count() {
    const uint32_t n = U32();
    if (n > in_.size()) ok_ = false;
    return ok_ ? n : 0;
  }
  std::vector<std::string> Strs() {
    std::vector<std::string> v(Count());
    for (auto& s : v) s = Str();
    return v;
  }
  template <typename T>
  T Named(bool (*parse)(std::string_view, T*)) {
    T value{};
    const std::string name = Str();
    if (ok_ && !parse(name, &value)) ok_ = false;
    return value;
  }

 private:
  bool Need(size_t n) {
    if (!ok_ || in_.size() < n) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  bool ok_ = true;
};

void EncodeText(const RuleText& t, Writer* w) {
  w->Str(t.summary);
  w->Str(t.explanation);
  w->Strs(t.remedies);
}

RuleText DecodeText(Reader* r) {
  RuleText t;
  t.summary = r->Str();
  t.explanation = r->Str();
  t.remedies = r->Strs();
  return t;
}

void EncodeExample(const RuleExample& e, Writer* w) {
  w->Str(e.text);
  w->Str(e.dsn);
  w->Str(e.status);
  w->Str(e.stage);
  w->Str(e.relay);
  w->Str(e.recipient);
  w->Str(e.sender);
  w->Int(e.code);
  w->Bool(e.origin.has_value());
  if (e.origin) w->Str(ToString(*e.origin));
  w->Bool(e.only_text);
  w->Int(e.line);
}

RuleExample DecodeExample(Reader* r) {
  RuleExample e;
  e.text = r->Str();
  e.dsn = r->Str();
  e.status = r->Str();
  e.stage = r->Str();
  e.relay = r->Str();
  e.recipient = r->Str();
  e.sender = r->Str();
  e.code = r->Int();
  if (r->Bool()) e.origin = r->Named<Origin>(ParseOrigin);
  e.only_text = r->Bool();
  e.line = r->Int();
  return e;
}

void EncodeRule(const Rule& x, Writer* w) {
  w->Str(x.id);
  w->Str(x.file);
  w->Int(x.line);
  w->Int(x.order);
  w->Strs(x.status);
  w->Strs(x.dsn);
  w->Strs(x.code);
  w->Strs(x.stage);
  w->Count(x.origin.size());
  for (Origin o : x.origin) w->Str(ToString(o));
  w->Strs(x.relay);
  w->Strs(x.domain);
  w->Strs(x.sender_local);
  w->Str(x.provider);
  w->Bool(x.has_text.has_value());
  if (x.has_text) w->Bool(*x.has_text);
  w->Strs(x.any);
  w->Strs(x.all);
  w->Strs(x.unless);
  w->Strs(x.regex);
  w->Count(x.ordered.size());
  for (const auto& seq : x.ordered) w->Strs(seq);
  w->Str(ToString(x.reason));
  w->Str(ToString(x.failure_class));
  w->Str(ToString(x.side));
  w->Strs(x.extract);
  w->Count(x.details.size());
  for (const auto& [k, v] : x.details) {
    w->Str(k);
    w->Str(v);
  }
  EncodeText(x.en, w);
  EncodeText(x.ja, w);
  w->Strs(x.refs);
  w->Str(x.source);
  w->Count(x.examples.size());
  for (const auto& e : x.examples) EncodeExample(e, w);
}

Rule DecodeRule(Reader* r) {
  Rule x;
  x.id = r->Str();
  x.file = r->Str();
  x.line = r->Int();
  x.order = r->Int();
  x.status = r->Strs();
  x.dsn = r->Strs();
  x.code = r->Strs();
  x.stage = r->Strs();
  x.origin.resize(r->Count());
  for (Origin& o : x.origin) o = r->Named<Origin>(ParseOrigin);
  x.relay = r->Strs();
  x.domain = r->Strs();
  x.sender_local = r->Strs();
  x.provider = r->Str();
  if (r->Bool()) x.has_text = r->Bool();
  x.any = r->Strs();
  x.all = r->Strs();
  x.unless = r->Strs();
  x.regex = r->Strs();
  x.ordered.resize(r->Count());
  for (auto& seq : x.ordered) seq = r->Strs();
  x.reason = r->Named<Reason>(ParseReason);
  x.failure_class = r->Named<FailureClass>(ParseFailureClass);
  x.side = r->Named<Side>(ParseSide);
  x.extract = r->Strs();
  x.details.resize(r->Count());
  for (auto& [k, v] : x.details) {
    k = r->Str();
    v = r->Str();
  }
  x.en = DecodeText(r);
  x.ja = DecodeText(r);
  x.refs = r->Strs();
  x.source = r->Str();
  x.examples.resize(r->Count());
  for (auto& e : x.examples) e = DecodeExample(r);
  return x;
}

void EncodeProvider(const Provider& p, Writer* w) {
  w->Str(p.name);
  w->Strs(p.relays);
  w->Strs(p.domains);
  w->Strs(p.markers);
  w->Str(p.file);
  w->Int(p.line);
}

Provider DecodeProvider(Reader* r) {
  Provider p;
  p.name = r->Str();
  p.relays = r->Strs();
  p.domains = r->Strs();
  p.markers = r->Strs();
  p.file = r->Str();
  p.line = r->Int();
  return p;
}

void EncodeFinding(const FindingRule& f, Writer* w) {
  w->Str(f.id);
  w->Str(f.file);
  w->Int(f.line);
  w->Bool(f.side.has_value());
  if (f.side) w->Str(ToString(*f.side));
  EncodeText(f.en, w);
  EncodeText(f.ja, w);
  w->Strs(f.refs);
  w->Str(f.source);
}

FindingRule DecodeFinding(Reader* r) {
  FindingRule f;
  f.id = r->Str();
  f.file = r->Str();
  f.line = r->Int();
  if (r->Bool()) f.side = r->Named<Side>(ParseSide);
  f.en = DecodeText(r);
  f.ja = DecodeText(r);
  f.refs = r->Strs();
  f.source = r->Str();
  return f;
}

}  // namespace

std::string EncodeRuleSet(const RuleSet& set) {
  Writer w;
  w.Str(kFormat);
  w.Count(set.rules_.size());
  for (const auto& r : set.rules_) EncodeRule(*r, &w);
  w.Count(set.providers_.size());
  for (const auto& p : set.providers_) EncodeProvider(p, &w);
  w.Count(set.findings_.size());
  for (const auto& f : set.findings_) EncodeFinding(*f, &w);
  w.Count(set.files_.size());
  for (const auto& f : set.files_) {  // their texts were dropped after loading
    w.Str(f.name);
    w.Str(f.display);
    w.Bool(f.builtin);
  }
  return w.Take();
}

bool DecodeRuleSet(std::string_view bytes, RuleSet* out) {
  Reader r(bytes);
  if (r.Str() != kFormat || !r.ok()) return false;
  RuleSet set;
  set.rules_.resize(r.Count());
  for (auto& rule : set.rules_) {
    rule = std::make_shared<Rule>(DecodeRule(&r));
    if (!r.ok()) return false;
  }
  set.providers_.resize(r.Count());
  for (auto& p : set.providers_) p = DecodeProvider(&r);
  set.findings_.resize(r.Count());
  for (auto& f : set.findings_) {
    f = std::make_shared<FindingRule>(DecodeFinding(&r));
    if (!r.ok()) return false;
  }
  set.files_.resize(r.Count());
  for (auto& f : set.files_) {
    f.name = r.Str();
    f.display = r.Str();
    f.builtin = r.Bool();
  }
  if (!r.done()) return false;
  *out = std::move(set);
  return true;
}

std::string RuleCacheName(const std::vector<RuleFile>& files) {
  // The program itself is part of the key: a new build may read the same files into
  // different rules. Its path, then the file, rather than the link: under valgrind the
  // link's target is the tool, the path the program.
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return std::string();
  path[n] = '\0';
  struct stat st {};
  if (::stat(path, &st) != 0) return std::string();
  Fingerprint f;
  f.Add(kFormat);
  f.Add(static_cast<uint64_t>(st.st_size));
  f.Add(static_cast<uint64_t>(st.st_mtim.tv_sec));
  f.Add(static_cast<uint64_t>(st.st_mtim.tv_nsec));
  f.Add(static_cast<uint64_t>(st.st_ino));
  for (const RuleFile& file : files) {
    f.Add(file.name);
    f.Add(file.display);
    f.Add(uint64_t{file.builtin});
    f.Add(file.text);
  }
  return "rules-" + f.Hex() + ".bin";
}

bool ReadCachedRuleSet(const std::string& name, RuleSet* out) {
  std::string bytes;
  return ReadCacheFile(name, &bytes) && DecodeRuleSet(bytes, out);
}

void WriteCachedRuleSet(const std::string& name, const RuleSet& set) {
  WriteCacheFile(name, EncodeRuleSet(set));
}

}  // namespace mailwhy
