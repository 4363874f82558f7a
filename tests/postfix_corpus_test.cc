// NAME
//   postfix_corpus_test - the postfix layer against the shared corpora and the seed articles
// DESCRIPTION
//   GrokPatterns: whyscream/postfix-grok-patterns' 191 test cases (corpus/postfix-grok-
//     patterns/test/*.yaml: a message part, the grok pattern that reads it, the fields it
//     must give). Each case whose pattern is a Postfix program's is parsed with the tag
//     "postfix/<program>" and every grok field that has an Event counterpart is compared
//     (the table in GrokField below). Cases we deliberately read differently are listed in
//     kDeliberateMisses with the reason; a case outside that list that fails is a
//     regression, and a listed case that starts passing must leave the list.
//   Logwatch: the 341 #TD lines of logwatch's postfix service (corpus/logwatch-postfix/
//     td_lines.txt). Each line starts with logwatch's code for the program (PEER-TOOLS.md
//     §5); every line of a Postfix program must parse to a known kind.
//   SeedCases: every Postfix log line the seed articles quote (seeds/00*.txt, CASES.md),
//     one test per case number, asserting the fields the verdict will need.
//
//   The corpora are read in place (tests/testing.h); without ../shared the tests skip.
#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "postfix/event.h"
#include "postfix/event_parser.h"
#include "postfix/parse_testing.h"
#include "syslog/prefix_parser.h"
#include "syslog/record.h"
#include "testing.h"

