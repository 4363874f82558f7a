// spf_test - the SPF parser, macros and check_host() on literal records (no network):
// RFC 7208's own examples (section 7.4 and appendix A), the lookup and void limits,
// include/redirect rules, and the audit's counts.
#include <gtest/gtest.h>

#include "probe/fake_resolver.h"
#include "probe/spf_eval.h"
#include "probe/spf_macro.h"
#include "probe/spf_record.h"

namespace mailwhy {
namespace {

TEST(SpfRecord, RecognisesVersion) {
  EXPECT_TRUE(IsSpfRecord("v=spf1"));
  EXPECT_TRUE(IsSpfRecord("v=spf1 -all"));
  EXPECT_TRUE(IsSpfRecord("V=SPF1 -all"));
  EXPECT_FALSE(IsSpfRecord("v=spf10 -all"));
  EXPECT_FALSE(IsSpfRecord("v=DMARC1; p=none"));
  EXPECT_FALSE(IsSpfRecord("google-site-verification=abc"));
}

TEST(SpfRecord, ParsesTerms) {
  SpfRecord r;
  ASSERT_TRUE(ParseSpf("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.com/28//64 "
                       "include:_spf.example.com ?exists:%{ir}.bl.example.net ~all redirect=_spf.example.org "
                       "exp=explain.%{d} foo=bar",
                       &r)
                  .ok());
  ASSERT_EQ(r.terms.size(), 7u);
  EXPECT_EQ(r.terms[0].kind, SpfKind::kIp4);
  EXPECT_EQ(r.terms[0].network, "192.0.2.0");
  EXPECT_EQ(r.terms[0].cidr4, 24);
  EXPECT_EQ(r.terms[1].cidr6, 32);
  EXPECT_EQ(r.terms[2].kind, SpfKind::kA);
  EXPECT_EQ(r.terms[2].domain, "");
  EXPECT_EQ(r.terms[3].domain, "mail.example.com");
  EXPECT_EQ(r.terms[3].cidr4, 28);
  EXPECT_EQ(r.terms[3].cidr6, 64);
  EXPECT_EQ(r.terms[5].qualifier, '?');
  EXPECT_EQ(r.terms[6].qualifier, '~');
  EXPECT_EQ(r.redirect, "_spf.example.org");
  EXPECT_EQ(r.exp, "explain.%{d}");
  EXPECT_EQ(r.unknown_modifiers, std::vector<std::string>{"foo"});
  EXPECT_EQ(r.dns_terms, 5);  // a, mx, include, exists, redirect
}

TEST(SpfRecord, SyntaxErrorsArePermErrors) {
  struct Case {
    const char* record;
    const char* want;
  } cases[] = {
      {"v=spf1 ipv4:192.0.2.1 -all", "unknown mechanism in 'ipv4:192.0.2.1'"},
      {"v=spf1 ip4:192.0.2.0/33 -all", "bad CIDR length in 'ip4:192.0.2.0/33'"},
      {"v=spf1 ip4:192.0.2 -all", "bad address in 'ip4:192.0.2'"},
      {"v=spf1 ip6:192.0.2.1 -all", "bad address in 'ip6:192.0.2.1'"},
      {"v=spf1 a/33 -all", "bad CIDR length in 'a/33'"},
      {"v=spf1 include: -all", "missing domain in 'include:'"},
      {"v=spf1 include:localhost -all", "domain without a dot in 'include:localhost'"},
      {"v=spf1 a:%{z}.example.com -all", "bad macro '%{z}' in '%{z}.example.com'"},
      {"v=spf1 a:%{d0}.example.com", "bad macro '%{d0}' in '%{d0}.example.com'"},
      {"v=spf1 exists:%x.example.com", "'%' not followed by '{', '%', '_' or '-' in '%x.example.com'"},
      {"v=spf1 redirect=a.example redirect=b.example", "'redirect' given twice in 'redirect=b.example'"},
      {"v=spf1 -all:foo", "'all' takes no argument in '-all:foo'"},
      {"v=spf1 +redirect=a.example.com", "unknown mechanism in '+redirect=a.example.com'"},
  };
  for (const Case& c : cases) {
    SpfRecord r;
    EXPECT_EQ(ParseSpf(c.record, &r).ToString(), c.want) << c.record;
  }
}

// RFC 7208 section 7.4.
TEST(SpfMacro, Rfc7208Examples) {
  SpfMacroContext v4{"192.0.2.3", "strong-bad@email.example.com", "email.example.com", "mx.example.org"};
  struct Case {
    const char* spec;
    const char* want;
  } cases[] = {
      {"%{s}", "strong-bad@email.example.com"},
      {"%{o}", "email.example.com"},
      {"%{d}", "email.example.com"},
      {"%{d4}", "email.example.com"},
      {"%{d3}", "email.example.com"},
      {"%{d2}", "example.com"},
      {"%{d1}", "com"},
      {"%{dr}", "com.example.email"},
      {"%{d2r}", "example.email"},
      {"%{l}", "strong-bad"},
      {"%{l-}", "strong.bad"},
      {"%{lr}", "strong-bad"},
      {"%{lr-}", "bad.strong"},
      {"%{l1r-}", "strong"},
      {"%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"},
      {"%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"},
      {"%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
      {"%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"},
      {"%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"},
      {"%{h}", "mx.example.org"},
      {"%%%_%-", "% %20"},
      {"%{L}", "strong-bad"},
      {"%{S}", "strong-bad%40email.example.com"},
  };
  for (const Case& c : cases) {
    std::string out;
    ASSERT_TRUE(ExpandSpfMacro(c.spec, v4, false, &out).ok()) << c.spec;
    EXPECT_EQ(out, c.want) << c.spec;
  }
  SpfMacroContext v6 = v4;
  v6.ip = "2001:db8::cb01";
  std::string out;
  ASSERT_TRUE(ExpandSpfMacro("%{ir}.%{v}._spf.%{d2}", v6, false, &out).ok());
  EXPECT_EQ(out, "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
  // No local part: "postmaster" (section 4.3).
  SpfMacroContext bare = v4;
  bare.sender = "email.example.com";
  ASSERT_TRUE(ExpandSpfMacro("%{l}/%{s}", bare, false, &out).ok());
  EXPECT_EQ(out, "postmaster/postmaster@email.example.com");
  // c, r, t are for exp= only.
  EXPECT_FALSE(CheckSpfMacro("%{c}", false).ok());
  EXPECT_TRUE(CheckSpfMacro("%{c} is not allowed", true).ok());
}

// RFC 7208 appendix A.1's zone.
class SpfEvalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dns_.AddMx("example.com", 10, "mail-a.example.com");
    dns_.AddMx("example.com", 20, "mail-b.example.com");
    dns_.Add("example.com", DnsType::kA, "192.0.2.10");
    dns_.Add("example.com", DnsType::kA, "192.0.2.11");
    dns_.Add("amy.example.com", DnsType::kA, "192.0.2.65");
    dns_.Add("bob.example.com", DnsType::kA, "192.0.2.66");
    dns_.Add("mail-a.example.com", DnsType::kA, "192.0.2.129");
    dns_.Add("mail-b.example.com", DnsType::kA, "192.0.2.130");
    dns_.AddMx("example.org", 10, "mail-c.example.org");
    dns_.Add("mail-c.example.org", DnsType::kA, "192.0.2.140");
    dns_.Add("10.2.0.192.in-addr.arpa", DnsType::kPtr, "example.com");
    dns_.Add("65.2.0.192.in-addr.arpa", DnsType::kPtr, "amy.example.com");
    dns_.Add("129.2.0.192.in-addr.arpa", DnsType::kPtr, "mail-a.example.com");
    dns_.Add("140.2.0.192.in-addr.arpa", DnsType::kPtr, "mail-c.example.org");
    dns_.Add("4.0.0.10.in-addr.arpa", DnsType::kPtr, "bob.example.com");
  }
  SpfResult With(const std::string& record, const std::string& ip) {
    FakeResolver dns = dns_;
    dns.Add("example.com", DnsType::kTxt, record);
    return CheckHost(dns, ip, "example.com", "user@example.com").result;
  }
  FakeResolver dns_;
};

TEST_F(SpfEvalTest, AppendixA) {
  struct Case {
    const char* record;
    const char* ip;
    SpfResult want;
  } cases[] = {
      {"v=spf1 +all", "198.51.100.1", SpfResult::kPass},
      {"v=spf1 a -all", "192.0.2.10", SpfResult::kPass},
      {"v=spf1 a -all", "192.0.2.11", SpfResult::kPass},
      {"v=spf1 a -all", "192.0.2.65", SpfResult::kFail},
      {"v=spf1 a:example.org -all", "192.0.2.140", SpfResult::kFail},
      {"v=spf1 mx -all", "192.0.2.129", SpfResult::kPass},
      {"v=spf1 mx -all", "192.0.2.130", SpfResult::kPass},
      {"v=spf1 mx -all", "192.0.2.140", SpfResult::kFail},
      {"v=spf1 mx:example.org -all", "192.0.2.140", SpfResult::kPass},
      {"v=spf1 mx mx:example.org -all", "192.0.2.129", SpfResult::kPass},
      {"v=spf1 mx mx:example.org -all", "192.0.2.140", SpfResult::kPass},
      {"v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.131", SpfResult::kPass},
      {"v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.143", SpfResult::kPass},
      {"v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.144", SpfResult::kFail},
      {"v=spf1 ptr -all", "192.0.2.65", SpfResult::kPass},
      {"v=spf1 ptr -all", "192.0.2.140", SpfResult::kFail},
      {"v=spf1 ptr -all", "10.0.0.4", SpfResult::kFail},
      {"v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.65", SpfResult::kFail},
      {"v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.129", SpfResult::kPass},
      {"v=spf1 ip4:192.0.2.128/28 ~all", "192.0.2.1", SpfResult::kSoftFail},
      {"v=spf1 ip4:192.0.2.128/28 ?all", "192.0.2.1", SpfResult::kNeutral},
      {"v=spf1 ip4:192.0.2.128/28", "192.0.2.1", SpfResult::kNeutral},
      {"v=spf1 ip6:2001:db8::/32 -all", "2001:db8::1", SpfResult::kPass},
      {"v=spf1 ip6:2001:db8::/32 -all", "192.0.2.1", SpfResult::kFail},
      {"v=spf1 -ip4:192.0.2.1 +all", "192.0.2.1", SpfResult::kFail},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ToString(With(c.record, c.ip)), ToString(c.want)) << c.record << " for " << c.ip;
  }
}

TEST_F(SpfEvalTest, IncludeRedirectAndTheMatchedMechanism) {
  dns_.Add("example.com", DnsType::kTxt, "v=spf1 include:_spf.example.com -all");
  dns_.Add("_spf.example.com", DnsType::kTxt, "v=spf1 ip4:198.51.100.0/24 ~all");
  SpfEvaluation e = CheckHost(dns_, "198.51.100.7", "example.com", "info@example.com");
  EXPECT_EQ(e.result, SpfResult::kPass);
  EXPECT_EQ(e.matched, "ip4:198.51.100.0/24");
  EXPECT_EQ(e.matched_in, "_spf.example.com");
  std::vector<std::string> chain = {"include:_spf.example.com", "ip4:198.51.100.0/24"};
  EXPECT_EQ(e.chain, chain);
  EXPECT_EQ(e.dns_terms, 1);

  // The included ~all does not match the include: the outer -all decides.
  SpfEvaluation f = CheckHost(dns_, "203.0.113.9", "example.com", "info@example.com");
  EXPECT_EQ(f.result, SpfResult::kFail);
  EXPECT_EQ(f.matched, "-all");
  EXPECT_EQ(f.matched_in, "example.com");

  dns_.Add("redir.example.com", DnsType::kTxt, "v=spf1 redirect=_spf.example.com");
  SpfEvaluation r = CheckHost(dns_, "203.0.113.9", "redir.example.com", "");
  EXPECT_EQ(r.result, SpfResult::kSoftFail);
  EXPECT_EQ(r.chain.front(), "redirect=_spf.example.com");

  // redirect to a domain without SPF, include of one: permerror.
  dns_.Add("badredir.example.com", DnsType::kTxt, "v=spf1 redirect=nothing.example.com");
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "badredir.example.com", "").result, SpfResult::kPermError);
  dns_.Add("badinc.example.com", DnsType::kTxt, "v=spf1 include:nothing.example.com -all");
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "badinc.example.com", "").result, SpfResult::kPermError);
}

