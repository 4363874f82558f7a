// NAME
//   gen_maillog - write a realistic, deterministic Postfix mail log of any size
// SYNOPSIS
//   gen_maillog --size-mb N --seed S [--format bsd|rfc3339] [--long-qids]
//               [--days D] [--start YYYY-MM-DD] [--tz +HH:MM] [--quiet] -o FILE
// DESCRIPTION
//   The benchmark input for mailwhy (bench/run) and for anyone who needs a big,
//   believable log without real users' data. It is a small discrete-event
//   simulation of one busy Postfix 3.7 host ("mail", 203.0.113.25) that receives
//   mail for example.com/.net/.org behind postscreen, filters it through amavis,
//   delivers it with Dovecot LMTP, virtual(8) and local(8), and sends its users'
//   mail to the big providers and to small domains. The mix follows
//   research/PEER-TOOLS.md section 11.1 and the line formats follow
//   research/POSTFIX-LOG-FORMATS.md section 3:
//     - postscreen (CONNECT, PASS OLD/NEW, PREGREET, DNSBL rank, HANGUP, NOQUEUE
//       reject with its comma-separated tail) and dnsblog;
//     - smtpd, submission/smtpd and the amavis return port 10025/smtpd: connect,
//       client= (with SASL on submission), NOQUEUE and queue-ID rejects (DNSBL,
//       unknown user, relay, greylisting, HELO, SPF, FCrDNS, storage), SASL
//       brute force, lost connection, disconnect with command counts;
//     - cleanup (message-id, some <>, milter and header-check rejects), qmgr
//       (from/size/nrcpt, re-activation on each retry, expired, removed);
//     - smtp/lmtp/virtual/local/retry deliveries with provider replies (Gmail
//       5.7.26, 5.7.1, 4.7.28, 5.1.1; Microsoft S3150, 5.7.509, 4.7.500; Yahoo
//       TSS04; Spamhaus; timeouts with QID-less lines for non-final MX hosts;
//       "refused to talk to me"), TLS summaries, amavis round trips with the new
//       queue ID, "forwarded as", bounce notifications with their own journey;
//     - noise from anvil, scache, master, opendkim, policyd-spf, postgrey, amavis
//       and dovecot.
//   Traffic follows a diurnal and weekly curve; a small controller adjusts the
//   arrival rate so that N MiB cover about D days. Timestamps never go back.
//   Delay values are formatted the way Postfix's format_tv() does (two
//   significant digits, at most two decimals, large values rounded to seconds).
//   Short queue IDs are five hex digits of microseconds plus the queue file's
//   inode; an inode is only handed out again after its message was removed, and
//   now and then the whole ID repeats, as it does on real servers.
//
//   When the size is reached no new traffic starts; messages in flight finish,
//   and messages waiting in the deferred queue stay there (the log ends with
//   their last deferral). The mtime of FILE is set to the last timestamp.
//
//   Output depends only on the options: one PRNG (xoshiro256**), no standard
//   distributions, no clock, one thread. Same options and seed, same bytes, with
//   g++ and clang alike. To keep it so, draw random numbers in separate
//   statements: the operands of + and the arguments of a call are evaluated in
//   an unspecified order (check: build with both compilers and cmp the output).
//   A summary (lines, bytes, counts per status) goes to stderr.
// BUGS
//   One host and one Postfix instance. No IPv6 on the server side, no
//   journald formats, no records cut at 2,000 characters.

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

constexpr int64_t kSec = 1000000;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kHour = 60 * kMin;
constexpr int64_t kDay = 24 * kHour;

constexpr std::string_view kHostShort = "mail";
constexpr std::string_view kMyHost = "mail.example.com";
constexpr std::string_view kMyIp = "203.0.113.25";
constexpr std::string_view kLmtpRelay = "mail.example.com[private/dovecot-lmtp]";

// ---------------------------------------------------------------------------
// Random numbers: xoshiro256** seeded through splitmix64.

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& v : s_) v = SplitMix(x);
  }
  uint64_t Next() {
    const uint64_t r = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return r;
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  uint64_t Below(uint64_t n) { return n ? Next() % n : 0; }
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  bool Chance(double p) { return Unit() < p; }
  double Expo(double mean) { return -mean * std::log1p(-Unit()); }
  // Microseconds uniformly in [lo_s, hi_s] seconds.
  int64_t Us(double lo_s, double hi_s) { return static_cast<int64_t>((lo_s + (hi_s - lo_s) * Unit()) * 1e6); }
  double LogNormal(double mu, double sigma) {
    double u1 = Unit(), u2 = Unit();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::exp(mu + sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
  }
  int Weighted(std::initializer_list<double> w) {
    double total = 0;
    for (double x : w) total += x;
    double r = Unit() * total;
    int i = 0;
    for (double x : w) {
      if (r < x) return i;
      r -= x;
      ++i;
    }
    return i - 1;
  }
  template <class T, size_t N>
  const T& Pick(const T (&a)[N]) { return a[Below(N)]; }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t s_[4];
};

// ---------------------------------------------------------------------------
// Civil time (proleptic Gregorian, days since 1970-01-01).

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int y, m, d, hh, mm, ss, wday;  // wday: 0 = Monday
};

Civil CivilFromSeconds(int64_t s) {
  int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  int64_t rem = s - days * 86400;
  Civil c{};
  c.wday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  c.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.y = static_cast<int>(yoe + era * 400 + (c.m <= 2));
  c.hh = static_cast<int>(rem / 3600);
  c.mm = static_cast<int>(rem / 60 % 60);
  c.ss = static_cast<int>(rem % 60);
  return c;
}

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// ---------------------------------------------------------------------------
// Small string helpers (the hot path appends to std::string, no printf).

void AppInt(std::string& s, int64_t v) {
  char b[24];
  auto r = std::to_chars(b, b + sizeof b, v);
  s.append(b, r.ptr);
}

void App2(std::string& s, int v) {
  s.push_back(static_cast<char>('0' + v / 10));
  s.push_back(static_cast<char>('0' + v % 10));
}

void AppHex(std::string& s, uint64_t v, int width, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char b[17];
  int n = 0;
  do {
    b[n++] = digits[v & 15];
    v >>= 4;
  } while (v && n < 16);
  while (n < width && n < 16) b[n++] = '0';
  while (n) s.push_back(b[--n]);
}

void AppRand(std::string& s, Rng& r, std::string_view alphabet, int n) {
  for (int i = 0; i < n; ++i) s.push_back(alphabet[r.Below(alphabet.size())]);
}

constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHexLower = "0123456789abcdef";
constexpr std::string_view kHexUpper = "0123456789ABCDEF";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";

// Postfix's delay notation (format_tv with 2 significant digits and at most 2
// decimals): 0.57, 3.1, 30, 411573; trailing zeros are dropped, tiny values are 0.
void AppDelay(std::string& s, int64_t us) {
  if (us < 0) us = 0;
  int64_t sec = us / kSec, usec = us % kSec;
  constexpr int64_t kWid = 100;  // 10^significant digits
  int64_t ures = kSec / 100;      // 10^-max decimals, in microseconds
  if (sec > 0) {
    int64_t n = 1;
    while (sec >= n && n <= kWid / 10) n *= 10;
    ures = (kSec / kWid) * n;
  } else {
    while (usec >= kWid * ures) ures *= 10;
  }
  if (ures > 1) {
    usec += ures / 2;
    if (usec >= kSec) {
      sec += 1;
      usec -= kSec;
    }
  }
  AppInt(s, sec);
  if (usec >= ures) {
    s.push_back('.');
    int64_t rem = usec;
    for (int64_t n = kSec / 10; rem >= ures && n > 0; n /= 10) {
      s.push_back(static_cast<char>('0' + rem / n));
      rem %= n;
    }
  }
}

// ---------------------------------------------------------------------------
// Output: lines are produced slightly ahead of time and kept in a heap ordered
// by (time, sequence); the simulation flushes everything older than the event
// it is about to run, so the file is always in time order.

class Out {
 public:
  Out(FILE* f, bool rfc3339, int tz_minutes) : f_(f), rfc_(rfc3339), tz_us_(int64_t{tz_minutes} * kMin) {
    const int a = (tz_minutes < 0 ? -tz_minutes : tz_minutes) % (24 * 60);
    tz_text_.push_back(tz_minutes < 0 ? '-' : '+');
    App2(tz_text_, a / 60);
    tz_text_.push_back(':');
    App2(tz_text_, a % 60);
    buf_.reserve(1 << 21);
  }
  void Add(int64_t t, std::string line) {
    heap_.push_back(Pending{t, seq_++, std::move(line)});
    std::push_heap(heap_.begin(), heap_.end(), Later);
  }
  void FlushUntil(int64_t t) {
    while (!heap_.empty() && heap_.front().t <= t) {
      std::pop_heap(heap_.begin(), heap_.end(), Later);
      Emit(heap_.back().t, heap_.back().s);
      heap_.pop_back();
    }
  }
  void FlushAll() {
    FlushUntil(INT64_MAX);
    Drain();
  }
  uint64_t bytes() const { return bytes_; }
  uint64_t lines() const { return lines_; }
  int64_t last_time() const { return last_t_; }
  int64_t tz_us() const { return tz_us_; }
  bool failed() const { return failed_; }

 private:
  struct Pending {
    int64_t t;
    uint64_t seq;
    std::string s;
  };
  static bool Later(const Pending& a, const Pending& b) { return a.t != b.t ? a.t > b.t : a.seq > b.seq; }

  void Emit(int64_t t, const std::string& s) {
    if (t < last_t_) {
      std::fprintf(stderr, "gen_maillog: internal error: time went back\n");
      std::abort();
    }
    last_t_ = t;
    const int64_t local = t + tz_us_;
    const int64_t sec = local >= 0 ? local / kSec : (local - kSec + 1) / kSec;
    const int64_t usec = local - sec * kSec;
    if (sec != cached_sec_) {
      cached_sec_ = sec;
      Civil c = CivilFromSeconds(sec);
      stamp_.clear();
      if (rfc_) {
        AppInt(stamp_, c.y);
        stamp_.push_back('-');
        App2(stamp_, c.m);
        stamp_.push_back('-');
        App2(stamp_, c.d);
        stamp_.push_back('T');
      } else {
        stamp_.append(kMonths[c.m - 1]);
        stamp_.push_back(' ');
        if (c.d < 10) {
          stamp_.push_back(' ');
          stamp_.push_back(static_cast<char>('0' + c.d));
        } else {
          App2(stamp_, c.d);
        }
        stamp_.push_back(' ');
      }
      App2(stamp_, c.hh);
      stamp_.push_back(':');
      App2(stamp_, c.mm);
      stamp_.push_back(':');
      App2(stamp_, c.ss);
    }
    const size_t before = buf_.size();
    buf_.append(stamp_);
    if (rfc_) {
      buf_.push_back('.');
      char d[6];
      int64_t u = usec;
      for (int i = 5; i >= 0; --i) {
        d[i] = static_cast<char>('0' + u % 10);
        u /= 10;
      }
      buf_.append(d, 6);
      buf_.append(tz_text_);
    }
    buf_.push_back(' ');
    buf_.append(kHostShort);
    buf_.push_back(' ');
    buf_.append(s);
    buf_.push_back('\n');
    bytes_ += buf_.size() - before;
    ++lines_;
    if (buf_.size() > (1 << 20)) Drain();
  }
  void Drain() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) failed_ = true;
    buf_.clear();
  }

  FILE* f_;
  bool rfc_;
  int64_t tz_us_;
  std::string tz_text_;
  std::vector<Pending> heap_;
  uint64_t seq_ = 0;
  std::string buf_;
  std::string stamp_;
  int64_t cached_sec_ = INT64_MIN;
  int64_t last_t_ = INT64_MIN;
  uint64_t bytes_ = 0, lines_ = 0;
  bool failed_ = false;
};

// ---------------------------------------------------------------------------
// Names.

constexpr const char* kFirst[] = {
    "taro",   "hanako", "kenji",   "yuki",    "akira",  "naoko",  "hiroshi", "emi",    "satoshi", "mika",
    "daisuke", "aya",   "takeshi", "yoko",    "shota",  "misaki", "ryo",     "kaori",  "makoto",  "sakura",
    "john",   "mary",   "james",   "linda",   "michael", "susan", "david",   "karen",  "robert",  "lisa",
    "wei",    "li",     "anna",    "peter",   "maria",  "thomas", "sara",    "kevin",  "laura",   "paul",
    "jun",    "mei",    "hana",    "kazuki",  "nanami", "sota",   "yui",     "haruto", "rin",     "daiki"};
constexpr const char* kLast[] = {
    "sato",    "suzuki",  "takahashi", "tanaka", "watanabe", "ito",    "yamamoto", "nakamura", "kobayashi", "kato",
    "yoshida", "yamada",  "sasaki",    "matsumoto", "inoue", "kimura", "hayashi",  "shimizu",  "mori",      "ikeda",
    "smith",   "johnson", "brown",     "miller", "davis",    "garcia", "wilson",   "martin",   "lee",       "walker",
    "chen",    "wang",    "kim",       "nguyen", "schmidt",  "rossi",  "dubois",   "silva",    "novak",     "olsen"};
constexpr const char* kWord[] = {
    "acme",   "global", "tech",  "trade", "soft",  "data",   "cloud",  "media",  "print",  "food",
    "travel", "auto",   "home",  "green", "blue",  "star",   "sun",    "moon",   "river",  "mountain",
    "ocean",  "fast",   "smart", "prime", "alpha", "nova",   "metro",  "city",   "union",  "north",
    "sakura", "fuji",   "kaze",  "hikari", "mirai", "yamato", "asahi", "tokai",  "kansai", "hokuto",
    "bright", "silver", "gold",  "iron",  "stone", "forest", "harbor", "bridge", "pixel",  "vector",
    "logic",  "craft",  "works", "labs",  "systems", "net",  "shop",   "store",  "market", "design"};
constexpr const char* kTld[] = {"com", "com", "com", "net", "co.jp", "jp", "org", "de", "fr", "io", "co.uk", "ne.jp", "com.au", "biz", "info"};
constexpr const char* kSpamTld[] = {"ru", "cn", "top", "xyz", "br", "info", "biz", "online", "site", "vn", "in", "pl"};
constexpr const char* kIsp[] = {"ocn.ne.jp", "dion.ne.jp", "plala.or.jp", "bbtec.net", "so-net.ne.jp", "nuro.jp",
                                "comcast.net", "virginm.net", "telekom.de", "orange.fr", "vnpt.vn", "airtelbroadband.in"};
constexpr const char* kSubjects[] = {"Make money fast", "You have won!!!", "URGENT payment notice", "Your account is suspended",
                                     "=?UTF-8?B?5bqD5ZGK44Gu44GK55+l44KJ44Gb?=", "Invoice overdue", "Cheap meds"};

// ---------------------------------------------------------------------------
// Destinations (recipient domains) and the way they answer.

enum Kind : uint8_t { kGmail, kMsft, kYahoo, kIcloud, kGws, kM365, kOwn };
enum DestFlag : uint8_t { kDead = 1, kNx = 2, kNullMx = 4, kGrey = 8, kUsesSpamhaus = 16, kExim = 32 };

struct Dest {
  std::string name;
  Kind kind;
  uint8_t flags;
  std::vector<std::string> mx;  // host names, preference order
  std::vector<std::string> ip;
  std::vector<std::string> pool;  // big providers: the first MX name has many addresses
};

// What happens to one recipient on one delivery attempt.
enum Oc : uint8_t {
  kOk,
  // connection stage (apply to the whole destination)
  kTimeout, kRefused, kNxDomain, kDnsTemp, kNullMxOc, kTalk421, kTalk554, kLostGreeting,
  // MAIL FROM stage
  kTss04, kS3150, kMs4500,
  // RCPT TO stage
  kGmail511, kGmailQuota, kMsUnknown, kYahooUnknown, kUnknownUser, kGreylist, kSpamhaus, kQuota452, kFull552,
  // end of DATA stage
  k5726, kLowRep, k4728, k5509, kSpamContent, kLostData,
  // local delivery
  kLocalQuota, kLocalQuotaBounce, kLocalUnknown,
};

bool IsTemp(Oc o) {
  switch (o) {
    case kTimeout: case kRefused: case kDnsTemp: case kTalk421: case kLostGreeting: case kTss04: case kMs4500:
    case kGmailQuota: case kGreylist: case kQuota452: case k4728: case kLostData: case kLocalQuota:
      return true;
    default:
      return false;
  }
}
int Stage(Oc o) {  // 0 ok, 1 connection, 2 MAIL, 3 RCPT, 4 DATA, 5 local
  if (o == kOk) return 0;
  if (o <= kLostGreeting) return 1;
  if (o <= kMs4500) return 2;
  if (o <= kFull552) return 3;
  if (o <= kLostData) return 4;
  return 5;
}

enum Transport : uint8_t { kSmtp, kLmtp, kVirtual, kLocal, kAmavis };

struct Rcpt {
  std::string addr;
  std::string orig;        // orig_to, empty when the same
  int32_t dest = -1;       // remote destination index, -1 when local
  Transport tr = kSmtp;
  uint8_t n_defer = 0;     // temporary failures before the final outcome
  uint8_t tries = 0;
  Oc defer = kOk;          // outcome of the temporary failures
  Oc final_oc = kOk;       // final outcome; a temporary one means "until it expires"
  bool forward = false;    // local(8) .forward: "forwarded as NEWQID"
  Transport next_tr = kSmtp;  // for kAmavis: how the filtered copy is delivered
  uint8_t done = 0;        // 0 pending, 1 delivered, 2 bounced
};

enum Origin : uint8_t { kFromSmtp, kFromSubmission, kFromPickup, kFromAmavis, kFromBounce, kFromForward };