namespace mailwhy {
namespace {

// ---------------------------------------------------------------------------------------
// Small text helpers.

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::vector<std::string> ListDir(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
        names.push_back(n);
      }
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// ---------------------------------------------------------------------------------------
// Grok pattern cases.

struct GrokCase {
  std::string name;      // "smtpd_0004"
  std::string pattern;   // "POSTFIX_SMTPD"
  std::string data;      // the message
  std::vector<std::pair<std::string, std::string>> results;
};

// A YAML scalar as these files write it: "double quoted" with \" \\ \n \r \t escapes, or
// plain (trimmed).
std::string YamlScalar(const std::string& raw) {
  std::string v = Trim(raw);
  if (v.empty() || v[0] != '"') return v;
  std::string out;
  for (size_t i = 1; i < v.size(); ++i) {
    char c = v[i];
    if (c == '"') break;
    if (c == '\\' && i + 1 < v.size()) {
      char n = v[++i];
      out += n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n;
    } else {
      out += c;
    }
  }
  return out;
}

// The flat YAML of the grok tests: "pattern:", "data:", "results:" then indented
// "key: value" lines; "#" comments.
GrokCase ReadGrokCase(const std::string& name, const std::string& text) {
  GrokCase c;
  c.name = name;
  bool in_results = false;
  for (const std::string& line : SplitLines(text)) {
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    bool indented = line[0] == ' ';
    size_t colon = t.find(':');
    if (colon == std::string::npos) continue;
    std::string key = t.substr(0, colon);
    std::string value = YamlScalar(t.substr(colon + 1));
    if (indented && in_results) {
      c.results.emplace_back(key, value);
    } else if (key == "pattern") {
      size_t b = value.find("%{"), e = value.find('}');
      c.pattern = b == std::string::npos ? value : value.substr(b + 2, e - b - 2);
    } else if (key == "data") {
      c.data = value;
    } else if (key == "results") {
      in_results = true;
    }
  }
  return c;
}

// The Postfix program a grok pattern reads, or "" for patterns of a field's value
// (command counts, delays, relay, TLS feature words) rather than of a message.
std::string ProgramOfPattern(const std::string& pattern) {
  static const std::set<std::string> kSubPatterns = {"POSTFIX_COMMAND_COUNTER_DATA",
                                                     "POSTFIX_DELAYS", "POSTFIX_RELAY",
                                                     "POSTFIX_TLS_FEATURES"};
  if (kSubPatterns.count(pattern) || pattern.rfind("POSTFIX_", 0) != 0) return "";
  std::string p = pattern.substr(8);
  if (p == "SCRIPT") return "postfix-script";
  std::string out;
  for (char c : p) out += c == '_' ? '-' : static_cast<char>(std::tolower(c));
  return out;
}

// Grok fields with no counterpart in Event: what the journey and the diagnosis do not
// need. They are listed so the docs can say what is not kept, and so a new grok field is
// noticed (an unlisted field fails the test).
const std::map<std::string, std::string>& UncomparedFields() {
  static const std::map<std::string, std::string> kFields = {
      {"postfix_anvil_conn_period", "anvil statistics are noise; only the count is kept"},
      {"postfix_service", "anvil's service name; only the count and address are kept"},
      {"postfix_anvil_timestamp", "anvil's own clock; the record's time is what counts"},
      {"postfix_scache_hits", "scache statistics are noise"},
      {"postfix_scache_miss", "scache statistics are noise"},
      {"postfix_scache_success", "scache statistics are noise"},
      {"postfix_scache_timestamp", "scache statistics are noise"},
      {"postfix_scache_domains", "scache statistics are noise"},
      {"postfix_scache_addresses", "scache statistics are noise"},
      {"postfix_scache_connection", "scache statistics are noise"},
      {"postfix_postscreen_cache_retained", "cache cleanup counts are noise"},
      {"postfix_postscreen_cache_dropped", "cache cleanup counts are noise"},
      {"postfix_verify_cleanup_type", "verify cache cleanup is noise"},
      {"postfix_verify_cache_retained", "verify cache cleanup is noise"},
      {"postfix_verify_cache_dropped", "verify cache cleanup is noise"},
      {"postfix_version", "master start/reload lines are noise; the text keeps the version"},
      {"postfix_config_path", "master start/reload lines are noise; the text keeps the path"},
      {"postfix_termination_signal", "master stop lines are noise; the text keeps the signal"},
      {"postfix_tls_server_signature_size",
       "the signature's \"(4096 bits)\" is dropped; the algorithm is kept"},
      {"postfix_tls_server_signature_curve",
       "the signature's \"(P-256)\" is dropped; the algorithm is kept"},
  };
  return kFields;
}

enum class Verdict { kMatch, kMismatch, kUncompared, kUnmapped };

struct FieldCheck {
  Verdict verdict;
  std::string why;
};

FieldCheck Same(const std::string& field, std::string_view got, const std::string& want) {
  if (got == want) return {Verdict::kMatch, ""};
  return {Verdict::kMismatch,
          field + ": got \"" + std::string(got) + "\", want \"" + want + "\""};
}

FieldCheck SameNumber(const std::string& field, double got, const std::string& want) {
  double w = std::strtod(want.c_str(), nullptr);
  if (std::fabs(got - w) < 1e-9) return {Verdict::kMatch, ""};
  return {Verdict::kMismatch, field + ": got " + std::to_string(got) + ", want " + want};
}

FieldCheck Holds(const std::string& field, std::string_view outer, std::string_view inner,
                 const char* what) {
  // An empty part is contained in anything: it only matches an empty whole.
  if (Contains(outer, inner) && (!inner.empty() || outer.empty())) return {Verdict::kMatch, ""};
  return {Verdict::kMismatch, field + ": \"" + std::string(outer) + "\" does not contain \"" +
                                  std::string(inner) + "\" (" + what + ")"};
}

// Grok's "postfix_keyvalue_data": the raw key=value span. Each pair is compared with the
// Event field of that key.
FieldCheck KeyValues(const std::string& want, const Event& ev) {
  size_t i = 0;
  while (i < want.size()) {
    while (i < want.size() && (want[i] == ' ' || want[i] == ',')) ++i;
    size_t eq = want.find('=', i);
    if (eq == std::string::npos) break;
    std::string key = want.substr(i, eq - i);
    size_t vb = eq + 1, ve;
    if (vb < want.size() && want[vb] == '<') {
      ve = want.find('>', vb);
      ve = ve == std::string::npos ? want.size() : ve + 1;
    } else {
      ve = want.find_first_of(", ", vb);
      if (ve == std::string::npos) ve = want.size();
    }
    std::string value = want.substr(vb, ve - vb);
    std::string bare = value.size() >= 2 && value.front() == '<' ? value.substr(1, value.size() - 2)
                                                                  : value;
    i = ve;
    FieldCheck c{Verdict::kMatch, ""};
    std::string field = "keyvalue " + key;
    if (key == "to") c = Same(field, ev.to, bare);
    else if (key == "orig_to") c = Same(field, ev.orig_to, bare);
    else if (key == "from") c = Same(field, ev.from, bare);
    else if (key == "relay") c = Same(field, ev.relay, value);
    else if (key == "dsn") c = Same(field, ev.dsn, value);
    else if (key == "tls") c = Same(field, ev.tls, value);
    else if (key == "proto") c = Same(field, ev.proto, value);
    else if (key == "helo") c = Same(field, ev.helo, bare);
    else if (key == "delay") c = SameNumber(field, ev.delay, value);
    else if (key == "conn_use") c = SameNumber(field, ev.conn_use, value);
    else if (key == "size") c = SameNumber(field, static_cast<double>(ev.size), value);
    else if (key == "nrcpt") c = SameNumber(field, ev.nrcpt, value);
    else if (key == "uid") c = SameNumber(field, ev.uid, value);
    else if (key == "client") {
      c = Same(field, std::string(ev.client.name) + "[" + std::string(ev.client.address) + "]",
               value);
    } else if (key == "delays") {
      std::string got;
      for (int k = 0; k < 4; ++k) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", ev.delays[k]);
        got += (k ? "/" : "") + std::string(buf);
      }
      c = Same(field, got, value);
    } else {
      c = {Verdict::kMismatch, "keyvalue: unknown key " + key};
    }
    if (c.verdict != Verdict::kMatch) return c;
  }
  return {Verdict::kMatch, ""};
}

// One grok field against the Event. Grok splits some things we keep whole (a reject's
// reply) and keeps whole some things we split (a header check's "header TEXT from H[A]"),
// so some fields are compared by containment; the comment on each says why.
// A TLS summary's parts are read from the event's text on request (ReadTlsSummary).
TlsSession TlsSessionOf(const Event& ev) {
  TlsSession s;
  ReadTlsSummary(ev.text, &s);
  return s;
}

FieldCheck GrokField(const std::string& f, const std::string& want, const Event& ev) {
  const bool delivery = ev.kind == EventKind::kDelivery;
  if (f == "postfix_queueid") return Same(f, ev.qid, want);
  if (f == "postfix_client_hostname") return Same(f, ev.client.name, want);
  if (f == "postfix_client_ip" || f == "postfix_client_ip_unknown") {
    return Same(f, ev.client.address, want);
  }
  if (f == "postfix_client_port") return Same(f, ev.client.port, want);
  if (f == "postfix_server_ip") return Same(f, ev.server.address, want);
  if (f == "postfix_server_port") return Same(f, ev.server.port, want);
  if (f == "postfix_relay_hostname") return Same(f, ev.relay_peer.name, want);
  if (f == "postfix_relay_ip") return Same(f, ev.relay_peer.address, want);
  if (f == "postfix_relay_port") return Same(f, ev.relay_peer.port, want);
  if (f == "postfix_status") return Same(f, ev.status, want);
  if (f == "postfix_smtp_response" || f == "postfix_error_response" ||
      f == "postfix_local_response" || f == "postfix_pipe_response") {
    // A delivery's whole status text; a note's reply without "(in reply to ...)".
    return Same(f, delivery ? ev.text : ev.reply.reply, want);
  }
  if (f == "postfix_smtp_stage") {
    return Same(f, ev.stage.empty() ? ev.reply.command : ev.stage, want);
  }
  if (f == "postfix_smtpd_lostconn_data") return Same(f, ev.action, want);
  if (f == "postfix_smtp_lostconn_data") {
    if (ev.kind == EventKind::kSmtpConnectFail) return Same(f, ev.reply.reply, want);
    if (ev.kind == EventKind::kTls) return Holds(f, ev.text, ": " + want, "the error ends the line");
    // "lost connection with H[A] while ..." is the shape kLostConnection.
    return Same(f, ev.reply.shape == TextShape::kLostConnection ? "lost connection" : "", want);
  }
  if (f == "postfix_smtp_lostconn_reason") return Same(f, ev.reply.command, want);
  if (f == "postfix_message") {
    // Grok keeps "header " and " from H[A]" around a check's text; we keep them apart.
    if (ev.kind == EventKind::kCleanupAction) return Holds(f, want, ev.text, "grok's is wider");
    return Same(f, ev.text, want);
  }
  if (f == "postfix_message_level") {
    // A header check's "warning"/"info" is its action, not a severity.
    return Same(f, ev.kind == EventKind::kCleanupAction ? ev.action : ev.severity, want);
  }
  if (f == "postfix_message-id") {
    std::string_view id = ev.message_id;  // kept as logged; grok drops one pair of <>
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    return Same(f, id, want);
  }
  if (f == "postfix_action") return Same(f, ev.action, want);
  if (f == "postfix_status_code" || f == "postfix_proxy_status_code") {
    return SameNumber(f, ev.reply.code, want);
  }
  if (f == "postfix_status_code_enhanced" || f == "postfix_proxy_status_code_enhanced") {
    return Same(f, ev.reply.enhanced, want);
  }
  if (f == "postfix_status_data" || f == "postfix_status_message") {
    // Grok cuts the reply into code, data and message; we keep the reply whole.
    return Holds(f, ev.reply.reply, want, "the whole reply");
  }
  if (f == "postfix_keyvalue_data") return KeyValues(want, ev);
  if (f == "postfix_postscreen_violation" || f == "postfix_postscreen_access") {
    return Same(f, ev.action, want);
  }
  if (f == "postfix_postscreen_violation_time") return SameNumber(f, ev.delay, want);
  if (f == "postfix_postscreen_dnsbl_rank") return SameNumber(f, static_cast<double>(ev.count), want);
  if (f == "postfix_postscreen_toobusy_data") return Same(f, ev.text, want);
  if (f == "postfix_dnsbl_domain") return Same(f, ev.zone, want);
  if (f == "postfix_dnsbl_result") return Same(f, ev.text, want);
  if (f == "postfix_bounce_queueid") return Same(f, ev.child_qid, want);
  if (f == "postfix_bounce_recipient") {
    return Same(f, ev.action.substr(0, ev.action.find(' ')), want);
  }
  if (f == "postfix_bounce_reason") {
    return Holds(f, ev.action, " " + want + " notification", "the notice kind");
  }
  if (f == "postfix_postsuper_action" || f == "postfix_postsuper_summary_action") {
    return Same(f, ev.action, want);
  }
  if (f == "postfix_postsuper_summary_count" || f == "postfix_anvil_conn_count" ||
      f == "postfix_anvil_conn_rate" || f == "postfix_anvil_cache_size") {
    return SameNumber(f, static_cast<double>(ev.count), want);
  }
  if (f == "postfix_from") return Same(f, ev.from, want);
  if (f == "postfix_proxy_result") return Same(f, ev.action, "proxy-" + want);
  if (f == "postfix_proxy_smtp_stage") return Same(f, ev.stage, want);
  if (f == "postfix_proxy_message") return Same(f, ev.reply.reply, want);
  if (f == "postfix_milter_result") return Same(f, ev.action, "milter-" + want);
  if (f == "postfix_milter_message") return Holds(f, want, ev.text, "grok's is wider");
  if (f == "postfix_milter_data" || f == "postfix_prepend_value") {
    return Same(f, ev.reply.reply, want);
  }
  if (f == "postfix_prepend_type") return Same(f, ev.stage, want);
  if (f == "postfix_prepend_trigger") return Same(f, ev.text, want);
  if (f == "postfix_command_counter_data") return Same(f, ev.counts, want);
  if (f == "postfix_pix_workaround") return Holds(f, ev.text, want, "the whole note");
  if (f == "postfix_discarded_ehlo_keywords") return Same(f, ev.text, want);
  if (f == "postfix_tls_trustlevel") return Same(f, TlsSessionOf(ev).trust, want);
  if (f == "postfix_tls_version") return Same(f, TlsSessionOf(ev).protocol, want);
  if (f == "postfix_tls_cipher") return Same(f, TlsSessionOf(ev).cipher, want);
  if (f == "postfix_tls_cipher_size") return Same(f, TlsSessionOf(ev).cipher_bits, want);
  if (f == "postfix_tls_key_exchange") return Same(f, TlsSessionOf(ev).key_exchange, want);
  if (f == "postfix_tls_server_signature") return Same(f, TlsSessionOf(ev).server_signature, want);
  if (f == "postfix_tls_server_digest") return Same(f, TlsSessionOf(ev).server_digest, want);
  if (f == "postfix_tls_error") return Holds(f, ev.text, ": " + want, "the error ends the line");
  if (UncomparedFields().count(f)) return {Verdict::kUncompared, ""};
  return {Verdict::kUnmapped, f + ": no mapping (add one, or list it in UncomparedFields)"};
}

// Grok cases mailwhy reads differently on purpose. Each reason is written for the docs.
const std::map<std::string, std::string>& DeliberateMisses() {
  static const std::map<std::string, std::string> kMisses = {
  };
  return kMisses;
}

TEST(GrokPatterns, EveryPostfixCaseGivesItsFields) {
  MAILWHY_REQUIRE_SHARED(dir, "corpus/postfix-grok-patterns/test");
  std::vector<std::string> files = ListDir(dir, ".yaml");
  ASSERT_FALSE(files.empty()) << "no .yaml files in " << dir;
  int total = 0, compared = 0, passed = 0, fields_compared = 0;
  std::vector<std::string> skipped, regressions, expected_misses, stale_misses;
  std::set<std::string> unmapped;
  for (const std::string& file : files) {
    ++total;
    std::string name = file.substr(0, file.size() - 5);
    GrokCase gc = ReadGrokCase(name, testing::ReadFile(dir + "/" + file));
    std::string program = ProgramOfPattern(gc.pattern);
    if (program.empty()) {
      skipped.push_back(name + " (" + gc.pattern + ": a field's sub-pattern, not a message)");
      continue;
    }
    ++compared;
    std::string tag = "postfix/" + program;
    Event ev = ParseMessage(tag, gc.data);
    std::string why;
    for (const auto& [field, want] : gc.results) {
      FieldCheck c = GrokField(field, want, ev);
      if (c.verdict == Verdict::kMatch || c.verdict == Verdict::kMismatch) ++fields_compared;
      if (c.verdict == Verdict::kMismatch) why += (why.empty() ? "" : "; ") + c.why;
      if (c.verdict == Verdict::kUnmapped) unmapped.insert(field);
    }
    if (ev.kind == EventKind::kUnknown) {
      why += std::string(why.empty() ? "" : "; ") + "kind unknown";
    }
    auto miss = DeliberateMisses().find(name);
    if (why.empty()) {
      ++passed;
      if (miss != DeliberateMisses().end()) stale_misses.push_back(name);
    } else if (miss != DeliberateMisses().end()) {
      expected_misses.push_back(name + ": " + miss->second + "\n      (" + why + ")");
    } else {
      regressions.push_back(name + " [" + std::string(EventKindName(ev.kind)) + "]: " + why);
    }
  }
  std::printf("grok patterns: %d of %d Postfix message cases pass (%d files, %zu field "
              "sub-patterns skipped, %d fields compared)\n",
              passed, compared, total, skipped.size(), fields_compared);
  for (const std::string& s : skipped) std::printf("  skipped %s\n", s.c_str());
  for (const std::string& s : expected_misses) std::printf("  deliberate miss %s\n", s.c_str());
  for (const auto& [field, reason] : UncomparedFields()) {
    std::printf("  not compared: %s (%s)\n", field.c_str(), reason.c_str());
  }
  for (const std::string& s : regressions) ADD_FAILURE() << "grok case " << s;
  for (const std::string& s : stale_misses) {
    ADD_FAILURE() << "grok case " << s << " now passes: remove it from DeliberateMisses";
  }
  for (const std::string& f : unmapped) ADD_FAILURE() << "grok field " << f << " has no mapping";
}

// ---------------------------------------------------------------------------------------
// logwatch #TD lines.

struct TdLine {
  std::string tag;      // "postfix/smtpd"; "" for lines of other programs
  std::string message;
  bool coded = false;   // the line had a code naming a Postfix program
};

// logwatch's program codes (postfix-logwatch 1.40.03, PEER-TOOLS.md §5). A trailing "Q"
// means logwatch cut the queue ID off the line, "N" the "NOQUEUE: " of smtpd; a trailing
// number or "(12)" is a repeat count.
TdLine ReadTdLine(const std::string& raw) {
  static const std::map<std::string, std::string> kPrograms = {
      {"sd", "smtpd"}, {"s", "smtp"},  {"c", "cleanup"},    {"q", "qmgr"},  {"b", "bounce"},
      {"ps", "postsuper"}, {"m", "master"}, {"l", "local"}, {"v", "virtual"}, {"p", "pickup"},
      {"pp", "pipe"}};
  static const std::set<std::string> kPolicyServers = {"spf", "pg", "pfw"};
  TdLine td;
  size_t space = raw.find(' ');
  std::string code = raw.substr(0, space);
  std::string rest = space == std::string::npos ? "" : raw.substr(space + 1);
  std::string base = code;
  while (!base.empty() && (base.back() == ':' || base.back() == ')' || base.back() == '(' ||
                           std::isdigit(static_cast<unsigned char>(base.back())))) {
    base.pop_back();
  }
  char flag = 0;
  if (!base.empty() && (base.back() == 'Q' || base.back() == 'N') && base.size() > 1) {
    flag = base.back();
    base.pop_back();
  }
  // The lines are column-aligned for reading; logs have single spaces.
  auto collapse = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
      out += c;
    }
    return Trim(out);
  };
  if (kPolicyServers.count(base)) return td;  // postgrey, policyd-spf, postfwd: not Postfix
  auto program = kPrograms.find(base);
  if (program == kPrograms.end()) {
    if (!code.empty() && std::all_of(code.begin(), code.end(), ::isdigit)) {
      // A bare number: a master.cf service ("postfix/25/..."), program not given.
      td.tag = "postfix/" + code;
      td.message = collapse(rest);
    } else {
      td.tag = "postfix";  // no code: the program is inferred from the message
      td.message = collapse(raw);
    }
    return td;
  }
  td.coded = true;
  td.tag = "postfix/" + program->second;
  td.message = collapse(rest);
  // One line carries its own "postfix/smtpd[24928]: " prefix.
  if (td.message.rfind("postfix/", 0) == 0 && Contains(td.message, "]: ")) {
    td.message = td.message.substr(td.message.find("]: ") + 3);
  }
  if (flag == 'Q') td.message = "4F2A01C3D2: " + td.message;
  if (flag == 'N' && base == "sd") td.message = "NOQUEUE: " + td.message;
  return td;
}

