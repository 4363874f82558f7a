// classifier_test - precedence (provider > text > DSN > reply code > onhold/undefined),
// `unless` guards, the class taken from the log, details and placeholders, and hostile
// input: 2,000-character lines and random bytes classify without error, in microseconds.
#include "diagnose/classifier.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "diagnose/classifier_testing.h"
#include "diagnose/details.h"
#include "diagnose/pasted.h"

namespace mailwhy {
namespace {

const Classifier& C() { return *BuiltInClassifier(); }

// A classifier of the rules and providers in `toml` alone (one file, "a.toml"); null,
// with a test failure, when they do not load.
std::shared_ptr<const Classifier> ClassifierOf(const char* toml) {
  RuleSet set;
  Status loaded = LoadRuleFiles({RuleFile{"a.toml", "a.toml", toml, false}}, &set);
  EXPECT_TRUE(loaded.ok()) << loaded.ToString();
  std::shared_ptr<const Classifier> c;
  if (loaded.ok()) {
    EXPECT_TRUE(Classifier::FromRuleSet(std::move(set), &c).ok());
  }
  return c;
}

std::string RuleOf(const std::string& text, const std::string& relay = "") {
  FailureFacts f = BareTextFacts(text);
  if (!relay.empty()) f.relay = relay;
  return C().Classify(f).rule_id;
}

TEST(Precedence, ProviderRuleBeatsTextRule) {
  std::string text = "550 5.7.1 This message is likely unsolicited mail.";
  EXPECT_EQ(RuleOf(text, "gmail-smtp-in.l.google.com"), "gmail.spam.unsolicited");
  EXPECT_EQ(RuleOf(text), "text.spamdetected");
}

TEST(Precedence, ProviderFoundByRecipientDomainOrMarker) {
  FailureFacts f = BareTextFacts("550 5.7.1 This message is likely unsolicited mail.");
  f.recipient = "bob@gmail.com";
  EXPECT_EQ(C().Classify(f).provider, "gmail");
  EXPECT_EQ(C().ClassifyPasted("550 5.7.1 likely unsolicited mail. - gsmtp").rule_id,
            "gmail.spam.unsolicited");
  // A host that only ends like the suffix is not the provider.
  EXPECT_EQ(RuleOf("550 5.7.1 likely unsolicited mail.", "notgoogle.com"), "text.spamdetected");
}

TEST(Precedence, TextBeatsDsn) {
  // Seed case 01: the words decide, whatever 4.5.1 means.
  EXPECT_EQ(RuleOf("451 4.5.1 Mailbox full"), "text.mailboxfull");
}

TEST(Precedence, DsnBeatsReplyCode) {
  EXPECT_EQ(RuleOf("452 4.2.2 <bob@example.net>"), "dsn.x.2.2");
  EXPECT_EQ(RuleOf("452 <bob@example.net>"), "reply.452");
}

TEST(Precedence, DsnFromTheLogWhenTheReplyHasNone) {
  FailureFacts f = BareTextFacts("");
  f.dsn = "5.1.1";
  f.status = "bounced";
  EXPECT_EQ(C().Classify(f).rule_id, "dsn.x.1.1");
}

TEST(Precedence, OnholdWhenTextButNoRuleAndUndefinedWithoutText) {
  Verdict v = C().ClassifyPasted("550 nope");
  EXPECT_EQ(v.reason, Reason::kOnHold);
  EXPECT_EQ(v.rule_id, "fallback.onhold");
  EXPECT_EQ(C().ClassifyPasted("").reason, Reason::kUndefined);
  EXPECT_EQ(C().ClassifyPasted(" \n\t ").reason, Reason::kUndefined);
}

TEST(Unless, A511SayingMailboxFullIsNotUserUnknown) {
  EXPECT_EQ(C().ClassifyPasted("550 5.1.1 <bob@example.net>: Mailbox full").reason,
            Reason::kMailboxFull);
  // The DSN rule's own guard: a 5.1.1 that only mentions a quota is left undecided.
  Verdict v = C().ClassifyPasted("550 5.1.1 <bob@example.net> quota");
  EXPECT_NE(v.reason, Reason::kUserUnknown) << v.rule_id;
  EXPECT_EQ(C().ClassifyPasted("550 5.1.1 <bob@example.net>").reason, Reason::kUserUnknown);
}

TEST(Unless, GuardVetoesOnlyItsRule) {
  const char* text =
      "[[rule]]\nid = \"t.unknown\"\nreason = \"userunknown\"\nclass = \"permanent\"\n"
      "side = \"sender\"\nany = [\"unknown\"]\nunless = [\"mailbox full\"]\nsource = \"t\"\n"
      "examples = [\"user unknown\"]\nen.summary = \"s\"\nen.explanation = \"e\"\n"
      "en.remedies = [\"r\"]\nja.summary = \"s\"\nja.explanation = \"e\"\nja.remedies = [\"r\"]\n"
      "[[rule]]\nid = \"t.rest\"\nreason = \"onhold\"\nclass = \"temporary\"\nside = \"sender\"\n"
      "has_text = true\nsource = \"t\"\nexamples = [\"x\"]\nen.summary = \"s\"\n"
      "en.explanation = \"e\"\nen.remedies = [\"r\"]\nja.summary = \"s\"\nja.explanation = \"e\"\n"
      "ja.remedies = [\"r\"]\n";
  const std::shared_ptr<const Classifier> c = ClassifierOf(text);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->ClassifyPasted("550 User Unknown").rule_id, "t.unknown");
  EXPECT_EQ(c->ClassifyPasted("550 unknown, MAILBOX   FULL").rule_id, "t.rest");
  EXPECT_EQ(c->ClassifyPasted("").rule_id, "");  // no fallback for "no text" in this set
}

// Providers are tried in the order the rule files list them, the relay before the
// recipient's domain; a suffix counts only at a label boundary.
TEST(Precedence, FirstListedProviderAndRelayBeforeDomain) {
  const char* text =
      "[[provider]]\nname = \"wide\"\nrelay = [\"example.net\"]\ndomain = [\"wide.test\"]\n"
      "[[provider]]\nname = \"narrow\"\nrelay = [\"mx.example.net\", \"narrow.test\"]\n"
      "domain = [\"example.org\"]\n"
      "[[provider]]\nname = \"deep\"\nrelay = [\"in.example.com\"]\n"
      "[[provider]]\nname = \"shallow\"\nrelay = [\"example.com\"]\n";
  const std::shared_ptr<const Classifier> c = ClassifierOf(text);
  ASSERT_NE(c, nullptr);
  const auto provider = [&](const std::string& relay, const std::string& recipient) {
    FailureFacts f = BareTextFacts("550 no");
    f.relay = relay;
    f.recipient = recipient;
    return c->Classify(f).provider;
  };
  EXPECT_EQ(provider("in.mx.example.net", ""), "wide");  // both match: the first listed
  EXPECT_EQ(provider("mx.in.example.com", ""), "deep");
  EXPECT_EQ(provider("mx.example.com", ""), "shallow");
  EXPECT_EQ(provider("MX.Narrow.Test.", ""), "narrow");
  EXPECT_EQ(provider("narrow.test", "bob@wide.test"), "narrow");  // the relay decides
  EXPECT_EQ(provider("", "bob@lists.example.org"), "narrow");
  EXPECT_EQ(provider("notexample.net", "bob@example.com"), "");
  EXPECT_EQ(provider("", ""), "");
}

TEST(Class, WhatWasLoggedWins) {
  FailureFacts f = BareTextFacts("554 5.7.0 Blocked - see https://dnsbl.example.net/?ip=192.0.2.1");
  f.status = "deferred";
  EXPECT_EQ(C().Classify(f).failure_class, FailureClass::kTemporary);
  f.status = "bounced";
  EXPECT_EQ(C().Classify(f).failure_class, FailureClass::kPermanent);
  f.status.clear();
  EXPECT_EQ(C().Classify(f).failure_class, FailureClass::kPermanent);  // 554
  EXPECT_EQ(C().ClassifyPasted("452 4.2.2 Mailbox full").failure_class, FailureClass::kTemporary);
  EXPECT_EQ(C().ClassifyPasted("250 2.0.0 Ok: queued as ABC").failure_class, FailureClass::kNone);
}

TEST(Details, DnsblZoneListedIpAndLookupUrl) {
  Verdict v = C().ClassifyPasted(
      "host mx.example.net[192.0.2.25] said: 554 5.7.1 Service unavailable; Client host "
      "[203.0.113.43] blocked using zen.spamhaus.org; "
      "https://www.spamhaus.org/query/ip/203.0.113.43 (in reply to RCPT TO command)");
  EXPECT_EQ(v.rule_id, "dnsbl.spamhaus");
  EXPECT_EQ(v.Detail("dnsbl"), "zen.spamhaus.org");
  EXPECT_EQ(v.Detail("listed_ip"), "203.0.113.43");
  EXPECT_EQ(v.Detail("lookup_url"), "https://www.spamhaus.org/query/ip/203.0.113.43");
  VerdictTexts t = TextsOf(v, Lang::kEn);
  EXPECT_NE(t.summary.find("203.0.113.43"), std::string::npos) << t.summary;
  EXPECT_NE(t.remedies[0].find("https://www.spamhaus.org/query/ip/203.0.113.43"),
            std::string::npos);
  EXPECT_EQ(t.refs.front(), "https://www.spamhaus.org/query/ip/203.0.113.43");
}

TEST(Details, ExtractionFunctions) {
  EXPECT_EQ(ExtractUrl("see https://a.example/x?ip=1.2.3.4; more"), "https://a.example/x?ip=1.2.3.4");
  EXPECT_EQ(ExtractUrl("visit http://a.example/b."), "http://a.example/b");
  EXPECT_EQ(ExtractUrl("no url"), "");
  EXPECT_EQ(ExtractUrl("SEE HTTPS://A.example/x"), "HTTPS://A.example/x");
  EXPECT_EQ(ExtractUrl("the http proxy; https://a.example/q http://b.example/"),
            "https://a.example/q");  // the first that is a URL
  EXPECT_EQ(ExtractUrl("http://a.example/ then https://b.example/"), "http://a.example/");
  EXPECT_EQ(ExtractUrl("https:/broken httpsx://no http:/"), "");
  EXPECT_EQ(ExtractListedIp("host mx[192.0.2.1] said: 554 blocked, see x?ip=203.0.113.9", "192.0.2.1"),
            "203.0.113.9");
  EXPECT_EQ(ExtractListedIp("host mx[192.0.2.1] said: 550 your ip 198.51.100.7 is listed", "192.0.2.1"),
            "198.51.100.7");
  EXPECT_EQ(ExtractListedIp("query 7.100.51.198.zen.spamhaus.org failed", ""), "");
  EXPECT_EQ(ExtractListedIp("client [2001:db8::25] blocked", ""), "2001:db8::25");
  EXPECT_EQ(ExtractDnsbl("554 5.7.1 service unavailable; client host [x] blocked using bl.spamcop.net;"),
            "bl.spamcop.net");
  EXPECT_EQ(ExtractDnsbl("your ip is listed in the rbl"), "");
}

TEST(Details, TruncatedWhenCutOffMidSentence) {
  EXPECT_TRUE(LooksTruncated("x", "550 5.7.1 our system has detected that this message is"));
  EXPECT_TRUE(LooksTruncated("x", "(reason: 550 5.7.1 our system has detected that this message is)"));
  EXPECT_FALSE(LooksTruncated("x", "550 5.7.1 blocked. - gsmtp"));
  EXPECT_FALSE(LooksTruncated("x", "451 name server timeout"));
  EXPECT_TRUE(LooksTruncated(std::string(2000, 'a'), "aaa"));
  Verdict whole = C().ClassifyPasted("550 5.1.1 <bob@example.net>: User unknown");
  EXPECT_FALSE(whole.truncated());
}

TEST(Placeholders, FallbackAndMissingValues) {
  Verdict v;
  v.details = {{"dnsbl", "zen.spamhaus.org"}};
  bool missing = false;
  EXPECT_EQ(FillPlaceholders("on {dnsbl}, see {lookup_url|the list's site}", v, &missing),
            "on zen.spamhaus.org, see the list's site");
  EXPECT_FALSE(missing);
  FillPlaceholders("see {lookup_url}", v, &missing);
  EXPECT_TRUE(missing);
}

TEST(Placeholders, RemedyWithUnknownValueIsDropped) {
  // Proofpoint's first remedy has a fallback; a rule remedy naming {listed_ip} without one
  // would be dropped when the text names no address.
  Verdict v = C().ClassifyPasted("554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/");
  VerdictTexts t = TextsOf(v, Lang::kJa);
  for (const auto& r : t.remedies) EXPECT_EQ(r.find('{'), std::string::npos) << r;
}

TEST(Pasted, MultiLineReplyIsOneText) {
  Verdict v = C().ClassifyPasted(
      "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
      "550-5.1.1 double-checking the recipient's email address for typos or\n"
      "550 5.1.1 unnecessary spaces. - gsmtp\n");
  EXPECT_EQ(v.rule_id, "gmail.recipient.unknown");
}

TEST(Pasted, SeveralLogLinesGiveOneVerdictPerFailure) {
  std::vector<Verdict> all = C().ClassifyPastedAll(
      "Jul 25 10:00:00 mx postfix/qmgr[1]: A1B2C3D4E5: from=<a@example.com>, size=1, nrcpt=2 (queue active)\n"
      "Jul 25 10:00:01 mx postfix/smtp[2]: A1B2C3D4E5: to=<b@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n"
      "Jul 25 10:00:01 mx postfix/smtp[2]: A1B2C3D4E5: to=<c@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.2.2, status=deferred (host mx.example.net[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].reason, Reason::kUserUnknown);
  EXPECT_EQ(all[1].reason, Reason::kMailboxFull);
}

std::string Hostile(std::mt19937* rng, size_t n) {
  static const char* pieces[] = {"550-5.7.1 ", "user ", "unknown ", "(in reply to ", "[",
                                 "1.2.3.4", "http://", "{", "}", "blocked using ", "e-mail ",
                                 "\xE2\x80", "\xC2", "\x1b[31m", "%s%n", ")", " "};
  std::string s;
  while (s.size() < n) s += pieces[(*rng)() % (sizeof pieces / sizeof *pieces)];
  s.resize(n);
  return s;
}

TEST(Hostile, LongLinesAndRandomBytesClassifyQuickly) {
  std::mt19937 rng(20260722);
  std::vector<std::string> inputs;
  for (int i = 0; i < 50; ++i) inputs.push_back(Hostile(&rng, 2000));
  for (int i = 0; i < 50; ++i) {
    std::string bytes(2000, '\0');
    for (char& b : bytes) b = static_cast<char>(rng() & 0xff);
    inputs.push_back(bytes);
  }
  inputs.push_back(std::string(2000, 'a'));
  inputs.push_back(std::string(2000, '('));
  for (const auto& in : inputs) {
    Verdict v = C().ClassifyPasted(in);
    EXPECT_FALSE(v.rule_id.empty());
    TextsOf(v, Lang::kJa);
  }
}


// The facts of every rule example (as ClassifyExample() reads them), then the same with
// every context field filled, then hostile texts: verdicts of all shapes, from none to
// many details and context entries.
std::vector<FailureFacts> ManyFacts() {
  std::vector<FailureFacts> all;
  for (const std::shared_ptr<const Rule>& r : C().rules().rules()) {
    for (const RuleExample& ex : r->examples) {
      if (ex.only_text) {
        for (const FailureFacts& f : PastedFacts(ex.text)) all.push_back(f);
        continue;
      }
      all.push_back(Classifier::ExampleFacts(ex));
    }
  }
  const size_t examples = all.size();
  for (size_t i = 0; i < examples; i += 3) {
    FailureFacts f = all[i];
    f.relay = "Mx.Example.NET.";
    f.relay_ip = "192.0.2.1";
    f.recipient = "Someone.Long.Name@Sub.Example.ORG";
    f.sender = "newsletter-bounces+x@lists.example.com";
    f.client = "client.example.net[198.51.100.7]";
    f.truncated = i % 2 == 0;
    all.push_back(f);
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 20; ++i) all.push_back(BareTextFacts(Hostile(&rng, 300)));
  return all;
}

void ExpectSameVerdict(const Verdict& got, const Verdict& want, const std::string& what) {
  EXPECT_EQ(got.rule_id, want.rule_id) << what;
  EXPECT_EQ(got.rule, want.rule) << what;
  EXPECT_EQ(got.reason, want.reason) << what;
  EXPECT_EQ(got.failure_class, want.failure_class) << what;
  EXPECT_EQ(got.side, want.side) << what;
  EXPECT_EQ(got.provider, want.provider) << what;
  EXPECT_EQ(got.details, want.details) << what;
  EXPECT_EQ(got.context, want.context) << what;
  EXPECT_EQ(got.evidence, want.evidence) << what;
}

// One verdict rewritten by ClassifyTo() for failure after failure equals, each time, the
// verdict a thread that never classified anything before makes: neither the reused verdict
// nor the thread's working memory carries anything over, in either order.
TEST(ClassifyTo, AVerdictRewrittenAgainAndAgainEqualsAFreshOne) {
  const std::vector<FailureFacts> facts = ManyFacts();
  ASSERT_GT(facts.size(), 300u);
  std::vector<Verdict> fresh(facts.size());
  for (size_t i = 0; i < facts.size(); ++i) {
    std::thread([&] { fresh[i] = C().Classify(facts[i]); }).join();
  }
  Verdict reused;
  for (size_t i = 0; i < facts.size(); ++i) {
    C().ClassifyTo(facts[i], &reused);
    ExpectSameVerdict(reused, fresh[i], facts[i].text);
  }
  for (size_t i = facts.size(); i-- > 0;) {
    C().ClassifyTo(facts[i], &reused);
    ExpectSameVerdict(reused, fresh[i], facts[i].text);
  }
}

// A rule set without fallbacks finds no rule for a text-less failure: a verdict that held
// a rule's findings before is emptied, not left as it was.
TEST(ClassifyTo, NoRuleLeavesNothingOfTheVerdictBefore) {
  const char* text =
      "[[rule]]\nid = \"t.rbl\"\nreason = \"blocked\"\nclass = \"permanent\"\n"
      "side = \"sender\"\nany = [\"blocked using\"]\nextract = [\"dnsbl\", \"listed_ip\"]\n"
      "source = \"t\"\nexamples = [\"554 blocked using zen.spamhaus.org\"]\nen.summary = \"s\"\n"
      "en.explanation = \"e\"\nen.remedies = [\"r\"]\nja.summary = \"s\"\nja.explanation = \"e\"\n"
      "ja.remedies = [\"r\"]\n";
  const std::shared_ptr<const Classifier> c = ClassifierOf(text);
  ASSERT_NE(c, nullptr);
  FailureFacts listed = BareTextFacts(
      "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org");
  listed.recipient = "a@example.org";
  listed.sender = "b@example.net";
  Verdict v;
  c->ClassifyTo(listed, &v);
  ASSERT_EQ(v.rule_id, "t.rbl");
  EXPECT_EQ(v.Detail("dnsbl"), "zen.spamhaus.org");
  EXPECT_EQ(v.Value("code"), "554");
  EXPECT_EQ(v.Value("recipient_domain"), "example.org");
  EXPECT_FALSE(v.context.empty());
  c->ClassifyTo(BareTextFacts(""), &v);
  EXPECT_EQ(v.rule_id, "");
  EXPECT_EQ(v.rule, nullptr);
  EXPECT_EQ(v.reason, Reason::kUndefined);
  EXPECT_EQ(v.failure_class, FailureClass::kNone);
  EXPECT_TRUE(v.details.empty());
  EXPECT_TRUE(v.context.empty());
  EXPECT_TRUE(v.evidence.empty());
  EXPECT_EQ(v.provider, "");
}

}  // namespace
}  // namespace mailwhy