struct Msg {
  std::string qid;
  uint32_t inode = 0;
  int64_t arrival = 0;
  std::string from;
  std::string msgid;     // as logged, with <>
  int64_t size = 0;
  Origin origin = kFromSmtp;
  uint16_t attempts = 0;
  std::string client_ip;  // for the amavis line
  std::vector<Rcpt> rcpts;
};

// A pool of daemon processes: one session or delivery at a time each, retired
// after max_use jobs or max_idle seconds, as master(8) does.
struct Pool {
  std::string tag;  // "postfix/smtpd"
  int max_use;
  int64_t max_idle;
  struct Proc {
    int pid;
    int64_t busy_until;
    int uses;
  };
  std::vector<Proc> procs;
};

struct Stats {
  uint64_t sent = 0, deferred = 0, bounced = 0, expired = 0, dsn = 0, noqueue = 0, noqueue_postscreen = 0,
           cleanup_reject = 0, client = 0, pickup = 0, removed = 0, messages = 0, amavis = 0, forwarded = 0,
           qid_reuse = 0;
};

// ---------------------------------------------------------------------------
// The simulation.

struct Options {
  double size_mb = 0;
  uint64_t seed = 1;
  bool rfc3339 = false;
  bool long_qids = false;
  double days = 7;
  int y = 2026, m = 11, d = 15;
  int tz_minutes = 0;
  std::string out;
  bool quiet = false;
};

enum EvKind : uint8_t { kEvInbound, kEvSubmission, kEvPickup, kEvSaslCampaign, kEvSaslTry, kEvImap, kEvTick,
                        kEvAttempt, kEvRelease, kEvGreyRetry };

struct Ev {
  int64_t t;
  uint64_t seq;
  EvKind kind;
  uint32_t ref;
};

struct GreyRetry {
  std::string host, ip, helo, from;
  Rcpt rcpt;
  int64_t since;  // when it was greylisted
};

struct Campaign {
  std::string ip;
  std::string service;  // "submission" or "smtps"
  int left;
};

class Sim {
 public:
  Sim(const Options& o, Out& out) : o_(o), out_(out), rng_(o.seed) {}
  void Run();
  const Stats& stats() const { return st_; }

 private:
  // --- scheduling
  void Schedule(int64_t t, EvKind k, uint32_t ref = 0) {
    ev_.push_back(Ev{t, evseq_++, k, ref});
    std::push_heap(ev_.begin(), ev_.end(), [](const Ev& a, const Ev& b) { return a.t != b.t ? a.t > b.t : a.seq > b.seq; });
  }
  Ev PopEvent() {
    std::pop_heap(ev_.begin(), ev_.end(), [](const Ev& a, const Ev& b) { return a.t != b.t ? a.t > b.t : a.seq > b.seq; });
    Ev e = ev_.back();
    ev_.pop_back();
    return e;
  }

  // --- traffic model
  double HumanCurve(int64_t t) const;
  double BotCurve(int64_t t) const;
  void NextArrival(EvKind k, double per_hour, bool human);
  bool InWindow(int64_t t, int day, int h0, int m0, int minutes) const;

  // --- building blocks
  int NewPid() { return pid_ += 1 + static_cast<int>(rng_.Below(37)); }
  int Acquire(Pool& p, int64_t t, int64_t until, int* uses = nullptr);
  std::string Tag(const Pool& p, int pid) const { return Tag(p.tag, pid); }
  static std::string Tag(std::string_view tag, int pid) {
    std::string s;
    s.reserve(256);
    s.append(tag);
    s.push_back('[');
    AppInt(s, pid);
    s.append("]: ");
    return s;
  }
  void Line(int64_t t, std::string s) { out_.Add(t, std::move(s)); }
  std::string NewQid(int64_t t, uint32_t* inode);
  void ReleaseLater(int64_t t, const std::string& qid, uint32_t inode);
  uint32_t NewMsg();
  void FreeMsg(uint32_t i) {
    msgs_[i].rcpts.clear();
    free_msgs_.push_back(i);
  }

  std::string RandIp();
  std::string IpDashed(const std::string& ip) const;
  std::string RemoteUser();
  std::string MakeDomain();
  std::string LocalUserAddr(int i) const { return users_[i]; }
  int PickLocalUser() { return static_cast<int>(rng_.Below(users_.size())); }
  std::string MsgIdFor(Kind k, const std::string& domain);
  std::string GeneratedMsgId(int64_t t, const std::string& qid);
  int64_t MsgSize() { return std::clamp<int64_t>(static_cast<int64_t>(rng_.LogNormal(8.9, 1.15)), 700, 9800000); }
  std::string Stamp(int64_t t);        // "Nov 15 00:02:14" (anvil)
  std::string UtcIso(int64_t t);       // "2026-11-16T10:00:00.000Z" (Microsoft)
  std::string MsBracket(int64_t t);
  std::string GmailId();
  std::string Commands(std::initializer_list<std::pair<const char*, std::pair<int, int>>> c);
  std::string TlsIn(bool modern);

  void BuildWorld();
  void PlanRemote(Rcpt& r, Origin origin);
  void PlanLocal(Rcpt& r);
  Rcpt MakeLocalRcpt(int user, bool via_alias, bool allow_forward);
  static const std::string& Visible(const Rcpt& r) { return r.orig.empty() ? r.addr : r.orig; }
  void AddRemoteRcpt(Msg& m, int32_t dest, const std::string& addr, Origin origin);
  int32_t PickRemoteDest(Origin origin);
  std::string RemoteAddrAt(int32_t dest);

  // --- arrivals
  void Inbound();
  void InboundLegit(const GreyRetry* retry);
  void InboundSmtpdReject();
  void PostscreenReject();
  void Scanner();
  void Submission();
  void Pickup();
  void SaslCampaign();
  void SaslTry(uint32_t c);
  void Imap();
  void Tick();
  void Backlog();

  // --- queue
  void Attempt(uint32_t mi);
  int64_t DeliverAmavis(uint32_t mi, int64_t t0);
  int64_t DeliverLocal(uint32_t mi, Transport tr, const std::vector<int>& idx, int64_t active, int64_t t0);
  int64_t DeliverRemote(uint32_t mi, int32_t dest, const std::vector<int>& idx, int64_t active, int64_t t0);
  void DeliveryLine(std::string& s, const Msg& m, const Rcpt& r, std::string_view relay, int64_t active, int64_t handoff,
                    int64_t conn_done, int64_t done, std::string_view dsn, std::string_view status, int conn_use);
  int64_t Notify(uint32_t mi, int64_t t);
  uint32_t StartForward(uint32_t parent, std::string addr, int64_t t);
  void FinishAttempt(uint32_t mi, int64_t t_end);

  const Options& o_;
  Out& out_;
  Rng rng_;
  Stats st_;
  int64_t t0_ = 0, span_ = 0, now_ = 0;
  uint64_t target_ = 0;
  bool draining_ = false;
  double scale_ = 1.0, scale0_ = 1.0;
  double lambda_total_ = 0, lambda_done_ = 0, weighted_ = 0;

  std::vector<Ev> ev_;
  uint64_t evseq_ = 0;
  int pid_ = 0;

  Pool smtpd_{"postfix/smtpd", 100, 100 * kSec, {}}, sub_{"postfix/submission/smtpd", 100, 100 * kSec, {}},
      reinj_{"postfix/10025/smtpd", 100, 100 * kSec, {}}, cleanup_{"postfix/cleanup", 100, 100 * kSec, {}},
      smtp_{"postfix/smtp", 100, 100 * kSec, {}}, lmtp_{"postfix/lmtp", 100, 100 * kSec, {}},
      virtual_{"postfix/virtual", 100, 100 * kSec, {}}, local_{"postfix/local", 100, 100 * kSec, {}},
      bounce_{"postfix/bounce", 100, 100 * kSec, {}}, retry_{"postfix/retry", 100, 100 * kSec, {}},
      dnsblog_{"postfix/dnsblog", 100, 100 * kSec, {}}, amavis_{"amavis", 20, 3600 * kSec, {}},
      spf_{"policyd-spf", 1000, 3600 * kSec, {}}, dlmtp_{"lmtp", 100, 60 * kSec, {}};
  int qmgr_pid_ = 0, pickup_pid_ = 0, postscreen_pid_ = 0, anvil_pid_ = 0, master_pid_ = 0, opendkim_pid_ = 0,
      postgrey_pid_ = 0, scache_pid_ = 0;

  std::vector<Msg> msgs_;
  std::vector<uint32_t> free_msgs_;
  struct FreeInode {
    uint32_t inode;
    std::string qid;
  };
  std::vector<FreeInode> free_inodes_;
  uint32_t next_inode_ = 0;
  struct Release {
    std::string qid;
    uint32_t inode;
  };
  std::vector<Release> releases_;
  std::vector<uint32_t> free_releases_;
  std::vector<GreyRetry> greys_;
  std::vector<uint32_t> free_greys_;
  std::vector<Campaign> campaigns_;

  std::vector<Dest> dests_;
  std::vector<int32_t> own_dests_, dead_dests_, typo_dests_;
  std::unordered_map<std::string, int32_t> dest_index_;
  int32_t DestFor(const std::string& domain);
  int32_t gmail_ = 0, outlook_ = 0, hotmail_ = 0, yahoo_ = 0, aol_ = 0, icloud_ = 0;
  std::vector<std::string> users_;      // local addresses
  std::vector<Transport> user_tr_;
  std::vector<std::string> user_ip_;    // where each user submits from
  std::vector<std::string> aliases_;    // info@, sales@ ... of example.com
  std::vector<int> forwarders_;         // users with a .forward to Gmail

  // anvil bookkeeping between ticks
  int conns_since_tick_ = 0;
  std::string busiest_ip_;
  int busiest_rate_ = 0;
  int sub_conns_since_tick_ = 0;
  int smtp_since_tick_ = 0;
};

// ---------------------------------------------------------------------------
// Traffic curves and the size controller.

double Sim::HumanCurve(int64_t t) const {
  Civil c = CivilFromSeconds((t + out_.tz_us()) / kSec);
  double h = c.hh + c.mm / 60.0;
  auto sq = [](double x) { return x * x; };
  double shape = 0.16 + 0.84 * std::exp(-sq((h - 10.5) / 2.4)) + 0.6 * std::exp(-sq((h - 15.5) / 2.8)) +
                 0.18 * std::exp(-sq((h - 21.0) / 1.8));
  return (c.wday >= 5 ? 0.45 : 1.0) * shape;
}

double Sim::BotCurve(int64_t t) const {
  Civil c = CivilFromSeconds((t + out_.tz_us()) / kSec);
  double h = c.hh + c.mm / 60.0;
  return 0.85 + 0.15 * std::sin(6.283185307179586 * (h - 3.0) / 24.0);
}

// Schedules the next arrival of a Poisson stream whose rate follows a curve.
// per_hour is the rate at curve 1 for the reference load (200 MiB in 7 days).
void Sim::NextArrival(EvKind k, double per_hour, bool human) {
  if (draining_) return;
  double rate = per_hour * scale_ * (human ? HumanCurve(now_) : BotCurve(now_)) / 3600.0;  // per second
  if (rate < 1e-9) rate = 1e-9;
  Schedule(now_ + 1 + static_cast<int64_t>(rng_.Expo(1.0 / rate) * 1e6), k);
}

// True when t falls in the window starting at (day of each week, hh:mm) lasting the given minutes.
bool Sim::InWindow(int64_t t, int day, int h0, int m0, int minutes) const {
  int64_t into = (t - t0_) % (7 * kDay);
  int64_t start = day * kDay + h0 * kHour + m0 * kMin;
  return into >= start && into < start + minutes * kMin;
}

// ---------------------------------------------------------------------------
// Processes, queue IDs, messages.

int Sim::Acquire(Pool& p, int64_t t, int64_t until, int* uses) {
  size_t pick = SIZE_MAX;
  for (size_t i = 0; i < p.procs.size();) {
    auto& pr = p.procs[i];
    if (pr.busy_until <= t && (pr.uses >= p.max_use || pr.busy_until + p.max_idle < t)) {
      p.procs[i] = p.procs.back();  // exited
      p.procs.pop_back();
      continue;
    }
    if (pick == SIZE_MAX && pr.busy_until <= t) pick = i;
    ++i;
  }
  if (pick == SIZE_MAX) {
    p.procs.push_back(Pool::Proc{NewPid(), 0, 0});
    pick = p.procs.size() - 1;
  }
  auto& pr = p.procs[pick];
  pr.busy_until = until;
  pr.uses += 1;
  if (uses) *uses = pr.uses;
  return pr.pid;
}

std::string Sim::NewQid(int64_t t, uint32_t* inode) {
  std::string q;
  const int64_t usec = t % kSec;
  // Inodes of removed queue files are handed out again, newest first.
  if (!free_inodes_.empty() && rng_.Chance(0.8)) {
    FreeInode f = std::move(free_inodes_.back());
    free_inodes_.pop_back();
    *inode = f.inode;
    if (!o_.long_qids && rng_.Chance(0.0015)) {  // same inode and same microseconds: the ID repeats
      ++st_.qid_reuse;
      return f.qid;
    }
  } else {
    *inode = next_inode_;
    next_inode_ += 1 + static_cast<uint32_t>(rng_.Below(3));
  }
  if (!o_.long_qids) {
    AppHex(q, static_cast<uint64_t>(usec), 5, true);
    AppHex(q, *inode, 1, true);
    return q;
  }
  // Long IDs: seconds in base 52 (6+ chars), microseconds in base 52 (4 chars),
  // 'z', then the inode in base 51 (never 'z').
  static constexpr std::string_view kA = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
  auto enc = [&](uint64_t v, unsigned base, int pad) {
    char b[16];
    int n = 0;
    do {
      b[n++] = kA[v % base];
      v /= base;
    } while (v && n < 16);
    while (n < pad) b[n++] = '0';
    while (n) q.push_back(b[--n]);
  };
  enc(static_cast<uint64_t>(t / kSec), 52, 6);
  enc(static_cast<uint64_t>(usec), 52, 4);
  q.push_back('z');
  enc(*inode, 51, 1);
  return q;
}

void Sim::ReleaseLater(int64_t t, const std::string& qid, uint32_t inode) {
  uint32_t i;
  if (!free_releases_.empty()) {
    i = free_releases_.back();
    free_releases_.pop_back();
    releases_[i] = Release{qid, inode};
  } else {
    i = static_cast<uint32_t>(releases_.size());
    releases_.push_back(Release{qid, inode});
  }
  Schedule(t, kEvRelease, i);
}

uint32_t Sim::NewMsg() {
  uint32_t i;
  if (!free_msgs_.empty()) {
    i = free_msgs_.back();
    free_msgs_.pop_back();
  } else {
    i = static_cast<uint32_t>(msgs_.size());
    msgs_.emplace_back();
  }
  Msg& m = msgs_[i];
  m.qid.clear();
  m.from.clear();
  m.msgid.clear();
  m.client_ip.clear();
  m.rcpts.clear();
  m.attempts = 0;
  m.size = 0;
  ++st_.messages;
  return i;
}

// ---------------------------------------------------------------------------
// Identities.

std::string Sim::RandIp() {
  static constexpr int kFirstOctet[] = {5, 23, 27, 31, 37, 45, 46, 49, 58, 60, 61, 62, 77, 78, 79, 80, 81, 82, 85, 89,
                                        91, 92, 93, 94, 95, 101, 103, 106, 109, 110, 112, 113, 114, 115, 116, 117, 118,
                                        119, 121, 122, 123, 124, 125, 126, 133, 150, 153, 175, 176, 177, 178, 180, 182,
                                        183, 185, 186, 187, 188, 189, 190, 193, 194, 195, 200, 201, 202, 210, 211, 212,
                                        213, 217, 218, 219, 220, 221, 222};
  std::string s;
  AppInt(s, rng_.Pick(kFirstOctet));
  for (int i = 0; i < 3; ++i) {
    s.push_back('.');
    AppInt(s, rng_.Range(i == 2 ? 1 : 0, 254));
  }
  return s;
}

std::string Sim::IpDashed(const std::string& ip) const {
  std::string s = ip;
  std::replace(s.begin(), s.end(), '.', '-');
  return s;
}

std::string Sim::MakeDomain() {
  std::string d = rng_.Pick(kWord);
  if (rng_.Chance(0.7)) {
    if (rng_.Chance(0.3)) d.push_back('-');
    d.append(rng_.Pick(kWord));
  } else {
    AppInt(d, rng_.Range(1, 99));
  }
  d.push_back('.');
  d.append(rng_.Pick(kTld));
  return d;
}

std::string Sim::RemoteUser() {
  std::string u;
  switch (rng_.Weighted({5, 3, 2, 1.5, 1})) {
    case 0:
      u = rng_.Pick(kFirst);
      u.push_back('.');
      u.append(rng_.Pick(kLast));
      break;
    case 1:
      u = rng_.Pick(kFirst);
      u.append(rng_.Pick(kLast));
      AppInt(u, rng_.Range(1, 999));
      break;
    case 2:
      u.push_back(rng_.Pick(kFirst)[0]);
      u.append(rng_.Pick(kLast));
      break;
    case 3: {
      static constexpr const char* kRole[] = {"info", "sales", "support", "contact", "office", "admin", "hr", "billing"};
      u = rng_.Pick(kRole);
      break;
    }
    default:
      u = rng_.Pick(kFirst);
      u.push_back('_');
      AppInt(u, rng_.Range(1970, 2008));
  }
  return u;
}

