// ares_resolver - DNS through c-ares (see ares_resolver.h).
//
// One question at a time: ares_query() with a callback that copies the raw answer, then
// the ares_fds()/select()/ares_process() loop until the callback has run. The answer is
// parsed by c-ares's own parsers per type.
#include "probe/ares_resolver.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/select.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace mailwhy {
namespace {

constexpr int kClassIn = 1;
constexpr int kTypeA = 1, kTypePtr = 12, kTypeMx = 15, kTypeTxt = 16, kTypeAaaa = 28;

int TypeCode(DnsType t) {
  switch (t) {
    case DnsType::kA: return kTypeA;
    case DnsType::kAaaa: return kTypeAaaa;
    case DnsType::kMx: return kTypeMx;
    case DnsType::kTxt: return kTypeTxt;
    case DnsType::kPtr: return kTypePtr;
  }
  return kTypeA;
}

DnsOutcome OutcomeOf(int status) {
  switch (status) {
    case ARES_SUCCESS: return DnsOutcome::kOk;
    case ARES_ENOTFOUND: return DnsOutcome::kNxDomain;
    case ARES_ENODATA: return DnsOutcome::kNoData;
    case ARES_ESERVFAIL: return DnsOutcome::kServFail;
    case ARES_EREFUSED: return DnsOutcome::kRefused;
    case ARES_ETIMEOUT: return DnsOutcome::kTimeout;
    case ARES_ECONNREFUSED: return DnsOutcome::kUnreachable;
    default: return DnsOutcome::kError;
  }
}

struct Pending {
  bool done = false;
  int status = ARES_ETIMEOUT;
  std::vector<unsigned char> answer;
};

void OnAnswer(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  auto* p = static_cast<Pending*>(arg);
  p->done = true;
  p->status = status;
  if (abuf && alen > 0) p->answer.assign(abuf, abuf + alen);
}

std::string AddressText(int family, const void* addr) {
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(family, addr, buf, sizeof buf)) return std::string();
  return buf;
}

std::string StripDot(const char* name) {
  std::string s(name ? name : "");
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Fills a.records / a.mx from the raw answer; returns the parser's status.
int Parse(DnsType type, const std::vector<unsigned char>& buf, DnsAnswer* a) {
  const unsigned char* p = buf.data();
  int n = static_cast<int>(buf.size());
  switch (type) {
    case DnsType::kA: {
      ares_addrttl ttls[64];
      int count = 64;
      int st = ares_parse_a_reply(p, n, nullptr, ttls, &count);
      if (st != ARES_SUCCESS) return st;
      for (int i = 0; i < count; ++i) a->records.push_back(AddressText(AF_INET, &ttls[i].ipaddr));
      return count ? ARES_SUCCESS : ARES_ENODATA;
    }
    case DnsType::kAaaa: {
      ares_addr6ttl ttls[64];
      int count = 64;
      int st = ares_parse_aaaa_reply(p, n, nullptr, ttls, &count);
      if (st != ARES_SUCCESS) return st;
      for (int i = 0; i < count; ++i) a->records.push_back(AddressText(AF_INET6, &ttls[i].ip6addr));
      return count ? ARES_SUCCESS : ARES_ENODATA;
    }
    case DnsType::kMx: {
      ares_mx_reply* mx = nullptr;
      int st = ares_parse_mx_reply(p, n, &mx);
      if (st != ARES_SUCCESS) return st;
      for (ares_mx_reply* m = mx; m; m = m->next) {
        a->mx.push_back(MxRecord{m->priority, StripDot(m->host)});
      }
      ares_free_data(mx);
      std::stable_sort(a->mx.begin(), a->mx.end(),
                       [](const MxRecord& x, const MxRecord& y) { return x.preference < y.preference; });
      return a->mx.empty() ? ARES_ENODATA : ARES_SUCCESS;
    }
    case DnsType::kTxt: {
      ares_txt_ext* txt = nullptr;
      int st = ares_parse_txt_reply_ext(p, n, &txt);
      if (st != ARES_SUCCESS) return st;
      for (ares_txt_ext* t = txt; t; t = t->next) {
        // Why: one record may hold several character-strings; they are one text.
        if (t->record_start || a->records.empty()) a->records.emplace_back();
        a->records.back().append(reinterpret_cast<const char*>(t->txt), t->length);
      }
      ares_free_data(txt);
      return a->records.empty() ? ARES_ENODATA : ARES_SUCCESS;
    }
    case DnsType::kPtr: {
      hostent* host = nullptr;
      unsigned char dummy[16] = {0};
      int st = ares_parse_ptr_reply(p, n, dummy, 4, AF_INET, &host);
      if (st != ARES_SUCCESS) return st;
      if (host->h_name) a->records.push_back(StripDot(host->h_name));
      for (char** al = host->h_aliases; al && *al; ++al) {
        std::string name = StripDot(*al);
        if (std::find(a->records.begin(), a->records.end(), name) == a->records.end()) {
          a->records.push_back(name);
        }
      }
      ares_free_hostent(host);
      return a->records.empty() ? ARES_ENODATA : ARES_SUCCESS;
    }
  }
  return ARES_EBADRESP;
}

class AresResolver : public Resolver {
 public:
  AresResolver(ares_channel channel, bool hosts_file) : channel_(channel), hosts_file_(hosts_file) {}
  ~AresResolver() override { ares_destroy(channel_); }

  DnsAnswer Query(std::string_view name, DnsType type) override {
    ++queries_;
    DnsAnswer a;
    std::string qname(name);
    if (qname.empty() || qname.size() > 253 || qname.find('\0') != std::string::npos) {
      a.outcome = DnsOutcome::kError;
      a.error = "not a domain name";
      return a;
    }
    if (hosts_file_ && (type == DnsType::kA || type == DnsType::kAaaa) && FromHostsFile(qname, type, &a)) {
      return a;
    }
    if (dead_streak_ >= kGiveUpAfter) {
      a.outcome = dead_outcome_;
      a.error = "not asked: the DNS server did not answer the previous questions";
      return a;
    }
    Pending p;
    ares_query(channel_, qname.c_str(), kClassIn, TypeCode(type), OnAnswer, &p);
    while (!p.done) {
      fd_set r, w;
      FD_ZERO(&r);
      FD_ZERO(&w);
      int nfds = ares_fds(channel_, &r, &w);
      if (nfds == 0) break;
      timeval tv;
      timeval* tvp = ares_timeout(channel_, nullptr, &tv);
      select(nfds, &r, &w, nullptr, tvp);
      ares_process(channel_, &r, &w);
    }
    int st = p.status;
    if (st == ARES_SUCCESS) st = Parse(type, p.answer, &a);
    a.outcome = OutcomeOf(st);
    bool dead = a.outcome == DnsOutcome::kTimeout || a.outcome == DnsOutcome::kUnreachable;
    dead_streak_ = dead ? dead_streak_ + 1 : 0;
    if (dead) dead_outcome_ = a.outcome;
    if (a.outcome != DnsOutcome::kOk) {
      a.records.clear();
      a.mx.clear();
      a.error = ares_strerror(st);
    }
    return a;
  }

 private:
  bool FromHostsFile(const std::string& name, DnsType type, DnsAnswer* a) {
    hostent* h = nullptr;
    int family = type == DnsType::kA ? AF_INET : AF_INET6;
    if (ares_gethostbyname_file(channel_, name.c_str(), family, &h) != ARES_SUCCESS || !h) return false;
    for (char** p = h->h_addr_list; p && *p; ++p) a->records.push_back(AddressText(family, *p));
    ares_free_hostent(h);
    if (a->records.empty()) return false;
    a->outcome = DnsOutcome::kOk;
    return true;
  }

  static constexpr int kGiveUpAfter = 3;
  ares_channel channel_;
  bool hosts_file_;
  int dead_streak_ = 0;
  DnsOutcome dead_outcome_ = DnsOutcome::kTimeout;
};

}  // namespace