TEST(Logwatch, EveryPostfixLineIsRecognised) {
  MAILWHY_REQUIRE_SHARED(path, "corpus/logwatch-postfix/td_lines.txt");
  int coded = 0, uncoded = 0, other = 0;
  std::map<std::string, int> kinds;
  for (const std::string& raw : SplitLines(testing::ReadFile(path))) {
    if (Trim(raw).empty()) continue;
    TdLine td = ReadTdLine(raw);
    if (td.tag.empty()) {
      ++other;
      continue;
    }
    Event ev = ParseMessage(td.tag, td.message);
    ++kinds[std::string(EventKindName(ev.kind))];
    (td.coded ? coded : uncoded)++;
    EXPECT_NE(ev.kind, EventKind::kUnknown)
        << "logwatch line of " << td.tag << " is unknown: " << td.message << "\n  (from: " << raw
        << ")";
  }
  std::printf("logwatch: %d lines of coded Postfix programs, %d uncoded lines (program "
              "inferred), %d lines of policy servers skipped\n",
              coded, uncoded, other);
  for (const auto& [kind, n] : kinds) std::printf("  %-26s %d\n", kind.c_str(), n);
}

// ---------------------------------------------------------------------------------------
// Seed cases: the lines the articles quote.

// The first line of a seed article that contains `needle`.
std::string SeedLine(const std::string& article, const std::string& needle) {
  std::string path = testing::SharedPath("seeds");
  for (const std::string& f : ListDir(path, ".txt")) {
    if (f.rfind(article, 0) != 0) continue;
    for (const std::string& line : SplitLines(testing::ReadFile(path + "/" + f))) {
      if (Contains(line, needle)) return line;
    }
  }
  ADD_FAILURE() << "seed " << article << " has no line with \"" << needle << "\"";
  return "";
}