std::string Sim::MsgIdFor(Kind k, const std::string& domain) {
  std::string s = "<";
  switch (k) {
    case kGmail:
    case kGws:
      s.append("CA");
      AppRand(s, rng_, kB64, 1);
      s.push_back('+');
      AppRand(s, rng_, kAlnum, 40);
      s.append("@mail.gmail.com>");
      break;
    case kMsft:
    case kM365: {
      static constexpr const char* kPre[] = {"TYCPR01MB", "OS3PR01MB", "TY3PR01MB", "DM6PR11MB", "SN7PR12MB", "PH0PR10MB"};
      std::string host = rng_.Pick(kPre);
      AppInt(host, rng_.Range(1000, 99999));
      s.append(host);
      AppRand(s, rng_, kHexUpper, 32);
      s.push_back('@');
      s.append(host);
      s.append(rng_.Chance(0.5) ? ".jpnprd01.prod.outlook.com>" : ".namprd11.prod.outlook.com>");
      break;
    }
    default:
      switch (rng_.Weighted({3, 2, 2, 1})) {
        case 0:
          AppRand(s, rng_, kHexLower, 8);
          s.push_back('-');
          AppRand(s, rng_, kHexLower, 4);
          s.push_back('-');
          AppRand(s, rng_, kHexLower, 4);
          s.push_back('-');
          AppRand(s, rng_, kHexLower, 4);
          s.push_back('-');
          AppRand(s, rng_, kHexLower, 12);
          break;
        case 1:
          AppInt(s, 1763000000 + static_cast<int64_t>(rng_.Below(9000000)));
          s.push_back('.');
          AppInt(s, rng_.Range(1000, 999999));
          s.push_back('.');
          AppRand(s, rng_, kHexLower, 12);
          break;
        case 2:
          AppRand(s, rng_, kAlnum, 22);
          break;
        default:
          s.append("01000");
          AppRand(s, rng_, kHexLower, 11);
          s.push_back('-');
          AppRand(s, rng_, kHexLower, 8);
          s.push_back('-');
          AppRand(s, rng_, kHexLower, 4);
          s.append("-000000");
      }
      s.push_back('@');
      s.append(domain);
      s.push_back('>');
  }
  return s;
}

std::string Sim::GeneratedMsgId(int64_t t, const std::string& qid) {
  Civil c = CivilFromSeconds((t + out_.tz_us()) / kSec);
  std::string s = "<";
  AppInt(s, c.y);
  App2(s, c.m);
  App2(s, c.d);
  App2(s, c.hh);
  App2(s, c.mm);
  App2(s, c.ss);
  s.push_back('.');
  s.append(qid);
  s.push_back('@');
  s.append(kMyHost);
  s.push_back('>');
  return s;
}

std::string Sim::Stamp(int64_t t) {  // ctime()-style, as anvil writes it
  Civil c = CivilFromSeconds((t + out_.tz_us()) / kSec);
  std::string s = kMonths[c.m - 1];
  s.push_back(' ');
  if (c.d < 10) s.push_back(' ');
  AppInt(s, c.d);
  s.push_back(' ');
  App2(s, c.hh);
  s.push_back(':');
  App2(s, c.mm);
  s.push_back(':');
  App2(s, c.ss);
  return s;
}

std::string Sim::UtcIso(int64_t t) {
  Civil c = CivilFromSeconds(t / kSec);
  std::string s;
  AppInt(s, c.y);
  s.push_back('-');
  App2(s, c.m);
  s.push_back('-');
  App2(s, c.d);
  s.push_back('T');
  App2(s, c.hh);
  s.push_back(':');
  App2(s, c.mm);
  s.push_back(':');
  App2(s, c.ss);
  s.push_back('.');
  AppInt(s, 100 + (t / 1000) % 900);
  s.push_back('Z');
  return s;
}

std::string Sim::MsBracket(int64_t t) {
  static constexpr const char* kSite[] = {"namprd03", "namprd02", "namprd11", "apcprd03", "jpnprd01", "eurprd04"};
  std::string s = "[";
  AppRand(s, rng_, "ABCDEFGHJKLMNPQRSTUVWXYZ", 2);
  AppInt(s, rng_.Range(1, 9));
  s.append("PEPF");
  AppRand(s, rng_, kHexUpper, 8);
  s.push_back('.');
  s.append(rng_.Pick(kSite));
  s.append(".prod.outlook.com ");
  s.append(UtcIso(t));
  s.append(" 08DC");
  AppRand(s, rng_, kHexUpper, 12);
  s.push_back(']');
  return s;
}

std::string Sim::GmailId() {
  std::string s;
  AppRand(s, rng_, kHexLower, 13);
  s.push_back('-');
  AppRand(s, rng_, kHexLower, 11);
  s.append("si");
  AppInt(s, rng_.Range(1000000, 9999999));
  AppRand(s, rng_, kLower, 3);
  s.push_back('.');
  AppInt(s, rng_.Range(10, 999));
  s.append(" - gsmtp");
  return s;
}

// "ehlo=2 starttls=1 mail=1 rcpt=0/1 quit=1 commands=5/6": ok/total per command.
std::string Sim::Commands(std::initializer_list<std::pair<const char*, std::pair<int, int>>> c) {
  std::string s;
  int ok = 0, total = 0;
  for (auto& [name, v] : c) {
    if (v.second == 0) continue;
    if (!s.empty()) s.push_back(' ');
    s.append(name);
    s.push_back('=');
    AppInt(s, v.first);
    if (v.first != v.second) {
      s.push_back('/');
      AppInt(s, v.second);
    }
    ok += v.first;
    total += v.second;
  }
  if (!s.empty()) s.push_back(' ');
  s.append("commands=");
  AppInt(s, ok);
  if (ok != total) {
    s.push_back('/');
    AppInt(s, total);
  }
  return s;
}

std::string Sim::TlsIn(bool modern) {
  if (modern)
    return ": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS "
           "(2048 bits) server-digest SHA256";
  return ": TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)";
}

// ---------------------------------------------------------------------------
// The world: local users, remote domains and their MX hosts.

void Sim::BuildWorld() {
  static constexpr const char* kLocalDomains[] = {"example.com", "example.net", "example.org"};
  for (int i = 0; i < 420; ++i) {
    int dom = i < 300 ? 0 : (i < 370 ? 1 : 2);
    std::string u;
    if (rng_.Chance(0.75)) {
      u = rng_.Pick(kFirst);
      u.push_back('.');
      u.append(rng_.Pick(kLast));
    } else {
      u.push_back(rng_.Pick(kFirst)[0]);
      u.append(rng_.Pick(kLast));
    }
    u.push_back('@');
    u.append(kLocalDomains[dom]);
    if (std::find(users_.begin(), users_.end(), u) != users_.end()) {
      --i;
      continue;
    }
    users_.push_back(u);
    user_tr_.push_back(dom == 0 ? kLmtp : kVirtual);
    std::string ip = RandIp();
    user_ip_.push_back(ip);
    if (dom == 0 && rng_.Chance(0.03)) forwarders_.push_back(i);
  }
  for (const char* a : {"info", "sales", "support", "contact", "recruit", "press", "billing", "abuse", "postmaster", "webmaster"}) {
    aliases_.push_back(std::string(a) + "@example.com");
  }

  auto add = [&](std::string name, Kind k, uint8_t flags) {
    Dest d;
    d.name = std::move(name);
    d.kind = k;
    d.flags = flags;
    dest_index_.emplace(d.name, static_cast<int32_t>(dests_.size()));
    dests_.push_back(std::move(d));
    return static_cast<int32_t>(dests_.size() - 1);
  };
  gmail_ = add("gmail.com", kGmail, 0);
  outlook_ = add("outlook.com", kMsft, 0);
  hotmail_ = add("hotmail.com", kMsft, 0);
  yahoo_ = add("yahoo.com", kYahoo, 0);
  aol_ = add("aol.com", kYahoo, 0);
  icloud_ = add("icloud.com", kIcloud, 0);
  for (auto& d : dests_) {
    switch (d.kind) {
      case kGmail:
        for (const char* h : {"gmail-smtp-in.l.google.com", "alt1.gmail-smtp-in.l.google.com", "alt2.gmail-smtp-in.l.google.com"})
          d.mx.push_back(h);
        break;
      case kMsft: {
        std::string h = d.name;
        std::replace(h.begin(), h.end(), '.', '-');
        d.mx.push_back(h + ".olc.protection.outlook.com");
        break;
      }
      case kYahoo:
        if (d.name == "aol.com") {
          d.mx.push_back("mx-aol.mail.gm0.yahoodns.net");
        } else {
          d.mx.push_back("mta5.am0.yahoodns.net");
          d.mx.push_back("mta6.am0.yahoodns.net");
        }
        break;
      default:
        d.mx.push_back("mx01.mail.icloud.com");
        d.mx.push_back("mx02.mail.icloud.com");
    }
  }
  for (int i = 0; i < 2600; ++i) {
    std::string name = MakeDomain();
    if (dest_index_.count(name)) continue;
    static constexpr Kind kKinds[] = {kOwn, kGws, kM365};
    Kind k = kKinds[rng_.Weighted({55, 20, 25})];
    uint8_t flags = 0;
    if (k == kOwn) {
      if (rng_.Chance(0.12)) flags |= kGrey;
      if (rng_.Chance(0.35)) flags |= kUsesSpamhaus;
      if (rng_.Chance(0.3)) flags |= kExim;
    }
    int32_t di = add(name, k, flags);
    Dest& d = dests_[static_cast<size_t>(di)];
    if (k == kGws) {
      for (const char* h : {"aspmx.l.google.com", "alt1.aspmx.l.google.com", "alt2.aspmx.l.google.com"}) d.mx.push_back(h);
    } else if (k == kM365) {
      std::string h = name;
      std::replace(h.begin(), h.end(), '.', '-');
      d.mx.push_back(h + ".mail.protection.outlook.com");
    } else {
      if (rng_.Chance(0.55)) {
        d.mx.push_back("mx1." + name);
        d.mx.push_back("mx2." + name);
      } else {
        d.mx.push_back((rng_.Chance(0.5) ? "mail." : "smtp.") + name);
      }
    }
    if (k == kOwn)
      for (size_t j = 0; j < d.mx.size(); ++j) d.ip.push_back(RandIp());
    own_dests_.push_back(di);
  }
  for (int i = 0; i < 5; ++i) {  // dead: every MX times out, mail waits until it expires
    int32_t di = add(MakeDomain(), kOwn, kDead);
    Dest& d = dests_[static_cast<size_t>(di)];
    d.mx.push_back("mx1." + d.name);
    d.mx.push_back("mx2." + d.name);
    d.ip.push_back(RandIp());
    d.ip.push_back(RandIp());
    dead_dests_.push_back(di);
  }
  for (const char* t : {"gmial.com", "hotmial.com", "yahooo.com", "outlok.com", "gmail.co"})
    typo_dests_.push_back(add(t, kOwn, kNx));
  {
    int32_t di = add("noreply-mailer.example", kOwn, kNullMx);
    typo_dests_.push_back(di);
  }
  for (auto& d : dests_) {
    if (d.ip.size() < d.mx.size()) {
      d.ip.clear();
      for (size_t j = 0; j < d.mx.size(); ++j) {
        std::string ip;
        switch (d.kind) {
          case kGmail:
          case kGws: {
            static constexpr const char* kG[] = {"142.250.", "142.251.", "64.233.", "74.125.", "172.253.", "108.177.", "209.85."};
            ip = rng_.Pick(kG);
            AppInt(ip, rng_.Range(0, 255));
            ip.append(rng_.Chance(0.5) ? ".27" : ".26");
            break;
          }
          case kMsft:
          case kM365:
            ip = rng_.Chance(0.6) ? "52.101." : "40.92.";
            AppInt(ip, rng_.Range(0, 255));
            ip.push_back('.');
            AppInt(ip, rng_.Range(1, 254));
            break;
          case kYahoo:
            ip = rng_.Chance(0.5) ? "67.195.204." : "98.136.96.";
            AppInt(ip, rng_.Range(70, 80));
            break;
          case kIcloud:
            ip = "17.57.";
            AppInt(ip, rng_.Range(152, 156));
            ip.push_back('.');
            AppInt(ip, rng_.Range(2, 30));
            break;
          default:
            ip = RandIp();
        }
        d.ip.push_back(ip);
      }
      if (d.kind != kOwn && &d - &dests_[0] < 8) {
        // Gmail varies the third octet (x.y.N.26/27); the others the last one.
        const std::string& a = d.ip[0];
        for (int j = 0; j < 6; ++j) {
          std::string ip;
          if (d.kind == kGmail) {
            ip = a.substr(0, a.find('.', a.find('.') + 1) + 1);
            AppInt(ip, rng_.Range(0, 255));
            ip.append(rng_.Chance(0.5) ? ".26" : ".27");
          } else {
            ip = a.substr(0, a.rfind('.') + 1);
            AppInt(ip, rng_.Range(1, 254));
          }
          d.pool.push_back(ip);
        }
      }
    }
  }
}

int32_t Sim::PickRemoteDest(Origin origin) {
  double dead = origin == kFromPickup ? 0.005 : 0.0015;
  double typo = origin == kFromPickup ? 0.02 : 0.004;
  if (rng_.Chance(dead)) return rng_.Pick(dead_dests_);
  if (rng_.Chance(typo)) return rng_.Pick(typo_dests_);
  switch (rng_.Weighted({30, 9, 7, 6, 3, 3, 42})) {
    case 0: return gmail_;
    case 1: return outlook_;
    case 2: return hotmail_;
    case 3: return yahoo_;
    case 4: return aol_;
    case 5: return icloud_;
    default: return rng_.Pick(own_dests_);
  }
}

std::string Sim::RemoteAddrAt(int32_t dest) {
  std::string a = RemoteUser();
  a.push_back('@');
  a.append(dests_[static_cast<size_t>(dest)].name);
  return a;
}

// Decides, once, how the deliveries to one remote recipient will go.
void Sim::PlanRemote(Rcpt& r, Origin origin) {
  const Dest& d = dests_[static_cast<size_t>(r.dest)];
  const bool app = origin == kFromPickup;        // web application mail: weak authentication, stale lists
  const bool listed = InWindow(now_, 4, 9, 0, 210);  // our IP on a block list for a morning
  auto defer_then = [&](Oc temp, int lo, int hi, Oc fin) {
    r.defer = temp;
    r.n_defer = static_cast<uint8_t>(rng_.Range(lo, hi));
    r.final_oc = fin;
  };
  r.final_oc = kOk;
  r.n_defer = 0;
  if (d.flags & kDead) { defer_then(kTimeout, 255, 255, kTimeout); return; }
  if (d.flags & kNx) { r.final_oc = kNxDomain; return; }
  if (d.flags & kNullMx) { r.final_oc = kNullMxOc; return; }
  switch (d.kind) {
    case kGmail:
    case kGws: {
      int k = rng_.Weighted({88.0, app ? 20.0 : 1.2, app ? 3.0 : 1.0, 2.5, d.kind == kGmail ? (app ? 9.0 : 5.0) : 2.0, 0.8, 0.4});
      switch (k) {
        case 1: r.final_oc = k5726; break;
        case 2: r.final_oc = kLowRep; break;
        case 3: defer_then(k4728, 1, 4, rng_.Chance(0.04) ? k4728 : kOk); break;
        case 4: r.final_oc = kGmail511; break;
        case 5: defer_then(kGmailQuota, 1, 3, rng_.Chance(0.3) ? kFull552 : kOk); break;
        case 6: defer_then(kLostData, 1, 1, kOk); break;
        default: break;
      }
      break;
    }
    case kMsft:
    case kM365: {
      int k = rng_.Weighted({89.0, listed ? 25.0 : 3.0, app ? 6.0 : 0.8, 3.0, app ? 6.0 : 4.0, 0.5});
      switch (k) {
        case 1: r.final_oc = kS3150; break;
        case 2: r.final_oc = k5509; break;
        case 3: defer_then(kMs4500, 1, 3, kOk); break;
        case 4: r.final_oc = kMsUnknown; break;
        case 5: defer_then(kTalk421, 1, 2, kOk); break;
        default: break;
      }
      break;
    }
    case kYahoo: {
      int k = rng_.Weighted({88.0, 7.0, app ? 6.0 : 4.0, 0.5});
      switch (k) {
        case 1: defer_then(kTss04, 1, 4, rng_.Chance(0.02) ? kTss04 : kOk); break;
        case 2: r.final_oc = kYahooUnknown; break;
        case 3: defer_then(kDnsTemp, 1, 1, kOk); break;
        default: break;
      }
      break;
    }
    case kIcloud:
      if (rng_.Chance(0.03)) r.final_oc = kUnknownUser;
      break;
    default: {
      bool spamhaus = (d.flags & kUsesSpamhaus) && listed;
      int k = rng_.Weighted({86.0, app ? 12.0 : 7.0, (d.flags & kGrey) ? 40.0 : 0.0, spamhaus ? 400.0 : 1.5, 1.0, 0.6, 0.5, 0.6, 0.5,
                             0.5, 0.3, 0.6, 0.3});
      switch (k) {
        case 1: r.final_oc = kUnknownUser; break;
        case 2: defer_then(kGreylist, 1, rng_.Chance(0.8) ? 1 : 2, kOk); break;
        case 3: r.final_oc = kSpamhaus; break;
        case 4: defer_then(kQuota452, 1, 4, rng_.Chance(0.3) ? kFull552 : kOk); break;
        case 5: r.final_oc = kFull552; break;
        case 6: defer_then(kTalk421, 1, 2, kOk); break;
        case 7: r.final_oc = kTalk554; break;
        case 8: defer_then(kLostGreeting, 1, 2, kOk); break;
        case 9: defer_then(kDnsTemp, 1, 2, kOk); break;
        case 10: defer_then(kRefused, 1, 3, kOk); break;
        case 11: defer_then(kTimeout, 1, 3, kOk); break;
        case 12: r.final_oc = kSpamContent; break;
        default: break;
      }
    }
  }
}

void Sim::PlanLocal(Rcpt& r) {
  r.n_defer = 0;
  r.final_oc = kOk;
  if (r.tr != kLmtp) return;
  switch (rng_.Weighted({98.6, 0.9, 0.35, 0.15})) {
    case 1: r.defer = kLocalQuota; r.n_defer = static_cast<uint8_t>(rng_.Range(1, 6)); break;
    case 2: r.final_oc = kLocalQuotaBounce; break;
    case 3: r.final_oc = kLocalUnknown; break;
    default: break;
  }
}