TEST_F(SpfEvalTest, MacrosInMechanisms) {
  dns_.Add("example.com", DnsType::kTxt, "v=spf1 exists:%{ir}.%{l1r-}.allow.example.com include:%{d2}._spf.example.net -all");
  dns_.Add("7.100.51.198.user.allow.example.com", DnsType::kA, "127.0.0.2");
  dns_.Add("example.com._spf.example.net", DnsType::kTxt, "v=spf1 ip4:203.0.113.0/24 -all");
  EXPECT_EQ(CheckHost(dns_, "198.51.100.7", "example.com", "user@example.com").result, SpfResult::kPass);
  EXPECT_EQ(CheckHost(dns_, "203.0.113.5", "example.com", "user@example.com").result, SpfResult::kPass);
  SpfEvaluation e = CheckHost(dns_, "192.0.2.99", "example.com", "user@example.com");
  EXPECT_EQ(e.result, SpfResult::kFail);
}

TEST_F(SpfEvalTest, NoneMultipleAndTempError) {
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "nx.example.com", "").result, SpfResult::kNone);
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "example.org", "").result, SpfResult::kNone);  // NODATA
  dns_.Add("two.example.com", DnsType::kTxt, "v=spf1 -all");
  dns_.Add("two.example.com", DnsType::kTxt, "v=spf1 +all");
  SpfEvaluation two = CheckHost(dns_, "192.0.2.1", "two.example.com", "");
  EXPECT_EQ(two.result, SpfResult::kPermError);
  EXPECT_EQ(two.error, "two.example.com has 2 SPF records (only one is allowed)");
  dns_.Add("other.example.com", DnsType::kTxt, "google-site-verification=x");
  dns_.Add("other.example.com", DnsType::kTxt, "v=spf1 -all");
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "other.example.com", "").result, SpfResult::kFail);

  dns_.Fail("broken.example.com", DnsType::kTxt, DnsOutcome::kServFail);
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "broken.example.com", "").result, SpfResult::kTempError);
  dns_.Add("incbroken.example.com", DnsType::kTxt, "v=spf1 include:broken.example.com -all");
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "incbroken.example.com", "").result, SpfResult::kTempError);
  dns_.Add("syntax.example.com", DnsType::kTxt, "v=spf1 ip4:192.0.2.300 -all");
  SpfEvaluation bad = CheckHost(dns_, "192.0.2.1", "syntax.example.com", "");
  EXPECT_EQ(bad.result, SpfResult::kPermError);
  EXPECT_EQ(bad.error, "syntax error in the record of syntax.example.com: bad address in 'ip4:192.0.2.300'");
}