Status NormalizeDnsServer(const std::string& text, std::string* csv) {
  std::string host = text, port = "53";
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos) return Status::InvalidArgument("bad DNS server '" + text + "'");
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return Status::InvalidArgument("bad DNS server '" + text + "'");
      port = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    host = text.substr(0, text.find(':'));
    port = text.substr(text.find(':') + 1);
  }
  bool port_ok = !port.empty() && port.size() <= 5 &&
                 std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                 std::stoi(port) > 0 && std::stoi(port) < 65536;
  if (!port_ok) return Status::InvalidArgument("bad port in DNS server '" + text + "'");
  if (IsIpv4(host)) {
    *csv = host + ":" + port;
  } else if (IsIpv6(host)) {
    *csv = "[" + host + "]:" + port;
  } else {
    return Status::InvalidArgument("DNS server '" + text + "' is not an IP address");
  }
  return Status::Ok();
}

Status MakeAresResolver(const ResolverOptions& options, std::unique_ptr<Resolver>* out) {
  static std::once_flag once;
  static int init_status = ARES_SUCCESS;
  std::call_once(once, [] { init_status = ares_library_init(ARES_LIB_INIT_ALL); });
  if (init_status != ARES_SUCCESS) {
    return Status::IoError(std::string("cannot start the DNS library: ") + ares_strerror(init_status));
  }
  ares_options opts;
  std::memset(&opts, 0, sizeof opts);
  opts.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH | ARES_FLAG_EDNS;
  opts.timeout = std::max(1, options.timeout_ms);
  opts.tries = std::max(1, options.tries);
  opts.ednspsz = 1232;
  int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_EDNSPSZ;
  ares_channel channel = nullptr;
  int st = ares_init_options(&channel, &opts, mask);
  if (st != ARES_SUCCESS) {
    return Status::IoError(std::string("cannot set up DNS: ") + ares_strerror(st));
  }
  if (!options.server.empty()) {
    std::string csv;
    Status s = NormalizeDnsServer(options.server, &csv);
    if (s.ok()) {
      st = ares_set_servers_ports_csv(channel, csv.c_str());
      if (st != ARES_SUCCESS) s = Status::InvalidArgument("DNS server '" + options.server + "': " + ares_strerror(st));
    }
    if (!s.ok()) {
      ares_destroy(channel);
      return s;
    }
  }
  *out = std::make_unique<AresResolver>(channel, options.hosts_file && options.server.empty());
  return Status::Ok();
}

}  // namespace mailwhy