// A local recipient as the client names it (orig, when an alias or a .forward
// is involved) and as it is finally delivered (addr).
Rcpt Sim::MakeLocalRcpt(int user, bool via_alias, bool allow_forward) {
  Rcpt r;
  r.addr = users_[static_cast<size_t>(user)];
  r.tr = user_tr_[static_cast<size_t>(user)];
  if (via_alias) {
    r.orig = rng_.Pick(aliases_);
  } else if (allow_forward && r.tr == kLmtp && !forwarders_.empty() && rng_.Chance(0.05)) {
    // a user with a .forward: local(8) delivers and re-submits a copy
    const std::string& a = users_[static_cast<size_t>(rng_.Pick(forwarders_))];
    r.orig = a;
    r.addr = a.substr(0, a.find('@')) + "@" + std::string(kMyHost);
    r.tr = kLocal;
    r.forward = true;
  }
  PlanLocal(r);
  return r;
}

void Sim::AddRemoteRcpt(Msg& m, int32_t dest, const std::string& addr, Origin origin) {
  Rcpt r;
  r.addr = addr;
  r.dest = dest;
  r.tr = kSmtp;
  PlanRemote(r, origin);
  // Recipients at one destination share one SMTP transaction: what happens
  // before RCPT TO or after DATA happens to all of them, as the first one decides.
  for (const Rcpt& o : m.rcpts) {
    if (o.tr != kSmtp || o.dest != dest) continue;
    const int shared = Stage(o.n_defer ? o.defer : o.final_oc);
    if (shared == 1 || shared == 2 || shared == 4) {
      r.defer = o.defer;
      r.n_defer = o.n_defer;
      r.final_oc = o.final_oc;
    } else {
      const int mine = Stage(r.n_defer ? r.defer : r.final_oc);
      if (mine == 1 || mine == 2 || mine == 4) {
        r.n_defer = 0;
        r.final_oc = kOk;
      }
    }
    break;
  }
  m.rcpts.push_back(std::move(r));
}

int32_t Sim::DestFor(const std::string& domain) {
  auto it = dest_index_.find(domain);
  if (it != dest_index_.end()) return it->second;
  Dest d;
  d.name = domain;
  d.kind = kOwn;
  d.flags = 0;
  d.mx.push_back("mx." + domain);
  d.ip.push_back(RandIp());
  dests_.push_back(std::move(d));
  int32_t i = static_cast<int32_t>(dests_.size() - 1);
  dest_index_.emplace(domain, i);
  return i;
}

// ---------------------------------------------------------------------------
// Arrivals.

void Sim::Inbound() {
  switch (rng_.Weighted({50, 21, 15, 12})) {
    case 0: InboundLegit(nullptr); break;
    case 1: InboundSmtpdReject(); break;
    case 2: PostscreenReject(); break;
    default: Scanner(); break;
  }
  NextArrival(kEvInbound, 1050, true);
}

// A wanted message from the Internet: postscreen, smtpd, cleanup, qmgr, then
// amavis or direct local delivery.
void Sim::InboundLegit(const GreyRetry* retry) {
  int64_t t = now_;
  std::string host, ip, helo, from;
  Kind sk = kOwn;
  std::string sdomain;
  bool v6 = false;
  if (retry) {
    host = retry->host;
    ip = retry->ip;
    helo = retry->helo;
    from = retry->from;
    sdomain = from.substr(from.find('@') + 1);
  } else {
    switch (rng_.Weighted({22, 14, 4, 3, 35, 22})) {
      case 0: {
        sk = kGmail;
        sdomain = "gmail.com";
        ip = "209.85.";
        AppInt(ip, rng_.Range(128, 223));
        ip.push_back('.');
        int last = rng_.Range(1, 254);
        AppInt(ip, last);
        host = "mail-";
        AppRand(host, rng_, kLower, 2);
        AppInt(host, rng_.Range(1, 9));
        host.append("-f");
        AppInt(host, last);
        host.append(".google.com");
        break;
      }
      case 1: {
        sk = kMsft;
        sdomain = rng_.Chance(0.6) ? "outlook.com" : "hotmail.com";
        if (rng_.Chance(0.3)) {
          v6 = true;
          ip = "2a01:111:f403:";
          AppHex(ip, rng_.Range(0x2800, 0x2c1f), 4, false);
          ip.append("::");
          AppHex(ip, rng_.Range(0x700, 0x831), 3, false);
        } else {
          ip = "40.107.";
          AppInt(ip, rng_.Range(0, 255));
          ip.push_back('.');
          AppInt(ip, rng_.Range(1, 254));
        }
        host = "mail-";
        static constexpr const char* kReg[] = {"ty0jpn01", "os0jpn01", "tycjpn01", "am7eur03", "dm6nam12", "bn1nam02"};
        host.append(rng_.Pick(kReg));
        host.append("on2");
        AppInt(host, rng_.Range(100, 999));
        host.append(".outbound.protection.outlook.com");
        break;
      }
      case 2: {
        sk = kYahoo;
        sdomain = "yahoo.com";
        ip = "66.163.";
        AppInt(ip, rng_.Range(184, 191));
        ip.push_back('.');
        AppInt(ip, rng_.Range(1, 254));
        host = "sonic";
        AppInt(host, rng_.Range(300, 330));
        host.push_back('-');
        AppInt(host, rng_.Range(1, 60));
        host.append(".consmr.mail.ne1.yahoo.com");
        break;
      }
      case 3:
        sk = kIcloud;
        sdomain = "icloud.com";
        ip = "17.58.";
        AppInt(ip, rng_.Range(60, 63));
        ip.push_back('.');
        AppInt(ip, rng_.Range(1, 254));
        host = "st43p00im-ztdg";
        AppRand(host, rng_, kHexLower, 8);
        host.append(".me.com");
        break;
      case 4: {
        const Dest& d = dests_[static_cast<size_t>(rng_.Pick(own_dests_))];
        sdomain = d.name;
        sk = d.kind;
        if (d.kind == kOwn) {
          host = d.mx[0];
          ip = d.ip[0];
        } else if (d.kind == kGws) {
          ip = "209.85.220.";
          int last = rng_.Range(1, 254);
          AppInt(ip, last);
          host = "mail-sor-f";
          AppInt(host, last);
          host.append(".google.com");
        } else {
          ip = "40.107.";
          AppInt(ip, rng_.Range(0, 255));
          ip.push_back('.');
          AppInt(ip, rng_.Range(1, 254));
          host = "mail-";
          AppRand(host, rng_, kLower, 2);
          AppInt(host, rng_.Range(0, 9));
          host.append("jpn01on2");
          AppInt(host, rng_.Range(100, 999));
          host.append(".outbound.protection.outlook.com");
        }
        break;
      }
      default: {
        // Newsletters and notifications from bulk senders, with VERP return paths.
        std::string brand = rng_.Pick(kWord);
        brand.append(rng_.Pick(kWord));
        sdomain = "bounce." + brand + ".com";
        ip = RandIp();
        host = "mta";
        AppInt(host, rng_.Range(1, 40));
        host.append(".mailer.");
        host.append(brand);
        host.append(".com");
        from = "bounce-";
        AppInt(from, rng_.Range(100, 999));
        from.push_back('_');
        from.append("HTML-");
        AppInt(from, rng_.Range(1000000, 9999999));
        from.push_back('-');
        AppInt(from, rng_.Range(100000, 999999));
        from.append("-1@");
        from.append(sdomain);
      }
    }
    if (from.empty()) from = RemoteUser() + "@" + sdomain;
    helo = host;
  }
  const bool tls = rng_.Chance(0.8);

  // postscreen in front of port 25
  std::string port;
  AppInt(port, rng_.Range(32768, 65000));
  {
    std::string s = Tag("postfix/postscreen", postscreen_pid_);
    s.append("CONNECT from [").append(ip).append("]:").append(port).append(" to [").append(kMyIp).append("]:25");
    Line(t, std::move(s));
  }
  const bool pass_new = !retry && rng_.Chance(0.12);
  t += pass_new ? rng_.Us(6.0, 6.3) : rng_.Us(0.0, 0.05);
  {
    std::string s = Tag("postfix/postscreen", postscreen_pid_);
    s.append(pass_new ? "PASS NEW [" : "PASS OLD [").append(ip).append("]:").append(port);
    Line(t, std::move(s));
  }
  ++conns_since_tick_;
  int rate = rng_.Range(1, 4);
  if (rate > busiest_rate_) {
    busiest_rate_ = rate;
    busiest_ip_ = ip;
  }

  const int pid = Acquire(smtpd_, t, t + 30 * kSec);
  const std::string tag = Tag(smtpd_, pid);
  const std::string client = host + "[" + ip + "]";
  t += rng_.Us(0.001, 0.02);
  Line(t, tag + "connect from " + client);
  if (tls) {
    t += rng_.Us(0.05, 0.4);
    Line(t, tag + "Anonymous TLS connection established from " + client + TlsIn(rng_.Chance(0.5)));
  }

  // Storage trouble on this server for a while (a full disk, every week).
  if (InWindow(t, 2, 13, 40, 25)) {
    t += rng_.Us(0.05, 0.3);
    ++st_.noqueue;
    Line(t, tag + "NOQUEUE: reject: MAIL from " + client + ": 452 4.3.1 Insufficient system storage; from=<" + from +
                "> proto=ESMTP helo=<" + helo + ">");
    t += rng_.Us(0.05, 0.3);
    Line(t, tag + "disconnect from " + client + " " +
                Commands({{"ehlo", {tls ? 2 : 1, tls ? 2 : 1}}, {"starttls", {tls, tls}}, {"mail", {0, 1}}, {"quit", {1, 1}}}));
    return;
  }

  int n_msgs = rng_.Chance(0.08) ? 2 : 1;
  int mail_ok = 0, rcpt_ok = 0, rcpt_all = 0, data_ok = 0, data_all = 0, rset = 0;
  for (int k = 0; k < n_msgs; ++k) {
    if (k > 0) {
      from = RemoteUser() + "@" + sdomain;
      t += rng_.Us(0.1, 1.5);
    }
    // recipients, as the client names them
    int n_rcpt = rng_.Chance(0.85) ? 1 : rng_.Range(2, 4);
    std::vector<Rcpt> rc;
    for (int i = 0; i < n_rcpt; ++i) {
      const int user = PickLocalUser();
      const bool alias = rng_.Chance(0.12);
      rc.push_back(MakeLocalRcpt(user, alias, true));
    }
    if (retry && k == 0) {
      rc[0] = retry->rcpt;
      rc[0].tries = 0;
    }
    const std::string first_to = Visible(rc[0]);

    // greylisting: a first-time triple is told to come back later
    if (!retry && k == 0 && rng_.Chance(0.035)) {
      t += rng_.Us(0.2, 0.8);
      std::string s = Tag("postgrey", postgrey_pid_);
      s.append("action=greylist, reason=new, client_name=").append(host).append(", client_address=").append(ip);
      s.append(v6 ? "/64" : "/32").append(", sender=").append(from).append(", recipient=").append(first_to);
      Line(t, std::move(s));
      t += rng_.Us(0.001, 0.01);
      ++st_.noqueue;
      std::string dom = first_to.substr(first_to.find('@') + 1);
      Line(t, tag + "NOQUEUE: reject: RCPT from " + client + ": 450 4.2.0 <" + first_to +
                  ">: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/" + dom +
                  ".html; from=<" + from + "> to=<" + first_to + "> proto=ESMTP helo=<" + helo + ">");
      t += rng_.Us(0.05, 0.5);
      Line(t, tag + "disconnect from " + client + " " +
                  Commands({{"ehlo", {tls ? 2 : 1, tls ? 2 : 1}}, {"starttls", {tls, tls}}, {"mail", {1, 1}}, {"rcpt", {0, 1}},
                            {"quit", {1, 1}}}));
      for (auto& p : smtpd_.procs)
        if (p.pid == pid) p.busy_until = t;
      if (rng_.Chance(0.85) && !draining_) {
        uint32_t gi;
        if (!free_greys_.empty()) {
          gi = free_greys_.back();
          free_greys_.pop_back();
        } else {
          gi = static_cast<uint32_t>(greys_.size());
          greys_.emplace_back();
        }
        greys_[gi] = GreyRetry{host, ip, helo, from, rc[0], t};
        Schedule(t + rng_.Us(300, 1500), kEvGreyRetry, gi);
      }
      return;
    }
    if (retry && k == 0) {
      t += rng_.Us(0.2, 0.6);
      std::string s = Tag("postgrey", postgrey_pid_);
      s.append("action=pass, reason=triplet found, delay=");
      AppInt(s, (now_ - retry->since) / kSec);
      s.append(", client_name=").append(host).append(", client_address=").append(ip).append(v6 ? "/64" : "/32");
      s.append(", sender=").append(from).append(", recipient=").append(first_to);
      Line(t, std::move(s));
    }
    // SPF check by policyd-spf (logged for the domains it could judge)
    if (rng_.Chance(0.3)) {
      t += rng_.Us(0.01, 0.2);
      int spid = Acquire(spf_, t, t + kSec);
      std::string s = Tag(spf_, spid);
      s.append("prepend Received-SPF: ")
          .append(rng_.Chance(0.9) ? "Pass" : "None")
          .append(" (mailfrom) identity=mailfrom; client-ip=")
          .append(ip)
          .append("; helo=")
          .append(helo)
          .append("; envelope-from=")
          .append(from)
          .append("; receiver=<UNKNOWN>");
      Line(t, std::move(s));
    }
    uint32_t mi = NewMsg();
    Msg& m = msgs_[mi];
    t += rng_.Us(0.05, 0.4);
    m.qid = NewQid(t, &m.inode);
    m.arrival = t;
    m.from = from;
    m.origin = kFromSmtp;
    m.client_ip = ip;
    m.size = MsgSize();
    m.msgid = rng_.Chance(0.006) ? "<>" : MsgIdFor(sk, sdomain);
    ++st_.client;
    Line(t, tag + m.qid + ": client=" + client);
    int accepted = 0;
    for (int i = 0; i < n_rcpt; ++i) {
      if (i > 0 && rng_.Chance(0.04)) {  // a recipient that does not exist: a reject with a queue ID
        t += rng_.Us(0.01, 0.1);
        std::string bad = RemoteUser() + "@example.com";
        ++st_.noqueue;
        Line(t, tag + m.qid + ": reject: RCPT from " + client + ": 550 5.1.1 <" + bad +
                    ">: Recipient address rejected: User unknown in virtual mailbox table; from=<" + from + "> to=<" +
                    bad + "> proto=ESMTP helo=<" + helo + ">");
        ++rcpt_all;
        continue;
      }
      m.rcpts.push_back(std::move(rc[static_cast<size_t>(i)]));
      ++accepted;
      ++rcpt_all;
      ++rcpt_ok;
    }
    ++mail_ok;
    ++data_all;
    int cpid = Acquire(cleanup_, t, t + 2 * kSec);
    std::string ctag = Tag(cleanup_, cpid);
    t += rng_.Us(0.05, 1.2);
    Line(t, ctag + m.qid + ": message-id=" + m.msgid);
    // content checks at the end of DATA
    if (rng_.Chance(0.012)) {
      t += rng_.Us(0.1, 2.0);
      const std::string& to = m.rcpts.empty() ? first_to : m.rcpts[0].addr;
      if (rng_.Chance(0.6)) {
        Line(t, ctag + m.qid + ": milter-reject: END-OF-MESSAGE from " + client + ": 5.7.1 " +
                    (rng_.Chance(0.5) ? "Spam message rejected" : "Blocked by SpamAssassin") + "; from=<" + from +
                    "> to=<" + to + "> proto=ESMTP helo=<" + helo + ">");
      } else {
        Line(t, ctag + m.qid + ": reject: header Subject: " + rng_.Pick(kSubjects) + " from " + client + "; from=<" +
                    from + "> to=<" + to + "> proto=ESMTP helo=<" + helo + ">: 5.7.1 Message content rejected");
      }
      ++st_.cleanup_reject;
      ReleaseLater(t, m.qid, m.inode);
      FreeMsg(mi);
      continue;
    }
    if (accepted == 0) {  // cannot happen (the first recipient is always accepted)
      FreeMsg(mi);
      continue;
    }
    ++data_ok;
    t += rng_.Us(0.005, 0.05);
    {
      std::string s = Tag("opendkim", opendkim_pid_);
      s.append(m.qid).append(": ");
      switch (rng_.Weighted({6, 3, 1})) {
        case 0: s.append("DKIM verification successful"); break;
        case 1: s.append("no signature data"); break;
        default: s.append("bad signature data"); break;
      }
      Line(t, std::move(s));
    }
    t += rng_.Us(0.01, 0.1);
    {
      std::string s = Tag("postfix/qmgr", qmgr_pid_);
      s.append(m.qid).append(": from=<").append(m.from).append(">, size=");
      AppInt(s, m.size);
      s.append(", nrcpt=");
      AppInt(s, static_cast<int64_t>(m.rcpts.size()));
      s.append(" (queue active)");
      Line(t, std::move(s));
    }
    // Mail for example.com goes through amavis; the virtual domains do not.
    // Before the filter the recipients are as the client named them; address
    // rewriting happens when amavis hands the message back (no_address_mappings).
    bool via_amavis = false;
    for (auto& r : m.rcpts)
      if (r.tr == kLmtp || r.tr == kLocal) via_amavis = true;
    if (via_amavis) {
      for (auto& r : m.rcpts) {
        r.next_tr = r.tr;
        r.tr = kAmavis;
        if (!r.orig.empty()) std::swap(r.addr, r.orig);  // addr: as named; orig: the mailbox
      }
    }
    Schedule(t, kEvAttempt, mi);
  }
  if (n_msgs > 1 && rng_.Chance(0.3)) rset = 1;
  t += rng_.Us(0.02, 0.3);
  Line(t, tag + "disconnect from " + client + " " +
              Commands({{"ehlo", {tls ? 2 : 1, tls ? 2 : 1}}, {"starttls", {tls, tls}}, {"mail", {mail_ok, mail_ok}},
                        {"rcpt", {rcpt_ok, rcpt_all}}, {"data", {data_ok, data_all}}, {"rset", {rset, rset}},
                        {"quit", {1, 1}}}));
  for (auto& p : smtpd_.procs)
    if (p.pid == pid) p.busy_until = t;
}