// The article's line through the whole front end: prefix, then event. The line is kept
// alive by `owner`.
Event ParseFullLine(const std::string& line, Record* rec) {
  ParseRecord(line, rec);
  Event ev;
  ParseEvent(*rec, &ev);
  return ev;
}

#define SEED_LINE(var, article, needle)       \
  std::string var = SeedLine(article, needle); \
  ASSERT_FALSE(var.empty());

TEST(SeedCases, Case01MailboxFull) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(active, "000", "postfix/qmgr[XXXXX]: A123B45678C: from=<test@monikura.rei.com>, size=123456");
  SEED_LINE(line, "000", "dsn=4.5.1, status=deferred");
  Record r1, r2;
  Event q = ParseFullLine(active, &r1);
  EXPECT_EQ(q.kind, EventKind::kQmgrActive);
  EXPECT_EQ(q.size, 123456);
  Event ev = ParseFullLine(line, &r2);
  EXPECT_EQ(r2.tag, "postfix/smtp");
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.qid, "A123B45678C");
  EXPECT_EQ(ev.to, "test@monikura.rei.jp");
  EXPECT_EQ(ev.relay, "monikura.rei.jp[XXX.XXX.XXX.XXX]:25");
  EXPECT_EQ(ev.dsn, "4.5.1");
  EXPECT_EQ(ev.status, "deferred");
  EXPECT_EQ(ev.reply.shape, TextShape::kRemoteReply);
  EXPECT_EQ(ev.reply.code, 451);
  EXPECT_EQ(ev.reply.enhanced, "4.5.1");
  EXPECT_EQ(ev.reply.command, "end of DATA");
  EXPECT_EQ(ev.reply.reply, "451 4.5.1 Mailbox full");
  EXPECT_DOUBLE_EQ(ev.delays[3], 0.33);
}

