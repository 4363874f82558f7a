// report_text - the report as text in pflogsumm's layout (see report_text.h).
#include "report/report_text.h"

#include <fmt/format.h>

#include "report/report_labels.h"
#include "report/report_tables.h"
#include "report/text_layout.h"
#include "util/civil_time.h"
#include "util/terminal_text.h"

namespace mailwhy {

namespace {

constexpr int64_t kDivByOneKAt = 524288;      // pflogsumm: 512k
constexpr int64_t kDivByOneMegAt = 536870912; // pflogsumm: 512m

std::string Esc(std::string_view s) { return EscapeForTerminal(s); }

std::string TimeOfDay(const LogTime& t) {
  if (!t.known) return "-";
  int64_t local = t.unix_us / 1000000 + t.utc_offset_s;
  if (t.unix_us < 0 && t.unix_us % 1000000 != 0) --local;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int64_t secs = local - days * 86400;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", y, m, d, secs / 3600, secs / 60 % 60,
                     secs % 60);
}

// pflogsumm's "%d%s": the unit without the padding, for counts inside a sentence.
std::string CompactCount(int64_t value) {
  std::string s = CountText(value);
  size_t start = s.find_first_not_of(' ');
  return start == std::string::npos ? s : s.substr(start);
}

std::string DelayText(double seconds) {
  // pflogsumm's adj_time_units: hours above an hour, minutes above a minute.
  char unit = 's';
  if (seconds > 3600) {
    seconds /= 3600;
    unit = 'h';
  } else if (seconds > 60) {
    seconds /= 60;
    unit = 'm';
  }
  return fmt::format("{:5.1f} {}", seconds, unit);
}

class TextWriter {
 public:
  TextWriter(const ReportView& v, const ReportTextOptions& o, std::string* out)
      : v_(v), o_(o), out_(out), lang_(v.options.lang) {}

  void All();

 private:
  std::string_view L(std::string_view key) const { return Label(key, lang_); }
  void Title(std::string_view title);
  // "title: none" when a section has nothing, as pflogsumm prints it.
  void Empty(std::string_view title);
  std::string TopSuffix(size_t shown, size_t total) const;
  // Wraps `text` at the report width, indenting every line by `indent` columns.
  void Wrapped(std::string_view text, size_t indent, std::string_view first_prefix = "");

  void Header();
  void Totals();
  void PerDay();
  void PerHour();
  void RecipientDomains();
  void SenderDomains();
  void Volumes(ReportSection s, const std::vector<NamedVolume>& rows, bool by_size, size_t total);
  void FailuresByReason();
  void FailuresByProvider();
  void RejectsByReason();
  void Expired();
  void Detail(ReportSection s, const std::vector<DetailGroupRow>& groups);
  void ExampleLine(const Example& e, bool with_client, size_t indent);