// Unwanted mail that postscreen let through and smtpd refuses before queueing.
void Sim::InboundSmtpdReject() {
  int64_t t = now_;
  std::string ip = RandIp();
  std::string port;
  AppInt(port, rng_.Range(32768, 65000));
  int kind = rng_.Weighted({25, 20, 10, 8, 7, 9, 4, 3});
  bool unknown_host = kind == 5 || rng_.Chance(0.45);
  std::string host;
  if (unknown_host) {
    host = "unknown";
  } else {
    host = IpDashed(ip) + "." + (rng_.Chance(0.5) ? "static." : "dynamic.");
    host.append(rng_.Pick(kIsp));
  }
  std::string helo;
  if (kind == 4) {
    static constexpr const char* kBadHelo[] = {"User", "localhost", "ylmf-pc", "WIN-8QJ2P1M3", "mail", "[127.0.0.1]"};
    helo = rng_.Pick(kBadHelo);
  } else {
    helo = unknown_host ? IpDashed(ip) + ".example-isp.net" : host;
  }
  std::string sdomain = rng_.Pick(kWord);
  AppInt(sdomain, rng_.Range(1, 9999));
  sdomain.push_back('.');
  sdomain.append(rng_.Pick(kSpamTld));
  std::string from = RemoteUser() + "@" + sdomain;
  if (rng_.Chance(0.2)) from = "";

  {
    std::string s = Tag("postfix/postscreen", postscreen_pid_);
    s.append("CONNECT from [").append(ip).append("]:").append(port).append(" to [").append(kMyIp).append("]:25");
    Line(t, std::move(s));
  }
  t += rng_.Us(0.0, 0.05);
  Line(t, Tag("postfix/postscreen", postscreen_pid_) + (rng_.Chance(0.7) ? "PASS OLD [" : "PASS NEW [") + ip + "]:" + port);
  ++conns_since_tick_;

  const int pid = Acquire(smtpd_, t, t + 30 * kSec);
  const std::string tag = Tag(smtpd_, pid);
  const std::string client = host + "[" + ip + "]";
  t += rng_.Us(0.001, 0.02);
  if (unknown_host && rng_.Chance(0.5)) {
    std::string fake = IpDashed(ip) + ".rev." + rng_.Pick(kIsp);
    Line(t, tag + "warning: hostname " + fake + " does not resolve to address " + ip + ": Name or service not known");
    t += rng_.Us(0.0, 0.01);
  }
  Line(t, tag + "connect from " + client);
  const bool tls = rng_.Chance(0.35);
  if (tls) {
    t += rng_.Us(0.1, 0.6);
    Line(t, tag + "Anonymous TLS connection established from " + client + TlsIn(false));
  }
  int n = rng_.Chance(0.8) ? 1 : rng_.Range(2, 5);
  int rcpt_total = 0;
  for (int i = 0; i < n; ++i) {
    t += rng_.Us(0.3, 2.5);
    std::string to;
    std::string reply;
    switch (kind) {
      case 0:  // DNSBL at smtpd
        to = users_[static_cast<size_t>(PickLocalUser())];
        reply = "554 5.7.1 Service unavailable; Client host [" + ip + "] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/" + ip;
        break;
      case 1:  // unknown user
        to = RemoteUser();
        to.append(rng_.Chance(0.7) ? "@example.com" : "@example.net");
        reply = "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown in " +
                (to.ends_with("example.com") ? "virtual mailbox table" : "virtual alias table");
        break;
      case 2:  // relay attempt
        to = RemoteUser();
        to.append("@").append(dests_[static_cast<size_t>(rng_.Pick(own_dests_))].name);
        reply = "454 4.7.1 <" + to + ">: Relay access denied";
        break;
      case 3:  // SPF
        to = users_[static_cast<size_t>(PickLocalUser())];
        if (from.empty()) from = RemoteUser() + "@" + sdomain;
        reply = "550 5.7.23 <" + to + ">: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=" +
                from + ";ip=" + ip + ";r=<UNKNOWN>";
        {
          int spid = Acquire(spf_, t, t + kSec);
          Line(t, Tag(spf_, spid) + "550 5.7.23 Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=" +
                      from + ";ip=" + ip + ";r=<UNKNOWN>");
          t += rng_.Us(0.001, 0.01);
        }
        break;
      case 4:  // HELO
        to = users_[static_cast<size_t>(PickLocalUser())];
        reply = rng_.Chance(0.6) ? "504 5.5.2 <" + helo + ">: Helo command rejected: need fully-qualified hostname"
                                 : "450 4.7.1 <" + helo + ">: Helo command rejected: Host not found";
        break;
      case 5:  // FCrDNS
        to = users_[static_cast<size_t>(PickLocalUser())];
        reply = "450 4.7.25 Client host rejected: cannot find your hostname, [" + ip + "]";
        break;
      case 6:  // sender domain does not exist
        to = users_[static_cast<size_t>(PickLocalUser())];
        if (from.empty()) from = RemoteUser() + "@" + sdomain;
        reply = "450 4.1.8 <" + from + ">: Sender address rejected: Domain not found";
        break;
      default:  // too many recipients / rate
        to = users_[static_cast<size_t>(PickLocalUser())];
        reply = "452 4.5.3 Error: too many recipients";
        break;
    }
    ++st_.noqueue;
    ++rcpt_total;
    std::string s = tag + "NOQUEUE: reject: RCPT from " + client + ": " + reply + "; from=<" + from + "> to=<" + to +
                    "> proto=ESMTP helo=<" + helo + ">";
    Line(t, std::move(s));
  }
  t += rng_.Us(0.1, 1.0);
  const int ehlo = tls ? 2 : 1;
  if (rng_.Chance(0.35)) {
    Line(t, tag + "lost connection after RCPT from " + client);
    t += rng_.Us(0.0, 0.001);
    Line(t, tag + "disconnect from " + client + " " +
                Commands({{"ehlo", {ehlo, ehlo}}, {"starttls", {tls, tls}}, {"mail", {1, 1}}, {"rcpt", {0, rcpt_total}}}));
  } else {
    bool data = rng_.Chance(0.3);
    Line(t, tag + "disconnect from " + client + " " +
                Commands({{"ehlo", {ehlo, ehlo}}, {"starttls", {tls, tls}}, {"mail", {1, 1}}, {"rcpt", {0, rcpt_total}},
                          {"data", {0, data}}, {"quit", {1, 1}}}));
  }
  for (auto& p : smtpd_.procs)
    if (p.pid == pid) p.busy_until = t;
}

// A listed or impatient client stopped by postscreen itself.
void Sim::PostscreenReject() {
  int64_t t = now_;
  std::string ip = RandIp();
  std::string port;
  AppInt(port, rng_.Range(32768, 65000));
  const std::string ps = Tag("postfix/postscreen", postscreen_pid_);
  Line(t, ps + "CONNECT from [" + ip + "]:" + port + " to [" + std::string(kMyIp) + "]:25");
  ++conns_since_tick_;
  static constexpr const char* kLists[] = {"zen.spamhaus.org", "b.barracudacentral.org", "bl.spamcop.net"};
  static constexpr const char* kCodes[] = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.9", "127.0.0.11"};
  int nlists = rng_.Range(1, 3);
  int rank = 0;
  for (int i = 0; i < nlists; ++i) {
    t += rng_.Us(0.01, 0.3);
    int dp = Acquire(dnsblog_, t, t + kSec);
    std::string s = Tag(dnsblog_, dp);
    s.append("addr ").append(ip).append(" listed by domain ").append(kLists[i]).append(" as ");
    s.append(i == 0 ? rng_.Pick(kCodes) : "127.0.0.2");
    Line(t, std::move(s));
    rank += i == 0 ? 3 : 1;
  }
  if (rng_.Chance(0.3)) {
    t += rng_.Us(0.05, 1.5);
    static constexpr const char* kPre[] = {"EHLO User\\r\\n", "HELO localhost\\r\\n", "EHLO ylmf-pc\\r\\n", "QUIT\\r\\n"};
    std::string p = rng_.Pick(kPre);
    std::string s = ps + "PREGREET ";
    AppInt(s, static_cast<int64_t>(p.size()) - 2);
    s.append(" after ");
    AppDelay(s, rng_.Us(0.05, 2.0));
    s.append(" from [").append(ip).append("]:").append(port).append(": ").append(p);
    Line(t, std::move(s));
  }
  t += rng_.Us(0.01, 0.1);
  {
    std::string s = ps + "DNSBL rank ";
    AppInt(s, rank);
    s.append(" for [").append(ip).append("]:").append(port);
    Line(t, std::move(s));
  }
  if (rng_.Chance(0.18)) {  // hangs up before saying anything useful
    t += rng_.Us(0.5, 6.0);
    std::string s = ps + "HANGUP after ";
    AppDelay(s, rng_.Us(0.5, 6.0));
    s.append(" from [").append(ip).append("]:").append(port).append(" in tests after SMTP handshake");
    Line(t, std::move(s));
  } else {
    int n = rng_.Chance(0.85) ? 1 : rng_.Range(2, 3);
    std::string helo = IpDashed(ip);
    if (rng_.Chance(0.5)) {
      helo = rng_.Pick(kWord);
      helo.append(".").append(rng_.Pick(kSpamTld));
    }
    std::string from = RemoteUser();
    from.append("@").append(rng_.Pick(kWord)).append(".").append(rng_.Pick(kSpamTld));
    for (int i = 0; i < n; ++i) {
      t += rng_.Us(0.5, 4.0);
      std::string to = rng_.Chance(0.7) ? users_[static_cast<size_t>(PickLocalUser())] : RemoteUser() + "@example.com";
      ++st_.noqueue;
      ++st_.noqueue_postscreen;
      Line(t, ps + "NOQUEUE: reject: RCPT from [" + ip + "]:" + port + ": 550 5.7.1 Service unavailable; client [" + ip +
                  "] blocked using zen.spamhaus.org; from=<" + from + ">, to=<" + to + ">, proto=ESMTP, helo=<" + helo + ">");
    }
  }
  t += rng_.Us(0.1, 1.0);
  Line(t, ps + "DISCONNECT [" + ip + "]:" + port);
}

// Port scanners and broken clients.
void Sim::Scanner() {
  int64_t t = now_;
  std::string ip = RandIp();
  std::string port;
  AppInt(port, rng_.Range(32768, 65000));
  const std::string ps = Tag("postfix/postscreen", postscreen_pid_);
  Line(t, ps + "CONNECT from [" + ip + "]:" + port + " to [" + std::string(kMyIp) + "]:25");
  ++conns_since_tick_;
  if (rng_.Chance(0.5)) {
    t += rng_.Us(0.1, 3.0);
    std::string s = ps + "HANGUP after ";
    AppDelay(s, rng_.Us(0.1, 3.0));
    s.append(" from [").append(ip).append("]:").append(port).append(" in tests before SMTP handshake");
    Line(t, std::move(s));
    t += rng_.Us(0.0, 0.01);
    Line(t, ps + "DISCONNECT [" + ip + "]:" + port);
    return;
  }
  t += rng_.Us(0.0, 0.05);
  Line(t, ps + "PASS OLD [" + ip + "]:" + port);
  const int pid = Acquire(smtpd_, t, t + 10 * kSec);
  const std::string tag = Tag(smtpd_, pid);
  const std::string client = "unknown[" + ip + "]";
  t += rng_.Us(0.001, 0.02);
  Line(t, tag + "connect from " + client);
  t += rng_.Us(0.1, 2.0);
  switch (rng_.Weighted({4, 3, 2})) {
    case 0:
      Line(t, tag + "lost connection after EHLO from " + client);
      Line(t, tag + "disconnect from " + client + " ehlo=1 commands=1");
      break;
    case 1:
      Line(t, tag + "lost connection after CONNECT from " + client);
      Line(t, tag + "disconnect from " + client + " commands=0/0");
      break;
    default:
      Line(t, tag + "warning: non-SMTP command from " + client + ": GET / HTTP/1.1");
      t += rng_.Us(0.0, 0.01);
      Line(t, tag + "disconnect from " + client + " unknown=0/1 commands=0/1");
  }
  for (auto& p : smtpd_.procs)
    if (p.pid == pid) p.busy_until = t;
}

// A user sends mail through submission with SASL; opendkim signs it.
void Sim::Submission() {
  NextArrival(kEvSubmission, 210, true);
  int64_t t = now_;
  int u = PickLocalUser();
  const std::string& user = users_[static_cast<size_t>(u)];
  const std::string& ip = user_ip_[static_cast<size_t>(u)];
  std::string host = rng_.Chance(0.4) ? "unknown" : IpDashed(ip) + ".user." + rng_.Pick(kIsp);
  const std::string client = host + "[" + ip + "]";
  const int pid = Acquire(sub_, t, t + 30 * kSec);
  const std::string tag = Tag(sub_, pid);
  ++sub_conns_since_tick_;
  Line(t, tag + "connect from " + client);
  t += rng_.Us(0.1, 0.5);
  Line(t, tag + "Anonymous TLS connection established from " + client + TlsIn(rng_.Chance(0.8)));
  uint32_t mi = NewMsg();
  Msg& m = msgs_[mi];
  t += rng_.Us(0.1, 0.8);
  m.qid = NewQid(t, &m.inode);
  m.arrival = t;
  m.from = user;
  m.origin = kFromSubmission;
  m.size = MsgSize();
  std::string sdom = user.substr(user.find('@') + 1);
  m.msgid = MsgIdFor(kOwn, sdom);
  std::string sasl = rng_.Chance(0.7) ? user : user.substr(0, user.find('@'));
  ++st_.client;
  Line(t, tag + m.qid + ": client=" + client + ", sasl_method=" + (rng_.Chance(0.8) ? "PLAIN" : "LOGIN") +
              ", sasl_username=" + sasl);
  int n = rng_.Weighted({70, 15, 7, 5, 3});
  n = n < 3 ? n + 1 : (n == 3 ? rng_.Range(4, 6) : rng_.Range(7, 12));
  for (int i = 0; i < n; ++i) {
    if (rng_.Chance(0.15)) {
      m.rcpts.push_back(MakeLocalRcpt(PickLocalUser(), false, false));
    } else {
      int32_t d = PickRemoteDest(kFromSubmission);
      AddRemoteRcpt(m, d, RemoteAddrAt(d), kFromSubmission);
    }
  }
  int cpid = Acquire(cleanup_, t, t + 2 * kSec);
  t += rng_.Us(0.1, 1.5);
  Line(t, Tag(cleanup_, cpid) + m.qid + ": message-id=" + m.msgid);
  t += rng_.Us(0.005, 0.05);
  Line(t, Tag("opendkim", opendkim_pid_) + m.qid + ": DKIM-Signature field added (s=mail, d=" + sdom + ")");
  t += rng_.Us(0.01, 0.1);
  {
    std::string s = Tag("postfix/qmgr", qmgr_pid_);
    s.append(m.qid).append(": from=<").append(m.from).append(">, size=");
    AppInt(s, m.size);
    s.append(", nrcpt=");
    AppInt(s, static_cast<int64_t>(m.rcpts.size()));
    s.append(" (queue active)");
    Line(t, std::move(s));
  }
  Schedule(t, kEvAttempt, mi);
  t += rng_.Us(0.02, 0.3);
  Line(t, tag + "disconnect from " + client + " " +
              Commands({{"ehlo", {2, 2}}, {"starttls", {1, 1}}, {"auth", {1, 1}}, {"mail", {1, 1}},
                        {"rcpt", {n, n}}, {"data", {1, 1}}, {"quit", {1, 1}}}));
  for (auto& p : sub_.procs)
    if (p.pid == pid) p.busy_until = t;
}

// Local submission: the web application (uid 48, apache) and cron (uid 0).
void Sim::Pickup() {
  NextArrival(kEvPickup, 45, true);
  int64_t t = now_;
  uint32_t mi = NewMsg();
  Msg& m = msgs_[mi];
  m.qid = NewQid(t, &m.inode);
  m.arrival = t;
  m.origin = kFromPickup;
  const bool cron = rng_.Chance(0.15);
  std::string s = Tag("postfix/pickup", pickup_pid_);
  s.append(m.qid).append(cron ? ": uid=0 from=<root>" : ": uid=48 from=<apache>");
  ++st_.pickup;
  Line(t, std::move(s));
  m.from = std::string(cron ? "root@" : "apache@") + std::string(kMyHost);
  m.size = cron ? rng_.Range(700, 4000) : rng_.Range(1500, 25000);
  int cpid = Acquire(cleanup_, t, t + kSec);
  t += rng_.Us(0.005, 0.05);
  m.msgid = GeneratedMsgId(m.arrival, m.qid);
  Line(t, Tag(cleanup_, cpid) + m.qid + ": message-id=" + m.msgid);
  if (cron) {
    Rcpt r;
    r.addr = "root@" + std::string(kMyHost);
    r.orig = "root";
    r.tr = kLocal;
    if (!forwarders_.empty() && rng_.Chance(0.5)) {
      std::string a = users_[static_cast<size_t>(rng_.Pick(forwarders_))];
      r.addr = a.substr(0, a.find('@')) + "@" + std::string(kMyHost);
      r.forward = true;
    }
    m.rcpts.push_back(std::move(r));
  } else {
    int32_t d = PickRemoteDest(kFromPickup);
    AddRemoteRcpt(m, d, RemoteAddrAt(d), kFromPickup);
    if (rng_.Chance(0.1)) {  // a copy to the shop's own mailbox
      m.rcpts.push_back(MakeLocalRcpt(rng_.Range(0, 20), false, false));
    }
  }
  t += rng_.Us(0.01, 0.1);
  {
    std::string q = Tag("postfix/qmgr", qmgr_pid_);
    q.append(m.qid).append(": from=<").append(m.from).append(">, size=");
    AppInt(q, m.size);
    q.append(", nrcpt=");
    AppInt(q, static_cast<int64_t>(m.rcpts.size()));
    q.append(" (queue active)");
    Line(t, std::move(q));
  }
  Schedule(t, kEvAttempt, mi);
}

