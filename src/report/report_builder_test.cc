// report_builder_test - the report's counts on a log whose every number is known
// (report_test_log.h), section by section.
#include "report/report_builder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "report/report_test_log.h"
#include "report/report_testing.h"
#include "report/report_json.h"
#include "report/report_tables.h"
#include "report/report_view.h"
#include "util/civil_time.h"

namespace mailwhy {
namespace {

// The tally's entry for `key`, or -1 counts when the key is absent (so that a missing key
// fails the comparison instead of crashing the test).
VolumeStats Volume(const VolumeTally& tally, std::string_view key) {
  const VolumeStats* v = tally.entries().Find(key);
  return v != nullptr ? *v : VolumeStats{-1, -1};
}

using report_testing::BuildReportFromLog;

const ReportData& Mix() {
  static const ReportData data = BuildReportFromLog(kReportMixLog);
  return data;
}

int64_t LocalMidnightUs(int y, int m, int d) {
  return (UnixFromCivilUtc(y, m, d, 0, 0, 0) - LocalOffsetForCivil(y, m, d, 0, 0, 0)) * 1000000;
}

TEST(ReportBuilder, GrandTotalsOfTheMixLog) {
  const ReportTotals& t = Mix().totals;
  EXPECT_EQ(t.received, 10);
  EXPECT_EQ(t.delivered, 9);
  EXPECT_EQ(t.forwarded, 1);
  EXPECT_EQ(t.deferred, 3);
  EXPECT_EQ(t.deferrals, 5);
  EXPECT_EQ(t.bounced, 1);
  EXPECT_EQ(t.expired, 1);
  EXPECT_EQ(t.rejected, 6);
  EXPECT_EQ(t.reject_warnings, 2);
  EXPECT_FALSE(t.reject_warnings_partial);
  EXPECT_EQ(t.held, 1);
  EXPECT_EQ(t.discarded, 1);
  EXPECT_EQ(t.bytes_received, 14300);
  EXPECT_EQ(t.bytes_delivered, 22100);
  EXPECT_EQ(t.received_aborted, 1);
  EXPECT_EQ(t.received_refused, 2);
  EXPECT_EQ(t.still_deferred, 1);
  EXPECT_EQ(t.delivered_without_size, 0);
  EXPECT_EQ(Mix().senders.entries().size(), 6u);
  EXPECT_EQ(Mix().sender_domains.entries().size(), 4u);
  EXPECT_EQ(Mix().recipients.entries().size(), 7u);
}

TEST(ReportBuilder, ContentFilterRoundTripCountsOnce) {
  const ReportData& d = Mix();
  // 1A0000001 and 2A0000001 went through the filter and came back as 1B0000002 and
  // 2B0000002: two received messages, not four; their hops into the filter are not
  // deliveries, their final deliveries are.
  EXPECT_EQ(d.totals.reinjected, 2);
  EXPECT_EQ(d.totals.filter_deliveries, 3);
  EXPECT_EQ(d.totals.filter_bytes, 5000);
  EXPECT_EQ(Volume(d.senders, "alice@sender.example").count, 1);
  EXPECT_EQ(Volume(d.senders, "carol@other.example").count, 1);
  // bob@example.com: 1B0000002, 2B0000002 and 6A0000001, each once.
  EXPECT_EQ(Volume(d.recipients, "bob@example.com").count, 3);
  EXPECT_EQ(Volume(d.recipients, "bob@example.com").bytes, 1500 + 2400 + 700);
}

TEST(ReportBuilder, AddressKeysLowerCaseOnlyTheDomain) {
  const ReportData& d = Mix();
  EXPECT_NE(d.senders.entries().Find("alice@sender.example"), nullptr);
  EXPECT_EQ(d.senders.entries().Find("alice@Sender.Example"), nullptr);
  EXPECT_EQ(Volume(d.sender_domains, "example.com").count, 5);   // erin, henry x3, apache
  EXPECT_EQ(Volume(d.sender_domains, "example.com").bytes, 3000 + 5000 + 900 + 1100 + 600);
}

TEST(ReportBuilder, PerDayAndPerHour) {
  const ReportData& d = Mix();
  ASSERT_EQ(d.per_day.size(), 2u);
  const TrafficCounts& dec4 = d.per_day.begin()->second;
  EXPECT_EQ(dec4.received, 1);
  EXPECT_EQ(dec4.deferred, 1);
  const TrafficCounts& dec5 = d.per_day.rbegin()->second;
  EXPECT_EQ(dec5.received, 9);
  EXPECT_EQ(dec5.delivered, 9);
  EXPECT_EQ(dec5.deferred, 4);
  EXPECT_EQ(dec5.bounced, 1);
  EXPECT_EQ(dec5.rejected, 6);
  EXPECT_EQ(d.per_hour[10].received, 1);
  EXPECT_EQ(d.per_hour[10].delivered, 1);   // the lmtp delivery, not the filter hop
  EXPECT_EQ(d.per_hour[11].delivered, 2);
  EXPECT_EQ(d.per_hour[12].bounced, 1);
  EXPECT_EQ(d.per_hour[13].deferred, 2);
  EXPECT_EQ(d.per_hour[16].rejected, 4);    // two smtpd, one postscreen, one after client=
  EXPECT_EQ(d.per_hour[17].rejected, 2);    // header_checks and milter
  EXPECT_EQ(d.per_hour[8].deferred, 1);     // Dec 4
}

TEST(ReportBuilder, PerRecipientDomain) {
  const ReportData& d = Mix();
  const DeliveryDomainStats& com = d.recipient_domains.at("example.com");
  EXPECT_EQ(com.sent, 6);
  EXPECT_EQ(com.bytes, 1500 + 4800 + 4000 + 2100 + 700);
  const DeliveryDomainStats& net = d.recipient_domains.at("example.net");
  EXPECT_EQ(net.sent, 1);
  EXPECT_EQ(net.defers, 3);
  EXPECT_DOUBLE_EQ(net.delay_max, 3602);
  EXPECT_DOUBLE_EQ(net.delay_sum, 3602);
  const DeliveryDomainStats& gmail = d.recipient_domains.at("gmail.com");
  EXPECT_EQ(gmail.sent, 1);
  EXPECT_EQ(gmail.bounced, 1);
  const DeliveryDomainStats& slow = d.recipient_domains.at("slow.example");
  EXPECT_EQ(slow.sent, 0);
  EXPECT_EQ(slow.defers, 2);
  EXPECT_DOUBLE_EQ(slow.delay_max, 111630);
}

const FailureGroup* FindFailure(const ReportData& d, Reason reason) {
  for (const auto& [rule, g] : d.failures) {
    if (g.verdict.reason == reason) return &g;
  }
  return nullptr;
}

TEST(ReportBuilder, FailuresGroupedByDiagnosedReason) {
  const ReportData& d = Mix();
  const FailureGroup* unknown = FindFailure(d, Reason::kUserUnknown);
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->counts.bounced, 1);
  EXPECT_EQ(unknown->verdict.provider, "gmail");
  EXPECT_EQ(unknown->example.qid, "3A0000001");
  EXPECT_EQ(unknown->example.recipient, "grace@gmail.com");
  EXPECT_TRUE(unknown->first.known);