TEST(SeedCases, Case02InboundDnsblReject) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(line, "000", "NOQUEUE: reject: RCPT from monikura.rei.jp");
  Record r;
  Event ev = ParseFullLine(line, &r);
  EXPECT_EQ(ev.kind, EventKind::kSmtpdReject);
  EXPECT_EQ(ev.daemon, "smtpd");
  EXPECT_EQ(ev.qid, "NOQUEUE");
  EXPECT_EQ(ev.action, "reject");
  EXPECT_EQ(ev.stage, "RCPT");
  EXPECT_EQ(ev.client.name, "monikura.rei.jp");
  EXPECT_EQ(ev.reply.code, 554);
  EXPECT_EQ(ev.reply.enhanced, "5.7.1");
  EXPECT_EQ(ev.zone, "sbl-xbl.spamhaus.org");
  EXPECT_TRUE(Contains(ev.reply.reply, "https://www.spamhaus.org/query/ip/XXX.XXX.XXX.XXX"));
  EXPECT_EQ(ev.from, "test@monikura.rei.com");
  EXPECT_EQ(ev.to, "test@monikura.rei.jp");
  EXPECT_EQ(ev.helo, "monikura.rei.com");
}

TEST(SeedCases, Case03GmailAuthenticationRequired) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(line, "000", "dsn=5.7.26, status=bounced");
  Record r;
  Event ev = ParseFullLine(line, &r);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.dsn, "5.7.26");
  EXPECT_EQ(ev.status, "bounced");
  EXPECT_EQ(ev.reply.shape, TextShape::kRemoteReply);
  EXPECT_EQ(ev.reply.remote.name, "gmail-smtp-in.l.google.com");
  EXPECT_EQ(ev.reply.remote.address, "142.250.157.27");
  EXPECT_EQ(ev.reply.code, 550);
  EXPECT_EQ(ev.reply.enhanced, "5.7.26");
  EXPECT_EQ(ev.reply.command, "end of DATA");
  EXPECT_TRUE(Contains(ev.reply.reply, "https://support.google.com/mail/answer/81126"));
  EXPECT_FALSE(ev.truncated);
}