// Password guessing against submission/smtps, one IP for a while.
void Sim::SaslCampaign() {
  NextArrival(kEvSaslCampaign, 0.5, false);
  Campaign c{RandIp(), rng_.Chance(0.7) ? "submission" : "smtps", rng_.Range(10, 150)};
  campaigns_.push_back(c);
  Schedule(now_, kEvSaslTry, static_cast<uint32_t>(campaigns_.size() - 1));
}

void Sim::SaslTry(uint32_t ci) {
  Campaign& c = campaigns_[ci];
  int64_t t = now_;
  const std::string tagname = "postfix/" + c.service + "/smtpd";
  Pool& pool = sub_;
  const int pid = Acquire(pool, t, t + 10 * kSec);
  const std::string tag = Tag(tagname, pid);
  const std::string client = "unknown[" + c.ip + "]";
  ++sub_conns_since_tick_;
  if (sub_conns_since_tick_ > busiest_rate_) {
    busiest_rate_ = sub_conns_since_tick_;
    busiest_ip_ = c.ip;
  }
  Line(t, tag + "connect from " + client);
  t += rng_.Us(0.2, 0.8);
  Line(t, tag + "Anonymous TLS connection established from " + client + TlsIn(false));
  t += rng_.Us(1.0, 4.0);
  static constexpr const char* kUsers[] = {"admin", "info", "test", "user", "postmaster", "sales", "office", "contact"};
  std::string s = tag + "warning: " + client + ": SASL LOGIN authentication failed: ";
  if (rng_.Chance(0.6)) {
    s.append("UGFzc3dvcmQ6");
  } else {
    s.append("authentication failure, sasl_username=");
    s.append(rng_.Chance(0.5) ? rng_.Pick(kUsers) : std::string(rng_.Pick(kUsers)) + "@example.com");
  }
  Line(t, std::move(s));
  t += rng_.Us(0.01, 0.5);
  Line(t, tag + "lost connection after AUTH from " + client);
  Line(t, tag + "disconnect from " + client + " ehlo=1 starttls=1 auth=0/1 commands=2/3");
  for (auto& p : pool.procs)
    if (p.pid == pid) p.busy_until = t;
  if (--c.left > 0 && !draining_) Schedule(t + rng_.Us(3, 40), kEvSaslTry, ci);
}

// IMAP logins and logouts (dovecot), plus the odd failed login.
void Sim::Imap() {
  NextArrival(kEvImap, 180, true);
  int64_t t = now_;
  std::string sess;
  AppRand(sess, rng_, kAlnum, 16);
  if (rng_.Chance(0.06)) {
    std::string ip = RandIp();
    static constexpr const char* kUsers[] = {"admin", "test", "info", "root", "support"};
    std::string s = "dovecot: imap-login: Disconnected: Connection closed (auth failed, ";
    AppInt(s, rng_.Range(1, 3));
    s.append(" attempts in ");
    AppInt(s, rng_.Range(2, 12));
    s.append(" secs): user=<").append(rng_.Pick(kUsers)).append(">, method=PLAIN, rip=").append(ip);
    s.append(", lip=").append(kMyIp).append(", TLS, session=<").append(sess).append(">");
    Line(t, std::move(s));
    return;
  }
  int u = PickLocalUser();
  int mpid = NewPid();
  std::string s = "dovecot: imap-login: Login: user=<" + users_[static_cast<size_t>(u)] + ">, method=PLAIN, rip=" +
                  user_ip_[static_cast<size_t>(u)] + ", lip=" + std::string(kMyIp) + ", mpid=";
  AppInt(s, mpid);
  s.append(", TLS, session=<").append(sess).append(">");
  Line(t, std::move(s));
  t += static_cast<int64_t>(rng_.Expo(600.0) * 1e6) + kSec;
  std::string o = "dovecot: imap(" + users_[static_cast<size_t>(u)] + ")<";
  AppInt(o, mpid);
  o.append("><").append(sess).append(">: ");
  o.append(rng_.Chance(0.7) ? "Logged out" : "Disconnected: Connection closed");
  o.append(" in=");
  AppInt(o, rng_.Range(100, 9000));
  o.append(" out=");
  AppInt(o, rng_.Range(500, 900000));
  o.append(" deleted=0 expunged=");
  AppInt(o, rng_.Chance(0.8) ? 0 : rng_.Range(1, 9));
  o.append(" trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0");
  Line(t, std::move(o));
}

// Every ten minutes: anvil and scache statistics, the size controller, and
// the nightly "postfix reload" of log rotation.
void Sim::Tick() {
  int64_t t = now_;
  if (conns_since_tick_ + sub_conns_since_tick_ > 0) {
    std::string tag = Tag("postfix/anvil", anvil_pid_);
    std::string ip = busiest_ip_.empty() ? RandIp() : busiest_ip_;
    int64_t at = t - rng_.Us(10, 590);
    std::string svc = sub_conns_since_tick_ > conns_since_tick_ ? "submission" : "smtp";
    std::string s = tag + "statistics: max connection rate ";
    AppInt(s, std::max(1, busiest_rate_));
    s.append("/60s for (").append(svc).append(":").append(ip).append(") at ").append(Stamp(at));
    Line(t, std::move(s));
    s = tag + "statistics: max connection count ";
    AppInt(s, std::max(1, busiest_rate_ / 2));
    s.append(" for (").append(svc).append(":").append(ip).append(") at ").append(Stamp(at));
    Line(t, std::move(s));
    s = tag + "statistics: max cache size ";
    AppInt(s, 1 + (conns_since_tick_ + sub_conns_since_tick_) / 8);
    s.append(" at ").append(Stamp(at + rng_.Us(0, 5)));
    Line(t, std::move(s));
  }
  if (smtp_since_tick_ > 0) {
    std::string tag = Tag("postfix/scache", scache_pid_);
    int hits = rng_.Range(0, smtp_since_tick_ / 3 + 1), miss = smtp_since_tick_;
    Line(t, tag + "statistics: start interval " + Stamp(t - 600 * kSec));
    std::string s = tag + "statistics: domain lookup hits=";
    AppInt(s, hits);
    s.append(" miss=");
    AppInt(s, miss);
    s.append(" success=");
    AppInt(s, 100 * hits / (hits + miss));
    s.push_back('%');
    Line(t, std::move(s));
    s = tag + "statistics: address lookup hits=0 miss=";
    AppInt(s, rng_.Range(1, 3) * miss);
    s.append(" success=0%");
    Line(t, std::move(s));
    s = tag + "statistics: max simultaneous domains=";
    AppInt(s, rng_.Range(1, 3));
    s.append(" addresses=");
    AppInt(s, rng_.Range(1, 4));
    s.append(" connection=");
    AppInt(s, rng_.Range(1, 4));
    Line(t, std::move(s));
  }
  conns_since_tick_ = sub_conns_since_tick_ = smtp_since_tick_ = busiest_rate_ = 0;
  busiest_ip_.clear();

  // log rotation at midnight reloads Postfix; qmgr and pickup restart
  Civil c = CivilFromSeconds((t + out_.tz_us()) / kSec);
  if (c.hh == 0 && c.mm < 10 && t > t0_ + kHour) {
    Line(t + kSec, Tag("postfix/postfix-script", NewPid()) + "refreshing the Postfix mail system");
    Line(t + kSec + 20000, Tag("postfix/master", master_pid_) + "reload -- version 3.7.11, configuration /etc/postfix");
    qmgr_pid_ = NewPid();
    pickup_pid_ = NewPid();
    anvil_pid_ = NewPid();
    scache_pid_ = NewPid();
  }

  // Size controller: bytes per unit of traffic so far, and the traffic still
  // planned, give the scale that ends the file near the planned span.
  const double step = 600.0 * HumanCurve(t);
  lambda_done_ += step;
  weighted_ += step * scale_;
  if (t > t0_ + 6 * kHour && weighted_ > 0 && out_.bytes() > 0) {
    double per_unit = static_cast<double>(out_.bytes()) / weighted_;
    double left_bytes = static_cast<double>(target_) - static_cast<double>(out_.bytes());
    double left_lambda = lambda_total_ - lambda_done_;
    if (left_lambda > lambda_total_ * 0.03 && left_bytes > 0) {
      double want = left_bytes / (left_lambda * per_unit);
      want = std::clamp(want, scale_ * 0.8, scale_ * 1.25);
      scale_ = std::clamp(want, scale0_ * 0.2, scale0_ * 5.0);
    }
  }
  if (!draining_) Schedule(t + 600 * kSec, kEvTick);
}

// The log starts in the middle of things: some messages were already waiting
// in the deferred queue. Their first lines here are retries with large delays,
// and many of them expire during the span.
void Sim::Backlog() {
  const int n = static_cast<int>(std::lround(90 * scale0_));
  for (int k = 0; k < n; ++k) {
    uint32_t mi = NewMsg();
    Msg& m = msgs_[mi];
    m.arrival = t0_ - rng_.Us(0.1 * 86400, 4.95 * 86400);
    m.qid = NewQid(m.arrival, &m.inode);
    m.attempts = 1;
    const bool app = rng_.Chance(0.4);
    m.origin = app ? kFromPickup : kFromSubmission;
    m.from = app ? "apache@" + std::string(kMyHost) : users_[static_cast<size_t>(PickLocalUser())];
    m.size = MsgSize();
    m.msgid = app ? GeneratedMsgId(m.arrival, m.qid) : MsgIdFor(kOwn, m.from.substr(m.from.find('@') + 1));
    int32_t d = rng_.Chance(0.6) ? rng_.Pick(dead_dests_) : (rng_.Chance(0.5) ? yahoo_ : gmail_);
    Rcpt r;
    r.addr = RemoteAddrAt(d);
    r.dest = d;
    r.tr = kSmtp;
    if (d == yahoo_) r.defer = r.final_oc = kTss04;
    else if (d == gmail_) r.defer = r.final_oc = kGmailQuota;
    else r.defer = r.final_oc = kTimeout;
    r.n_defer = 255;
    r.tries = 1;
    m.rcpts.push_back(std::move(r));
    Schedule(t0_ + rng_.Us(1, 4300), kEvAttempt, mi);
  }
}

// ---------------------------------------------------------------------------
// Delivery.

void Sim::DeliveryLine(std::string& s, const Msg& m, const Rcpt& r, std::string_view relay, int64_t active,
                       int64_t handoff, int64_t conn_done, int64_t done, std::string_view dsn, std::string_view status,
                       int conn_use) {
  s.append(m.qid).append(": to=<").append(r.addr).append(">");
  if (!r.orig.empty() && r.tr != kAmavis) s.append(", orig_to=<").append(r.orig).append(">");
  s.append(", relay=").append(relay);
  if (conn_use > 1) {
    s.append(", conn_use=");
    AppInt(s, conn_use);
  }
  s.append(", delay=");
  AppDelay(s, done - m.arrival);
  s.append(", delays=");
  AppDelay(s, active - m.arrival);
  s.push_back('/');
  AppDelay(s, handoff - active);
  s.push_back('/');
  AppDelay(s, conn_done ? conn_done - handoff : 0);
  s.push_back('/');
  AppDelay(s, conn_done ? done - conn_done : done - handoff);
  s.append(", dsn=").append(dsn).append(", status=").append(status).append(" (");
  if (status == "sent") ++st_.sent;
  else if (status == "deferred") ++st_.deferred;
  else if (status == "bounced") ++st_.bounced;
}

void Sim::Attempt(uint32_t mi) {
  Msg& m = msgs_[mi];
  const bool first = m.attempts == 0;
  if (!first && draining_) return;  // stays in the deferred queue
  int64_t t = now_;
  if (!first) {
    std::string s = Tag("postfix/qmgr", qmgr_pid_);
    s.append(m.qid).append(": from=<").append(m.from).append(">, size=");
    AppInt(s, m.size);
    s.append(", nrcpt=");
    AppInt(s, static_cast<int64_t>(m.rcpts.size()));
    s.append(" (queue active)");
    Line(t, std::move(s));
  }
  ++m.attempts;
  const int64_t active = t;
  int64_t end = t;
  bool amavis = false;
  for (auto& r : m.rcpts)
    if (r.tr == kAmavis && r.done == 0) amavis = true;
  if (amavis) {
    end = DeliverAmavis(mi, t);
  } else {
    // one delivery per transport and destination, in order of first appearance
    std::vector<std::pair<std::pair<int, int32_t>, std::vector<int>>> groups;
    for (int i = 0; i < static_cast<int>(msgs_[mi].rcpts.size()); ++i) {
      const Rcpt& r = msgs_[mi].rcpts[static_cast<size_t>(i)];
      if (r.done) continue;
      std::pair<int, int32_t> key{r.tr, r.tr == kSmtp ? r.dest : -1};
      auto it = std::find_if(groups.begin(), groups.end(), [&](auto& g) { return g.first == key; });
      if (it == groups.end()) {
        groups.push_back({key, {}});
        it = groups.end() - 1;
      }
      it->second.push_back(i);
    }
    for (auto& g : groups) {
      int64_t handoff = t + rng_.Us(0.0, 0.08);
      if (g.first.first == kSmtp) handoff += rng_.Us(0.0, 0.3);
      int64_t e = g.first.first == kSmtp ? DeliverRemote(mi, g.first.second, g.second, active, handoff)
                                         : DeliverLocal(mi, static_cast<Transport>(g.first.first), g.second, active, handoff);
      end = std::max(end, e);
    }
  }
  FinishAttempt(mi, end);
}

// After a delivery pass: bounce notification for new failures, then removal or a retry.
void Sim::FinishAttempt(uint32_t mi, int64_t t_end) {
  Msg& m = msgs_[mi];
  bool pending = false, bounced_now = false;
  for (auto& r : m.rcpts) {
    if (r.done == 0) pending = true;
    if (r.done == 3) {  // bounced in this pass
      bounced_now = true;
      r.done = 2;
    }
  }
  int64_t t = t_end + rng_.Us(0.001, 0.05);
  const int64_t lifetime = 5 * kDay;
  if (pending && t - m.arrival >= lifetime) {
    std::string s = Tag("postfix/qmgr", qmgr_pid_);
    s.append(m.qid).append(": from=<").append(m.from).append(">, status=expired, returned to sender");
    Line(t, std::move(s));
    ++st_.expired;
    if (!m.from.empty()) t = Notify(mi, t);
    pending = false;
  } else if (bounced_now && !m.from.empty()) {
    t = Notify(mi, t);
  }
  Msg& mm = msgs_[mi];  // Notify may have grown the pool
  if (pending) {
    int64_t age = t - mm.arrival;
    int64_t backoff = std::clamp<int64_t>(age, 300 * kSec, 4000 * kSec);
    if (!draining_) Schedule(t + backoff + rng_.Us(0, 300), kEvAttempt, mi);
    return;
  }
  t += rng_.Us(0.0005, 0.01);
  Line(t, Tag("postfix/qmgr", qmgr_pid_) + mm.qid + ": removed");
  ++st_.removed;
  ReleaseLater(t, mm.qid, mm.inode);
  FreeMsg(mi);
}

// The bounce daemon's notification: a new message from <> with its own journey.
int64_t Sim::Notify(uint32_t mi, int64_t t) {
  uint32_t ci = NewMsg();
  Msg& c = msgs_[ci];
  Msg& m = msgs_[mi];
  c.qid = NewQid(t, &c.inode);
  c.arrival = t + rng_.Us(0.001, 0.01);
  c.origin = kFromBounce;
  c.from = "";
  c.size = std::min<int64_t>(m.size, 60000) + rng_.Range(2200, 3600);
  c.msgid = GeneratedMsgId(c.arrival, c.qid);
  int cpid = Acquire(cleanup_, t, t + kSec);
  int bpid = Acquire(bounce_, t, t + kSec);
  t = c.arrival;
  Line(t, Tag(cleanup_, cpid) + c.qid + ": message-id=" + c.msgid);
  t += rng_.Us(0.0005, 0.005);
  Line(t, Tag(bounce_, bpid) + m.qid + ": sender non-delivery notification: " + c.qid);
  ++st_.dsn;
  // the notification goes back to the sender
  Rcpt r;
  r.addr = m.from;
  const std::string dom = m.from.substr(m.from.find('@') + 1);
  auto it = std::find(users_.begin(), users_.end(), m.from);
  if (it != users_.end()) {
    r.tr = user_tr_[static_cast<size_t>(it - users_.begin())];
  } else if (dom == kMyHost) {
    r.tr = kLocal;
  } else {
    // someone on the Internet (often a forged sender: backscatter)
    r.dest = DestFor(dom);
    r.tr = kSmtp;
    PlanRemote(r, kFromBounce);
    if (r.final_oc == kOk && r.n_defer == 0 && rng_.Chance(0.25)) r.final_oc = kUnknownUser;
  }
  if (r.tr != kSmtp) PlanLocal(r);
  c.rcpts.push_back(std::move(r));
  t += rng_.Us(0.005, 0.05);
  std::string s = Tag("postfix/qmgr", qmgr_pid_);
  s.append(c.qid).append(": from=<>, size=");
  AppInt(s, c.size);
  s.append(", nrcpt=1 (queue active)");
  Line(t, std::move(s));
  Schedule(t, kEvAttempt, ci);
  return t;
}

