// domain_probe_test - `probe domain` and the c-ares resolver against dnsmasq on
// 127.0.0.1 serving tests/probe_rig/zones.conf (plus DKIM keys made here), and against a
// scripted server for SERVFAIL and timeouts. Every verdict of the domain checks is
// asserted. dnsmasq is started once for the suite and stopped by its PID.
#include "probe/domain_probe.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "diagnose/classifier_testing.h"
#include "probe/ares_resolver.h"
#include "probe/dkim_key.h"
#include "probe/dnsbl.h"
#include "probe/fake_resolver.h"
#include "probe/probe_render.h"
#include "probe/probe_testing.h"
#include "probe/reverse_dns.h"
#include "testing.h"

namespace mailwhy {
namespace {

using probe_testing::Dnsmasq;
using probe_testing::DnsResponder;

// The base64 public key (SubjectPublicKeyInfo) of a new key: RSA of `bits`, or Ed25519
// (raw 32 bytes, RFC 8463) when bits is 0.
std::string NewDkimKey(int bits) {
  EVP_PKEY* key = bits ? EVP_RSA_gen(static_cast<unsigned>(bits)) : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  std::string der;
  if (bits) {
    unsigned char* buf = nullptr;
    int n = i2d_PUBKEY(key, &buf);
    der.assign(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
    OPENSSL_free(buf);
  } else {
    unsigned char raw[32];
    size_t len = sizeof raw;
    EVP_PKEY_get_raw_public_key(key, raw, &len);
    der.assign(reinterpret_cast<char*>(raw), len);
  }
  EVP_PKEY_free(key);
  std::string b64(4 * ((der.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), reinterpret_cast<const unsigned char*>(der.data()),
                          static_cast<int>(der.size()));
  b64.resize(static_cast<size_t>(n));
  return b64;
}

// A txt-record line, the value cut into character-strings of at most 200 bytes.
std::string TxtLine(const std::string& name, const std::string& value) {
  std::string line = "txt-record=" + name;
  for (size_t i = 0; i < value.size(); i += 200) line += ",\"" + value.substr(i, 200) + "\"";
  return line + "\n";
}

std::shared_ptr<const Classifier> Rules() { return BuiltInClassifier(); }

class DnsRigTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string zones = testing::ReadFile(testing::SourcePath("tests/probe_rig/zones.conf"));
    zones += TxtLine("sel1._domainkey.good.test", "v=DKIM1; k=rsa; p=" + NewDkimKey(2048));
    zones += TxtLine("short._domainkey.good.test", "v=DKIM1; k=rsa; p=" + NewDkimKey(1024));
    zones += TxtLine("weak._domainkey.good.test", "v=DKIM1; k=rsa; p=" + NewDkimKey(512));
    zones += TxtLine("ed._domainkey.good.test", "v=DKIM1; k=ed25519; p=" + NewDkimKey(0));
    zones += TxtLine("test._domainkey.good.test", "v=DKIM1; k=rsa; t=y; p=" + NewDkimKey(2048));
    zones += TxtLine("mail._domainkey.none.test", "v=DKIM1; p=" + NewDkimKey(2048));
    dir_ = new std::string(::testing::TempDir() + "mailwhy-probe-rig-" + std::to_string(getpid()));
    std::filesystem::create_directories(*dir_);
    dnsmasq_ = new Dnsmasq;
    if (!dnsmasq_->Start(*dir_, zones, error_)) {
      delete dnsmasq_;
      dnsmasq_ = nullptr;
    }
  }
  static void TearDownTestSuite() {
    delete dnsmasq_;  // stops it by PID
    dnsmasq_ = nullptr;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    if (!dnsmasq_) {
      if (testing::UnderCi()) FAIL() << *error_;
      GTEST_SKIP() << *error_;
    }
    ResolverOptions o;
    o.server = dnsmasq_->server();
    o.timeout_ms = 1000;
    ASSERT_TRUE(MakeAresResolver(o, &dns_).ok());
  }

  ProbeReport Domain(DomainProbeOptions o) {
    ProbeReport r;
    Status s = RunDomainProbe(o, *dns_, Rules().get(), &r);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::string out;
    AppendProbeText(r, Lang::kJa, false, 80, &out);
    AppendProbeJson(r, Lang::kEn, &out);
    return r;
  }
  static DomainProbeOptions Opts(std::string domain, std::string ip = "", std::vector<std::string> sel = {},
                                 std::vector<std::string> dnsbls = {"bl.test"}, std::string from = "") {
    DomainProbeOptions o;
    o.domain = std::move(domain);
    o.ip = std::move(ip);
    o.selectors = std::move(sel);
    o.dnsbls = std::move(dnsbls);
    o.from = std::move(from);
    return o;
  }
  static const ProbeCheck& Check(const ProbeReport& r, const char* id, size_t nth = 0) {
    static const ProbeCheck none;
    for (const auto& c : r.checks) {
      if (c.id == id && nth-- == 0) return c;
    }
    ADD_FAILURE() << "no check " << id;
    return none;
  }

  static Dnsmasq* dnsmasq_;
  static std::string* dir_;
  static std::string error_[1];
  std::unique_ptr<Resolver> dns_;
};

Dnsmasq* DnsRigTest::dnsmasq_ = nullptr;
std::string* DnsRigTest::dir_ = nullptr;
std::string DnsRigTest::error_[1];

TEST_F(DnsRigTest, ResolverOutcomesAndTxtJoining) {
  DnsAnswer mx = dns_->Query("good.test", DnsType::kMx);
  ASSERT_TRUE(mx.ok()) << mx.error;
  ASSERT_EQ(mx.mx.size(), 1u);
  EXPECT_EQ(mx.mx[0].host, "mail.good.test");
  EXPECT_EQ(mx.mx[0].preference, 10);
  DnsAnswer txt = dns_->Query("split.test", DnsType::kTxt);
  ASSERT_TRUE(txt.ok());
  EXPECT_EQ(txt.records, std::vector<std::string>{"v=spf1 ip4:192.0.2.10 -all"});
  EXPECT_EQ(dns_->Query("good.test", DnsType::kTxt).records.size(), 2u);
  EXPECT_EQ(dns_->Query("nothing.good.test", DnsType::kA).outcome, DnsOutcome::kNxDomain);
  EXPECT_EQ(dns_->Query("mail.good.test", DnsType::kMx).outcome, DnsOutcome::kNoData);
  DnsAnswer ptr = dns_->Query(ReverseName("192.0.2.20"), DnsType::kPtr);
  EXPECT_EQ(ptr.records, std::vector<std::string>{"mail.other.test"});
  // A name outside every local zone: dnsmasq has no upstream and refuses.
  EXPECT_EQ(dns_->Query("example.com", DnsType::kA).outcome, DnsOutcome::kRefused);
}

TEST_F(DnsRigTest, ResolverFailures) {
  DnsResponder servfail(DnsResponder::Mode::kServFail);
  DnsResponder silent(DnsResponder::Mode::kSilent);
  std::unique_ptr<Resolver> r;
  ResolverOptions o;
  o.timeout_ms = 200;
  o.tries = 1;
  o.server = servfail.server();
  ASSERT_TRUE(MakeAresResolver(o, &r).ok());
  EXPECT_EQ(r->Query("good.test", DnsType::kTxt).outcome, DnsOutcome::kServFail);
  o.server = silent.server();
  ASSERT_TRUE(MakeAresResolver(o, &r).ok());
  EXPECT_EQ(r->Query("good.test", DnsType::kTxt).outcome, DnsOutcome::kTimeout);
  // After three silent questions the rest are not sent.
  EXPECT_EQ(r->Query("good.test", DnsType::kMx).outcome, DnsOutcome::kTimeout);
  EXPECT_EQ(r->Query("good.test", DnsType::kA).outcome, DnsOutcome::kTimeout);
  auto t0 = std::chrono::steady_clock::now();
  DnsAnswer skipped = r->Query("good.test", DnsType::kAaaa);
  EXPECT_EQ(skipped.outcome, DnsOutcome::kTimeout);
  EXPECT_EQ(skipped.error, "not asked: the DNS server did not answer the previous questions");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(100));
  o.server = "127.0.0.1:" + std::to_string(probe_testing::FreeUdpPort());
  ASSERT_TRUE(MakeAresResolver(o, &r).ok());
  EXPECT_EQ(r->Query("good.test", DnsType::kTxt).outcome, DnsOutcome::kUnreachable);

