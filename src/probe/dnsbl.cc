// dnsbl - ask a DNS blocklist about an address (see dnsbl.h).
#include "probe/dnsbl.h"

#include <algorithm>

namespace mailwhy {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool IsSpamhaus(std::string_view zone) {
  return zone == "zen.spamhaus.org" || zone == "sbl.spamhaus.org" || zone == "xbl.spamhaus.org" ||
         zone == "pbl.spamhaus.org" || zone == "sbl-xbl.spamhaus.org" ||
         (zone.size() > 18 && zone.substr(zone.size() - 18) == ".zen.dq.spamhaus.net");
}

}  // namespace

std::string_view ToString(DnsblState s) {
  switch (s) {
    case DnsblState::kNotListed: return "not-listed";
    case DnsblState::kListed: return "listed";
    case DnsblState::kRefused: return "refused";
    case DnsblState::kBogus: return "bogus";
    case DnsblState::kError: return "error";
  }
  return "error";
}

const std::vector<DnsblList>& DefaultDnsbls() {
  static const std::vector<DnsblList> lists = {
      {"zen.spamhaus.org", "Spamhaus ZEN", "https://check.spamhaus.org/", "dnsbl.spamhaus"},
      {"bl.spamcop.net", "SpamCop", "https://www.spamcop.net/bl.shtml", "dnsbl.spamcop"},
      {"b.barracudacentral.org", "Barracuda", "https://www.barracudacentral.org/lookups/lookup-reputation",
       "dnsbl.barracuda"},
  };
  return lists;
}

DnsblList DnsblForZone(const std::string& zone) {
  for (const auto& l : DefaultDnsbls()) {
    if (l.zone == zone) return l;
  }
  return DnsblList{zone, zone, "", "dnsbl.generic"};
}

std::string DnsblMeaning(std::string_view zone, std::string_view code) {
  if (StartsWith(code, "127.255.255.")) {
    if (code == "127.255.255.252") return "error: the query was malformed (typing error in the list's name)";
    if (code == "127.255.255.254") return "error: the list refuses queries through this (public or open) resolver; not a listing";
    if (code == "127.255.255.255") return "error: too many queries from this resolver; not a listing";
    return "error: the list refused the query; not a listing";
  }
  if (!StartsWith(code, "127.")) return "not a listing: the answer is outside 127.0.0.0/8 (the list is gone or answers everything)";
  if (IsSpamhaus(zone)) {
    if (code == "127.0.0.2") return "SBL: a known spam source or spam operation (Spamhaus Block List)";
    if (code == "127.0.0.3") return "SBL CSS: low-reputation or snowshoe sending seen from this address";
    if (code == "127.0.0.4" || code == "127.0.0.5" || code == "127.0.0.6" || code == "127.0.0.7") {
      return "XBL: an infected or hijacked machine (malware, open proxy) uses this address";
    }
    if (code == "127.0.0.9") return "DROP: the address is in a netblock hijacked or controlled by criminals";
    if (code == "127.0.0.10") return "PBL (ISP maintained): a customer range that should send only through the provider's mail server";
    if (code == "127.0.0.11") return "PBL (Spamhaus maintained): an end-user range that should not send mail directly";
    return "listed (an unknown Spamhaus code)";
  }
  return "listed";
}

DnsblResult CheckDnsbl(Resolver& dns, const std::string& ip, const DnsblList& list) {
  DnsblResult r;
  r.list = list;
  r.query = ReversedAddress(ip) + "." + list.zone;
  DnsAnswer a = dns.Query(r.query, DnsType::kA);
  if (a.empty()) {
    r.state = DnsblState::kNotListed;
  } else if (!a.ok()) {
    r.state = DnsblState::kError;
    r.error = std::string(ToString(a.outcome));
  } else {
    r.codes = a.records;
    std::sort(r.codes.begin(), r.codes.end());
    bool listed = false, refused = false;
    for (const auto& c : r.codes) {
      r.meanings.push_back(DnsblMeaning(list.zone, c));
      if (StartsWith(c, "127.255.255.")) refused = true;
      else if (StartsWith(c, "127.")) listed = true;
    }
    r.state = listed ? DnsblState::kListed : refused ? DnsblState::kRefused : DnsblState::kBogus;
    if (listed) {
      DnsAnswer txt = dns.Query(r.query, DnsType::kTxt);
      if (txt.ok()) r.reason = txt.records[0];
    }
  }
  if (r.state == DnsblState::kNotListed) {
    // RFC 5782 section 5: 127.0.0.2 must be listed; if not, this resolver gets no answers.
    DnsAnswer t = dns.Query("2.0.0.127." + list.zone, DnsType::kA);
    r.test_point_ok = t.ok() && std::any_of(t.records.begin(), t.records.end(), [](const std::string& c) {
                        return StartsWith(c, "127.") && !StartsWith(c, "127.255.255.");
                      });
  }
  return r;
}

}  // namespace mailwhy