// amavis on 127.0.0.1:10024 scans the message and re-injects it through
// 127.0.0.1:10025 under a new queue ID (or discards spam).
int64_t Sim::DeliverAmavis(uint32_t mi, int64_t active) {
  int64_t handoff = active + rng_.Us(0.001, 0.05);
  int64_t t = handoff;
  const int spid = Acquire(smtp_, t, t + 10 * kSec);
  int uses = 0;
  const int apid = Acquire(amavis_, t, t + 5 * kSec, &uses);
  std::string req;
  AppInt(req, apid);
  req.push_back('-');
  if (uses < 10) req.push_back('0');
  AppInt(req, uses);
  const int64_t conn_done = t + rng_.Us(0.001, 0.02);
  t = conn_done + static_cast<int64_t>(rng_.LogNormal(std::log(1.2), 0.6) * 1e6);
  int fate = rng_.Weighted({95.5, 4.0, 0.5});
  std::string mail_id;
  AppRand(mail_id, rng_, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 12);
  std::vector<int> idx;
  for (int i = 0; i < static_cast<int>(msgs_[mi].rcpts.size()); ++i)
    if (msgs_[mi].rcpts[static_cast<size_t>(i)].done == 0) idx.push_back(i);
  ++st_.amavis;
  auto rcpt_list = [&]() {
    std::string s;
    for (size_t k = 0; k < idx.size(); ++k) {
      if (k) s.push_back(',');
      s.append("<").append(msgs_[mi].rcpts[static_cast<size_t>(idx[k])].addr).append(">");
    }
    return s;
  };
  if (fate == 2) {  // amavis fell over: try again later
    for (int i : idx) {
      Msg& m = msgs_[mi];
      std::string s = Tag(smtp_, spid);
      DeliveryLine(s, m, m.rcpts[static_cast<size_t>(i)], "127.0.0.1[127.0.0.1]:10024", active, handoff, conn_done, t,
                   "4.4.2", "deferred", 0);
      s.append("lost connection with 127.0.0.1[127.0.0.1] while sending end of data -- message may be sent more than once)");
      Line(t, std::move(s));
    }
    return t;
  }
  if (fate == 1) {  // spam, discarded
    Msg& m = msgs_[mi];
    std::string s = Tag(amavis_, apid);
    std::string hits;
    AppInt(hits, rng_.Range(6, 30));
    hits.push_back('.');
    AppInt(hits, rng_.Range(0, 9));
    s.append("(").append(req).append(") Blocked SPAM {DiscardedInbound}, [").append(m.client_ip).append("]:");
    AppInt(s, rng_.Range(32768, 65000));
    s.append(" [").append(m.client_ip).append("] <").append(m.from).append("> -> ").append(rcpt_list());
    s.append(", Queue-ID: ").append(m.qid).append(", Message-ID: ").append(m.msgid).append(", mail_id: ").append(mail_id);
    s.append(", Hits: ").append(hits).append(", size: ");
    AppInt(s, m.size);
    s.append(", ");
    AppInt(s, (t - conn_done) / 1000);
    s.append(" ms");
    Line(t, std::move(s));
    for (int i : idx) {
      std::string d = Tag(smtp_, spid);
      DeliveryLine(d, m, m.rcpts[static_cast<size_t>(i)], "127.0.0.1[127.0.0.1]:10024", active, handoff, conn_done, t,
                   "2.7.0", "sent", 0);
      d.append("250 2.7.0 Ok, discarded, id=").append(req).append(" - spam)");
      Line(t, std::move(d));
      m.rcpts[static_cast<size_t>(i)].done = 1;
    }
    return t;
  }
  // clean: the child message
  uint32_t ci = NewMsg();
  Msg& c = msgs_[ci];
  Msg& m = msgs_[mi];
  int64_t ti = t;  // amavis re-injects when the scan is done, then answers the first hop
  c.qid = NewQid(ti, &c.inode);
  c.arrival = ti;
  c.from = m.from;
  c.msgid = m.msgid;
  c.origin = kFromAmavis;
  c.size = m.size + rng_.Range(400, 900);
  c.client_ip = m.client_ip;
  for (int i : idx) {
    const Rcpt& p = m.rcpts[static_cast<size_t>(i)];
    Rcpt r = p;
    r.tr = p.next_tr;
    if (!p.orig.empty()) {  // aliases and .forward are resolved now
      r.addr = p.orig;
      r.orig = p.addr;
    }
    c.rcpts.push_back(std::move(r));
  }
  const int rpid = Acquire(reinj_, ti, ti + kSec);
  const std::string rtag = Tag(reinj_, rpid);
  Line(ti, rtag + "connect from localhost[127.0.0.1]");
  ti += rng_.Us(0.0005, 0.003);
  Line(ti, rtag + c.qid + ": client=localhost[127.0.0.1]");
  ++st_.client;
  int cpid = Acquire(cleanup_, ti, ti + kSec);
  ti += rng_.Us(0.002, 0.02);
  Line(ti, Tag(cleanup_, cpid) + c.qid + ": message-id=" + c.msgid);
  ti += rng_.Us(0.001, 0.01);
  Line(ti, rtag + "disconnect from localhost[127.0.0.1] " +
               Commands({{"ehlo", {1, 1}}, {"mail", {1, 1}}, {"rcpt", {static_cast<int>(idx.size()), static_cast<int>(idx.size())}},
                         {"data", {1, 1}}, {"quit", {1, 1}}}));
  ti += rng_.Us(0.001, 0.01);
  {
    std::string s = Tag("postfix/qmgr", qmgr_pid_);
    s.append(c.qid).append(": from=<").append(c.from).append(">, size=");
    AppInt(s, c.size);
    s.append(", nrcpt=");
    AppInt(s, static_cast<int64_t>(c.rcpts.size()));
    s.append(" (queue active)");
    Line(ti, std::move(s));
  }
  Schedule(ti + rng_.Us(0.02, 0.15), kEvAttempt, ci);  // qmgr picks it up a moment later
  t = ti + rng_.Us(0.003, 0.02);
  {
    std::string s = Tag(amavis_, apid);
    std::string hits = rng_.Chance(0.3) ? "-" : "";
    AppInt(hits, rng_.Range(0, 4));
    hits.push_back('.');
    AppInt(hits, rng_.Range(0, 9));
    s.append("(").append(req).append(") Passed CLEAN {RelayedInbound}, [").append(m.client_ip).append("]:");
    AppInt(s, rng_.Range(32768, 65000));
    s.append(" [").append(m.client_ip).append("] <").append(m.from).append("> -> ").append(rcpt_list());
    s.append(", Queue-ID: ").append(m.qid).append(", Message-ID: ").append(m.msgid).append(", mail_id: ").append(mail_id);
    s.append(", Hits: ").append(hits).append(", size: ");
    AppInt(s, m.size);
    s.append(", queued_as: ").append(c.qid).append(", ");
    AppInt(s, (t - conn_done) / 1000);
    s.append(" ms");
    Line(t, std::move(s));
  }
  for (int i : idx) {
    std::string d = Tag(smtp_, spid);
    DeliveryLine(d, m, m.rcpts[static_cast<size_t>(i)], "127.0.0.1[127.0.0.1]:10024", active, handoff, conn_done, t,
                 "2.0.0", "sent", 0);
    d.append("250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ").append(c.qid).append(")");
    Line(t, std::move(d));
    m.rcpts[static_cast<size_t>(i)].done = 1;
  }
  return t;
}

// A .forward sends a copy on: "forwarded as NEWQID", a journey with no smtpd/pickup line.
uint32_t Sim::StartForward(uint32_t parent, std::string addr, int64_t t) {
  uint32_t ci = NewMsg();
  Msg& c = msgs_[ci];
  const Msg& m = msgs_[parent];
  c.qid = NewQid(t, &c.inode);
  c.arrival = t;
  c.from = m.from;
  c.msgid = m.msgid;
  c.origin = kFromForward;
  c.size = m.size + rng_.Range(200, 400);
  int32_t d = gmail_;
  std::string local = addr.substr(0, addr.find('@'));
  std::replace(local.begin(), local.end(), '.', '_');
  Rcpt g;
  g.addr = local + ".fwd@gmail.com";
  g.dest = d;
  g.tr = kSmtp;
  PlanRemote(g, kFromForward);
  if (c.from.empty() == false && rng_.Chance(0.15)) g.final_oc = k5726, g.n_defer = 0;  // forwarding breaks SPF
  c.rcpts.push_back(std::move(g));
  ++st_.forwarded;
  int cpid = Acquire(cleanup_, t, t + kSec);
  Line(t, Tag(cleanup_, cpid) + c.qid + ": message-id=" + c.msgid);
  int64_t tq = t + rng_.Us(0.002, 0.02);
  std::string s = Tag("postfix/qmgr", qmgr_pid_);
  s.append(c.qid).append(": from=<").append(c.from).append(">, size=");
  AppInt(s, c.size);
  s.append(", nrcpt=1 (queue active)");
  Line(tq, std::move(s));
  Schedule(tq, kEvAttempt, ci);
  return ci;
}

int64_t Sim::DeliverLocal(uint32_t mi, Transport tr, const std::vector<int>& idx, int64_t active, int64_t handoff) {
  int64_t t = handoff;
  Pool& pool = tr == kLmtp ? lmtp_ : (tr == kVirtual ? virtual_ : local_);
  const int pid = Acquire(pool, t, t + 5 * kSec);
  const std::string tag = Tag(pool, pid);
  int64_t conn_done = 0;
  int dpid = 0;
  if (tr == kLmtp) {
    conn_done = t + rng_.Us(0.001, 0.02);
    dpid = Acquire(dlmtp_, t, t + 5 * kSec);
    Line(conn_done, "dovecot: lmtp(" + std::to_string(dpid) + "): Connect from local");
  }
  int64_t done = (conn_done ? conn_done : t) + static_cast<int64_t>(rng_.LogNormal(std::log(0.03), 0.9) * 1e6);
  for (int i : idx) {
    Msg& m = msgs_[mi];
    Rcpt& r = m.rcpts[static_cast<size_t>(i)];
    Oc oc = r.tries < r.n_defer ? r.defer : r.final_oc;
    ++r.tries;
    std::string s = tag;
    switch (tr) {
      case kLmtp: {
        if (oc == kOk) {
          std::string sess;
          AppRand(sess, rng_, kB64, 22);
          Line(done - 500, "dovecot: lmtp(" + r.addr + ")<" + std::to_string(dpid) + "><" + sess + ">: msgid=" + m.msgid +
                               ": saved mail to INBOX");
          DeliveryLine(s, m, r, kLmtpRelay, active, handoff, conn_done, done, "2.0.0", "sent", 0);
          s.append("250 2.0.0 <").append(r.addr).append("> ").append(sess).append(" Saved)");
          r.done = 1;
        } else if (oc == kLocalQuota) {
          DeliveryLine(s, m, r, kLmtpRelay, active, handoff, conn_done, done, "4.2.2", "deferred", 0);
          s.append("host ").append(kLmtpRelay).append(" said: 452 4.2.2 <").append(r.addr)
              .append("> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))");
        } else if (oc == kLocalQuotaBounce) {
          DeliveryLine(s, m, r, kLmtpRelay, active, handoff, conn_done, done, "5.2.2", "bounced", 0);
          s.append("host ").append(kLmtpRelay).append(" said: 552 5.2.2 <").append(r.addr)
              .append("> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))");
          r.done = 3;
        } else {
          DeliveryLine(s, m, r, kLmtpRelay, active, handoff, conn_done, done, "5.1.1", "bounced", 0);
          s.append("host ").append(kLmtpRelay).append(" said: 550 5.1.1 <").append(r.addr).append("> User doesn't exist: ")
              .append(r.addr).append(" (in reply to RCPT TO command))");
          r.done = 3;
        }
        break;
      }
      case kVirtual:
        DeliveryLine(s, m, r, "virtual", active, handoff, 0, done, "2.0.0", "sent", 0);
        s.append("delivered to maildir)");
        r.done = 1;
        break;
      default:
        if (r.forward) {
          uint32_t ci = StartForward(mi, r.addr, done - 2000);
          Msg& mm = msgs_[mi];  // StartForward may grow the pool
          Rcpt& rr = mm.rcpts[static_cast<size_t>(i)];
          s = tag;
          DeliveryLine(s, mm, rr, "local", active, handoff, 0, done, "2.0.0", "sent", 0);
          s.append("forwarded as ").append(msgs_[ci].qid).append(")");
          rr.done = 1;
        } else {
          DeliveryLine(s, m, r, "local", active, handoff, 0, done, "2.0.0", "sent", 0);
          s.append(rng_.Chance(0.8) ? "delivered to mailbox)" : "delivered to command: /usr/bin/procmail)");
          r.done = 1;
        }
    }
    Line(done, std::move(s));
  }
  if (tr == kLmtp) {
    Line(done + rng_.Us(0.0001, 0.002), "dovecot: lmtp(" + std::to_string(dpid) +
                                            "): Disconnect from local: Client has quit the connection (state=READY)");
  }
  return done;
}

