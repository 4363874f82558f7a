// smtp_probe_test - `probe smtp` against scripted servers on 127.0.0.1: every step's
// verdict, refused / timed-out connections, refusing greetings, STARTTLS with a test CA,
// implicit TLS, AUTH before and after TLS; and the parsers it rests on.
#include "probe/smtp_probe.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "diagnose/classifier_testing.h"
#include "probe/fake_resolver.h"
#include "probe/probe_render.h"
#include "probe/probe_testing.h"
#include "probe/smtp_capabilities.h"
#include "probe/smtp_target.h"

namespace mailwhy {
namespace {

using probe_testing::BlackholePort;
using probe_testing::ClosedPort;
using probe_testing::MakeTestPki;
using probe_testing::ScriptedServer;
using probe_testing::ServerConn;
using probe_testing::TestPki;

std::shared_ptr<const Classifier> Rules() { return BuiltInClassifier(); }

// How a scripted ESMTP server behaves.
struct Behaviour {
  std::string banner = "220 mx.test ESMTP\r\n";
  std::string ehlo = "250-mx.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n";
  std::string starttls = "220 2.0.0 Ready to start TLS\r\n";
  std::string ehlo_tls = "250-mx.test\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";
  std::string helo = "250 mx.test\r\n";
  const TestPki* pki = nullptr;
  bool implicit_tls = false;
};

void Converse(ServerConn& c, const Behaviour& b) {
  if (b.implicit_tls && !c.AcceptTls(*b.pki)) return;
  c.Send(b.banner);
  for (;;) {
    std::string line = c.ReadLine();
    if (line.empty()) return;
    std::string verb = line.substr(0, 4);
    if (verb == "EHLO") {
      c.Send(b.ehlo);
    } else if (verb == "HELO") {
      c.Send(b.helo);
    } else if (line == "STARTTLS") {
      c.Send(b.starttls);
      if (b.starttls[0] != '2' || !c.AcceptTls(*b.pki)) return;
      Behaviour after = b;
      after.ehlo = b.ehlo_tls;
      for (;;) {
        std::string l = c.ReadLine();
        if (l.empty()) return;
        if (l.rfind("EHLO", 0) == 0) c.Send(after.ehlo);
        else if (l == "QUIT") return c.Send("221 2.0.0 Bye\r\n");
        else c.Send("502 5.5.2 Error: command not recognized\r\n");
      }
    } else if (verb == "QUIT") {
      c.Send("221 2.0.0 Bye\r\n");
      return;
    } else {
      c.Send("502 5.5.2 Error: command not recognized\r\n");
    }
  }
}

class SmtpProbeTest : public ::testing::Test {
 protected:
  void SetUp() override { dns_.Add("mx.test", DnsType::kA, "127.0.0.1"); }

  ProbeReport Probe(const std::string& target, SmtpProbeOptions o = {}) {
    o.target = target;
    if (o.timeout == 10) o.timeout = 2;
    ProbeReport r;
    Status s = RunSmtpProbe(o, dns_, Rules().get(), &r);
    EXPECT_TRUE(s.ok()) << s.ToString();
    // Every report renders in both languages and as JSON.
    std::string out;
    AppendProbeText(r, Lang::kJa, false, 80, &out);
    AppendProbeText(r, Lang::kEn, true, 80, &out);
    AppendProbeJson(r, Lang::kEn, &out);
    EXPECT_FALSE(out.empty());
    return r;
  }
  static CheckState State(const ProbeReport& r, const char* id) {
    const ProbeCheck* c = r.Find(id);
    EXPECT_NE(c, nullptr) << id;
    return c ? c->state : CheckState::kSkipped;
  }
  static bool Has(const ProbeReport& r, const char* check, const char* finding) {
    const ProbeCheck* c = r.Find(check);
    return c && c->HasFinding(finding);
  }
  std::string CaFile(const TestPki& pki) {
    std::string path = ::testing::TempDir() + "mailwhy-probe-ca-" + std::to_string(getpid()) + ".pem";
    std::ofstream(path) << pki.ca_pem;
    files_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& f : files_) std::remove(f.c_str());
  }