TEST(SeedCases, Case04EmptyMessageIdThenGmailRejects) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(msgid, "000", "message-id=<>");
  SEED_LINE(active, "000", "A123B45678C:  from=");
  SEED_LINE(line, "000", "to=<monikura_test@gmail.com>, relay=gmail-smtp-in");
  Record r1, r2, r3;
  Event m = ParseFullLine(msgid, &r1);
  EXPECT_EQ(m.kind, EventKind::kCleanupMessageId);
  EXPECT_EQ(m.message_id, "<>");
  Event q = ParseFullLine(active, &r2);
  EXPECT_EQ(q.kind, EventKind::kQmgrActive) << "the article's double space after the queue ID";
  EXPECT_EQ(q.qid, "A123B45678C");
  EXPECT_EQ(q.from, "test@monikura.rei.com");
  Event ev = ParseFullLine(line, &r3);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.to, "monikura_test@gmail.com");
  EXPECT_EQ(ev.dsn, "5.7.1");
  EXPECT_EQ(ev.reply.code, 550);
  EXPECT_EQ(ev.reply.enhanced, "5.7.1");
  EXPECT_EQ(ev.reply.remote.address, "XXX.XXX.XXX.XXX(GmailのIP)");
  EXPECT_EQ(ev.reply.command, "end of DATA");
}

TEST(SeedCases, Case05BounceNoticeThenRemoved) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(notice, "000", "sender non-delivery notification: D123E45678F");
  SEED_LINE(removed, "000", "A123B45678C: removed");
  Record r1, r2;
  Event n = ParseFullLine(notice, &r1);
  EXPECT_EQ(n.kind, EventKind::kBounceNotice);
  EXPECT_EQ(n.qid, "A123B45678C");
  EXPECT_EQ(n.child_qid, "D123E45678F");
  EXPECT_EQ(n.action, "sender non-delivery notification");
  Event rm = ParseFullLine(removed, &r2);
  EXPECT_EQ(rm.kind, EventKind::kQmgrRemoved);
  EXPECT_EQ(rm.qid, "A123B45678C");
}

TEST(SeedCases, Case07HostNotFoundText) {
  ReplyInfo r;  // CASES.md quotes the log form of the status text
  ParseStatusText("Host or domain name not found. Name service error for name=xxxxxx.com "
                  "type=MX: Host not found, try again",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kHostNotFound);
  EXPECT_EQ(r.remote.name, "xxxxxx.com");
  EXPECT_EQ(r.reply, "Host not found, try again");
  ParseStatusText("Name service error for domain xxxxxx.com: Host not found", &r);
  EXPECT_EQ(r.shape, TextShape::kHostNotFound);
  EXPECT_EQ(r.remote.name, "xxxxxx.com");
}

TEST(SeedCases, Case08MailqReasonText) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  std::string reason = SeedLine("001", "(host ml.xxxxxx.com[210.172.140.106] said:");
  ASSERT_FALSE(reason.empty());
  std::string inner = Trim(reason);
  inner = inner.substr(1, inner.size() - 2);  // mailq prints the reason in parentheses
  ReplyInfo r;
  ParseStatusText(inner, &r);
  EXPECT_EQ(r.shape, TextShape::kRemoteReply);
  EXPECT_EQ(r.remote.address, "210.172.140.106");
  EXPECT_EQ(r.code, 450);
  EXPECT_EQ(r.command, "RCPT TO");
}

TEST(SeedCases, Case15QmailReplyFragment) {
  ReplyInfo r;
  ParseStatusText("550 sorry, no mailbox here by that name. (#5.1.1) (in reply to RCPT TO command)",
                  &r);
  EXPECT_EQ(r.shape, TextShape::kBareReply);
  EXPECT_EQ(r.code, 550);
  EXPECT_EQ(r.command, "RCPT TO");
  EXPECT_EQ(r.reply, "550 sorry, no mailbox here by that name. (#5.1.1)");
}

TEST(SeedCases, Article001BareReplies) {
  struct Case {
    const char* number;
    const char* text;
    int code;
    const char* enhanced;
  } cases[] = {
      {"06", "451 Name server timeout", 451, ""},
      {"09", "452 queue file write error", 452, ""},
      {"10", "452 too many recipients", 452, ""},
      {"11", "550 Host unknown", 550, ""},
      {"12", "550 5.1.1 xxxxxx@hogehoge.ne.jp... User unknown", 550, "5.1.1"},
      {"13", "550 Relaying Denied", 550, ""},
      {"14", "550 5.7.1 Access denied", 550, "5.7.1"},
      {"16", "551 Access Denied", 551, ""},
      {"17", "552 Message is too large", 552, ""},
      {"18", "553 Unbalanced", 553, ""},
      {"19", "553 Recipient is not local", 553, ""},
      {"20", "554 Service unavailable", 554, ""},
      {"21", "555 Unsupported option: xxxxxxxxx", 555, ""},
  };
  for (const Case& c : cases) {
    ReplyInfo r;
    ParseStatusText(c.text, &r);
    EXPECT_EQ(r.shape, TextShape::kBareReply) << "case " << c.number << ": " << c.text;
    EXPECT_EQ(r.code, c.code) << "case " << c.number << ": " << c.text;
    EXPECT_EQ(r.enhanced, c.enhanced) << "case " << c.number << ": " << c.text;
  }
}