int64_t Sim::DeliverRemote(uint32_t mi, int32_t di, const std::vector<int>& idx, int64_t active, int64_t handoff) {
  const Dest& d = dests_[static_cast<size_t>(di)];
  Msg& m0 = msgs_[mi];
  ++smtp_since_tick_;
  // what happens this time, per recipient
  std::vector<Oc> ocs;
  Oc conn = kOk;  // a problem before RCPT TO or after DATA, shared by all
  for (int i : idx) {
    Rcpt& r = m0.rcpts[static_cast<size_t>(i)];
    Oc oc = r.tries < r.n_defer ? r.defer : r.final_oc;
    ++r.tries;
    ocs.push_back(oc);
    int st = Stage(oc);
    if (conn == kOk && (st == 1 || st == 2 || st == 4)) conn = oc;
  }
  int64_t t = handoff;
  size_t mx = d.mx.size() > 1 && rng_.Chance(0.1) ? 1 : 0;
  const bool suspended = (d.flags & kDead) && m0.attempts > 1 && rng_.Chance(0.5);
  const int pid = Acquire(suspended ? retry_ : smtp_, t, t + 120 * kSec);
  const std::string tag = Tag(suspended ? retry_ : smtp_, pid);
  std::string relay, said;
  int64_t conn_done = 0, done = t;
  std::string reason, dsn;
  bool temp = false;

  const std::string first_ip = !d.pool.empty() ? rng_.Pick(d.pool) : (d.ip.empty() ? std::string() : d.ip[0]);
  auto ip_of = [&](size_t k) -> const std::string& { return k == 0 ? first_ip : d.ip[k]; };
  auto host_ip = [&](size_t k) { return d.mx[k] + "[" + ip_of(k) + "]"; };
  const int st = Stage(conn);
  if (suspended) {
    relay = "none";
    done = t + rng_.Us(0.001, 0.05);
    reason = "delivery temporarily suspended: connect to " + host_ip(d.mx.size() - 1) + ":25: Connection timed out";
    dsn = "4.4.1";
    temp = true;
  } else if (st == 1) {
    relay = "none";
    switch (conn) {
      case kTimeout:
        for (size_t k = 0; k + 1 < d.mx.size(); ++k) {
          t += 30 * kSec + rng_.Us(0, 0.01);
          Line(t, tag + "connect to " + host_ip(k) + ":25: Connection timed out");
        }
        done = t + 30 * kSec + rng_.Us(0, 0.01);
        conn_done = 0;
        reason = "connect to " + host_ip(d.mx.size() - 1) + ":25: Connection timed out";
        dsn = "4.4.1";
        temp = true;
        break;
      case kRefused:
        for (size_t k = 0; k + 1 < d.mx.size(); ++k) {
          t += rng_.Us(0.05, 0.3);
          Line(t, tag + "connect to " + host_ip(k) + ":25: Connection refused");
        }
        done = t + rng_.Us(0.05, 0.3);
        reason = "connect to " + host_ip(d.mx.size() - 1) + ":25: Connection refused";
        dsn = "4.4.1";
        temp = true;
        break;
      case kNxDomain:
        done = t + rng_.Us(0.01, 0.2);
        reason = "Host or domain name not found. Name service error for name=" + d.name + " type=MX: Host not found";
        dsn = "5.4.4";
        break;
      case kDnsTemp:
        done = t + rng_.Us(0.5, 10);
        reason = "Host or domain name not found. Name service error for name=" + d.name + " type=MX: Host not found, try again";
        dsn = "4.4.3";
        temp = true;
        break;
      case kNullMxOc:
        done = t + rng_.Us(0.01, 0.2);
        reason = "Domain " + d.name + " does not accept mail (nullMX)";
        dsn = "5.1.0";
        break;
      case kTalk421:
      case kTalk554:
        relay = host_ip(mx) + ":25";
        done = t + rng_.Us(0.2, 1.5);
        conn_done = 0;
        if (conn == kTalk421 && (d.kind == kMsft || d.kind == kM365)) {
          reason = "host " + host_ip(mx) + " refused to talk to me: 421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel " +
                   MsBracket(done);
          dsn = "4.3.2";
          temp = true;
        } else if (conn == kTalk421) {
          reason = "host " + host_ip(mx) + " refused to talk to me: 421 4.7.0 " + d.mx[mx] + " Error: too many connections from " +
                   std::string(kMyIp);
          dsn = "4.7.0";
          temp = true;
        } else {
          reason = "host " + host_ip(mx) + " refused to talk to me: 554 5.7.1 " + d.mx[mx] + " ESMTP not accepting messages from " +
                   std::string(kMyIp);
          dsn = "5.7.1";
        }
        break;
      default:  // lost connection during the greeting
        relay = host_ip(mx) + ":25";
        done = t + rng_.Us(1, 5);
        reason = "lost connection with " + host_ip(mx) + " while receiving the initial server greeting";
        dsn = "4.4.2";
        temp = true;
    }
  } else {
    relay = host_ip(mx) + ":25";
    bool reuse = (d.kind == kGmail || d.kind == kMsft) && rng_.Chance(0.06);
    conn_done = t + (reuse ? rng_.Us(0.0, 0.01) : rng_.Us(0.15, 1.4));
    if (!reuse && (d.kind != kOwn || rng_.Chance(0.7))) {
      std::string s = tag;
      switch (d.kind) {
        case kGmail:
        case kGws:
          s.append("Trusted TLS connection established to ").append(host_ip(mx)).append(
              ":25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA "
              "(P-256) server-digest SHA256");
          break;
        case kMsft:
        case kM365:
          s.append("Trusted TLS connection established to ").append(host_ip(mx)).append(
              ":25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)");
          break;
        default:
          s.append(rng_.Chance(0.6) ? "Untrusted" : "Trusted").append(" TLS connection established to ").append(host_ip(mx))
              .append(rng_.Chance(0.6) ? ":25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256"
                                       : ":25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)");
      }
      Line(conn_done, std::move(s));
    }
    done = conn_done + rng_.Us(0.1, 1.2) + std::min<int64_t>(m0.size / 2, 4 * kSec);
    switch (conn) {
      case kTss04:
        said = "421 4.7.0 [TSS04] Messages from " + std::string(kMyIp) +
               " temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)";
        dsn = "4.7.0";
        temp = true;
        break;
      case kS3150:
        said = "550 5.7.1 Unfortunately, messages from [" + std::string(kMyIp) +
               "] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [Name=Protocol Filter Agent][AGT=PFA][MxId=11B";
        AppRand(said, rng_, kHexUpper, 13);
        said.append("] ").append(MsBracket(done)).append(" (in reply to MAIL FROM command)");
        dsn = "5.7.1";
        break;
      case kMs4500:
        said = "451 4.7.500 Server busy. Please try again later from [" + std::string(kMyIp) + "]. (S77719) " + MsBracket(done) +
               " (in reply to MAIL FROM command)";
        dsn = "4.7.500";
        temp = true;
        break;
      case k5726: {
        std::string sd = m0.from.empty() ? std::string(kMyHost) : m0.from.substr(m0.from.find('@') + 1);
        switch (rng_.Weighted({3, 2, 1})) {
          case 0:
            said = "550-5.7.26 This mail has been blocked because the sender is 550-5.7.26 unauthenticated. Gmail requires all senders to authenticate with 550-5.7.26 either SPF or DKIM. 550-5.7.26  550-5.7.26  Authentication results: 550-5.7.26  DKIM = did not pass 550-5.7.26  SPF [" +
                   sd + "] with ip: [" + std::string(kMyIp) +
                   "] = did not pass 550-5.7.26  550-5.7.26  For instructions on setting up authentication, go to 550 5.7.26  https://support.google.com/mail/answer/81126#authentication " + GmailId();
            break;
          case 1:
            said = "550-5.7.26 This message does not have authentication information or fails to 550-5.7.26 pass authentication checks (SPF or DKIM). To best protect our users 550-5.7.26 from spam, the message has been blocked. Please visit 550-5.7.26  https://support.google.com/mail/answer/81126#authentication for more 550 5.7.26 information. " +
                   GmailId();
            break;
          default:
            said = "550-5.7.26 Unauthenticated email from " + sd + " is not accepted due to 550-5.7.26 domain's DMARC policy. Please contact the administrator of 550-5.7.26 " +
                   sd + " domain if this was a legitimate mail. To learn about 550-5.7.26 the DMARC initiative, go to 550 5.7.26  https://support.google.com/mail/?p=DmarcRejection " + GmailId();
        }
        said.append(" (in reply to end of DATA command)");
        dsn = "5.7.26";
        break;
      }
      case kLowRep:
        said = "550-5.7.1 [" + std::string(kMyIp) + "      12] Our system has detected that this message is 550-5.7.1 likely suspicious due to the very low reputation of the sending ";
        said.append(rng_.Chance(0.5) ? "IP 550-5.7.1 address" : "domain 550-5.7.1");
        said.append(". To best protect our users from spam, the message has been 550-5.7.1 blocked. Please visit 550 5.7.1  https://support.google.com/mail/answer/188131 for more information. ");
        said.append(GmailId()).append(" (in reply to end of DATA command)");
        dsn = "5.7.1";
        break;
      case k4728:
        said = "421-4.7.28 [" + std::string(kMyIp) + "      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. " +
               GmailId() + " (in reply to end of DATA command)";
        dsn = "4.7.28";
        temp = true;
        break;
      case k5509: {
        std::string sd = m0.from.empty() ? std::string(kMyHost) : m0.from.substr(m0.from.find('@') + 1);
        std::transform(sd.begin(), sd.end(), sd.begin(), [](char ch) { return static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); });
        said = "550 5.7.509 Access denied, sending domain " + sd +
               " does not pass DMARC verification and has a DMARC policy of reject. " + MsBracket(done) + " (in reply to end of DATA command)";
        dsn = "5.7.509";
        break;
      }
      case kSpamContent:
        said = "550 5.7.1 Message rejected as spam by Content Filtering. (in reply to end of DATA command)";
        dsn = "5.7.1";
        break;
      case kLostData:
        reason = "lost connection with " + host_ip(mx) + " while sending end of data -- message may be sent more than once";
        dsn = "4.4.2";
        temp = true;
        break;
      default:
        break;
    }
  }

  // one line per recipient
  const bool shared_failure = !reason.empty() || !said.empty();
  int conn_use = !shared_failure && (d.kind == kGmail || d.kind == kMsft) && rng_.Chance(0.06) ? rng_.Range(2, 6) : 0;
  const int64_t rcpt_time = conn_done ? conn_done + (done - conn_done) / 4 : done;
  for (size_t k = 0; k < idx.size(); ++k) {
    Msg& m = msgs_[mi];
    Rcpt& r = m.rcpts[static_cast<size_t>(idx[k])];
    const Oc oc = ocs[k];
    int64_t when = done;
    std::string line_dsn = dsn, text;
    bool failed = true, line_temp = temp;
    if (!reason.empty()) {
      text = reason;
    } else if (!said.empty()) {
      text = "host " + host_ip(mx) + " said: " + said;
    } else if (Stage(oc) == 3) {
      when = oc == kYahooUnknown ? done : rcpt_time;
      line_temp = IsTemp(oc);
      std::string reply;
      switch (oc) {
        case kGmail511:
          reply = "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser " + GmailId();
          line_dsn = "5.1.1";
          break;
        case kGmailQuota:
          reply = "452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp " + GmailId();
          line_dsn = "4.2.2";
          break;
        case kMsUnknown:
          if (d.kind == kMsft) {
            reply = "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). " + MsBracket(when);
            line_dsn = "5.5.0";
          } else {
            reply = "550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors " + MsBracket(when);
            line_dsn = "5.4.1";
          }
          break;
        case kYahooUnknown:
          reply = "554 delivery error: dd This user doesn't have a " + d.name + " account (" + r.addr + ") [0] - mta" +
                  std::to_string(rng_.Range(1000, 1999)) + ".mail.gq1.yahoo.com";
          line_dsn = "5.0.0";
          break;
        case kUnknownUser:
          if (d.flags & kExim) reply = "550 5.1.1 <" + r.addr + ">: Recipient address rejected: User unknown in local recipient table";
          else if (rng_.Chance(0.5)) reply = "550 5.1.1 <" + r.addr + ">: Recipient address rejected: User unknown in virtual mailbox table";
          else reply = "550 5.1.1 <" + r.addr + ">... User unknown";
          line_dsn = "5.1.1";
          break;
        case kGreylist:
          if (rng_.Chance(0.6)) {
            reply = "450 4.2.0 <" + r.addr + ">: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/" + d.name + ".html";
            line_dsn = "4.2.0";
          } else {
            reply = "451 4.7.1 Please try again later";
            line_dsn = "4.7.1";
          }
          break;
        case kSpamhaus:
          reply = "554 5.7.1 Service unavailable; Client host [" + std::string(kMyIp) + "] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/" + std::string(kMyIp);
          line_dsn = "5.7.1";
          break;
        case kQuota452:
          reply = "452 4.2.2 <" + r.addr + ">: Recipient address rejected: Mailbox full";
          line_dsn = "4.2.2";
          break;
        default:  // kFull552
          reply = "552 5.2.2 <" + r.addr + ">: Mailbox full, quota exceeded";
          line_dsn = "5.2.2";
          break;
      }
      text = "host " + host_ip(mx) + " said: " + reply +
             (oc == kYahooUnknown ? " (in reply to end of DATA command)" : " (in reply to RCPT TO command)");
    } else {
      failed = false;
      line_dsn = "2.0.0";
      switch (d.kind) {
        case kGmail:
        case kGws:
          text = "250 2.0.0 OK  " + std::to_string(when / kSec) + " " + GmailId();
          break;
        case kMsft:
        case kM365:
          // (each random draw in its own statement: the order of operands of + is unspecified)
          text = "250 2.6.0 " + m.msgid + " [InternalId=";
          AppInt(text, rng_.Range(100000, 999999));
          AppInt(text, rng_.Range(1000000, 9999999));
          text.append(", Hostname=TYCPR01MB");
          AppInt(text, rng_.Range(1000, 99999));
          text.append(".jpnprd01.prod.outlook.com] ");
          AppInt(text, m.size + 2000);
          text.append(" bytes in 0.");
          AppInt(text, rng_.Range(100, 999));
          text.append(", ");
          AppInt(text, rng_.Range(10, 900));
          text.append(".");
          AppInt(text, rng_.Range(100, 999));
          text.append(" KB/sec Queued mail for delivery");
          line_dsn = "2.6.0";
          break;
        case kYahoo:
          text = "250 ok dirdel";
          break;
        case kIcloud:
          text = "250 2.0.0 Ok: queued as ";
          AppRand(text, rng_, kHexUpper, 12);
          break;
        default:
          if (d.flags & kExim) {
            text = "250 OK id=1t";
            AppRand(text, rng_, kAlnum, 4);
            text.push_back('-');
            AppRand(text, rng_, kAlnum, 6);
            text.push_back('-');
            AppRand(text, rng_, kAlnum, 2);
          } else {
            // a remote Postfix: this "queued as" names the remote queue, not ours
            text = "250 2.0.0 Ok: queued as ";
            AppRand(text, rng_, kHexUpper, 10);
          }
      }
    }
    const char* status = !failed ? "sent" : (line_temp ? "deferred" : "bounced");
    std::string s = tag;
    DeliveryLine(s, m, r, relay, active, handoff, conn_done, when, line_dsn, status, conn_use);
    s.append(text).push_back(')');
    Line(when, std::move(s));
    if (!failed) r.done = 1;
    else if (!line_temp) r.done = 3;
  }
  for (auto& p : (suspended ? retry_ : smtp_).procs)
    if (p.pid == pid) p.busy_until = done;
  return done;
}

// ---------------------------------------------------------------------------

void Sim::Run() {
  t0_ = DaysFromCivil(o_.y, o_.m, o_.d) * kDay - out_.tz_us();
  span_ = static_cast<int64_t>(o_.days * static_cast<double>(kDay));
  target_ = static_cast<uint64_t>(o_.size_mb * 1048576.0);
  scale0_ = scale_ = (o_.size_mb / 200.0) * (7.0 / o_.days);
  for (int64_t t = t0_; t < t0_ + span_; t += 600 * kSec) lambda_total_ += 600.0 * HumanCurve(t);
  now_ = t0_;
  pid_ = 1000 + static_cast<int>(rng_.Below(20000));
  next_inode_ = 0x100000 + static_cast<uint32_t>(rng_.Below(0x200000));
  master_pid_ = NewPid();
  qmgr_pid_ = NewPid();
  pickup_pid_ = NewPid();
  postscreen_pid_ = NewPid();
  anvil_pid_ = NewPid();
  scache_pid_ = NewPid();
  opendkim_pid_ = 700 + static_cast<int>(rng_.Below(200));
  postgrey_pid_ = 800 + static_cast<int>(rng_.Below(200));
  BuildWorld();

  Schedule(t0_ + 600 * kSec, kEvTick);
  NextArrival(kEvInbound, 1050, true);
  NextArrival(kEvSubmission, 210, true);
  NextArrival(kEvPickup, 45, true);
  NextArrival(kEvSaslCampaign, 0.5, false);
  NextArrival(kEvImap, 180, true);
  Backlog();

  while (!ev_.empty()) {
    Ev e = PopEvent();
    out_.FlushUntil(e.t);
    now_ = e.t;
    if (!draining_ && out_.bytes() >= target_) draining_ = true;
    switch (e.kind) {
      case kEvInbound: if (!draining_) Inbound(); break;
      case kEvSubmission: if (!draining_) Submission(); break;
      case kEvPickup: if (!draining_) Pickup(); break;
      case kEvSaslCampaign: if (!draining_) SaslCampaign(); break;
      case kEvSaslTry: if (!draining_) SaslTry(e.ref); break;
      case kEvImap: if (!draining_) Imap(); break;
      case kEvTick: if (!draining_) Tick(); break;
      case kEvAttempt: Attempt(e.ref); break;
      case kEvRelease: {
        Release& r = releases_[e.ref];
        free_inodes_.push_back(FreeInode{r.inode, std::move(r.qid)});
        free_releases_.push_back(e.ref);
        break;
      }
      case kEvGreyRetry:
        if (!draining_) {
          GreyRetry g = greys_[e.ref];
          free_greys_.push_back(e.ref);
          InboundLegit(&g);
        }
        break;
    }
  }
  out_.FlushAll();
}

// ---------------------------------------------------------------------------

[[noreturn]] void Usage(const char* msg) {
  if (msg) std::fprintf(stderr, "gen_maillog: %s\n", msg);
  std::fprintf(stderr,
               "usage: gen_maillog --size-mb N --seed S [--format bsd|rfc3339] [--long-qids] [--days D]\n"
               "                   [--start YYYY-MM-DD] [--tz +HH:MM] [--quiet] -o FILE\n");
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  bool have_size = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto val = [&]() -> std::string_view {
      if (i + 1 >= argc) Usage("missing value");
      return argv[++i];
    };
    if (a == "--size-mb") {
      o.size_mb = std::atof(std::string(val()).c_str());
      have_size = o.size_mb > 0;
    } else if (a == "--seed") {
      o.seed = std::strtoull(std::string(val()).c_str(), nullptr, 10);
    } else if (a == "--format") {
      std::string_view f = val();
      if (f == "rfc3339") o.rfc3339 = true;
      else if (f != "bsd") Usage("--format is bsd or rfc3339");
    } else if (a == "--long-qids") {
      o.long_qids = true;
    } else if (a == "--days") {
      o.days = std::atof(std::string(val()).c_str());
      if (o.days <= 0) Usage("--days must be positive");
    } else if (a == "--start") {
      std::string s(val());
      if (std::sscanf(s.c_str(), "%d-%d-%d", &o.y, &o.m, &o.d) != 3 || o.m < 1 || o.m > 12 || o.d < 1 || o.d > 31)
        Usage("--start is YYYY-MM-DD");
    } else if (a == "--tz") {
      std::string s(val());
      int hh = 0, mm = 0;
      if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || std::sscanf(s.c_str() + 1, "%d:%d", &hh, &mm) != 2)
        Usage("--tz is +HH:MM or -HH:MM");
      o.tz_minutes = (s[0] == '-' ? -1 : 1) * (hh * 60 + mm);
    } else if (a == "-o" || a == "--output") {
      o.out = std::string(val());
    } else if (a == "--quiet" || a == "-q") {
      o.quiet = true;
    } else if (a == "-h" || a == "--help") {
      Usage(nullptr);
    } else {
      Usage(("unknown option " + std::string(a)).c_str());
    }
  }
  if (!have_size) Usage("--size-mb is required");
  if (o.out.empty()) Usage("-o FILE is required (- for stdout)");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);
  FILE* f = o.out == "-" ? stdout : std::fopen(o.out.c_str(), "wb");
  if (!f) {
    std::perror(o.out.c_str());
    return 1;
  }
  const auto wall0 = std::chrono::steady_clock::now();
  Out out(f, o.rfc3339, o.tz_minutes);
  Sim sim(o, out);
  sim.Run();
  if (out.failed() || (f != stdout && std::fclose(f) != 0)) {
    std::perror(o.out.c_str());
    return 1;
  }
  if (f != stdout) {
    // The file looks as if the last line had just been written (year inference uses mtime).
    std::error_code ec;
    auto sys = std::chrono::system_clock::time_point(std::chrono::microseconds(out.last_time()));
    auto ft = std::chrono::file_clock::from_sys(sys);
    std::filesystem::last_write_time(o.out, ft, ec);
  }
  if (!o.quiet) {
    const Stats& s = sim.stats();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    std::fprintf(stderr,
                 "gen_maillog: %llu lines, %llu bytes in %.2f s\n"
                 "  messages %llu (smtpd client= %llu, pickup %llu, amavis passes %llu, forwards %llu)\n"
                 "  status=sent %llu, deferred %llu, bounced %llu, expired %llu, notifications %llu, removed %llu\n"
                 "  rejects: NOQUEUE/smtpd-QID %llu (postscreen %llu), cleanup %llu; queue ID repeats %llu\n",
                 static_cast<unsigned long long>(out.lines()), static_cast<unsigned long long>(out.bytes()), secs,
                 static_cast<unsigned long long>(s.messages), static_cast<unsigned long long>(s.client),
                 static_cast<unsigned long long>(s.pickup), static_cast<unsigned long long>(s.amavis),
                 static_cast<unsigned long long>(s.forwarded), static_cast<unsigned long long>(s.sent),
                 static_cast<unsigned long long>(s.deferred), static_cast<unsigned long long>(s.bounced),
                 static_cast<unsigned long long>(s.expired), static_cast<unsigned long long>(s.dsn),
                 static_cast<unsigned long long>(s.removed), static_cast<unsigned long long>(s.noqueue),
                 static_cast<unsigned long long>(s.noqueue_postscreen), static_cast<unsigned long long>(s.cleanup_reject),
                 static_cast<unsigned long long>(s.qid_reuse));
  }
  return 0;
}
