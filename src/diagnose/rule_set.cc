// rule_set - read rules/*.toml into checked Rule values (see rule_set.h for the schema).
#include "diagnose/rule_set.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "diagnose/embedded_rules.h"
#include "diagnose/rule_cache.h"
#include "diagnose/matcher.h"
#include "diagnose/normalize.h"
#include "util/ascii.h"

namespace mailwhy {
namespace {

constexpr std::string_view kDefaultUserDir = "/etc/mailwhy/rules.d";

constexpr std::string_view kRuleKeys[] = {
    "id", "reason", "class", "side", "provider", "status", "dsn", "code", "stage",
    "origin", "relay", "domain", "sender_local", "has_text", "any", "all", "unless", "ordered", "regex",
    "extract", "details", "en", "ja", "refs", "source", "examples", "texts_from",
};
constexpr std::string_view kProviderKeys[] = {"name", "relay", "domain", "markers"};
constexpr std::string_view kFindingKeys[] = {"id", "side", "source", "refs", "en", "ja"};
constexpr std::string_view kTextKeys[] = {"summary", "explanation", "remedies"};
constexpr std::string_view kExampleKeys[] = {"text",  "dsn",       "code",   "status", "stage",
                                             "relay", "recipient", "sender", "origin"};
constexpr std::string_view kStatuses[] = {
    "sent",       "deferred",     "bounced",   "expired",     "force-expired",
    "rejected",   "softbounce",   "discarded", "held",        "undeliverable",
    "deliverable", "pending",
};
constexpr std::string_view kStages[] = {"connect", "helo", "starttls", "auth",
                                        "mail",    "rcpt", "data",     "end-of-data",
                                        "rset",    "quit", "other"};
constexpr std::string_view kExtracts[] = {"dnsbl", "listed_ip", "lookup_url", "url"};
constexpr std::string_view kPlaceholders[] = {
    "dnsbl",     "listed_ip",        "lookup_url", "url",           "relay",
    "relay_ip",  "recipient",        "recipient_domain", "sender",  "sender_domain",
    "dsn",       "code",             "client",     "provider",
};
// The values findings fill (findings.h for journeys; other layers' checks reuse them). A
// name ending in "_seconds" is a number of seconds; the name without the suffix is the
// same duration in words.
constexpr std::string_view kFindingPlaceholders[] = {
    "recipient",     "recipient_domain", "sender",        "sender_domain", "relay",
    "relay_host",    "client",           "client_ip",     "helo",          "host",
    "qid",           "stage",            "code",          "sasl_user",     "uid",
    "pickup_sender", "host_label",       "part",          "part_seconds",  "total",
    "total_seconds", "share",            "try",           "failed_hosts",  "attempts",
    "deferrals",     "first",            "last",          "span",          "span_seconds",
    "notice_qid",    "queued_as",        "time",          "delivery_text",
};

template <size_t N>
bool OneOf(const std::string_view (&list)[N], std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

// Where a node is written, as "FILE:LINE".
class Ctx {
 public:
  explicit Ctx(const std::string& file) : file_(file) {}
  Status Error(const toml::source_region& where, const std::string& what) const {
    return Status::InvalidArgument(file_ + ":" + std::to_string(where.begin.line) + ": " + what);
  }
  Status Error(int line, const std::string& what) const {
    return Status::InvalidArgument(file_ + ":" + std::to_string(line) + ": " + what);
  }
  const std::string& file() const { return file_; }

 private:
  const std::string& file_;
};

Status CheckKeys(const Ctx& ctx, const toml::table& t, const std::string_view* begin,
                 const std::string_view* end, const std::string& where) {
  for (auto&& [key, node] : t) {
    if (std::find(begin, end, key.str()) == end) {
      return ctx.Error(key.source(), "unknown key '" + std::string(key.str()) + "' in " + where);
    }
  }
  return Status::Ok();
}

Status GetString(const Ctx& ctx, const toml::node& n, const std::string& key, std::string* out) {
  const auto* s = n.as_string();
  if (!s) return ctx.Error(n.source(), "'" + key + "' must be a string");
  *out = s->get();
  return Status::Ok();
}

// A string or a list of strings (integers allowed where `allow_int`, e.g. code = [550]).
Status GetStrings(const Ctx& ctx, const toml::node& n, const std::string& key,
                  std::vector<std::string>* out, bool allow_int = false) {
  auto one = [&](const toml::node& e) -> Status {
    if (const auto* s = e.as_string()) {
      out->push_back(s->get());
    } else if (allow_int && e.is_integer()) {
      out->push_back(std::to_string(e.as_integer()->get()));
    } else {
      return ctx.Error(e.source(), "'" + key + "' must be a string or a list of strings");
    }
    return Status::Ok();
  };
  if (const auto* a = n.as_array()) {
    for (const toml::node& e : *a) {
      Status s = one(e);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
  return one(n);
}

bool IsValidId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

// "5.7.26", "5.7.", "5.", "x.2.2", "x.7.", "5.7.6*"
bool IsValidDsnPattern(std::string_view p) {
  if (!p.empty() && p.back() == '*') {
    p.remove_suffix(1);
    if (p.empty() || p.back() == '.') return false;
  }
  if (p.empty() || (p[0] != '2' && p[0] != '4' && p[0] != '5' && p[0] != 'x')) return false;
  int parts = 1, digits = 0;
  for (size_t i = 1; i < p.size(); ++i) {
    if (p[i] == '.') {
      if (i > 1 && digits == 0) return false;
      ++parts;
      digits = 0;
    } else if (p[i] >= '0' && p[i] <= '9' && i > 1) {
      if (++digits > 3) return false;
    } else {
      return false;
    }
  }
  return p.size() >= 2 && p[1] == '.' && parts <= 3;
}

bool IsValidCodePattern(std::string_view p) {
  if (p.size() != 3) return false;
  if (!(p[0] == 'x' || (p[0] >= '2' && p[0] <= '5'))) return false;
  for (int i = 1; i < 3; ++i) {
    if (!(p[i] == 'x' || (p[i] >= '0' && p[i] <= '9'))) return false;
  }
  return true;
}

using PlaceholderCheck = bool (*)(std::string_view);

// Checks that every "{name}" / "{name|fallback}" in `text` names a known placeholder.
Status CheckPlaceholders(const Ctx& ctx, const toml::node& n, const std::string& text,
                         PlaceholderCheck known) {
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string::npos) return ctx.Error(n.source(), "unclosed '{' in text");
    std::string inner = text.substr(open + 1, close - open - 1);
    std::string name = inner.substr(0, inner.find('|'));
    if (!known(name)) {
      return ctx.Error(n.source(), "unknown placeholder '{" + name + "}'");
    }
  }
  return Status::Ok();
}

Status ReadText(const Ctx& ctx, const toml::node& n, const std::string& lang, RuleText* out,
                PlaceholderCheck known = IsKnownPlaceholder) {
  const auto* t = n.as_table();
  if (!t) return ctx.Error(n.source(), "'" + lang + "' must be a table of texts");
  Status s = CheckKeys(ctx, *t, std::begin(kTextKeys), std::end(kTextKeys), "'" + lang + "'");
  if (!s.ok()) return s;
  for (auto&& [key, v] : *t) {
    std::string k(key.str());
    if (k == "remedies") {
      out->remedies.clear();
      s = GetStrings(ctx, v, lang + ".remedies", &out->remedies);
      if (s.ok()) {
        for (const auto& r : out->remedies) {
          s = CheckPlaceholders(ctx, v, r, known);
          if (!s.ok()) break;
        }
      }
    } else {
      std::string* dst = k == "summary" ? &out->summary : &out->explanation;
      s = GetString(ctx, v, lang + "." + k, dst);
      if (s.ok()) s = CheckPlaceholders(ctx, v, *dst, known);
    }
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status ReadPhrases(const Ctx& ctx, const toml::node& n, const std::string& key,
                   std::vector<std::string>* out) {
  std::vector<std::string> raw;
  Status s = GetStrings(ctx, n, key, &raw);
  if (!s.ok()) return s;
  for (const auto& r : raw) {
    std::string p = NormalizePattern(r);
    if (p.empty() || p == " ") return ctx.Error(n.source(), "empty phrase in '" + key + "'");
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

Status ReadExample(const Ctx& ctx, const toml::node& n, RuleExample* ex) {
  ex->line = static_cast<int>(n.source().begin.line);
  if (const auto* s = n.as_string()) {
    ex->text = s->get();
    return Status::Ok();
  }
  const auto* t = n.as_table();
  if (!t) return ctx.Error(n.source(), "an example must be a string or a table");
  Status s = CheckKeys(ctx, *t, std::begin(kExampleKeys), std::end(kExampleKeys), "example");
  if (!s.ok()) return s;
  ex->only_text = false;
  for (auto&& [key, v] : *t) {
    std::string k(key.str());
    if (k == "code") {
      if (!v.is_integer()) return ctx.Error(v.source(), "example 'code' must be an integer");
      ex->code = static_cast<int>(v.as_integer()->get());
      continue;
    }
    std::string value;
    s = GetString(ctx, v, "example " + k, &value);
    if (!s.ok()) return s;
    if (k == "text") ex->text = value;
    else if (k == "dsn") ex->dsn = value;
    else if (k == "status") ex->status = value;
    else if (k == "stage") ex->stage = value;
    else if (k == "relay") ex->relay = value;
    else if (k == "recipient") ex->recipient = value;
    else if (k == "sender") ex->sender = value;
    else if (k == "origin") {
      Origin o;
      if (!ParseOrigin(value, &o)) return ctx.Error(v.source(), "unknown origin '" + value + "'");
      ex->origin = o;
    }
  }
  return Status::Ok();
}

// Reads one [[rule]] table. Cross-rule checks (ids, providers, texts_from) come later.
Status ReadRule(const Ctx& ctx, const toml::table& t, Rule* r, std::string* texts_from,
                int* texts_from_line) {
  Status s = CheckKeys(ctx, t, std::begin(kRuleKeys), std::end(kRuleKeys), "[[rule]]");
  if (!s.ok()) return s;
  r->line = static_cast<int>(t.source().begin.line);
  bool has_reason = false, has_class = false, has_side = false;
  for (auto&& [key, v] : t) {
    std::string k(key.str());
    std::string str;
    if (k == "id" || k == "reason" || k == "class" || k == "side" || k == "provider" ||
        k == "source" || k == "texts_from") {
      s = GetString(ctx, v, k, &str);
      if (!s.ok()) return s;
      if (k == "id") {
        if (!IsValidId(str)) {
          return ctx.Error(v.source(), "bad rule id '" + str + "' (use a-z 0-9 . _ -)");
        }
        r->id = str;
      } else if (k == "reason") {
        if (!ParseReason(str, &r->reason)) return ctx.Error(v.source(), "unknown reason '" + str + "'");
        has_reason = true;
      } else if (k == "class") {
        if (!ParseFailureClass(str, &r->failure_class)) {
          return ctx.Error(v.source(), "unknown class '" + str + "' (temporary, permanent, none)");
        }
        has_class = true;
      } else if (k == "side") {
        if (!ParseSide(str, &r->side)) return ctx.Error(v.source(), "unknown side '" + str + "'");
        has_side = true;
      } else if (k == "provider") {
        r->provider = str;
      } else if (k == "source") {
        r->source = str;
      } else {
        *texts_from = str;
        *texts_from_line = static_cast<int>(v.source().begin.line);
      }
    } else if (k == "status" || k == "stage" || k == "relay" || k == "domain" ||
               k == "sender_local" || k == "dsn" ||
               k == "code" || k == "refs" || k == "extract" || k == "origin") {
      std::vector<std::string> list;
      s = GetStrings(ctx, v, k, &list, k == "code");
      if (!s.ok()) return s;
      for (auto& e : list) {
        bool ok = true;
        if (k == "status") ok = OneOf(kStatuses, e);
        else if (k == "stage") ok = OneOf(kStages, e);
        else if (k == "dsn") ok = IsValidDsnPattern(e);
        else if (k == "code") ok = IsValidCodePattern(e);
        else if (k == "extract") ok = OneOf(kExtracts, e);
        else if (k == "origin") {
          Origin o;
          ok = ParseOrigin(e, &o);
          if (ok) r->origin.push_back(o);
        } else if (k == "relay" || k == "domain" || k == "sender_local") {
          std::transform(e.begin(), e.end(), e.begin(),
                         [](char c) { return AsciiLower(c); });
          if (!e.empty() && e[0] == '.') e.erase(0, 1);
          ok = !e.empty();
        } else if (k == "refs") {
          ok = e.rfind("http://", 0) == 0 || e.rfind("https://", 0) == 0;
        }
        if (!ok) return ctx.Error(v.source(), "bad value '" + e + "' in '" + k + "'");
      }
      if (k == "status") r->status = list;
      else if (k == "stage") r->stage = list;
      else if (k == "dsn") r->dsn = list;
      else if (k == "code") r->code = list;
      else if (k == "relay") r->relay = list;
      else if (k == "domain") r->domain = list;
      else if (k == "sender_local") r->sender_local = list;
      else if (k == "refs") r->refs = list;
      else if (k == "extract") r->extract = list;
    } else if (k == "has_text") {
      if (!v.is_boolean()) return ctx.Error(v.source(), "'has_text' must be true or false");
      r->has_text = v.as_boolean()->get();
    } else if (k == "any" || k == "all" || k == "unless") {
      auto* dst = k == "any" ? &r->any : k == "all" ? &r->all : &r->unless;
      s = ReadPhrases(ctx, v, k, dst);
      if (!s.ok()) return s;
    } else if (k == "ordered") {
      const auto* a = v.as_array();
      if (!a) return ctx.Error(v.source(), "'ordered' must be a list of phrase lists");
      for (const toml::node& e : *a) {
        std::vector<std::string> seq;
        if (!e.is_array()) return ctx.Error(e.source(), "'ordered' must be a list of phrase lists");
        s = ReadPhrases(ctx, e, "ordered", &seq);
        if (!s.ok()) return s;
        if (seq.size() < 2) return ctx.Error(e.source(), "an 'ordered' list needs two phrases or more");
        r->ordered.push_back(std::move(seq));
      }
    } else if (k == "regex") {
      std::vector<std::string> list;
      s = GetStrings(ctx, v, k, &list);
      if (!s.ok()) return s;
      for (const auto& e : list) {
        Status rs = Matcher::CheckRegex(e);
        if (!rs.ok()) return ctx.Error(v.source(), "bad regex '" + e + "': " + rs.message());
        r->regex.push_back(e);
      }
    } else if (k == "details") {
      const auto* d = v.as_table();
      if (!d) return ctx.Error(v.source(), "'details' must be a table of strings");
      for (auto&& [dk, dv] : *d) {
        s = GetString(ctx, dv, "details." + std::string(dk.str()), &str);
        if (!s.ok()) return s;
        r->details.emplace_back(std::string(dk.str()), str);
      }
    } else if (k == "en" || k == "ja") {
      s = ReadText(ctx, v, k, k == "en" ? &r->en : &r->ja);
      if (!s.ok()) return s;
    } else if (k == "examples") {
      const auto* a = v.as_array();
      if (!a) return ctx.Error(v.source(), "'examples' must be a list");
      for (const toml::node& e : *a) {
        RuleExample ex;
        s = ReadExample(ctx, e, &ex);
        if (!s.ok()) return s;
        r->examples.push_back(std::move(ex));
      }
    }
  }
  if (r->id.empty()) return ctx.Error(r->line, "rule without 'id'");
  std::string who = "rule '" + r->id + "'";
  if (!has_reason) return ctx.Error(r->line, who + " has no 'reason'");
  if (!has_class) return ctx.Error(r->line, who + " has no 'class'");
  if (!has_side) return ctx.Error(r->line, who + " has no 'side'");
  if (r->source.empty()) return ctx.Error(r->line, who + " has no 'source' (cite the evidence)");
  if (r->examples.empty()) return ctx.Error(r->line, who + " has no 'examples'");
  return Status::Ok();
}

Status ReadProvider(const Ctx& ctx, const toml::table& t, Provider* p) {
  Status s = CheckKeys(ctx, t, std::begin(kProviderKeys), std::end(kProviderKeys), "[[provider]]");
  if (!s.ok()) return s;
  p->line = static_cast<int>(t.source().begin.line);
  p->file = ctx.file();
  for (auto&& [key, v] : t) {
    std::string k(key.str());
    if (k == "name") {
      s = GetString(ctx, v, k, &p->name);
    } else if (k == "markers") {
      s = ReadPhrases(ctx, v, k, &p->markers);
    } else {
      auto* dst = k == "relay" ? &p->relays : &p->domains;
      s = GetStrings(ctx, v, k, dst);
      for (auto& e : *dst) {
        std::transform(e.begin(), e.end(), e.begin(),
                       [](char c) { return AsciiLower(c); });
        if (!e.empty() && e[0] == '.') e.erase(0, 1);
      }
    }
    if (!s.ok()) return s;
  }
  if (!IsValidId(p->name)) return ctx.Error(p->line, "provider without a valid 'name'");
  return Status::Ok();
}

// Reads one [[finding]] table: texts only, the detection is code (findings.h).
Status ReadFinding(const Ctx& ctx, const toml::table& t, FindingRule* f) {
  Status s = CheckKeys(ctx, t, std::begin(kFindingKeys), std::end(kFindingKeys), "[[finding]]");
  if (!s.ok()) return s;
  f->line = static_cast<int>(t.source().begin.line);
  f->file = ctx.file();
  for (auto&& [key, v] : t) {
    std::string k(key.str());
    std::string str;
    if (k == "id" || k == "side" || k == "source") {
      s = GetString(ctx, v, k, &str);
      if (!s.ok()) return s;
      if (k == "id" && !IsValidId(str)) {
        return ctx.Error(v.source(), "bad finding id '" + str + "' (use a-z 0-9 . _ -)");
      }
      Side side = Side::kSender;
      if (k == "side" && !ParseSide(str, &side)) {
        return ctx.Error(v.source(), "unknown side '" + str + "'");
      }
      if (k == "id") f->id = str;
      else if (k == "side") f->side = side;
      else f->source = str;
    } else if (k == "refs") {
      s = GetStrings(ctx, v, k, &f->refs);
      if (!s.ok()) return s;
      for (const auto& e : f->refs) {
        if (e.rfind("http://", 0) != 0 && e.rfind("https://", 0) != 0) {
          return ctx.Error(v.source(), "bad value '" + e + "' in 'refs'");
        }
      }
    } else {
      s = ReadText(ctx, v, k, k == "en" ? &f->en : &f->ja, IsKnownFindingPlaceholder);
      if (!s.ok()) return s;
    }
  }
  if (f->id.empty()) return ctx.Error(f->line, "finding without 'id'");
  std::string who = "finding '" + f->id + "'";
  if (f->source.empty()) return ctx.Error(f->line, who + " has no 'source' (cite the evidence)");
  if (f->en.summary.empty()) return ctx.Error(f->line, who + " has no en.summary");
  if (f->ja.summary.empty()) return ctx.Error(f->line, who + " has no ja.summary");
  if (f->en.explanation.empty() != f->ja.explanation.empty()) {
    return ctx.Error(f->line, who + " has an explanation in one language only");
  }
  if (f->en.remedies.size() != f->ja.remedies.size()) {
    return ctx.Error(f->line, who + " has " + std::to_string(f->en.remedies.size()) +
                                  " en.remedies but " + std::to_string(f->ja.remedies.size()) +
                                  " ja.remedies");
  }
  return Status::Ok();
}

// Reads a [[finding]] and adds it, refusing an id already taken by another finding.
Status AddFinding(const Ctx& ctx, const toml::table& t,
                  std::vector<std::shared_ptr<const FindingRule>>* findings) {
  auto f = std::make_shared<FindingRule>();
  Status s = ReadFinding(ctx, t, f.get());
  if (!s.ok()) return s;
  for (const auto& other : *findings) {
    if (other->id == f->id) {
      return ctx.Error(f->line, "duplicate finding id '" + f->id + "' (first at " + other->file +
                                    ":" + std::to_string(other->line) + ")");
    }
  }
  findings->push_back(std::move(f));
  return Status::Ok();
}

// True when the rule's texts are complete in both languages.
Status CheckTexts(const Ctx& ctx, const Rule& r) {
  const std::pair<const RuleText*, const char*> texts[] = {{&r.en, "en"}, {&r.ja, "ja"}};
  for (const auto& [t, lang] : texts) {
    if (t->summary.empty()) return ctx.Error(r.line, "rule '" + r.id + "' has no " + lang + ".summary");
    if (t->explanation.empty()) {
      return ctx.Error(r.line, "rule '" + r.id + "' has no " + lang + ".explanation");
    }
    if (t->remedies.empty()) return ctx.Error(r.line, "rule '" + r.id + "' has no " + lang + ".remedies");
  }
  if (r.en.remedies.size() != r.ja.remedies.size()) {
    return ctx.Error(r.line, "rule '" + r.id + "' has " + std::to_string(r.en.remedies.size()) +
                                 " en.remedies but " + std::to_string(r.ja.remedies.size()) +
                                 " ja.remedies");
  }
  return Status::Ok();
}

}  // namespace

bool IsKnownPlaceholder(std::string_view name) { return OneOf(kPlaceholders, name); }

bool IsKnownFindingPlaceholder(std::string_view name) { return OneOf(kFindingPlaceholders, name); }

std::shared_ptr<const FindingRule> RuleSet::FindFinding(std::string_view id) const {
  for (const auto& f : findings_) {
    if (f->id == id) return f;
  }
  return nullptr;
}

const Rule* RuleSet::Find(std::string_view id) const {
  for (const auto& r : rules_) {
    if (r->id == id) return r.get();
  }
  return nullptr;
}

Status LoadRuleFiles(std::vector<RuleFile> files, RuleSet* out) {
  // Same name: the last one given wins (user directories come after the built-in files).
  std::map<std::string, RuleFile> by_name;
  for (auto& f : files) by_name[f.name] = std::move(f);

  RuleSet set;
  struct Pending {
    std::string texts_from;
    int line;
  };
  std::vector<std::shared_ptr<Rule>> rules;
  std::vector<Pending> pending;
  std::vector<const std::string*> rule_files;
  std::map<std::string, std::pair<std::string, int>> seen_ids;

  for (auto& [name, file] : by_name) {
    Ctx ctx(file.display);
    toml::table doc;
    try {
      doc = toml::parse(file.text, file.display);
    } catch (const toml::parse_error& e) {
      return ctx.Error(e.source(), std::string(e.description()));
    }
    for (auto&& [key, node] : doc) {
      std::string k(key.str());
      if (k != "rule" && k != "provider" && k != "finding") {
        return ctx.Error(key.source(), "unknown top-level key '" + k +
                                           "' (expected [[rule]], [[provider]] or [[finding]])");
      }
      const auto* arr = node.as_array();
      if (!arr || !arr->is_array_of_tables()) {
        return ctx.Error(key.source(), "'" + k + "' must be written [[" + k + "]]");
      }
      for (const toml::node& e : *arr) {
        const toml::table& t = *e.as_table();
        if (k == "finding") {
          Status s = AddFinding(ctx, t, &set.findings_);
          if (!s.ok()) return s;
          continue;
        }
        if (k == "provider") {
          Provider p;
          Status s = ReadProvider(ctx, t, &p);
          if (!s.ok()) return s;
          for (const auto& q : set.providers_) {
            if (q.name == p.name) {
              return ctx.Error(p.line, "provider '" + p.name + "' is already defined at " +
                                           q.file + ":" + std::to_string(q.line));
            }
          }
          set.providers_.push_back(std::move(p));
          continue;
        }
        auto r = std::make_shared<Rule>();
        r->file = file.display;
        Pending pend{"", 0};
        Status s = ReadRule(ctx, t, r.get(), &pend.texts_from, &pend.line);
        if (!s.ok()) return s;
        auto it = seen_ids.find(r->id);
        if (it != seen_ids.end()) {
          return ctx.Error(r->line, "duplicate rule id '" + r->id + "' (first at " +
                                        it->second.first + ":" + std::to_string(it->second.second) + ")");
        }
        seen_ids[r->id] = {file.display, r->line};
        r->order = static_cast<int>(rules.size());
        rules.push_back(std::move(r));
        pending.push_back(std::move(pend));
      }
    }
    file.text.clear();
    set.files_.push_back(std::move(file));
  }

  // Cross-rule checks: inherited texts, providers, complete texts.
  std::map<std::string, const Rule*> by_id;
  for (size_t i = 0; i < rules.size(); ++i) {
    Rule& r = *rules[i];
    Ctx ctx(r.file);
    if (!pending[i].texts_from.empty()) {
      auto it = by_id.find(pending[i].texts_from);
      if (it == by_id.end()) {
        return ctx.Error(pending[i].line, "texts_from '" + pending[i].texts_from +
                                              "' does not name an earlier rule");
      }
      const Rule& base = *it->second;
      auto fill = [](RuleText* dst, const RuleText& src) {
        if (dst->summary.empty()) dst->summary = src.summary;
        if (dst->explanation.empty()) dst->explanation = src.explanation;
        if (dst->remedies.empty()) dst->remedies = src.remedies;
      };
      fill(&r.en, base.en);
      fill(&r.ja, base.ja);
      if (r.refs.empty()) r.refs = base.refs;
    }
    if (!r.provider.empty()) {
      bool known = std::any_of(set.providers_.begin(), set.providers_.end(),
                               [&](const Provider& p) { return p.name == r.provider; });
      if (!known) return ctx.Error(r.line, "rule '" + r.id + "' names unknown provider '" + r.provider + "'");
    }
    Status s = CheckTexts(ctx, r);
    if (!s.ok()) return s;
    by_id[r.id] = &r;
  }
  for (auto& r : rules) set.rules_.push_back(std::move(r));
  *out = std::move(set);
  return Status::Ok();
}

Status ReadRuleDir(const std::string& dir, std::vector<RuleFile>* out) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return Status::NotFound(dir + ": cannot open rule directory");
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 5 && n.compare(n.size() - 5, 5, ".toml") == 0) names.push_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& n : names) {
    std::string path = dir + "/" + n;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError(path + ": cannot read");
    std::ostringstream ss;
    ss << in.rdbuf();
    out->push_back(RuleFile{n, path, ss.str(), false});
  }
  return Status::Ok();
}

std::vector<std::string> DefaultUserRuleDirs() {
  struct stat st;
  if (::stat(std::string(kDefaultUserDir).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return {std::string(kDefaultUserDir)};
  }
  return {};
}

Status LoadRules(const RuleLoadOptions& options, RuleSet* out) {
  std::vector<RuleFile> files;
  if (options.builtin) {
    for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
      files.push_back(RuleFile{std::string(f.name), std::string(f.name), std::string(f.text), true});
    }
  }
  for (const auto& dir : options.user_dirs) {
    Status s = ReadRuleDir(dir, &files);
    if (!s.ok()) return s;
  }
  // Parsed once, then read back from the cache directory (rule_cache.h).
  const std::string cache_name = RuleCacheName(files);
  if (!cache_name.empty() && ReadCachedRuleSet(cache_name, out)) return Status::Ok();
  Status s = LoadRuleFiles(std::move(files), out);
  if (s.ok() && !cache_name.empty()) WriteCachedRuleSet(cache_name, *out);
  return s;
}

}  // namespace mailwhy