  FakeResolver dns_;
  std::vector<std::string> files_;
};

TEST_F(SmtpProbeTest, ClosedPortIsRefusedAndLaterStepsAreSkipped) {
  int port = ClosedPort();
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(State(r, "smtp.resolve"), CheckState::kOk);
  EXPECT_EQ(State(r, "smtp.connect"), CheckState::kFail);
  EXPECT_TRUE(Has(r, "smtp.connect", "probe.smtp.connect.refused"));
  EXPECT_EQ(r.Find("smtp.connect")->Data("error"), "refused");
  EXPECT_EQ(State(r, "smtp.banner"), CheckState::kSkipped);
  EXPECT_EQ(State(r, "smtp.quit"), CheckState::kSkipped);
  EXPECT_TRUE(r.failed());
  // The finding has its texts from rules/60-probe.toml, placeholders filled.
  const Finding& f = r.Find("smtp.connect")->findings[0];
  ASSERT_NE(f.rule, nullptr);
}

TEST_F(SmtpProbeTest, DroppedSynTimesOut) {
  BlackholePort hole;
  SmtpProbeOptions o;
  o.timeout = 0.5;
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(hole.port()), o);
  EXPECT_EQ(State(r, "smtp.connect"), CheckState::kFail);
  EXPECT_EQ(r.Find("smtp.connect")->Data("error"), "timeout");
  EXPECT_TRUE(Has(r, "smtp.connect", "probe.smtp.connect.timeout"));
  EXPECT_LT(r.Find("smtp.connect")->seconds, 2.0);
}

TEST(SmtpConnectFinding, TimeoutOnPort25PointsAtOutboundBlocking) {
  EXPECT_STREQ(ConnectFindingId(ConnectError::kTimeout, 25), "probe.smtp.connect.timeout.port25");
  EXPECT_STREQ(ConnectFindingId(ConnectError::kTimeout, 587), "probe.smtp.connect.timeout");
  EXPECT_STREQ(ConnectFindingId(ConnectError::kRefused, 25), "probe.smtp.connect.refused");
  EXPECT_STREQ(ConnectFindingId(ConnectError::kUnreachable, 25), "probe.smtp.connect.unreachable");
  EXPECT_STREQ(ConnectFindingId(ConnectError::kOther, 25), "probe.smtp.connect.failed");
}

TEST_F(SmtpProbeTest, SilentServerGivesNoGreeting) {
  ScriptedServer server(nullptr);
  SmtpProbeOptions o;
  o.timeout = 0.5;
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(server.port()), o);
  EXPECT_EQ(State(r, "smtp.connect"), CheckState::kOk);
  EXPECT_EQ(State(r, "smtp.banner"), CheckState::kFail);
  EXPECT_TRUE(Has(r, "smtp.banner", "probe.smtp.banner.timeout.plain"));
  EXPECT_EQ(State(r, "smtp.ehlo"), CheckState::kSkipped);
}

TEST_F(SmtpProbeTest, RefusingGreetingIsClassifiedLikeALogLine) {
  ScriptedServer server([](ServerConn& c) {
    c.Send("554 5.7.1 Service unavailable; client [127.0.0.1] blocked using zen.spamhaus.org\r\n");
    c.ReadLine();
  });
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(server.port()));
  const ProbeCheck* b = r.Find("smtp.banner");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->state, CheckState::kFail);
  EXPECT_EQ(b->Data("code"), "554");
  EXPECT_TRUE(b->HasFinding("probe.smtp.banner.refused"));
  ASSERT_EQ(b->verdicts.size(), 1u);
  EXPECT_EQ(b->verdicts[0].rule_id, "dnsbl.spamhaus");
  EXPECT_EQ(b->verdicts[0].Detail("dnsbl"), "zen.spamhaus.org");
  EXPECT_EQ(State(r, "smtp.ehlo"), CheckState::kSkipped);
}

