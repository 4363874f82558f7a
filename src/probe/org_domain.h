// NAME
//   org_domain - the organisational domain of a name, for DMARC (RFC 7489 section 3.2)
// SYNOPSIS
//   OrganizationalDomain("mail.example.co.jp")   // "example.co.jp"
//   OrganizationalDomain("news.example.com")     // "example.com"
//   DomainsAligned("bounce.example.com", "example.com", 'r')   // true (relaxed)
// DESCRIPTION
//   The organisational domain is the public suffix plus one label. The public suffix is
//   found in a small built-in list of two-label suffixes under country codes (co.jp,
//   ne.jp, co.uk, com.au, com.br, ...); any other name's suffix is its last label. Names
//   are compared without regard to case or a final dot.
//
//   DomainsAligned() is DMARC's identifier alignment: 's' (strict) wants the same name,
//   'r' (relaxed) the same organisational domain.
// BUGS
//   Not the Public Suffix List: three-label suffixes (city.kawasaki.jp), the geographic
//   and private suffixes (tokyo.jp, blogspot.com, github.io) and new two-label ones are
//   not known, so for such names the organisational domain comes out one label too
//   short or too long, and relaxed alignment may be judged wrongly. DMARCbis's DNS tree
//   walk (RFC 9989) is not done either.
#ifndef MAILWHY_PROBE_ORG_DOMAIN_H_
#define MAILWHY_PROBE_ORG_DOMAIN_H_

#include <string>
#include <string_view>

namespace mailwhy {

std::string OrganizationalDomain(std::string_view domain);
bool DomainsAligned(std::string_view a, std::string_view b, char mode);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_ORG_DOMAIN_H_