TEST_F(SpfEvalTest, TenLookupLimit) {
  std::string record = "v=spf1";
  for (int i = 0; i < 11; ++i) {
    std::string name = "h" + std::to_string(i) + ".example.com";
    dns_.Add(name, DnsType::kA, "203.0.113." + std::to_string(i));
    record += " a:" + name;
  }
  dns_.Add("many.example.com", DnsType::kTxt, record + " -all");
  // The 10th a: matches: within the limit.
  EXPECT_EQ(CheckHost(dns_, "203.0.113.9", "many.example.com", "").result, SpfResult::kPass);
  // The 11th would be needed: permerror.
  SpfEvaluation e = CheckHost(dns_, "203.0.113.10", "many.example.com", "");
  EXPECT_EQ(e.result, SpfResult::kPermError);
  EXPECT_TRUE(e.over_limit);
  // The audit counts them all.
  SpfEvaluation a = AuditSpf(dns_, "many.example.com");
  EXPECT_EQ(a.dns_terms, 11);
  EXPECT_TRUE(a.over_limit);
  EXPECT_EQ(a.result, SpfResult::kPermError);
  EXPECT_EQ(a.all, '-');
}

TEST_F(SpfEvalTest, NestedIncludesCountAndLoopsEnd) {
  for (int i = 0; i < 6; ++i) {
    std::string next = "inc" + std::to_string(i + 1) + ".example.com";
    dns_.Add("inc" + std::to_string(i) + ".example.com", DnsType::kTxt,
             i < 5 ? "v=spf1 a mx include:" + next + " ~all" : "v=spf1 ip4:192.0.2.0/24 -all");
  }
  SpfEvaluation a = AuditSpf(dns_, "inc0.example.com");
  EXPECT_EQ(a.dns_terms, 15);  // 5 records x (a, mx, include)
  EXPECT_TRUE(a.over_limit);
  EXPECT_EQ(a.records_seen, 6);

  dns_.Add("loop-a.example.com", DnsType::kTxt, "v=spf1 include:loop-b.example.com -all");
  dns_.Add("loop-b.example.com", DnsType::kTxt, "v=spf1 include:loop-a.example.com -all");
  SpfEvaluation loop = CheckHost(dns_, "192.0.2.1", "loop-a.example.com", "");
  EXPECT_EQ(loop.result, SpfResult::kPermError);
}

