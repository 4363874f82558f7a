// micro_bench - cost of the per-line and per-failure steps, with Google Benchmark.
//
// Speed is measured here, never asserted in tests: `build/bench/micro_bench` prints the
// time per parsed line and per classification (issue targets: a failure classified in
// under 5 µs on average, no input slower than 1 ms). docs/BENCHMARKS.md records figures.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "diagnose/classifier.h"
#include "postfix/event_parser.h"
#include "syslog/prefix_parser.h"

namespace mailwhy {
namespace {

const char* kLines[] = {
    "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from localhost[127.0.0.1]",
    "2023-03-14T00:08:33.579644+01:00 helga postfix/smtpd[297535]: 4PbC4x469Jz3tBr: client=mail.nistoresio.co.cz[185.31.160.120]",
    "Jun  3 10:40:59 mail postfix/smtp[9890]: 776E41855DB2: to=<invalid.email@example.com>, relay=mx.example.com[11.22.33.44]:25, delay=1.9, delays=0/0/1.5/0.37, dsn=5.1.1, status=bounced (host mx.example.com[11.22.33.44] said: 550 5.1.1 <invalid.email@example.com> User unknown (in reply to RCPT TO command))",
    "Oct 22 02:13:42 conch postfix/smtpd[26895]: NOQUEUE: reject: RCPT from jurann.biz[77.95.228.43]: 554 5.7.1 Service unavailable; Client host [77.95.228.43] blocked using zen.spamhaus.org; http://www.spamhaus.org/sbl/query/SBLCSS; from=<botanised@jurann.biz> to=<kdent@seaglass.com> proto=ESMTP helo=<jurann.biz>",
};

void BM_ParseRecord(benchmark::State& state) {
  Record rec;
  size_t i = 0;
  for (auto _ : state) {
    ParseRecord(kLines[i++ % 4], &rec);
    benchmark::DoNotOptimize(rec);
  }
}
BENCHMARK(BM_ParseRecord);

void BM_ParseRecordAndEvent(benchmark::State& state) {
  Record rec;
  Event ev;
  size_t i = 0;
  for (auto _ : state) {
    rec = Record();
    ParseRecord(kLines[i++ % 4], &rec);
    ev = Event();
    ParseEvent(rec, &ev);
    benchmark::DoNotOptimize(ev);
  }
}
BENCHMARK(BM_ParseRecordAndEvent);

const Classifier& SharedClassifier() {
  static std::shared_ptr<const Classifier> c = [] {
    std::shared_ptr<const Classifier> out;
    Classifier::Load(RuleLoadOptions{}, &out);
    return out;
  }();
  return *c;
}

void BM_ClassifyTypical(benchmark::State& state) {
  const char* texts[] = {
      "host gmail-smtp-in.l.google.com[142.250.157.27] said: 550-5.7.26 This message does not have authentication information or fails to 550-5.7.26 pass authentication checks (SPF or DKIM). - gsmtp (in reply to end of DATA command)",
      "host monikura.rei.jp[203.0.113.5] said: 451 4.5.1 Mailbox full (in reply to end of DATA command)",
      "connect to mail.example.net[203.0.113.112]:25: Connection timed out",
      "host mx.example.com[11.22.33.44] said: 550 5.1.1 <a@example.com> User unknown (in reply to RCPT TO command)",
  };
  std::vector<FailureFacts> facts;
  for (const char* t : texts) {
    FailureFacts f;
    f.text = t;
    f.origin = Origin::kDelivery;
    f.status = "bounced";
    facts.push_back(f);
  }
  const Classifier& c = SharedClassifier();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(c.Classify(facts[i++ % facts.size()]));
}
BENCHMARK(BM_ClassifyTypical);

void BM_ClassifyHostile2000(benchmark::State& state) {
  std::mt19937 rng(7);
  std::vector<std::string> inputs;
  for (int k = 0; k < 16; ++k) {
    std::string s(2000, ' ');
    for (char& ch : s) ch = "ab(<[;:550-5.7.1 "[rng() % 17];
    inputs.push_back(s);
  }
  const Classifier& c = SharedClassifier();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(c.ClassifyPasted(inputs[i++ % inputs.size()]));
}
BENCHMARK(BM_ClassifyHostile2000);

}  // namespace
}  // namespace mailwhy

BENCHMARK_MAIN();