  const ReportView& v_;
  const ReportTextOptions& o_;
  std::string* out_;
  Lang lang_;
};

void TextWriter::Title(std::string_view title) {
  *out_ += '\n';
  if (o_.color) *out_ += "\x1b[1m";
  *out_ += title;
  if (o_.color) *out_ += "\x1b[0m";
  *out_ += '\n';
  out_->append(DisplayWidth(title), '-');
  *out_ += '\n';
}

void TextWriter::Empty(std::string_view title) {
  *out_ += '\n';
  *out_ += title;
  *out_ += ": ";
  *out_ += L("nothing");
  *out_ += '\n';
}

std::string TextWriter::TopSuffix(size_t shown, size_t total) const {
  if (shown >= total) return std::string();
  return fmt::format(" ({} {} {} {})", L("top"), shown, L("of"), total);
}

void TextWriter::Wrapped(std::string_view text, size_t indent, std::string_view first_prefix) {
  size_t width = o_.width > indent + 20 ? o_.width - 1 - indent : 20;
  std::string all(first_prefix);
  all += text;
  for (const std::string& line : Wrap(all, width)) {
    out_->append(indent, ' ');
    *out_ += line;
    *out_ += '\n';
  }
}

void TextWriter::Header() {
  const ReportSource& s = v_.source;
  *out_ += "mailwhy report";
  if (!s.files.empty()) {
    *out_ += ": ";
    for (size_t i = 0; i < s.files.size(); ++i) {
      if (i > 0) *out_ += ", ";
      *out_ += Esc(s.files[i].path);
    }
  }
  *out_ += '\n';
  *out_ += fmt::format("{}: {} .. {}\n", L("span"), TimeOfDay(s.first), TimeOfDay(s.last));
  if (s.has_since || s.has_until) {
    LogTime since{s.since_us, s.first.utc_offset_s, s.has_since};
    LogTime until{s.until_us, s.first.utc_offset_s, s.has_until};
    *out_ += fmt::format("{}: {} .. {}\n", L("window"), s.has_since ? TimeOfDay(since) : "",
                         s.has_until ? TimeOfDay(until) : "");
  }
}

void TextWriter::Totals() {
  const ReportTotals& t = v_.totals;
  Title(SectionTitle(ReportSection::kTotals, lang_));
  auto line = [&](int64_t n, std::string_view label, std::string_view extra = "") {
    *out_ += fmt::format(" {}  {}{}\n", CountText(n), label, extra);
  };
  *out_ += L("messages");
  *out_ += "\n\n";
  line(t.received, L("received"));
  line(t.delivered, L("delivered"));
  line(t.forwarded, L("forwarded"));
  line(t.deferred, L("deferred"),
       t.deferrals > 0 ? fmt::format("  ({} {})", CompactCount(t.deferrals), L("deferrals")) : "");
  line(t.bounced, L("bounced"));
  line(t.expired, L("expired"));
  line(t.rejected, L("rejected"), fmt::format(" ({}%)", v_.rejected_percent));
  line(t.reject_warnings, L("reject warnings"));
  if (t.reject_warnings_partial) *out_ += fmt::format("          {}\n", L("partial"));
  line(t.held, L("held"));
  line(t.discarded, L("discarded"), fmt::format(" ({}%)", v_.discarded_percent));
  *out_ += '\n';
  line(t.bytes_received, L("bytes received"));
  line(t.bytes_delivered, L("bytes delivered"));
  line(v_.senders, L("senders"));
  line(v_.sending_domains, L("sending hosts/domains"));
  line(v_.recipients, L("recipients"));
  line(v_.recipient_domains_sent, L("recipient hosts/domains"));
  if (v_.volumes_approximate) *out_ += fmt::format("          {}\n", L("estimated"));
  *out_ += '\n';
  *out_ += L("not counted above");
  *out_ += "\n\n";
  line(t.reinjected, L("reinjected"));
  line(t.filter_deliveries, L("filter deliveries"));
  line(t.received_aborted, L("received aborted"));
  line(t.received_refused, L("received refused"));
  line(t.still_deferred, L("still deferred"));
  if (t.delivered_without_size > 0) line(t.delivered_without_size, L("without size"));
}

void TextWriter::PerDay() {
  // As pflogsumm: only when the log spans more than one day.
  if (v_.per_day.size() <= 1) return;
  Title(SectionTitle(ReportSection::kPerDay, lang_));
  *out_ += "    date          received  delivered   deferred    bounced     rejected\n";
  *out_ += "    --------------------------------------------------------------------\n";
  for (const DayRow& d : v_.per_day) {
    *out_ += fmt::format("    {} ", DayText(d));
    for (int64_t n : {d.counts.received, d.counts.delivered, d.counts.deferred, d.counts.bounced,
                      d.counts.rejected}) {
      *out_ += fmt::format("    {}", CountText(n));
    }
    *out_ += '\n';
  }
}

void TextWriter::PerHour() {
  const bool average = v_.days > 1;
  Title(SectionTitle(ReportSection::kPerHour, lang_, average));
  *out_ += "    time          received  delivered   deferred    bounced     rejected\n";
  *out_ += "    --------------------------------------------------------------------\n";
  for (int h = 0; h < 24; ++h) {
    const TrafficCounts& c = v_.per_hour[h];
    *out_ += fmt::format("    {:02d}00-{:02d}00  ", h, h + 1);
    for (int64_t n : {c.received, c.delivered, c.deferred, c.bounced, c.rejected}) {
      // pflogsumm rounds the daily average to the nearest whole message.
      int64_t shown = average ? static_cast<int64_t>(static_cast<double>(n) / v_.days + 0.5) : n;
      *out_ += fmt::format("    {}", CountText(shown));
    }
    *out_ += '\n';
  }
}

void TextWriter::RecipientDomains() {
  std::string title(SectionTitle(ReportSection::kRecipientDomains, lang_));
  if (v_.recipient_domains.empty()) return Empty(title);
  Title(title + TopSuffix(v_.recipient_domains.size(), v_.recipient_domains_total));
  *out_ += " sent cnt  bytes   defers   bounced  avg dly  max dly  host/domain\n";
  *out_ += " -------- -------  -------  -------  -------  -------  -----------\n";
  for (const DomainDeliveryRow& r : v_.recipient_domains) {
    *out_ += fmt::format(" {}  {}  {}  {}  {}  {}  {}\n", CountText(r.stats.sent), CountText(r.stats.bytes),
                         CountText(r.stats.defers), CountText(r.stats.bounced), DelayText(r.avg_delay),
                         DelayText(r.stats.delay_max), Esc(r.domain));
  }
}

void TextWriter::SenderDomains() {
  std::string title(SectionTitle(ReportSection::kSenderDomains, lang_));
  if (v_.sender_domains.empty()) return Empty(title);
  Title(title + TopSuffix(v_.sender_domains.size(), v_.sender_domains_total));
  *out_ += " msg cnt   bytes   host/domain\n";
  *out_ += " -------- -------  -----------\n";
  for (const NamedVolume& r : v_.sender_domains) {
    *out_ += fmt::format(" {}  {}  {}\n", CountText(r.count), CountText(r.bytes), Esc(r.name));
  }
}

void TextWriter::Volumes(ReportSection s, const std::vector<NamedVolume>& rows, bool by_size, size_t total) {
  std::string title(SectionTitle(s, lang_));
  if (rows.empty()) return Empty(title);
  Title(title + TopSuffix(rows.size(), total));
  for (const NamedVolume& r : rows) {
    *out_ += fmt::format(" {}  {}\n", CountText(by_size ? r.bytes : r.count), Esc(r.name));
  }
}

void TextWriter::ExampleLine(const Example& e, bool with_client, size_t indent) {
  std::string text = fmt::format("{} {}", L("example"), Esc(e.qid));
  if (!e.host.empty()) text += fmt::format(" ({})", Esc(e.host));
  text += fmt::format(" {}", TimeOfDay(e.time));
  if (with_client && !e.client.empty()) text += fmt::format(", {} {}", L("client"), Esc(e.client));
  if (!e.recipient.empty()) text += fmt::format(", {} {}", L("to"), Esc(e.recipient));
  Wrapped(text, indent);
}

std::string OutcomeText(const OutcomeCounts& c, Lang lang) {
  std::string s;
  auto add = [&](int64_t n, std::string_view key) {
    if (n == 0) return;
    if (!s.empty()) s += ", ";
    s += fmt::format("{} {}", Label(key, lang), n);
  };
  add(c.bounced, "bounced (rcpt)");
  add(c.expired, "expired (rcpt)");
  add(c.deferred, "still deferred (rcpt)");
  add(c.delayed, "delayed");
  return s;
}

void TextWriter::FailuresByReason() {
  std::string title(SectionTitle(ReportSection::kFailuresByReason, lang_));
  if (v_.failures_by_reason.empty()) return Empty(title);
  Title(title);
  *out_ += " failed  late  reason / rule\n";
  *out_ += " ------  ----  -------------\n";
  constexpr size_t kIndent = 15;
  for (const FailureRow& r : v_.failures_by_reason) {
    std::string head = fmt::format("{}  {}", ToString(r.reason), Esc(r.rule));
    if (!r.provider.empty()) head += fmt::format("  ({})", Esc(r.provider));
    *out_ += fmt::format(" {:>6}  {:>4}  {}\n", r.counts.failed(), r.counts.delayed, head);
    Wrapped(OutcomeText(r.counts, lang_), kIndent);
    Wrapped(fmt::format("{} {}, {} {}", L("first"), TimeOfDay(r.first), L("last"), TimeOfDay(r.last)), kIndent);
    ExampleLine(r.example, false, kIndent);
    if (!r.summary.empty()) Wrapped(Esc(r.summary), kIndent);
    if (!r.remedy.empty()) Wrapped(Esc(r.remedy), kIndent, fmt::format("{}: ", L("remedy")));
  }
}

void TextWriter::FailuresByProvider() {
  std::string title(SectionTitle(ReportSection::kFailuresByProvider, lang_));
  if (v_.failures_by_provider.empty()) return Empty(title);
  Title(title);
  *out_ += " failed  late  provider\n";
  *out_ += " ------  ----  --------\n";
  constexpr size_t kIndent = 15;
  for (const ProviderRow& r : v_.failures_by_provider) {
    std::string name = r.provider.empty() ? std::string(L("other")) : Esc(r.provider);
    *out_ += fmt::format(" {:>6}  {:>4}  {}\n", r.counts.failed(), r.counts.delayed, name);
    Wrapped(OutcomeText(r.counts, lang_), kIndent);
    if (!r.top_rule.empty()) {
      Wrapped(fmt::format("{}: {} ({}), {}", L("top reason"), ToString(r.top_reason), Esc(r.top_rule),
                          r.top_rule_count),
              kIndent);
    }
    Wrapped(fmt::format("{} {}, {} {}", L("first"), TimeOfDay(r.first), L("last"), TimeOfDay(r.last)), kIndent);
    ExampleLine(r.example, false, kIndent);
    if (!r.remedy.empty()) Wrapped(Esc(r.remedy), kIndent, fmt::format("{}: ", L("remedy")));
  }
}

void TextWriter::RejectsByReason() {
  std::string title(SectionTitle(ReportSection::kRejectsByReason, lang_));
  if (v_.rejects_by_reason.empty()) return Empty(title);
  Title(title);
  *out_ += "  count  reason / rule\n";
  *out_ += " ------  -------------\n";
  constexpr size_t kIndent = 9;
  for (const RejectRow& r : v_.rejects_by_reason) {
    std::string head = fmt::format("{}  {}", ToString(r.reason), Esc(r.rule));
    if (!r.zone.empty()) head += fmt::format("  {} {}", L("zone"), Esc(r.zone));
    if (!r.stage.empty()) head += fmt::format("  {} {}", L("stage"), Esc(r.stage));
    *out_ += fmt::format(" {:>6}  {}\n", r.count, head);
    Wrapped(fmt::format("{} {}, {} {}", L("first"), TimeOfDay(r.first), L("last"), TimeOfDay(r.last)), kIndent);
    ExampleLine(r.example, true, kIndent);
    if (!r.summary.empty()) Wrapped(Esc(r.summary), kIndent);
    if (!r.remedy.empty()) Wrapped(Esc(r.remedy), kIndent, fmt::format("{}: ", L("remedy")));
  }
}

void TextWriter::Expired() {
  std::string title(SectionTitle(ReportSection::kExpired, lang_));
  if (v_.expired.empty()) return Empty(title);
  Title(title + TopSuffix(v_.expired.size(), static_cast<size_t>(v_.totals.expired)));
  constexpr size_t kIndent = 4;
  for (const ExpiredRow& r : v_.expired) {
    const ExpiredMessage& m = r.message;
    std::string head = fmt::format(" {}", Esc(m.qid));
    if (!m.host.empty()) head += fmt::format(" ({})", Esc(m.host));
    head += fmt::format(" {} {}", L("from"), m.has_from ? (m.from.empty() ? "<>" : Esc(m.from)) : "?");
    head += fmt::format(" {} {}", L("to"), Esc(m.recipient));
    if (m.recipients > 1) head += fmt::format(" (+{})", m.recipients - 1);
    *out_ += head;
    *out_ += '\n';
    Wrapped(fmt::format("{} {}, {} {}", L("arrived"), TimeOfDay(m.arrived), L("expired"), TimeOfDay(m.expired)),
            kIndent);
    if (!r.rule.empty()) {
      std::string why = fmt::format("{} ({})", ToString(r.reason), Esc(r.rule));
      if (!r.summary.empty()) why += ": " + Esc(r.summary);
      Wrapped(why, kIndent, fmt::format("{}: ", L("reason")));
    }
  }
}

void TextWriter::Detail(ReportSection s, const std::vector<DetailGroupRow>& groups) {
  std::string title(SectionTitle(s, lang_));
  if (groups.empty()) return Empty(title);
  Title(title);
  for (const DetailGroupRow& g : groups) {
    *out_ += fmt::format("  {} ({}: {})\n", Esc(g.name), L("total"), g.total);
    for (const DetailTextRow& t : g.texts) {
      // pflogsumm's "    %6d%s  text"; the text is wrapped under itself, never cut.
      std::vector<std::string> lines = Wrap(Esc(t.text), o_.width > 15 ? o_.width - 15 : 20);
      for (size_t i = 0; i < lines.size(); ++i) {
        if (i == 0) *out_ += fmt::format("    {}  {}\n", CountText(t.count), lines[i]);
        else *out_ += fmt::format("             {}\n", lines[i]);
      }
    }
    if (g.hidden > 0) *out_ += fmt::format("             ({} {})\n", g.hidden, L("more texts"));
    if (g.overflow > 0) *out_ += fmt::format("    {}  ({})\n", CountText(g.overflow), L("texts not kept"));
  }
}

void TextWriter::All() {
  Header();
  Totals();
  PerDay();
  PerHour();
  RecipientDomains();
  SenderDomains();
  Volumes(ReportSection::kSendersByCount, v_.senders_by_count, false, static_cast<size_t>(v_.senders));
  Volumes(ReportSection::kRecipientsByCount, v_.recipients_by_count, false, static_cast<size_t>(v_.recipients));
  Volumes(ReportSection::kSendersBySize, v_.senders_by_size, true, static_cast<size_t>(v_.senders));
  Volumes(ReportSection::kRecipientsBySize, v_.recipients_by_size, true, static_cast<size_t>(v_.recipients));
  FailuresByReason();
  FailuresByProvider();
  RejectsByReason();
  Expired();
  Detail(ReportSection::kDeferralDetail, v_.deferral_detail);
  Detail(ReportSection::kBounceDetail, v_.bounce_detail);
  Detail(ReportSection::kRejectDetail, v_.reject_detail);
  Detail(ReportSection::kNoSize, v_.no_size);
  Detail(ReportSection::kProblems, v_.problems);
}

}  // namespace

std::string CountText(int64_t value) {
  char unit = ' ';
  if (value > kDivByOneMegAt) {
    value /= 1048576;
    unit = 'm';
  } else if (value > kDivByOneKAt) {
    value /= 1024;
    unit = 'k';
  }
  return fmt::format("{:6d}{}", value, unit);
}

void AppendReportText(const ReportView& view, const ReportTextOptions& options, std::string* out) {
  TextWriter(view, options, out).All();
}

}  // namespace mailwhy
