// sender_requirements - Gmail's and Yahoo's requirements as checks (see
// sender_requirements.h).
#include "probe/sender_requirements.h"

namespace mailwhy {
namespace {

struct Requirement {
  const char* en;
  const char* ja;
  Known met;
  bool bulk;
  bool visible = true;  // false: never visible in DNS (TLS, spam rate, unsubscribe)
};

Known Or(Known a, Known b) {
  if (a == Known::kYes || b == Known::kYes) return Known::kYes;
  if (a == Known::kNo && b == Known::kNo) return Known::kNo;
  return Known::kUnknown;
}

Known And(Known a, Known b) {
  if (a == Known::kNo || b == Known::kNo) return Known::kNo;
  if (a == Known::kYes && b == Known::kYes) return Known::kYes;
  return Known::kUnknown;
}

const char* Mark(Known k) {
  switch (k) {
    case Known::kYes: return "[OK] ";
    case Known::kNo: return "[NG] ";
    case Known::kUnknown: return "[ ? ] ";
  }
  return "";
}

void AddCheck(const char* id, const char* provider, const std::vector<Requirement>& reqs,
              const Classifier* classifier, const KeyValues& values, ProbeReport* report) {
  ProbeCheck& c = report->Add(id);
  bool all_failed = false, bulk_failed = false;
  int unknown = 0, unseen = 0;
  for (const Requirement& r : reqs) {
    std::string en = std::string(Mark(r.met)) + (r.bulk ? "bulk: " : "all: ") + r.en;
    std::string ja = std::string(Mark(r.met)) + (r.bulk ? "大量送信者: " : "全送信者: ") + r.ja;
    c.more.push_back(Said(en, ja));
    if (r.met == Known::kNo) (r.bulk ? bulk_failed : all_failed) = true;
    if (r.met == Known::kUnknown) ++(r.visible ? unknown : unseen);
  }
  std::string p(provider);
  if (all_failed) {
    c.state = CheckState::kFail;
    c.said = Said("a requirement for all senders is not met", "全送信者向けの要件を満たしていません");
    AddFinding(&c, classifier, "probe.domain." + p + ".all-senders", values);
  } else if (bulk_failed) {
    c.state = CheckState::kWarn;
    c.said = Said("all-sender requirements met; not those for bulk senders (5,000+ a day)",
                  "全送信者向けの要件は満たしていますが、大量送信者（1日5,000通以上）向けの要件は満たしていません");
    AddFinding(&c, classifier, "probe.domain." + p + ".bulk", values);
  } else if (unknown) {
    c.state = CheckState::kInfo;
    c.said = Said("no requirement found unmet, but " + std::to_string(unknown) +
                      " could not be checked (give --ip, --selector, --from; or DNS failed)",
                  "満たしていない要件は見つかりませんが、" + std::to_string(unknown) +
                      "件は確認できませんでした（--ip、--selector、--fromの指定か、DNSの失敗）");
  } else {
    c.said = Said("every requirement visible in DNS is met (" + std::to_string(unseen) + " are not visible there)",
                  "DNSで確認できる要件はすべて満たしています（DNSで確認できないもの " + std::to_string(unseen) + "件）");
  }
  c.data.emplace_back("all_senders", all_failed ? "fail" : "ok");
  c.data.emplace_back("bulk", bulk_failed ? "fail" : "ok");
}

}  // namespace

void AddSenderRequirements(const SenderFacts& f, const Classifier* classifier, const KeyValues& values,
                           ProbeReport* report) {
  Known spf_or_dkim = Or(f.spf, f.dkim);
  Known spf_and_dkim = And(f.spf, f.dkim);
  std::vector<Requirement> gmail = {
      {"SPF or DKIM for the sending domain", "送信ドメインのSPFまたはDKIM", spf_or_dkim, false},
      {"forward and reverse DNS (PTR) of the sending IP agree", "送信IPの正引きと逆引き（PTR）が一致", f.fcrdns, false},
      {"TLS for transmitting mail (check with mailwhy probe smtp)", "送信にTLSを使う（mailwhy probe smtpで確認）", Known::kUnknown, false, false},
      {"the sending IP on no blocklist (recommended)", "送信IPがブロックリストに載っていない（推奨）", f.clean, false},
      {"spam rate in Postmaster Tools below 0.3% (not visible in DNS)", "Postmaster Toolsの迷惑メール率0.3%未満（DNSでは確認不可）", Known::kUnknown, false, false},
      {"SPF and DKIM", "SPFとDKIMの両方", spf_and_dkim, true},
      {"a DMARC record (p=none is enough)", "DMARCレコード（p=noneで可）", f.dmarc, true},
      {"From: aligned with the SPF or DKIM domain", "From:がSPFまたはDKIMのドメインと一致（アライメント）", f.aligned, true},
      {"one-click unsubscribe in marketing mail (not visible in DNS)", "宣伝メールのワンクリック配信停止（DNSでは確認不可）", Known::kUnknown, true, false},
  };
  AddCheck("domain.gmail", "gmail", gmail, classifier, values, report);
  std::vector<Requirement> yahoo = {
      {"SPF or DKIM", "SPFまたはDKIM", spf_or_dkim, false},
      {"valid forward and reverse DNS for the sending IP", "送信IPの有効な正引きと逆引き", f.fcrdns, false},
      {"SPF and DKIM", "SPFとDKIMの両方", spf_and_dkim, true},
      {"a DMARC policy of at least p=none", "p=none以上のDMARCポリシー", f.dmarc, true},
      {"From: aligned with the SPF or DKIM domain", "From:がSPFまたはDKIMのドメインと一致（アライメント）", f.aligned, true},
      {"one-click unsubscribe (not visible in DNS)", "ワンクリック配信停止（DNSでは確認不可）", Known::kUnknown, true, false},
  };
  AddCheck("domain.yahoo", "yahoo", yahoo, classifier, values, report);
}

}  // namespace mailwhy