  const FailureGroup* grey = FindFailure(d, Reason::kGreylisted);
  ASSERT_NE(grey, nullptr);
  EXPECT_EQ(grey->counts.delayed, 1);
  EXPECT_EQ(grey->counts.failed(), 0);

  const FailureGroup* full = FindFailure(d, Reason::kMailboxFull);
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->counts.deferred, 1);

  int64_t expired = 0, bounced = 0;
  for (const auto& [rule, g] : d.failures) {
    expired += g.counts.expired;
    bounced += g.counts.bounced;
  }
  EXPECT_EQ(expired, 1);
  EXPECT_EQ(bounced, d.totals.bounced);

  ASSERT_EQ(d.providers.count("gmail"), 1u);
  EXPECT_EQ(d.providers.at("gmail").counts.bounced, 1);
}

TEST(ReportBuilder, RejectsByReasonAddUpToTheRejectedTotal) {
  const ReportData& d = Mix();
  int64_t sum = 0;
  const RejectGroup* spamhaus = nullptr;
  for (const auto& [key, g] : d.rejects) {
    sum += g.count;
    if (g.zone == "zen.spamhaus.org") spamhaus = &g;
  }
  EXPECT_EQ(sum, d.totals.rejected);
  ASSERT_NE(spamhaus, nullptr);
  EXPECT_EQ(spamhaus->count, 1);
  EXPECT_EQ(spamhaus->stage, "RCPT");
  EXPECT_EQ(spamhaus->example.qid, "NOQUEUE");
  EXPECT_EQ(spamhaus->example.client, "[203.0.113.60]");
}

