// org_domain - organisational domains from a small suffix list (see org_domain.h).
#include "probe/org_domain.h"

#include <algorithm>
#include <cctype>

#include "util/ascii.h"

namespace mailwhy {
namespace {

// Two-label public suffixes under country codes that mail commonly comes from.
constexpr std::string_view kSuffixes[] = {
    "ac.jp", "ad.jp", "co.jp", "ed.jp", "go.jp", "gr.jp", "lg.jp", "ne.jp", "or.jp",
    "ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk", "nhs.uk", "org.uk", "plc.uk", "sch.uk",
    "asn.au", "com.au", "edu.au", "gov.au", "id.au", "net.au", "org.au",
    "ac.nz", "co.nz", "geek.nz", "govt.nz", "net.nz", "org.nz", "school.nz",
    "com.br", "edu.br", "gov.br", "net.br", "org.br",
    "com.cn", "edu.cn", "gov.cn", "net.cn", "org.cn",
    "com.tw", "edu.tw", "gov.tw", "idv.tw", "net.tw", "org.tw",
    "ac.kr", "co.kr", "go.kr", "ne.kr", "or.kr", "re.kr",
    "ac.in", "co.in", "firm.in", "gen.in", "gov.in", "ind.in", "net.in", "org.in",
    "ac.za", "co.za", "gov.za", "net.za", "org.za",
    "com.hk", "edu.hk", "gov.hk", "idv.hk", "net.hk", "org.hk",
    "com.sg", "edu.sg", "gov.sg", "net.sg", "org.sg",
    "com.mx", "edu.mx", "gob.mx", "net.mx", "org.mx",
    "ac.il", "co.il", "org.il", "ac.th", "co.th", "go.th", "in.th",
    "ac.id", "co.id", "go.id", "or.id", "com.ar", "com.tr", "com.my", "com.ph", "com.vn", "com.pl", "com.ua",
};

std::string Normal(std::string_view d) {
  std::string s(d);
  for (char& c : s) c = AsciiLower(c);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string OrganizationalDomain(std::string_view domain) {
  std::string d = Normal(domain);
  size_t last = d.rfind('.');
  if (last == std::string::npos) return d;
  size_t second = d.rfind('.', last - 1);
  if (second == std::string::npos || last == 0) return d;
  std::string_view two = std::string_view(d).substr(second + 1);
  bool two_label_suffix = std::find(std::begin(kSuffixes), std::end(kSuffixes), two) != std::end(kSuffixes);
  if (!two_label_suffix) return d.substr(second + 1);
  size_t third = second == 0 ? std::string::npos : d.rfind('.', second - 1);
  return third == std::string::npos ? d : d.substr(third + 1);
}

bool DomainsAligned(std::string_view a, std::string_view b, char mode) {
  if (mode == 's') return Normal(a) == Normal(b);
  return OrganizationalDomain(a) == OrganizationalDomain(b);
}

}  // namespace mailwhy
