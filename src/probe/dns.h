// NAME
//   dns - the resolver interface every live check asks through
// SYNOPSIS
//   DnsAnswer a = resolver.Query("_dmarc.example.com", DnsType::kTxt);
//   if (a.outcome == DnsOutcome::kNxDomain) ...      // the name does not exist
//   for (const auto& txt : a.records) ...            // one joined string per TXT record
// DESCRIPTION
//   A Resolver answers one question (name, type) at a time. The outcome keeps apart what
//   the checks must tell apart: the name does not exist (NXDOMAIN), it exists without
//   records of that type (NODATA), the server failed (SERVFAIL), refused us (REFUSED),
//   did not answer in time, or could not be reached. SPF's "none" versus "temperror"
//   and a DNSBL's "not listed" versus "could not ask" depend on that difference.
//
//   Records come as text: A and AAAA as addresses ("192.0.2.10", "2001:db8::10"), TXT
//   as one string per record with its character-strings joined without separator (RFC
//   7208 section 3.3), PTR and CNAME as names without the final dot. MX records come in
//   `mx`, ordered by preference; a Null MX (RFC 7505) is the host "" with preference 0.
//
//   Implementations: AresResolver (c-ares, ares_resolver.h) for real queries and
//   FakeResolver (fake_resolver.h) for tests.
// THREAD SAFETY
//   A Resolver is used by one thread at a time.
#ifndef MAILWHY_PROBE_DNS_H_
#define MAILWHY_PROBE_DNS_H_

#include <string>
#include <string_view>
#include <vector>

namespace mailwhy {

enum class DnsType { kA, kAaaa, kMx, kTxt, kPtr };

enum class DnsOutcome {
  kOk,           // at least one record
  kNxDomain,     // the name does not exist
  kNoData,       // the name exists, without records of this type
  kServFail,     // the server could not answer (SERVFAIL)
  kRefused,      // the server refused the question (REFUSED)
  kTimeout,      // no answer within the timeout, after every try
  kUnreachable,  // the server could not be contacted (no listener, no route)
  kError,        // anything else: a malformed answer, a bad name
};

struct MxRecord {
  int preference = 0;
  std::string host;  // "" for the Null MX "."
};

struct DnsAnswer {
  DnsOutcome outcome = DnsOutcome::kError;
  std::vector<std::string> records;  // A, AAAA, TXT, PTR
  std::vector<MxRecord> mx;          // MX, by preference
  std::string error;                 // what went wrong, for people ("" when ok)

  bool ok() const { return outcome == DnsOutcome::kOk; }
  // NXDOMAIN or NODATA: an answer saying "nothing here" (not a failure to ask).
  bool empty() const { return outcome == DnsOutcome::kNxDomain || outcome == DnsOutcome::kNoData; }
  // The server or the network failed: the answer is unknown, try later.
  bool failed() const { return !ok() && !empty(); }
};

class Resolver {
 public:
  virtual ~Resolver() = default;
  // REQUIRES: name is a domain name without the final dot.
  virtual DnsAnswer Query(std::string_view name, DnsType type) = 0;
  // The number of questions asked so far (each Query() is one).
  int queries() const { return queries_; }

 protected:
  int queries_ = 0;
};

std::string_view ToString(DnsType t);
// "nxdomain", "nodata", "servfail", "refused", "timeout", "unreachable", "error", "ok".
std::string_view ToString(DnsOutcome o);

// The name to query for the PTR of an address: "10.2.0.192.in-addr.arpa" or the
// nibble form under ip6.arpa. Also used for DNSBL queries (without the suffix: see
// ReversedAddress). "" when `ip` is not an address.
std::string ReverseName(std::string_view ip);
// The address reversed for a DNSBL: "10.2.0.192" or "0.1.0.0...8.b.d.0.1.0.0.2".
std::string ReversedAddress(std::string_view ip);
// True when s is an IPv4 or IPv6 address in text form.
bool IsIpv4(std::string_view s);
bool IsIpv6(std::string_view s);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_DNS_H_