TEST(SeedCases, Case25GmailLowReputation) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(line, "003", "postfix/smtp[8720]");
  Record r;
  Event ev = ParseFullLine(line, &r);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.qid, "40CF214402FA");
  EXPECT_EQ(ev.relay, "ASPMX.L.GOOGLE.COM[108.177.125.26]:25");
  EXPECT_EQ(ev.relay_peer.address, "108.177.125.26");
  EXPECT_DOUBLE_EQ(ev.delay, 1.3);
  EXPECT_EQ(ev.dsn, "5.7.1");
  EXPECT_EQ(ev.status, "bounced");
  EXPECT_EQ(ev.reply.code, 550);
  EXPECT_EQ(ev.reply.enhanced, "5.7.1");
  EXPECT_EQ(ev.reply.command, "end of DATA");
  EXPECT_TRUE(Contains(ev.reply.reply, "very low reputation of the sending IP"));
}

TEST(SeedCases, Case26GmailUnsolicitedAndSlowConnect) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(line, "003", "postfix/smtp[13317]");
  Record r;
  Event ev = ParseFullLine(line, &r);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.relay_peer.name, "alt2.gmail-smtp-in.l.google.com");
  EXPECT_DOUBLE_EQ(ev.delay, 61);
  EXPECT_DOUBLE_EQ(ev.delays[2], 60);
  EXPECT_EQ(ev.reply.enhanced, "5.7.1");
  EXPECT_TRUE(Contains(ev.reply.reply, "likely unsolicited mail"));
}

TEST(SeedCases, Case29SuccessfulJourneyLines) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(client, "004", "client=example.org[198.51.100.100], sasl_method=CRAM-MD5");
  SEED_LINE(msgid, "004", "message-id=20221205183811.8983.30194A77@example.com");
  SEED_LINE(active, "004", "from=tu@example.com, size=1284");
  SEED_LINE(disconnect, "004", "disconnect from example.org");
  SEED_LINE(tls, "004", "Anonymous TLS connection established to mail.example.net");
  Record r1, r2, r3, r4, r5;
  Event c = ParseFullLine(client, &r1);
  EXPECT_EQ(c.kind, EventKind::kSmtpdClient);
  EXPECT_EQ(c.qid, "8B84D8D1CF");
  EXPECT_EQ(c.client.address, "198.51.100.100");
  EXPECT_EQ(c.sasl_method, "CRAM-MD5");
  EXPECT_EQ(c.sasl_username, "tu@example.com");
  Event m = ParseFullLine(msgid, &r2);
  EXPECT_EQ(m.kind, EventKind::kCleanupMessageId);
  EXPECT_EQ(m.message_id, "20221205183811.8983.30194A77@example.com");
  Event q = ParseFullLine(active, &r3);
  EXPECT_EQ(q.kind, EventKind::kQmgrActive);
  EXPECT_EQ(q.from, "tu@example.com");
  EXPECT_EQ(q.size, 1284);
  EXPECT_EQ(q.nrcpt, 1);
  Event d = ParseFullLine(disconnect, &r4);
  EXPECT_EQ(d.kind, EventKind::kSmtpdDisconnect);
  EXPECT_EQ(d.counts, "ehlo=1 auth=1 mail=1 rcpt=1 data=1 rset=1 quit=1 commands=7");
  Event t = ParseFullLine(tls, &r5);  // wrapped in the article: the first half
  EXPECT_EQ(t.kind, EventKind::kTls);
  EXPECT_EQ(t.relay_peer.name, "mail.example.net");
  EXPECT_EQ(TlsSessionOf(t).protocol, "TLSv1.2");
}

TEST(SeedCases, Case30SentLineWrappedInTheArticle) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(first, "004", "delay=0.47, delays=0.16/0.05");
  SEED_LINE(second, "004", "/0.09/0.17, dsn=2.0.0, status=sent");
  std::string joined = first + second;
  Record r;
  Event ev = ParseFullLine(joined, &r);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.qid, "8B84D8D1CF");
  EXPECT_EQ(ev.to, "tu@example.net") << "the address has no <> in this article";
  EXPECT_EQ(ev.relay_peer.address, "203.0.113.112");
  EXPECT_DOUBLE_EQ(ev.delays[2], 0.09);
  EXPECT_DOUBLE_EQ(ev.delays[3], 0.17);
  EXPECT_EQ(ev.dsn, "2.0.0");
  EXPECT_EQ(ev.status, "sent");
  EXPECT_EQ(ev.reply.shape, TextShape::kBareReply);
  EXPECT_EQ(ev.reply.code, 250);
  EXPECT_EQ(ev.child_qid, "EEC702AAC0E");
  EXPECT_FALSE(ev.truncated);

  // Each torn half alone: the first is a delivery cut short, the second has no prefix and
  // no grammar: unknown, and neither reads outside its line.
  Record r1, r2;
  Event a = ParseFullLine(first, &r1);
  EXPECT_EQ(a.kind, EventKind::kDelivery);
  EXPECT_TRUE(a.truncated);
  EXPECT_EQ(a.status, "");
  EXPECT_DOUBLE_EQ(a.delays[1], 0.05);
  Event b = ParseFullLine(second, &r2);
  EXPECT_EQ(b.kind, EventKind::kUnknown);
  EXPECT_EQ(b.text, second);
}