TEST(ReportBuilder, ExpiredMessagesAreListed) {
  const ReportData& d = Mix();
  ASSERT_EQ(d.expired.size(), 1u);
  const ExpiredMessage& m = d.expired.front();
  EXPECT_EQ(m.qid, "5A0000001");
  EXPECT_EQ(m.from, "apache@example.com");
  EXPECT_EQ(m.recipient, "jack@slow.example");
  EXPECT_EQ(m.recipients, 1);
  EXPECT_TRUE(m.has_verdict);
  EXPECT_LT(m.arrived.unix_us, m.expired.unix_us);
}

TEST(ReportBuilder, DetailTextsAreWholeAndMasked) {
  const ReportData& d = Mix();
  const DetailTally::Group& smtp = d.deferral_detail.groups().at("smtp");
  EXPECT_EQ(smtp.total, 5);
  EXPECT_EQ(smtp.texts.at("connect to mx.slow.example[\xE2\x80\xA6]:25: Connection timed out"), 2);
  const DetailTally::Group& gmail = d.bounce_detail.groups().at("gmail-smtp-in.l.google.com");
  ASSERT_EQ(gmail.texts.size(), 1u);
  // Never cut: the whole multi-line reply, down to Google's trace token.
  EXPECT_NE(gmail.texts.begin()->first.find("NoSuchUser x1si2 - gsmtp"), std::string::npos);
}

TEST(ReportBuilder, TimeWindowCountsFactsInside) {
  ReportOptions o;
  o.since_us = LocalMidnightUs(2022, 12, 5);
  ReportData d = BuildReportFromLog(kReportMixLog, o);
  EXPECT_EQ(d.totals.received, 9);       // 5A0000001 arrived on Dec 4
  EXPECT_EQ(d.totals.deferrals, 4);      // its first deferral too
  EXPECT_EQ(d.totals.expired, 1);        // it expired on Dec 5
  EXPECT_EQ(d.totals.reject_warnings, 1);     // the NOQUEUE one has no time here
  EXPECT_TRUE(d.totals.reject_warnings_partial);
  EXPECT_EQ(d.per_day.size(), 1u);

  ReportOptions until;
  until.until_us = LocalMidnightUs(2022, 12, 5);
  ReportData early = BuildReportFromLog(kReportMixLog, until);
  EXPECT_EQ(early.totals.received, 1);
  EXPECT_EQ(early.totals.deferrals, 1);
  EXPECT_EQ(early.totals.delivered, 0);
  EXPECT_EQ(early.totals.expired, 0);
}

// The mix log's journeys, in the order the correlator emits them.
const std::vector<Journey>& MixJourneys() {
  static const std::vector<Journey> journeys = [] {
    struct Collect : JourneySink {
      void OnJourney(Journey&& j) override { all.push_back(std::move(j)); }
      std::vector<Journey> all;
    } sink;
    const std::string path = report_testing::WriteTempLog(kReportMixLog);
    LogReadOptions lo;
    lo.forced_year = 2022;
    LogReadStats stats;
    EXPECT_TRUE(ReadLogs({path}, lo, &sink, &stats).ok());
    std::remove(path.c_str());
    return sink.all;
  }();
  return journeys;
}

// Everything the report shows, as its JSON lines.
std::string ReportJson(const ReportData& d) {
  std::string out;
  AppendReportJson(MakeReportTables(MakeReportView(d, ReportViewOptions{0, Lang::kEn})), &out);
  return out;
}

std::string ReportJsonWithClassifierAtOnce() {
  ReportBuilder builder(ReportOptions{}, BuiltInClassifier().get());
  for (Journey j : MixJourneys()) builder.OnJourney(std::move(j));
  builder.Finish();
  return ReportJson(builder.data());
}

TEST(ReportBuilder, AClassifierThatComesLateGivesTheSameReport) {
  const std::string at_once = ReportJsonWithClassifierAtOnce();
  ASSERT_NE(at_once.find("\"section\":\"failures_by_reason\""), std::string::npos);
  const std::vector<Journey>& all = MixJourneys();
  // Ready half way through, and ready only at Finish().
  for (size_t ready_at : {all.size() / 2, all.size()}) {
    std::promise<const Classifier*> loaded;
    ReportBuilder builder(ReportOptions{}, loaded.get_future().share());
    size_t with_failures = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      if (i == ready_at) {
        EXPECT_GT(builder.waiting(), 0u);
        EXPECT_LT(builder.waiting(), all.size());  // only journeys with a failure wait
        with_failures = builder.waiting();
        loaded.set_value(BuiltInClassifier().get());
      }
      builder.OnJourney(Journey(all[i]));
    }
    if (ready_at == all.size()) {
      with_failures = builder.waiting();
      loaded.set_value(BuiltInClassifier().get());
    }
    EXPECT_GT(with_failures, 0u);
    builder.Finish();
    EXPECT_EQ(builder.waiting(), 0u);
    EXPECT_EQ(ReportJson(builder.data()), at_once) << "classifier ready at journey " << ready_at;
  }
}