  o.server = "localhost:53";
  EXPECT_EQ(MakeAresResolver(o, &r).ToString(), "DNS server 'localhost:53' is not an IP address");
  std::string csv;
  ASSERT_TRUE(NormalizeDnsServer("::1", &csv).ok());
  EXPECT_EQ(csv, "[::1]:53");
  ASSERT_TRUE(NormalizeDnsServer("[::1]:5353", &csv).ok());
  EXPECT_EQ(csv, "[::1]:5353");
  EXPECT_FALSE(NormalizeDnsServer("127.0.0.1:0", &csv).ok());
}

TEST_F(DnsRigTest, GoodDomainPassesEveryCheck) {
  ProbeReport r = Domain(Opts("good.test", "192.0.2.10", {"sel1"}, {"bl.test"}, "info@good.test"));
  for (const auto& c : r.checks) {
    EXPECT_EQ(c.state, CheckState::kOk) << c.id << ": " << c.said.en;
  }
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(Check(r, "domain.mx").Data("mx"), "10 mail.good.test");
  EXPECT_EQ(Check(r, "domain.spf").Data("lookups"), "2");
  EXPECT_EQ(Check(r, "domain.spf.ip").Data("result"), "pass");
  EXPECT_EQ(Check(r, "domain.spf.ip").Data("matched"), "ip4:192.0.2.0/28");
  EXPECT_EQ(Check(r, "domain.dkim").Data("bits"), "2048");
  EXPECT_EQ(Check(r, "domain.dmarc").Data("p"), "reject");
  EXPECT_EQ(Check(r, "domain.ptr").Data("confirmed"), "mail.good.test");
  EXPECT_EQ(Check(r, "domain.dnsbl").Data("state"), "not-listed");
  EXPECT_EQ(Check(r, "domain.gmail").Data("all_senders"), "ok");
  EXPECT_EQ(Check(r, "domain.yahoo").Data("bulk"), "ok");
}

TEST_F(DnsRigTest, SpfResultForTheIp) {
  ProbeReport inc = Domain(Opts("good.test", "192.0.2.30", {"sel1"}));
  const ProbeCheck& c = Check(inc, "domain.spf.ip");
  EXPECT_EQ(c.Data("result"), "pass");
  EXPECT_EQ(c.Data("matched"), "a:relay.good.test");
  EXPECT_EQ(c.Data("matched_in"), "_spf.good.test");

  ProbeReport fail = Domain(Opts("good.test", "203.0.113.5", {"sel1"}));
  const ProbeCheck& f = Check(fail, "domain.spf.ip");
  EXPECT_EQ(f.state, CheckState::kFail);
  EXPECT_EQ(f.Data("matched"), "-all");
  EXPECT_TRUE(f.HasFinding("probe.domain.spf.ip-fail"));

  ProbeReport soft = Domain(Opts("neutral.test", "203.0.113.5"));
  EXPECT_TRUE(Check(soft, "domain.spf.ip").HasFinding("probe.domain.spf.ip-neutral"));
  ProbeReport none = Domain(Opts("hosting.test", "192.0.2.10"));
  EXPECT_TRUE(Check(none, "domain.spf.ip").HasFinding("probe.domain.spf.ip-error"));
}

TEST_F(DnsRigTest, BrokenSpfRecords) {
  struct Case {
    const char* domain;
    CheckState state;
    const char* finding;
  } cases[] = {
      {"plusall.test", CheckState::kFail, "probe.domain.spf.pass-all"},
      {"syntax.test", CheckState::kFail, "probe.domain.spf.syntax"},
      {"many.test", CheckState::kFail, "probe.domain.spf.too-many-lookups"},
      {"twospf.test", CheckState::kFail, "probe.domain.spf.multiple"},
      {"void.test", CheckState::kFail, "probe.domain.spf.void-lookups"},
      {"neutral.test", CheckState::kWarn, "probe.domain.spf.neutral-all"},
      {"hosting.test", CheckState::kFail, "probe.domain.spf.missing"},
  };
  for (const Case& c : cases) {
    ProbeReport r = Domain(Opts(c.domain));
    const ProbeCheck& spf = Check(r, "domain.spf");
    EXPECT_EQ(spf.state, c.state) << c.domain;
    EXPECT_TRUE(spf.HasFinding(c.finding)) << c.domain << ": " << spf.said.en;
  }
  ProbeReport many = Domain(Opts("many.test"));
  EXPECT_EQ(Check(many, "domain.spf").Data("lookups"), "12");
  ProbeReport v = Domain(Opts("void.test"));
  EXPECT_EQ(Check(v, "domain.spf").Data("void_lookups"), "3");
}

TEST_F(DnsRigTest, DkimKeys) {
  ProbeReport r = Domain(Opts("good.test", "", {"sel1", "short", "weak", "revoked", "broken", "nosuch", "ed", "test"}));
  struct Want {
    CheckState state;
    const char* finding;
  } want[] = {
      {CheckState::kOk, nullptr},
      {CheckState::kWarn, "probe.domain.dkim.short"},
      {CheckState::kFail, "probe.domain.dkim.weak"},
      {CheckState::kFail, "probe.domain.dkim.revoked"},
      {CheckState::kFail, "probe.domain.dkim.syntax"},
      {CheckState::kFail, "probe.domain.dkim.missing"},
      {CheckState::kOk, nullptr},
      {CheckState::kWarn, "probe.domain.dkim.testing"},
  };
  for (size_t i = 0; i < std::size(want); ++i) {
    const ProbeCheck& c = Check(r, "domain.dkim", i);
    EXPECT_EQ(c.state, want[i].state) << c.Data("selector") << ": " << c.said.en;
    if (want[i].finding) {
      EXPECT_TRUE(c.HasFinding(want[i].finding)) << c.Data("selector");
    }
  }
  EXPECT_EQ(Check(r, "domain.dkim", 1).Data("bits"), "1024");
  EXPECT_EQ(Check(r, "domain.dkim", 2).Data("bits"), "512");
  EXPECT_EQ(Check(r, "domain.dkim", 6).Data("type"), "ed25519");

  // No selector: common ones are tried.
  ProbeReport guess = Domain(Opts("none.test"));
  EXPECT_EQ(Check(guess, "domain.dkim").Data("selector"), "mail");
  EXPECT_EQ(Check(guess, "domain.dkim").state, CheckState::kOk);
  ProbeReport nothing = Domain(Opts("plusall.test"));
  EXPECT_TRUE(Check(nothing, "domain.dkim").HasFinding("probe.domain.dkim.no-selector"));
  EXPECT_EQ(Check(nothing, "domain.dkim").state, CheckState::kInfo);
}

TEST_F(DnsRigTest, DmarcRecords) {
  ProbeReport sub = Domain(Opts("sub.good.test"));
  const ProbeCheck& s = Check(sub, "domain.dmarc");
  EXPECT_EQ(s.state, CheckState::kOk) << s.said.en;
  EXPECT_EQ(s.Data("name"), "_dmarc.good.test");
  EXPECT_EQ(s.Data("policy"), "reject");

  ProbeReport none = Domain(Opts("none.test"));
  const ProbeCheck& n = Check(none, "domain.dmarc");
  EXPECT_EQ(n.state, CheckState::kWarn);
  EXPECT_TRUE(n.HasFinding("probe.domain.dmarc.monitor-only"));
  EXPECT_TRUE(n.HasFinding("probe.domain.dmarc.no-rua"));

  EXPECT_TRUE(Check(Domain(Opts("pct.test")), "domain.dmarc").HasFinding("probe.domain.dmarc.partial"));
  const ProbeCheck bad = Check(Domain(Opts("baddmarc.test")), "domain.dmarc");
  EXPECT_EQ(bad.state, CheckState::kFail);
  EXPECT_TRUE(bad.HasFinding("probe.domain.dmarc.syntax"));
  EXPECT_EQ(bad.said.en, "p=block is not none, quarantine or reject");
  EXPECT_TRUE(Check(Domain(Opts("plusall.test")), "domain.dmarc").HasFinding("probe.domain.dmarc.missing"));
}

TEST_F(DnsRigTest, MxRecords) {
  ProbeReport nomx = Domain(Opts("nomx.test"));
  EXPECT_EQ(Check(nomx, "domain.mx").state, CheckState::kWarn);
  EXPECT_TRUE(Check(nomx, "domain.mx").HasFinding("probe.domain.mx.implicit"));
  ProbeReport nx = Domain(Opts("nowhere.test"));
  EXPECT_TRUE(Check(nx, "domain.mx").HasFinding("probe.domain.nxdomain"));
  EXPECT_TRUE(Check(nx, "domain.spf").HasFinding("probe.domain.spf.missing"));
}

TEST_F(DnsRigTest, ReverseDns) {
  ProbeReport other = Domain(Opts("good.test", "192.0.2.20"));
  EXPECT_TRUE(Check(other, "domain.ptr").HasFinding("probe.domain.ptr.not-confirmed"));
  ProbeReport dyn = Domain(Opts("good.test", "192.0.2.77"));
  EXPECT_EQ(Check(dyn, "domain.ptr").state, CheckState::kWarn);
  EXPECT_TRUE(Check(dyn, "domain.ptr").HasFinding("probe.domain.ptr.generic"));
  ProbeReport missing = Domain(Opts("good.test", "192.0.2.55"));
  EXPECT_TRUE(Check(missing, "domain.ptr").HasFinding("probe.domain.ptr.missing"));
  ProbeReport none = Domain(Opts("good.test"));
  EXPECT_EQ(Check(none, "domain.ptr").state, CheckState::kSkipped);
  EXPECT_EQ(Check(none, "domain.ptr").said.en, "needs --ip");
}

TEST_F(DnsRigTest, Blocklists) {
  ProbeReport listed = Domain(Opts("good.test", "192.0.2.66", {}, {"bl.test"}));
  const ProbeCheck& l = Check(listed, "domain.dnsbl");
  EXPECT_EQ(l.state, CheckState::kFail);
  EXPECT_EQ(l.Data("codes"), "127.0.0.2");
  EXPECT_TRUE(l.HasFinding("probe.domain.dnsbl.listed"));
  ASSERT_EQ(l.verdicts.size(), 1u);
  EXPECT_EQ(l.verdicts[0].rule_id, "dnsbl.generic");
  EXPECT_EQ(l.verdicts[0].Detail("listed_ip"), "192.0.2.66");
  bool reason = false;
  for (const auto& m : l.more) reason = reason || m.en.find("listed for testing") != std::string::npos;
  EXPECT_TRUE(reason);

  ProbeReport pbl = Domain(Opts("good.test", "192.0.2.77", {}, {"zen.spamhaus.org"}));
  const ProbeCheck& p = Check(pbl, "domain.dnsbl");
  EXPECT_EQ(p.Data("codes"), "127.0.0.10");
  ASSERT_FALSE(p.more.empty());
  EXPECT_NE(p.more[0].en.find("PBL (ISP maintained)"), std::string::npos);
  ASSERT_EQ(p.verdicts.size(), 1u);
  EXPECT_EQ(p.verdicts[0].rule_id, "dnsbl.spamhaus.pbl");

  ProbeReport refused = Domain(Opts("good.test", "192.0.2.10", {}, {"refused.test", "deadbl.test"}));
  EXPECT_EQ(Check(refused, "domain.dnsbl", 0).state, CheckState::kWarn);
  EXPECT_TRUE(Check(refused, "domain.dnsbl", 0).HasFinding("probe.domain.dnsbl.resolver-refused"));
  EXPECT_TRUE(Check(refused, "domain.dnsbl", 1).HasFinding("probe.domain.dnsbl.bogus"));

  ProbeReport unusable = Domain(Opts("good.test", "192.0.2.11", {}, {"refused.test", "notalist.example"}));
  EXPECT_TRUE(Check(unusable, "domain.dnsbl", 0).HasFinding("probe.domain.dnsbl.unusable"));
  EXPECT_TRUE(Check(unusable, "domain.dnsbl", 1).HasFinding("probe.domain.dnsbl.error"));  // REFUSED
}

TEST_F(DnsRigTest, EnvelopeSenderAlignment) {
  ProbeReport r = Domain(Opts("good.test", "192.0.2.10", {"sel1"}, {"bl.test"}, "apache@web01.hosting.test"));
  const ProbeCheck& f = Check(r, "domain.from");
  EXPECT_EQ(f.state, CheckState::kFail);
  EXPECT_TRUE(f.HasFinding("probe.domain.from.not-aligned"));
  EXPECT_TRUE(f.HasFinding("probe.domain.from.host-name"));
  // SPF is judged for the envelope domain, which has none.
  EXPECT_EQ(Check(r, "domain.spf").Data("domain"), "web01.hosting.test");
  EXPECT_TRUE(Check(r, "domain.spf").HasFinding("probe.domain.spf.missing"));
  // DKIM for good.test still aligns, so the providers' rules are met through DKIM.
  EXPECT_EQ(Check(r, "domain.gmail").Data("all_senders"), "ok");
  EXPECT_EQ(Check(r, "domain.gmail").Data("bulk"), "fail");  // SPF and DKIM both needed

  ProbeReport sub = Domain(Opts("good.test", "192.0.2.10", {"sel1"}, {"bl.test"}, "bounce@sub.good.test"));
  EXPECT_EQ(Check(sub, "domain.from").state, CheckState::kOk);
}

TEST_F(DnsRigTest, ProviderRequirements) {
  ProbeReport bad = Domain(Opts("nomx.test", "192.0.2.55", {}, {"bl.test"}));
  EXPECT_EQ(Check(bad, "domain.gmail").state, CheckState::kFail);
  EXPECT_TRUE(Check(bad, "domain.gmail").HasFinding("probe.domain.gmail.all-senders"));
  EXPECT_TRUE(Check(bad, "domain.yahoo").HasFinding("probe.domain.yahoo.all-senders"));

  ProbeReport bulk = Domain(Opts("good.test", "192.0.2.10", {"revoked"}, {"bl.test"}));
  EXPECT_EQ(Check(bulk, "domain.gmail").state, CheckState::kWarn);
  EXPECT_TRUE(Check(bulk, "domain.gmail").HasFinding("probe.domain.gmail.bulk"));
  EXPECT_TRUE(Check(bulk, "domain.yahoo").HasFinding("probe.domain.yahoo.bulk"));
}

TEST_F(DnsRigTest, ServFailEverywhere) {
  DnsResponder servfail(DnsResponder::Mode::kServFail);
  std::unique_ptr<Resolver> r;
  ResolverOptions o;
  o.server = servfail.server();
  o.timeout_ms = 300;
  o.tries = 1;
  ASSERT_TRUE(MakeAresResolver(o, &r).ok());
  ProbeReport rep;
  ASSERT_TRUE(RunDomainProbe(Opts("good.test", "192.0.2.10", {"sel1"}), *r, Rules().get(), &rep).ok());
  for (const char* id : {"domain.mx", "domain.spf", "domain.dkim", "domain.dmarc"}) {
    EXPECT_TRUE(Check(rep, id).HasFinding("probe.domain.dns-failure")) << id;
  }
  EXPECT_EQ(Check(rep, "domain.spf.ip").Data("result"), "temperror");
  EXPECT_TRUE(Check(rep, "domain.dnsbl").HasFinding("probe.domain.dnsbl.error"));
  // Nothing could be established: no requirement is called unmet.
  EXPECT_EQ(Check(rep, "domain.gmail").state, CheckState::kInfo);
  EXPECT_EQ(Check(rep, "domain.yahoo").state, CheckState::kInfo);
  // Without --selector the guesses fail the same way: a DNS failure, not "no key".
  ProbeReport guess;
  ASSERT_TRUE(RunDomainProbe(Opts("good.test"), *r, Rules().get(), &guess).ok());
  EXPECT_TRUE(Check(guess, "domain.dkim").HasFinding("probe.domain.dns-failure"));
}

// The same checks on the in-memory zone: no processes needed.
TEST(DomainProbe, ArgumentsAreChecked) {
  FakeResolver dns;
  ProbeReport r;
  DomainProbeOptions o;
  o.domain = "not a domain";
  EXPECT_EQ(RunDomainProbe(o, dns, nullptr, &r).ToString(), "'not a domain' is not a domain name");
  o.domain = "example.com";
  o.ip = "300.1.1.1";
  EXPECT_EQ(RunDomainProbe(o, dns, nullptr, &r).ToString(), "'300.1.1.1' is not an IP address");
  o.ip = "";
  o.from = "someone@";
  EXPECT_FALSE(RunDomainProbe(o, dns, nullptr, &r).ok());
}

TEST(DomainProbe, NullMxOnTheFakeZone) {
  FakeResolver dns;
  dns.AddMx("nullmx.example", 0, "");
  dns.Add("nullmx.example", DnsType::kTxt, "v=spf1 -all");
  ProbeReport r;
  DomainProbeOptions o;
  o.domain = "nullmx.example";
  ASSERT_TRUE(RunDomainProbe(o, dns, Rules().get(), &r).ok());
  EXPECT_TRUE(r.Find("domain.mx")->HasFinding("probe.domain.mx.null"));
  // Every finding the probe emits has its texts in the knowledge base.
  for (const auto& c : r.checks) {
    for (const auto& f : c.findings) EXPECT_NE(f.rule, nullptr) << f.id;
  }
}

TEST(ReverseDnsNames, GenericLooking) {
  EXPECT_TRUE(LooksGeneric("192-0-2-77.dynamic.isp.example", "192.0.2.77"));
  EXPECT_TRUE(LooksGeneric("77.2.0.192.broadband.example", "192.0.2.77"));
  EXPECT_TRUE(LooksGeneric("p1234-ipngn.dsl.example.ne.jp", "203.0.113.5"));
  EXPECT_TRUE(LooksGeneric("c000024d.pool.example.net", "192.0.2.77"));
  EXPECT_FALSE(LooksGeneric("mail.example.com", "192.0.2.77"));
  EXPECT_FALSE(LooksGeneric("mx1.example.co.jp", "192.0.2.77"));
}

TEST(DnsblMeanings, SpamhausCodes) {
  EXPECT_EQ(DnsblMeaning("zen.spamhaus.org", "127.0.0.4").substr(0, 4), "XBL:");
  EXPECT_EQ(DnsblMeaning("zen.spamhaus.org", "127.0.0.11").substr(0, 26), "PBL (Spamhaus maintained):");
  EXPECT_NE(DnsblMeaning("zen.spamhaus.org", "127.255.255.254").find("not a listing"), std::string::npos);
  EXPECT_EQ(DnsblMeaning("bl.example", "127.0.0.2"), "listed");
  EXPECT_EQ(ReversedAddress("2001:db8::1").substr(0, 8), "1.0.0.0.");
}

TEST(DkimKeyRecord, Tags) {
  DkimKey k;
  EXPECT_TRUE(ParseDkimKey("v=DKIM1; p=", &k).ok());
  EXPECT_TRUE(k.revoked);
  EXPECT_EQ(ParseDkimKey("v=DKIM2; p=abc", &k).ToString(), "v=DKIM2 is not DKIM1");
  EXPECT_EQ(ParseDkimKey("k=dsa; p=abcd", &k).ToString(), "k=dsa: unknown key type");
  EXPECT_EQ(ParseDkimKey("v=DKIM1; k=rsa", &k).ToString(), "no p= tag (the public key)");
  EXPECT_EQ(ParseDkimKey("v=DKIM1; p=AAAA", &k).ToString(), "p= is not an RSA public key");
}

}  // namespace
}  // namespace mailwhy
