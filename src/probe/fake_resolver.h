// NAME
//   fake_resolver - an in-memory zone that answers like a DNS server, for tests
// SYNOPSIS
//   FakeResolver dns;
//   dns.Add("example.test", DnsType::kTxt, "v=spf1 ip4:192.0.2.0/24 -all");
//   dns.AddMx("example.test", 10, "mail.example.test");
//   dns.Fail("broken.test", DnsType::kTxt, DnsOutcome::kServFail);
// DESCRIPTION
//   Names are compared without regard to case. A name with records of other types only
//   answers NODATA, an unknown name NXDOMAIN, as an authoritative server would. Fail()
//   makes one question give a failure outcome. asked() lists every question in order
//   ("TXT example.test"), so tests can count lookups.
// THREAD SAFETY
//   One thread at a time.
#ifndef MAILWHY_PROBE_FAKE_RESOLVER_H_
#define MAILWHY_PROBE_FAKE_RESOLVER_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "probe/dns.h"

namespace mailwhy {

class FakeResolver : public Resolver {
 public:
  void Add(std::string_view name, DnsType type, std::string value);
  void AddMx(std::string_view name, int preference, std::string host);
  void Fail(std::string_view name, DnsType type, DnsOutcome outcome);

  DnsAnswer Query(std::string_view name, DnsType type) override;
  const std::vector<std::string>& asked() const { return asked_; }

 private:
  using Key = std::pair<std::string, DnsType>;
  std::map<Key, DnsAnswer> answers_;
  std::map<std::string, bool> names_;
  std::vector<std::string> asked_;
};

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_FAKE_RESOLVER_H_