TEST(ReportBuilder, AClassifierThatFailedToLoadCountsFailuresUndiagnosed) {
  ReportBuilder without(ReportOptions{}, static_cast<const Classifier*>(nullptr));
  std::promise<const Classifier*> failed;
  ReportBuilder late(ReportOptions{}, failed.get_future().share());
  for (const Journey& j : MixJourneys()) {
    without.OnJourney(Journey(j));
    late.OnJourney(Journey(j));
  }
  failed.set_value(nullptr);
  late.Finish();
  EXPECT_EQ(ReportJson(late.data()), ReportJson(without.data()));
  EXPECT_EQ(late.data().totals.rejected, 6);
}

TEST(ReportBuilder, AtMostKMaxWaitingJourneysWaitForTheClassifier) {
  const Journey* failing = nullptr;
  for (const Journey& j : MixJourneys()) {
    if (j.qid == "NOQUEUE") failing = &j;  // a refusal: diagnosed
  }
  ASSERT_NE(failing, nullptr);
  std::promise<const Classifier*> loaded;
  ReportBuilder builder(ReportOptions{}, loaded.get_future().share());
  for (size_t i = 0; i < ReportBuilder::kMaxWaiting; ++i) builder.OnJourney(Journey(*failing));
  EXPECT_EQ(builder.waiting(), ReportBuilder::kMaxWaiting);
  // One more must wait for the classifier, then diagnose everything in order.
  std::thread loader([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    loaded.set_value(BuiltInClassifier().get());
  });
  builder.OnJourney(Journey(*failing));
  EXPECT_EQ(builder.waiting(), 0u);
  loader.join();
  builder.Finish();
  EXPECT_EQ(builder.data().totals.rejected, static_cast<int64_t>(ReportBuilder::kMaxWaiting + 1));
}

TEST(ReportView, TopNOrdersByCountThenSizeThenName) {
  ReportViewOptions vo;
  vo.top = 2;
  ReportView v = MakeReportView(Mix(), vo);
  ASSERT_EQ(v.senders_by_count.size(), 2u);
  EXPECT_EQ(v.senders_by_count[0].name, "henry@example.com");
  EXPECT_EQ(v.senders_by_count[1].name, "erin@example.com");   // 1 message, 3000 bytes
  ASSERT_EQ(v.recipient_domains.size(), 2u);
  EXPECT_EQ(v.recipient_domains[0].domain, "example.com");
  EXPECT_EQ(v.recipient_domains[1].domain, "example.net");      // ties on sent: bytes
  EXPECT_EQ(v.recipient_domains_total, 5u);
  ASSERT_EQ(v.recipients_by_size.size(), 2u);
  EXPECT_EQ(v.recipients_by_size[0].name, "ivy@example.net");
  // Failures: most failed recipients first, ties by rule id; the delivered-late group last.
  ReportView all = MakeReportView(Mix(), ReportViewOptions{0, Lang::kEn});
  ASSERT_EQ(all.failures_by_reason.size(), 4u);
  EXPECT_EQ(all.failures_by_reason.back().reason, Reason::kGreylisted);
  for (size_t i = 1; i + 1 < all.failures_by_reason.size(); ++i) {
    EXPECT_LT(all.failures_by_reason[i - 1].rule, all.failures_by_reason[i].rule);
  }
  EXPECT_EQ(all.rejected_percent, 6 * 100 / (9 + 6 + 1));
  EXPECT_EQ(all.days, 2);
  EXPECT_EQ(all.recipient_domains_sent, 4);
}

TEST(ReportView, RemedyIsTheRulesFirstRemedyInTheLanguage) {
  ReportView en = MakeReportView(Mix(), ReportViewOptions{0, Lang::kEn});
  ReportView ja = MakeReportView(Mix(), ReportViewOptions{0, Lang::kJa});
  ASSERT_FALSE(en.failures_by_reason.empty());
  const FailureRow& e = en.failures_by_reason.front();
  const FailureRow& j = ja.failures_by_reason.front();
  EXPECT_EQ(e.rule, j.rule);
  EXPECT_FALSE(e.remedy.empty());
  EXPECT_FALSE(j.remedy.empty());
  EXPECT_NE(e.remedy, j.remedy);
}

}  // namespace
}  // namespace mailwhy