TEST_F(SmtpProbeTest, TemporaryGreetingAndMultiLineGreeting) {
  ScriptedServer busy([](ServerConn& c) { c.Send("421 4.3.2 Service not available, closing\r\n"); });
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(busy.port()));
  EXPECT_TRUE(Has(r, "smtp.banner", "probe.smtp.banner.temporary"));

  // postscreen's multi-line greeting is read whole before EHLO is sent.
  Behaviour b;
  b.banner = "220-mx.test ESMTP\r\n220-please wait\r\n220 mx.test ESMTP\r\n";
  b.ehlo = "250-mx.test\r\n250 PIPELINING\r\n";
  ScriptedServer multi([&](ServerConn& c) { Converse(c, b); });
  ProbeReport m = Probe("127.0.0.1:" + std::to_string(multi.port()));
  EXPECT_EQ(State(m, "smtp.banner"), CheckState::kOk);
  EXPECT_EQ(State(m, "smtp.ehlo"), CheckState::kOk);
  multi.Stop();
  ASSERT_FALSE(multi.received().empty());
  EXPECT_EQ(multi.received()[0].rfind("EHLO ", 0), 0u);
}

TEST_F(SmtpProbeTest, AnotherServiceOnThePort) {
  ScriptedServer ssh([](ServerConn& c) {
    c.Send("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
    c.ReadLine();
  });
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(ssh.port()));
  EXPECT_TRUE(Has(r, "smtp.banner", "probe.smtp.banner.not-smtp"));
  EXPECT_NE(r.Find("smtp.banner")->said.en.find("SSH-2.0"), std::string::npos);
}

TEST_F(SmtpProbeTest, ClosedBeforeGreetingAndAfterIt) {
  ScriptedServer gone([](ServerConn&) {});
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(gone.port()));
  EXPECT_TRUE(Has(r, "smtp.banner", "probe.smtp.banner.closed"));

  ScriptedServer after([](ServerConn& c) { c.Send("220 mx.test ESMTP\r\n"); });
  ProbeReport a = Probe("127.0.0.1:" + std::to_string(after.port()));
  EXPECT_EQ(State(a, "smtp.banner"), CheckState::kOk);
  EXPECT_TRUE(Has(a, "smtp.ehlo", "probe.smtp.closed"));
}

TEST_F(SmtpProbeTest, NoStartTlsAndAuthInClearText) {
  Behaviour b;
  b.ehlo = "250-mx.test\r\n250-AUTH PLAIN LOGIN\r\n250-AUTH=PLAIN LOGIN\r\n250 PIPELINING\r\n";
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(State(r, "smtp.starttls"), CheckState::kWarn);
  EXPECT_TRUE(Has(r, "smtp.starttls", "probe.smtp.starttls.missing"));
  EXPECT_EQ(State(r, "smtp.tls"), CheckState::kSkipped);
  EXPECT_EQ(State(r, "smtp.auth"), CheckState::kWarn);
  EXPECT_TRUE(Has(r, "smtp.auth", "probe.smtp.auth.cleartext"));
  EXPECT_EQ(State(r, "smtp.quit"), CheckState::kOk);
  EXPECT_FALSE(r.failed());

  // --starttls makes the missing STARTTLS a failure.
  SmtpProbeOptions o;
  o.require_starttls = true;
  ProbeReport strict = Probe("127.0.0.1:" + std::to_string(server.port()), o);
  EXPECT_EQ(State(strict, "smtp.starttls"), CheckState::kFail);
  EXPECT_EQ(State(strict, "smtp.tls"), CheckState::kSkipped);
  EXPECT_TRUE(strict.failed());
}

