// NAME
//   rule_set - load and check the knowledge base (rules/*.toml and user rule directories)
// SYNOPSIS
//   RuleSet rules;
//   Status s = LoadRules(RuleLoadOptions{.user_dirs = {"/etc/mailwhy/rules.d"}}, &rules);
//   if (!s.ok()) { std::cerr << s.ToString() << "\n"; }   // "30-dnsbl.toml:41: unknown ..."
// DESCRIPTION
//   The knowledge base is a set of TOML files, one per family. The built-in ones are
//   compiled into the binary (embedded_rules.h); more come from user directories.
//
//   PRECEDENCE. Rules are tried in file-name order, then in their order inside the file;
//   the first rule whose conditions all hold decides. The built-in files are numbered so
//   that this order is DESIGN.md's: Postfix's own texts (10-), providers (20-29), DNSBLs
//   (30-), generic reply texts (40-), DSN codes (80-), reply codes (90-), the onhold and
//   undefined fallbacks (99-). A user file takes its place by its name: "15-site.toml"
//   runs after Postfix's texts and before the providers; "05-first.toml" before all. A
//   user file with the same name as a built-in one replaces it entirely; between user
//   directories, the one given later (--rules) replaces the earlier (/etc/mailwhy/
//   rules.d). A rule id may appear only once in the whole set.
//
//   FILE SCHEMA. Top-level keys are [[provider]], [[rule]] and [[finding]] tables only.
//     [[provider]]  name; relay (host suffixes); domain (recipient domains); markers
//                   (phrases only this provider's replies carry, like "gsmtp").
//     [[rule]]      id          stable name, [a-z0-9._-], e.g. "gmail.auth.5.7.26"
//                   reason      DESIGN.md taxonomy plus "greylisted"
//                   class       temporary | permanent | none (the default; what was logged
//                               wins: status=deferred or a 4xx reply is temporary)
//                   side        sender | recipient | recipient-server | sender-domain |
//                               sending-ip | sending-app | our-server | network | content
//                   source      the evidence: a real reply, a provider page, an RFC
//                   refs        URLs for the reader
//                   en, ja      tables: summary, explanation, remedies (a list; the same
//                               number of remedies in both languages)
//                   texts_from  id of an earlier rule whose en/ja texts and refs are used
//                               for what this rule leaves out
//                   examples    strings (a pasted line or reply) or tables {text, dsn,
//                               code, status, stage, relay, recipient, sender, origin};
//                               each must
//                               classify to this rule (`mailwhy rules check`)
//     conditions (all optional, ANDed):
//                   status      sent, deferred, bounced, expired, rejected, ...
//                   dsn         "5.7.26" exact, "5.7." prefix, "x.2.2" either class,
//                               "5.7.6*" digit prefix (5.7.606 ... 5.7.649)
//                   code        "550", "55x", "5xx"
//                   stage       connect, helo, starttls, auth, mail, rcpt, data,
//                               end-of-data, rset, quit, other
//                   origin      delivery, inbound, cleanup, unknown (pasted text)
//                   relay       relay host suffixes; domain: recipient domain suffixes
//                   sender_local  envelope sender local parts ("apache", "www-data")
//                   provider    the delivery went to this [[provider]]
//                   has_text    true / false: there is (no) text at all
//                   any         phrases: at least one of any/ordered/regex must match
//                   ordered     lists of phrases that must appear in this order
//                   regex       Hyperscan expressions over the normalised text
//                   all         phrases that must all appear
//                   unless      phrases that veto the rule
//     details:      extract     detail names taken from the text: dnsbl, listed_ip,
//                               lookup_url, url
//                   details     fixed key/value pairs added to the verdict
//     [[finding]]   the texts of a finding (finding_rule.h): something a journey or a
//                   check shows beyond one reply. The detection is code (findings.h for
//                   journeys), so a finding has no conditions and no examples.
//                   id          stable name the detector emits, e.g. "journey.delays.connect"
//                   side        who must act (as for rules); leave it out for a finding
//                               that only explains
//                   source      the evidence; refs: URLs
//                   en, ja      summary (required), explanation, remedies (the same
//                               number in both languages)
//                   Finding ids are unique across the set, like rule ids; their file's
//                   place in the precedence order does not matter.
//   Phrases are normalised like the text they match (normalize.h): case and white space
//   do not matter, "email" and "mail" are the same word.
//
//   Text placeholders, filled when a verdict is rendered: {dnsbl} {listed_ip}
//   {lookup_url} {url} {relay} {relay_ip} {recipient} {recipient_domain} {sender}
//   {sender_domain} {dsn} {code} {client} {provider}; "{name|fallback}" gives the
//   fallback text when the value is unknown. A remedy whose placeholder has neither is
//   left out. Finding texts use the values their detector fills instead
//   (IsKnownFindingPlaceholder()).
// DIAGNOSTICS
//   Every error is "FILE:LINE: what is wrong", LINE being where the offending key or
//   value is written. Loading stops at the first error.
// THREAD SAFETY
//   A loaded RuleSet is immutable and may be shared between threads.
#ifndef MAILWHY_DIAGNOSE_RULE_SET_H_
#define MAILWHY_DIAGNOSE_RULE_SET_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/finding_rule.h"
#include "diagnose/rule.h"
#include "util/status.h"

namespace mailwhy {

// One rule file's bytes. `name` orders precedence; `display` names it in messages.
struct RuleFile {
  std::string name;     // "40-smtp-text.toml"
  std::string display;  // "40-smtp-text.toml" (built-in) or "/etc/mailwhy/rules.d/x.toml"
  std::string text;
  bool builtin = false;
};

struct RuleLoadOptions {
  bool builtin = true;                  // start from the embedded rules
  std::vector<std::string> user_dirs;   // later directories replace earlier same names
};

class RuleSet {
 public:
  const std::vector<std::shared_ptr<const Rule>>& rules() const { return rules_; }
  const std::vector<Provider>& providers() const { return providers_; }
  const std::vector<std::shared_ptr<const FindingRule>>& findings() const { return findings_; }
  const std::vector<RuleFile>& files() const { return files_; }  // in precedence order
  const Rule* Find(std::string_view id) const;
  // The [[finding]] of that id, or null (a user file replaced the one that had it).
  std::shared_ptr<const FindingRule> FindFinding(std::string_view id) const;

 private:
  friend Status LoadRuleFiles(std::vector<RuleFile> files, RuleSet* out);
  friend std::string EncodeRuleSet(const RuleSet& set);          // rule_cache.h
  friend bool DecodeRuleSet(std::string_view bytes, RuleSet* out);
  std::vector<std::shared_ptr<const Rule>> rules_;
  std::vector<Provider> providers_;
  std::vector<std::shared_ptr<const FindingRule>> findings_;
  std::vector<RuleFile> files_;  // texts dropped after loading; names kept
};

// Loads the given files (merged by name as described above) into *out.
Status LoadRuleFiles(std::vector<RuleFile> files, RuleSet* out);

// Reads *.toml of each directory. A missing directory is an error, except the default
// /etc/mailwhy/rules.d, which DefaultUserRuleDirs() lists only when it exists.
Status ReadRuleDir(const std::string& dir, std::vector<RuleFile>* out);
std::vector<std::string> DefaultUserRuleDirs();

// Built-in files (optional) + user directories, merged and loaded.
Status LoadRules(const RuleLoadOptions& options, RuleSet* out);

// The placeholder names rule texts may use.
bool IsKnownPlaceholder(std::string_view name);
// The placeholder names finding texts may use: the values the detectors fill.
bool IsKnownFindingPlaceholder(std::string_view name);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_RULE_SET_H_