TEST_F(SpfEvalTest, VoidLookupLimit) {
  dns_.Add("void.example.com", DnsType::kTxt, "v=spf1 a:nx1.example.com a:nx2.example.com a:nx3.example.com -all");
  SpfEvaluation e = CheckHost(dns_, "192.0.2.1", "void.example.com", "");
  EXPECT_EQ(e.result, SpfResult::kPermError);
  EXPECT_EQ(e.void_lookups, 3);
  EXPECT_EQ(e.error, "more than 2 void lookups (RFC 7208 section 4.6.4)");
  dns_.Add("twovoid.example.com", DnsType::kTxt, "v=spf1 a:nx1.example.com a:nx2.example.com -all");
  EXPECT_EQ(CheckHost(dns_, "192.0.2.1", "twovoid.example.com", "").result, SpfResult::kFail);
  SpfEvaluation a = AuditSpf(dns_, "void.example.com");
  EXPECT_EQ(a.void_lookups, 3);
  EXPECT_EQ(a.result, SpfResult::kPermError);
}

TEST_F(SpfEvalTest, AuditSeesTheAllQualifier) {
  dns_.Add("plus.example.com", DnsType::kTxt, "v=spf1 ip4:192.0.2.0/24 +all");
  SpfEvaluation a = AuditSpf(dns_, "plus.example.com");
  EXPECT_EQ(a.all, '+');
  EXPECT_EQ(a.result, SpfResult::kPass);
  dns_.Add("noall.example.com", DnsType::kTxt, "v=spf1 ip4:192.0.2.0/24");
  EXPECT_EQ(AuditSpf(dns_, "noall.example.com").all, '\0');
  dns_.Add("ptr.example.com", DnsType::kTxt, "v=spf1 ptr -all");
  EXPECT_TRUE(AuditSpf(dns_, "ptr.example.com").uses_ptr);
}

TEST(SpfNetwork, CidrMatching) {
  EXPECT_TRUE(InNetwork("192.0.2.130", "192.0.2.128", 30));
  EXPECT_FALSE(InNetwork("192.0.2.132", "192.0.2.128", 30));
  EXPECT_TRUE(InNetwork("10.1.2.3", "0.0.0.0", 0));
  EXPECT_TRUE(InNetwork("2001:db8:1::5", "2001:db8::", 32));
  EXPECT_FALSE(InNetwork("2001:db9::5", "2001:db8::", 32));
  EXPECT_FALSE(InNetwork("192.0.2.1", "2001:db8::", 0));
}

}  // namespace
}  // namespace mailwhy