TEST(SeedCases, Case31ConnectionTimedOut) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(line, "004", "status=deferred (connect to mail.example.net");
  Record r;
  Event ev = ParseFullLine(line, &r);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.relay, "none");
  EXPECT_DOUBLE_EQ(ev.delays[2], 30);
  EXPECT_EQ(ev.dsn, "4.4.1");
  EXPECT_EQ(ev.status, "deferred");
  EXPECT_EQ(ev.reply.shape, TextShape::kConnectFailed);
  EXPECT_EQ(ev.reply.remote.address, "203.0.113.112");
  EXPECT_EQ(ev.reply.remote.port, "25");
  EXPECT_EQ(ev.reply.reply, "Connection timed out");
}

TEST(SeedCases, Case32OurIpOnADnsbl) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(line, "004", "dsn=4.7.0, status=deferred");
  Record r;
  Event ev = ParseFullLine(line, &r);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_DOUBLE_EQ(ev.delay, 248122);
  EXPECT_DOUBLE_EQ(ev.delays[0], 248120);
  EXPECT_EQ(ev.dsn, "4.7.0");
  EXPECT_EQ(ev.reply.shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(ev.reply.code, 554);
  EXPECT_EQ(ev.reply.enhanced, "5.7.0");
  EXPECT_TRUE(Contains(ev.reply.reply, "https://dnsbl.example.net/dnsbl-lookup.cgi?ip=203.0.113.111"));
}

TEST(SeedCases, Case33WebServerWithoutEnvelopeSender) {
  MAILWHY_REQUIRE_SHARED(seeds, "seeds");
  SEED_LINE(pickup, "004", "uid=48 from=<apache>");
  SEED_LINE(active, "004", "from=apache@example.com, size=1597");
  SEED_LINE(note, "004", "8B84D8D1CF: host mail.example.net[203.0.113.112] refused to talk");
  SEED_LINE(line, "004", "dsn=4.0.0, status=deferred");
  Record r1, r2, r3, r4;
  Event p = ParseFullLine(pickup, &r1);
  EXPECT_EQ(p.kind, EventKind::kPickup);
  EXPECT_EQ(p.uid, 48);
  EXPECT_EQ(p.from, "apache");
  Event q = ParseFullLine(active, &r2);
  EXPECT_EQ(q.kind, EventKind::kQmgrActive);
  EXPECT_EQ(q.from, "apache@example.com");
  Event n = ParseFullLine(note, &r3);
  EXPECT_EQ(n.kind, EventKind::kSmtpNote) << "the QID-bearing note has no to=";
  EXPECT_EQ(n.reply.shape, TextShape::kRefusedToTalk);
  EXPECT_EQ(n.reply.code, 554);
  Event ev = ParseFullLine(line, &r4);
  EXPECT_EQ(ev.kind, EventKind::kDelivery);
  EXPECT_EQ(ev.dsn, "4.0.0");
  EXPECT_EQ(ev.reply.shape, TextShape::kRefusedToTalk) << "\"host H[A]: refused\": odd colon";
  EXPECT_EQ(ev.reply.code, 554);
  EXPECT_EQ(ev.reply.remote.address, "203.0.113.112");
}

TEST(SeedCases, EveryPostfixLineOfTheArticlesIsRecognised) {
  MAILWHY_REQUIRE_SHARED(dir, "seeds");
  int lines = 0;
  for (const std::string& f : ListDir(dir, ".txt")) {
    for (const std::string& line : SplitLines(testing::ReadFile(dir + "/" + f))) {
      if (!Contains(line, " postfix/")) continue;
      ++lines;
      Record r;
      Event ev = ParseFullLine(line, &r);
      EXPECT_NE(ev.kind, EventKind::kUnknown) << f << ": " << line;
      EXPECT_NE(ev.kind, EventKind::kOther) << f << ": " << line;
    }
  }
  std::printf("seed articles: %d Postfix log lines\n", lines);
  EXPECT_GT(lines, 30);
}

// Every line of every corpus, cut at every length into a buffer of exactly that size: the
// parser must never read past it (run under AddressSanitizer to see a stray read).
TEST(Corpora, EveryCutOfEveryLineStaysInsideItsBuffer) {
  MAILWHY_REQUIRE_SHARED(grok, "corpus/postfix-grok-patterns/test");
  MAILWHY_REQUIRE_SHARED(td, "corpus/logwatch-postfix/td_lines.txt");
  std::vector<std::pair<std::string, std::string>> lines;  // tag, message
  for (const std::string& file : ListDir(grok, ".yaml")) {
    GrokCase gc = ReadGrokCase(file, testing::ReadFile(grok + "/" + file));
    std::string program = ProgramOfPattern(gc.pattern);
    lines.emplace_back(program.empty() ? "postfix" : "postfix/" + program, gc.data);
  }
  for (const std::string& raw : SplitLines(testing::ReadFile(td))) {
    TdLine t = ReadTdLine(raw);
    if (!t.tag.empty()) lines.emplace_back(t.tag, t.message);
  }
  size_t parses = 0;
  for (const auto& [tag, message] : lines) {
    for (size_t n = 0; n <= message.size(); ++n) {
      std::unique_ptr<char[]> buf(new char[n ? n : 1]);
      std::copy(message.begin(), message.begin() + static_cast<long>(n), buf.get());
      Event ev = ParseMessage(tag, std::string_view(buf.get(), n));
      const char* b = buf.get();
      for (std::string_view v : {ev.text, ev.to, ev.from, ev.reply.reply, ev.qid, ev.relay}) {
        ASSERT_TRUE(v.empty() || (v.data() >= b && v.data() + v.size() <= b + n))
            << tag << ": " << message.substr(0, n);
      }
      ++parses;
    }
  }
  std::printf("corpora: %zu lines cut at every length, %zu parses\n", lines.size(), parses);
}

}  // namespace
}  // namespace mailwhy
