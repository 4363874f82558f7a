// report_labels - section ids, titles and labels in English and Japanese (see
// report_labels.h).
#include "report/report_labels.h"

namespace mailwhy {

namespace {

struct SectionName {
  ReportSection section;
  std::string_view id;
  std::string_view en;
  std::string_view ja;
};

constexpr SectionName kSections[] = {
    {ReportSection::kSummary, "summary", "Input", "入力"},
    {ReportSection::kTotals, "totals", "Grand Totals", "総計 (Grand Totals)"},
    {ReportSection::kPerDay, "per_day", "Per-Day Traffic Summary", "日別の流量 (Per-Day Traffic Summary)"},
    {ReportSection::kPerHour, "per_hour", "Per-Hour Traffic Summary",
     "時間帯別の流量 (Per-Hour Traffic Summary)"},
    {ReportSection::kRecipientDomains, "recipient_domains", "Host/Domain Summary: Message Delivery",
     "宛先ドメイン別の配送 (Host/Domain Summary: Message Delivery)"},
    {ReportSection::kSenderDomains, "sender_domains", "Host/Domain Summary: Messages Received",
     "送信元ドメイン別の受信 (Host/Domain Summary: Messages Received)"},
    {ReportSection::kSendersByCount, "senders_by_count", "Senders by message count",
     "送信者 (通数順)"},
    {ReportSection::kRecipientsByCount, "recipients_by_count", "Recipients by message count",
     "受信者 (通数順)"},
    {ReportSection::kSendersBySize, "senders_by_size", "Senders by message size",
     "送信者 (サイズ順)"},
    {ReportSection::kRecipientsBySize, "recipients_by_size", "Recipients by message size",
     "受信者 (サイズ順)"},
    {ReportSection::kFailuresByReason, "failures_by_reason", "Delivery failures by reason",
     "配送失敗の原因別"},
    {ReportSection::kFailuresByProvider, "failures_by_provider", "Delivery failures by provider",
     "配送失敗の宛先事業者別"},
    {ReportSection::kRejectsByReason, "rejects_by_reason", "Rejects by reason", "受信拒否の理由別"},
    {ReportSection::kExpired, "expired", "Expired messages (returned to sender)",
     "期限切れで差出人に返送されたメール"},
    {ReportSection::kDeferralDetail, "deferral_detail", "message deferral detail",
     "配送遅延の詳細 (message deferral detail)"},
    {ReportSection::kBounceDetail, "bounce_detail", "message bounce detail (by relay)",
     "バウンスの詳細・中継先別 (message bounce detail)"},
    {ReportSection::kRejectDetail, "reject_detail", "message reject detail",
     "拒否の詳細 (message reject detail)"},
    {ReportSection::kNoSize, "no_size", "Messages with no size data", "サイズ不明のメッセージ (Messages with no size data)"},
    {ReportSection::kProblems, "problems", "Warnings, fatal errors, panics and master daemon messages",
     "警告・致命的エラー・パニック・master デーモンのメッセージ"},
};

struct LabelText {
  std::string_view key;
  std::string_view en;
  std::string_view ja;
};

constexpr LabelText kLabels[] = {
    {"messages", "messages", "メッセージ"},
    {"received", "received", "受信"},
    {"delivered", "delivered", "配送"},
    {"forwarded", "forwarded", "転送"},
    {"deferred", "deferred", "遅延"},
    {"deferrals", "deferrals", "遅延回数"},
    {"bounced", "bounced", "バウンス"},
    {"expired", "expired", "期限切れ"},
    {"rejected", "rejected", "拒否"},
    {"reject warnings", "reject warnings", "拒否の警告"},
    {"held", "held", "保留 (hold)"},
    {"discarded", "discarded", "破棄"},
    {"bytes received", "bytes received", "受信バイト数"},
    {"bytes delivered", "bytes delivered", "配送バイト数"},
    {"senders", "senders", "送信者"},
    {"sending hosts/domains", "sending hosts/domains", "送信元ホスト/ドメイン"},
    {"recipients", "recipients", "受信者"},
    {"recipient hosts/domains", "recipient hosts/domains", "宛先ホスト/ドメイン"},
    {"not counted above", "not counted above", "上の数に含まないもの"},
    {"reinjected", "returned by a content filter (same message)", "コンテンツフィルタからの再投入 (同じメッセージ)"},
    {"filter deliveries", "handed to a content filter", "コンテンツフィルタへの受け渡し"},
    {"received aborted", "client left before the message was complete", "完了前にクライアントが切断"},
    {"received refused", "refused after the queue file was created", "キューファイル作成後に拒否"},
    {"still deferred", "recipients still deferred at end of log", "ログ末尾でまだ遅延中の宛先"},
    {"without size", "delivered without a size in the log", "サイズ不明の配送"},
    {"partial", "(messages never queued are not counted in a time window)",
     "(時間範囲指定時、キュー投入前の警告は数えない)"},
    {"estimated", "(senders, domains and recipients estimated: too many distinct to keep; "
                  "the top tables keep the busiest)",
     "(送信者・ドメイン・宛先の数は推定値: 種類が多すぎるため。上位表は件数の多いものを保持)"},
    {"bounced (rcpt)", "bounced", "バウンス"},
    {"expired (rcpt)", "expired", "期限切れ"},
    {"still deferred (rcpt)", "still deferred", "遅延中"},
    {"delayed", "delivered late", "遅れて配送"},
    {"first", "first", "最初"},
    {"last", "last", "最後"},
    {"example", "e.g.", "例"},
    {"remedy", "remedy", "対処"},
    {"provider", "provider", "事業者"},
    {"none", "(none)", "(なし)"},
    {"other", "(other)", "(その他)"},
    {"zone", "list", "リスト"},
    {"stage", "stage", "段階"},
    {"count", "count", "件数"},
    {"failed", "failed", "失敗"},
    {"reason", "reason", "原因"},
    {"top reason", "most often", "最も多い原因"},
    {"rule", "rule", "ルール"},
    {"from", "from", "差出人"},
    {"to", "to", "宛先"},
    {"client", "client", "クライアント"},
    {"arrived", "arrived", "受付"},
    {"total", "total", "合計"},
    {"more texts", "more texts", "その他の文面"},
    {"texts not kept", "lines whose text was not kept", "文面を保持しなかった行"},
    {"files", "files", "ファイル"},
    {"lines", "lines", "行数"},
    {"span", "time span", "期間"},
    {"window", "window", "範囲指定"},
    {"journeys", "messages and rejects seen", "メッセージと拒否の数"},
    {"top", "top", "上位"},
    {"of", "of", "/"},
    {"traffic chart", "Traffic over time", "流量の推移"},
    {"reason chart", "Delivery failures by reason", "配送失敗の原因"},
    {"domain chart", "Delivery failures by recipient domain", "宛先ドメイン別の配送失敗"},
    {"report title", "Postfix log report", "Postfix ログレポート"},
    {"date", "date", "日付"},
    {"time", "time", "時間帯"},
    {"domain", "host/domain", "ホスト/ドメイン"},
    {"address", "address", "アドレス"},
    {"bytes", "bytes", "バイト数"},
    {"defers", "defers", "遅延"},
    {"avg delay", "avg dly", "平均遅延"},
    {"max delay", "max dly", "最大遅延"},
    {"text", "text", "文面"},
    {"daemon", "daemon", "デーモン"},
    {"relay", "relay", "中継先"},
    {"qid", "queue ID", "キューID"},
    {"nothing", "none", "なし"},
    {"sending domains", "sending hosts/domains", "送信元ホスト/ドメイン"},
    {"recipient domains", "recipient hosts/domains", "宛先ホスト/ドメイン"},
    {"rejected percent", "rejected (%)", "拒否 (%)"},
    {"discarded percent", "discarded (%)", "破棄 (%)"},
    {"reject warnings partial", "reject warnings incomplete", "拒否の警告が不完全"},
    {"filter bytes", "bytes handed to a content filter", "コンテンツフィルタへのバイト数"},
    {"delivered without size", "delivered without a size in the log", "サイズ不明の配送"},
    {"postfix lines", "Postfix lines", "Postfix の行数"},
    {"unknown lines", "lines not understood", "解釈できなかった行"},
    {"journeys counted", "counted in this report", "集計対象"},
    {"since", "since", "開始"},
    {"until", "until", "終了"},
    {"lang", "language", "言語"},
    {"sent", "sent", "配送"},
    {"hour", "hour", "時"},
    {"days", "days", "日数"},
    {"domains", "domains", "ドメイン数"},
    {"side", "who must act", "対処する側"},
    {"class", "class", "種別"},
    {"summary", "summary", "概要"},
    {"group total", "total", "合計"},
    {"example qid", "example: queue ID", "例: キューID"},
    {"example host", "example: host", "例: ホスト"},
    {"example time", "example: time", "例: 時刻"},
    {"example recipient", "example: recipient", "例: 宛先"},
    {"example client", "example: client", "例: クライアント"},
    {"top rule", "most frequent rule", "最も多いルール"},
    {"recipient", "recipient", "宛先"},
    {"host", "host", "ホスト"},
};

}  // namespace

const std::vector<ReportSection>& AllReportSections() {
  static const std::vector<ReportSection> all = [] {
    std::vector<ReportSection> v;
    for (const SectionName& s : kSections) v.push_back(s.section);
    return v;
  }();
  return all;
}

std::string_view SectionId(ReportSection s) {
  for (const SectionName& n : kSections) {
    if (n.section == s) return n.id;
  }
  return "";
}

bool ParseSectionId(std::string_view id, ReportSection* out) {
  for (const SectionName& n : kSections) {
    if (n.id == id) {
      *out = n.section;
      return true;
    }
  }
  return false;
}

std::string_view SectionTitle(ReportSection s, Lang lang, bool per_hour_average) {
  if (s == ReportSection::kPerHour && per_hour_average) {
    return lang == Lang::kJa ? "時間帯別の流量・1日平均 (Per-Hour Traffic Daily Average)"
                             : "Per-Hour Traffic Daily Average";
  }
  for (const SectionName& n : kSections) {
    if (n.section == s) return lang == Lang::kJa ? n.ja : n.en;
  }
  return "";
}

std::string_view Label(std::string_view key, Lang lang) {
  for (const LabelText& l : kLabels) {
    if (l.key == key) return lang == Lang::kJa ? l.ja : l.en;
  }
  return key;
}

}  // namespace mailwhy