TEST_F(SmtpProbeTest, StartTlsWithTrustedCertificateAndAuthOnlyAfterTls) {
  TestPki pki = MakeTestPki("mx.test");
  Behaviour b;
  b.pki = &pki;
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  SmtpProbeOptions o;
  o.ca_file = CaFile(pki);
  o.helo = "probe.example";
  ProbeReport r = Probe("mx.test:" + std::to_string(server.port()), o);
  for (const char* id : {"smtp.resolve", "smtp.connect", "smtp.banner", "smtp.ehlo", "smtp.starttls", "smtp.tls",
                         "smtp.certificate", "smtp.ehlo-tls", "smtp.auth", "smtp.quit"}) {
    EXPECT_EQ(State(r, id), CheckState::kOk) << id;
  }
  EXPECT_EQ(r.Find("smtp.tls")->Data("protocol"), "TLSv1.3");
  EXPECT_EQ(r.Find("smtp.certificate")->Data("names"), "mx.test");
  EXPECT_EQ(r.Find("smtp.certificate")->Data("trusted"), "true");
  EXPECT_EQ(r.Find("smtp.auth")->Data("after_tls"), "PLAIN LOGIN");
  EXPECT_NE(r.Find("smtp.ehlo")->Data("extensions").find("SIZE 10240000"), std::string::npos);
  EXPECT_TRUE(r.FindingIds().empty());
  server.Stop();
  // The probe never sends a message: EHLO, STARTTLS, EHLO, QUIT and nothing else.
  std::vector<std::string> want = {"EHLO probe.example", "STARTTLS", "EHLO probe.example", "QUIT"};
  EXPECT_EQ(server.received(), want);
}

TEST_F(SmtpProbeTest, UntrustedCertificateIsAFailureOffPort25) {
  TestPki pki = MakeTestPki("mx.test");
  Behaviour b;
  b.pki = &pki;
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  ProbeReport r = Probe("mx.test:" + std::to_string(server.port()));  // system roots only
  EXPECT_EQ(State(r, "smtp.tls"), CheckState::kOk);
  EXPECT_EQ(State(r, "smtp.certificate"), CheckState::kFail);
  EXPECT_TRUE(Has(r, "smtp.certificate", "probe.smtp.certificate.untrusted"));
  EXPECT_FALSE(Has(r, "smtp.certificate", "probe.smtp.certificate.name-mismatch"));
  EXPECT_EQ(State(r, "smtp.ehlo-tls"), CheckState::kOk);  // the session goes on
}

TEST_F(SmtpProbeTest, WrongNameAndExpiredCertificate) {
  TestPki other = MakeTestPki("other.test");
  Behaviour b;
  b.pki = &other;
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  SmtpProbeOptions o;
  o.ca_file = CaFile(other);
  ProbeReport r = Probe("mx.test:" + std::to_string(server.port()), o);
  EXPECT_TRUE(Has(r, "smtp.certificate", "probe.smtp.certificate.name-mismatch"));
  EXPECT_FALSE(Has(r, "smtp.certificate", "probe.smtp.certificate.untrusted"));

  TestPki old = MakeTestPki("mx.test", -86400 * 60, -86400);
  Behaviour e;
  e.pki = &old;
  ScriptedServer expired([&](ServerConn& c) { Converse(c, e); });
  o.ca_file = CaFile(old);
  ProbeReport x = Probe("mx.test:" + std::to_string(expired.port()), o);
  EXPECT_TRUE(Has(x, "smtp.certificate", "probe.smtp.certificate.expired"));
  EXPECT_EQ(x.Find("smtp.certificate")->Data("days_left"), "-2");
}

TEST_F(SmtpProbeTest, RefusedStartTlsIsClassified) {
  Behaviour b;
  b.starttls = "454 4.7.0 TLS not available due to local problem\r\n";
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(State(r, "smtp.starttls"), CheckState::kFail);
  EXPECT_TRUE(Has(r, "smtp.starttls", "probe.smtp.starttls.refused"));
  ASSERT_EQ(r.Find("smtp.starttls")->verdicts.size(), 1u);
  EXPECT_EQ(State(r, "smtp.tls"), CheckState::kSkipped);
}

