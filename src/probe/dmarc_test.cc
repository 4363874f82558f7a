// dmarc_test - DMARC records on literal text, and the organisational domain.
#include <gtest/gtest.h>

#include "probe/dmarc_record.h"
#include "probe/org_domain.h"

namespace mailwhy {
namespace {

TEST(DmarcRecord, ParsesTags) {
  DmarcRecord d;
  ASSERT_TRUE(ParseDmarc("v=DMARC1; p=quarantine; sp=reject; pct=50; adkim=s; aspf=r; "
                         "rua=mailto:dmarc@example.com,mailto:x@report.example.net!10m; ruf=mailto:f@example.com; "
                         "fo=1; t=y; np=reject; future=1",
                         &d)
                  .ok());
  EXPECT_EQ(d.p, "quarantine");
  EXPECT_EQ(d.sp, "reject");
  EXPECT_EQ(d.np, "reject");
  EXPECT_EQ(d.pct, 50);
  EXPECT_TRUE(d.has_pct);
  EXPECT_TRUE(d.testing);
  EXPECT_EQ(d.adkim, 's');
  EXPECT_EQ(d.aspf, 'r');
  std::vector<std::string> rua = {"mailto:dmarc@example.com", "mailto:x@report.example.net!10m"};
  EXPECT_EQ(d.rua, rua);
  EXPECT_EQ(d.ruf.size(), 1u);
  EXPECT_EQ(d.unknown, std::vector<std::string>{"future"});
}

TEST(DmarcRecord, DefaultsAndTolerance) {
  DmarcRecord d;
  ASSERT_TRUE(ParseDmarc("v=DMARC1;p=none", &d).ok());
  EXPECT_EQ(d.p, "none");
  EXPECT_EQ(d.SubdomainPolicy(), "none");
  EXPECT_EQ(d.pct, 100);
  EXPECT_FALSE(d.has_pct);
  EXPECT_EQ(d.adkim, 'r');
  EXPECT_TRUE(d.rua.empty());

  ASSERT_TRUE(ParseDmarc(" v = DMARC1 ; P=Reject ; sp=none ;", &d).ok());
  EXPECT_EQ(d.p, "reject");
  EXPECT_EQ(d.SubdomainPolicy(), "none");
  EXPECT_EQ(d.NonExistentPolicy(), "none");

  // No p= but rua=: read as p=none (RFC 7489 6.6.3).
  ASSERT_TRUE(ParseDmarc("v=DMARC1; rua=mailto:d@example.com", &d).ok());
  EXPECT_EQ(d.p, "none");
  EXPECT_EQ(d.warnings.size(), 1u);

  ASSERT_TRUE(ParseDmarc("v=DMARC1; p=none; p=reject", &d).ok());
  EXPECT_EQ(d.p, "none");
  EXPECT_EQ(d.warnings, std::vector<std::string>{"'p' is given twice; the first value counts"});
}

TEST(DmarcRecord, Errors) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"p=none; v=DMARC1", "not a DMARC record (it must start with v=DMARC1)"},
      {"v=DMARC2; p=none", "not a DMARC record (it must start with v=DMARC1)"},
      {"v=DMARC1; p=block", "p=block is not none, quarantine or reject"},
      {"v=DMARC1", "no p= tag (the policy is required)"},
      {"v=DMARC1; p=none; pct=150", "pct=150 is not a number from 0 to 100"},
      {"v=DMARC1; p=none; adkim=x", "adkim=x is not r or s"},
      {"v=DMARC1; p=none; sp=maybe", "sp=maybe is not none, quarantine or reject"},
  };
  for (const Case& c : cases) {
    DmarcRecord d;
    EXPECT_EQ(ParseDmarc(c.text, &d).ToString(), c.want) << c.text;
  }
  EXPECT_TRUE(IsDmarcRecord("v=DMARC1"));
  EXPECT_FALSE(IsDmarcRecord("v=spf1 -all"));
}

TEST(OrgDomain, SuffixList) {
  EXPECT_EQ(OrganizationalDomain("mail.example.com"), "example.com");
  EXPECT_EQ(OrganizationalDomain("a.b.example.com."), "example.com");
  EXPECT_EQ(OrganizationalDomain("Example.COM"), "example.com");
  EXPECT_EQ(OrganizationalDomain("mail.example.co.jp"), "example.co.jp");
  EXPECT_EQ(OrganizationalDomain("example.co.jp"), "example.co.jp");
  EXPECT_EQ(OrganizationalDomain("www.example.org.uk"), "example.org.uk");
  EXPECT_EQ(OrganizationalDomain("example.jp"), "example.jp");
  EXPECT_EQ(OrganizationalDomain("com"), "com");
}

TEST(OrgDomain, Alignment) {
  EXPECT_TRUE(DomainsAligned("bounce.example.com", "example.com", 'r'));
  EXPECT_FALSE(DomainsAligned("bounce.example.com", "example.com", 's'));
  EXPECT_TRUE(DomainsAligned("EXAMPLE.com", "example.com.", 's'));
  EXPECT_FALSE(DomainsAligned("xxxx.hmk-temp.com", "example.co.jp", 'r'));
  EXPECT_FALSE(DomainsAligned("a.example.co.jp", "b.other.co.jp", 'r'));
}

}  // namespace
}  // namespace mailwhy
