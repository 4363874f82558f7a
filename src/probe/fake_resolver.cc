// fake_resolver - an in-memory zone for tests (see fake_resolver.h).
#include "probe/fake_resolver.h"

#include <algorithm>
#include <cctype>

#include "util/ascii.h"

namespace mailwhy {
namespace {

std::string Lower(std::string_view s) {
  std::string out = AsciiLowered(s);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

void FakeResolver::Add(std::string_view name, DnsType type, std::string value) {
  DnsAnswer& a = answers_[{Lower(name), type}];
  a.outcome = DnsOutcome::kOk;
  a.records.push_back(std::move(value));
  names_[Lower(name)] = true;
}

void FakeResolver::AddMx(std::string_view name, int preference, std::string host) {
  DnsAnswer& a = answers_[{Lower(name), DnsType::kMx}];
  a.outcome = DnsOutcome::kOk;
  a.mx.push_back(MxRecord{preference, std::move(host)});
  std::stable_sort(a.mx.begin(), a.mx.end(),
                   [](const MxRecord& x, const MxRecord& y) { return x.preference < y.preference; });
  names_[Lower(name)] = true;
}

void FakeResolver::Fail(std::string_view name, DnsType type, DnsOutcome outcome) {
  DnsAnswer& a = answers_[{Lower(name), type}];
  a = DnsAnswer();
  a.outcome = outcome;
  a.error = std::string(ToString(outcome));
}

DnsAnswer FakeResolver::Query(std::string_view name, DnsType type) {
  ++queries_;
  asked_.push_back(std::string(ToString(type)) + " " + Lower(name));
  auto it = answers_.find({Lower(name), type});
  if (it != answers_.end()) return it->second;
  DnsAnswer a;
  a.outcome = names_.count(Lower(name)) ? DnsOutcome::kNoData : DnsOutcome::kNxDomain;
  a.error = std::string(ToString(a.outcome));
  return a;
}

}  // namespace mailwhy