TEST_F(SmtpProbeTest, ImplicitTls) {
  TestPki pki = MakeTestPki("mx.test");
  Behaviour b;
  b.pki = &pki;
  b.implicit_tls = true;
  b.ehlo = "250-mx.test\r\n250-AUTH PLAIN\r\n250 PIPELINING\r\n";
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  SmtpProbeOptions o;
  o.implicit_tls = true;
  o.ca_file = CaFile(pki);
  ProbeReport r = Probe("mx.test:" + std::to_string(server.port()), o);
  ASSERT_GE(r.checks.size(), 4u);
  EXPECT_EQ(r.checks[2].id, "smtp.tls");  // TLS comes before the greeting
  EXPECT_EQ(State(r, "smtp.tls"), CheckState::kOk);
  EXPECT_EQ(State(r, "smtp.certificate"), CheckState::kOk);
  EXPECT_EQ(State(r, "smtp.banner"), CheckState::kOk);
  EXPECT_EQ(State(r, "smtp.auth"), CheckState::kOk);
  EXPECT_EQ(r.Find("smtp.starttls"), nullptr);

  // Implicit TLS against a plain server: it answers in plain text.
  ScriptedServer plain([](ServerConn& c) {
    c.Send("220 mx.test ESMTP\r\n");
    c.ReadLine();
  });
  ProbeReport p = Probe("127.0.0.1:" + std::to_string(plain.port()), o);
  EXPECT_TRUE(Has(p, "smtp.tls", "probe.smtp.tls.plain-answer"));
  EXPECT_EQ(State(p, "smtp.banner"), CheckState::kSkipped);
}

TEST_F(SmtpProbeTest, EhloRefusedFallsBackToHelo) {
  Behaviour b;
  b.ehlo = "502 5.5.2 Error: command not recognized\r\n";
  ScriptedServer server([&](ServerConn& c) { Converse(c, b); });
  ProbeReport r = Probe("127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(State(r, "smtp.ehlo"), CheckState::kWarn);
  EXPECT_TRUE(Has(r, "smtp.ehlo", "probe.smtp.ehlo.refused"));

  b.helo = "550 5.7.1 <localhost>: Helo command rejected: need fully-qualified hostname\r\n";
  ScriptedServer strict([&](ServerConn& c) { Converse(c, b); });
  ProbeReport s = Probe("127.0.0.1:" + std::to_string(strict.port()));
  EXPECT_EQ(State(s, "smtp.ehlo"), CheckState::kFail);
  EXPECT_TRUE(Has(s, "smtp.ehlo", "probe.smtp.helo.refused"));
  EXPECT_EQ(s.Find("smtp.ehlo")->verdicts.size(), 1u);
}

TEST_F(SmtpProbeTest, NameLookupOutcomes) {
  dns_.AddMx("nullmx.test", 0, "");
  dns_.AddMx("mail.test", 10, "mx1.mail.test");
  dns_.AddMx("mail.test", 20, "mx2.mail.test");
  dns_.Add("mx1.mail.test", DnsType::kTxt, "no address here");
  dns_.Fail("broken.test", DnsType::kMx, DnsOutcome::kServFail);

  ProbeReport n = Probe("nowhere.test");
  EXPECT_TRUE(Has(n, "smtp.resolve", "probe.smtp.resolve.nxdomain"));
  EXPECT_EQ(State(n, "smtp.connect"), CheckState::kSkipped);

  ProbeReport null = Probe("nullmx.test");
  EXPECT_TRUE(Has(null, "smtp.resolve", "probe.smtp.resolve.null-mx"));

  ProbeReport mx = Probe("mail.test");
  EXPECT_TRUE(Has(mx, "smtp.resolve", "probe.smtp.resolve.no-address"));
  EXPECT_EQ(mx.Find("smtp.resolve")->Data("mx"), "10 mx1.mail.test, 20 mx2.mail.test");
  EXPECT_NE(mx.Find("smtp.resolve")->said.en.find("mx1.mail.test"), std::string::npos);

  ProbeReport broken = Probe("broken.test");
  EXPECT_TRUE(Has(broken, "smtp.resolve", "probe.smtp.resolve.dns-failure"));
  EXPECT_EQ(broken.Find("smtp.resolve")->Data("dns"), "servfail");

  // A port or brackets: no MX lookup.
  ProbeReport direct = Probe("[mail.test]:2525");
  EXPECT_TRUE(Has(direct, "smtp.resolve", "probe.smtp.resolve.no-address"));  // MX only
  EXPECT_EQ(dns_.asked().back(), "AAAA mail.test");
}

TEST(SmtpTarget, Forms) {
  struct Case {
    const char* text;
    const char* host;
    int port;
    bool mx;
    bool ip;
  } cases[] = {
      {"mail.example.com:587", "mail.example.com", 587, false, false},
      {"example.com", "example.com", 0, true, false},
      {"example.com.", "example.com", 0, true, false},
      {"[mail.example.com]", "mail.example.com", 0, false, false},
      {"[mail.example.com]:25", "mail.example.com", 25, false, false},
      {"192.0.2.10", "192.0.2.10", 0, false, true},
      {"192.0.2.10:465", "192.0.2.10", 465, false, true},
      {"2001:db8::25", "2001:db8::25", 0, false, true},
      {"[2001:db8::25]:2525", "2001:db8::25", 2525, false, true},
  };
  for (const Case& c : cases) {
    SmtpTarget t;
    ASSERT_TRUE(ParseSmtpTarget(c.text, &t).ok()) << c.text;
    EXPECT_EQ(t.host, c.host) << c.text;
    EXPECT_EQ(t.port, c.port) << c.text;
    EXPECT_EQ(t.use_mx, c.mx) << c.text;
    EXPECT_EQ(t.is_ip, c.ip) << c.text;
  }
  SmtpTarget t;
  EXPECT_EQ(ParseSmtpTarget("mail.example.com:99999", &t).ToString(), "bad port in 'mail.example.com:99999'");
  EXPECT_EQ(ParseSmtpTarget("mail.example.com:", &t).ToString(), "bad port in 'mail.example.com:'");
  EXPECT_EQ(ParseSmtpTarget("a b", &t).ToString(), "'a b' is not a host name or address");
  EXPECT_FALSE(ParseSmtpTarget("[::1", &t).ok());
  EXPECT_FALSE(ParseSmtpTarget("", &t).ok());
}

TEST(SmtpCapabilities, ParsesExtensions) {
  SmtpReply r;
  r.code = 250;
  r.lines = {"mx.example.com Hello", "PIPELINING", "SIZE 10240000", "starttls", "AUTH PLAIN LOGIN",
             "AUTH=LOGIN XOAUTH2", "SMTPUTF8", "8BITMIME", ""};
  SmtpCapabilities c = ParseEhlo(r);
  EXPECT_EQ(c.greeting, "mx.example.com Hello");
  EXPECT_TRUE(c.starttls);
  EXPECT_TRUE(c.pipelining);
  EXPECT_TRUE(c.smtputf8);
  EXPECT_TRUE(c.eightbitmime);
  EXPECT_FALSE(c.chunking);
  EXPECT_EQ(c.size, 10240000u);
  std::vector<std::string> auth = {"PLAIN", "LOGIN", "XOAUTH2"};
  EXPECT_EQ(c.auth, auth);
  EXPECT_EQ(CapabilityList(c), "PIPELINING, SIZE 10240000, STARTTLS, AUTH PLAIN LOGIN XOAUTH2, SMTPUTF8, 8BITMIME");
}

TEST(SmtpReply, WireAndText) {
  SmtpReply r;
  r.code = 554;
  r.lines = {"5.7.1 first", "second"};
  EXPECT_EQ(r.Wire(), "554-5.7.1 first\n554 second");
  EXPECT_EQ(r.Text(), "5.7.1 first second");
}

}  // namespace
}  // namespace mailwhy
