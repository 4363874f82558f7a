// smtp_probe - the steps of `probe smtp` (see smtp_probe.h).
//
// Policy, once: a step that leaves no usable connection (no address, no TCP, no greeting,
// a refused greeting, a failed handshake) ends the probe and the later steps are listed
// as skipped; a step that only degrades the session (no STARTTLS, an untrusted
// certificate, AUTH in clear text) is a warning and the probe goes on.
#include "probe/smtp_probe.h"

#include <unistd.h>

#include <chrono>
#include <memory>

#include "probe/smtp_capabilities.h"
#include "probe/smtp_channel.h"
#include "probe/smtp_target.h"

namespace mailwhy {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string ThisHostName() {
  char buf[256] = "";
  if (gethostname(buf, sizeof buf - 1) != 0 || !buf[0]) return "localhost";
  buf[sizeof buf - 1] = '\0';
  return buf;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

bool IsTlsRecord(const std::string& raw) {
  return !raw.empty() && (raw[0] == '\x15' || raw[0] == '\x16');
}

class SmtpSession {
 public:
  SmtpSession(const SmtpProbeOptions& o, Resolver& dns, const Classifier* c, ProbeReport* r)
      : o_(o), dns_(dns), classifier_(c), report_(r) {}

  void Run(const SmtpTarget& target) {
    target_ = target;
    port_ = target.port ? target.port : 25;
    implicit_tls_ = o_.implicit_tls || port_ == 465;
    helo_ = o_.helo.empty() ? ThisHostName() : o_.helo;
    if (!Resolve() || !ConnectAny()) return Skip();
    if (implicit_tls_ && !Handshake()) return Skip();
    if (!Banner() || !Ehlo(&caps_, "smtp.ehlo")) return Skip();
    if (!implicit_tls_) {
      if (!StartTls()) return Skip();
      if (channel_->tls() && !Ehlo(&caps_tls_, "smtp.ehlo-tls")) return Skip();
    }
    Auth();
    Quit();
  }

 private:
  // The value for {relay}: "host[ip]:port".
  std::string Relay() const {
    std::string where = IsIpv6(ip_) ? "[" + ip_ + "]" : ip_;
    return (host_ == ip_ ? where : host_ + "[" + ip_ + "]") + ":" + std::to_string(port_);
  }
  KeyValues Values(std::initializer_list<std::pair<std::string, std::string>> extra = {}) const {
    KeyValues v{{"host", host_}, {"relay", Relay()}};
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  }
  void Finding(ProbeCheck& c, const char* id, KeyValues values) {
    AddFinding(&c, classifier_, id, std::move(values));
  }
  // The server's reply classified by the knowledge base, as if Postfix had logged it.
  void Classify(ProbeCheck& c, const SmtpReply& reply, const char* stage) {
    if (!classifier_) return;
    FailureFacts f;
    f.text = reply.Wire();
    f.reply_code = reply.code;
    f.stage = stage;
    f.relay = host_;
    f.relay_ip = ip_;
    f.status = reply.code >= 500 ? "bounced" : "deferred";
    f.origin = Origin::kDelivery;
    c.verdicts.push_back(classifier_->Classify(f));
  }
  ProbeCheck& Begin(const char* id) {
    step_start_ = Clock::now();
    done_.push_back(id);
    return report_->Add(id);
  }
  void End(ProbeCheck& c) { c.seconds = Since(step_start_); }
  Deadline StepDeadline() const { return DeadlineIn(o_.timeout); }

  // A read or write failed in the middle of the conversation.
  void Broken(ProbeCheck& c, ReadResult r, const char* stage) {
    c.state = CheckState::kFail;
    if (r == ReadResult::kTimeout) {
      c.said = Said("no reply within " + Seconds(o_.timeout), "応答なし（" + Seconds(o_.timeout) + "以内）");
      Finding(c, "probe.smtp.timeout", Values({{"stage", stage}}));
    } else if (r == ReadResult::kNotSmtp || r == ReadResult::kTooLong) {
      c.said = Said("not an SMTP reply: " + channel_->raw().substr(0, 120), "SMTPの応答ではありません: " + channel_->raw().substr(0, 120));
      Finding(c, "probe.smtp.protocol", Values({{"stage", stage}}));
    } else {
      c.said = Said("the server closed the connection", "サーバーが接続を切りました");
      Finding(c, "probe.smtp.closed", Values({{"stage", stage}}));
    }
  }
  static std::string Seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", s);
    return buf;
  }

  bool Resolve() {
    ProbeCheck& c = Begin("smtp.resolve");
    host_ = target_.host;
    if (target_.is_ip) {
      addresses_ = {target_.host};
      c.said = Said(host_ + " (an address: nothing to look up)", host_ + "（アドレスのため名前解決なし）");
      End(c);
      return true;
    }
    if (target_.use_mx) {
      DnsAnswer mx = dns_.Query(host_, DnsType::kMx);
      if (mx.ok()) {
        std::vector<std::string> list;
        for (const auto& m : mx.mx) list.push_back(std::to_string(m.preference) + " " + (m.host.empty() ? "." : m.host));
        c.data.emplace_back("mx", Join(list, ", "));
        c.more.push_back(Said("MX " + Join(list, ", ")));
        if (mx.mx.size() == 1 && mx.mx[0].host.empty()) {
          c.state = CheckState::kFail;
          c.said = Said(host_ + ": Null MX (\"0 .\"): this domain accepts no mail",
                        host_ + ": Null MX（\"0 .\"）: このドメインはメールを受け付けません");
          Finding(c, "probe.smtp.resolve.null-mx", {{"host", host_}});
          End(c);
          return false;
        }
        for (const auto& m : mx.mx) {
          if (!m.host.empty()) {
            host_ = m.host;
            break;
          }
        }
      } else if (mx.outcome == DnsOutcome::kNxDomain) {
        return NoName(c);
      } else if (mx.failed()) {
        return DnsFailed(c, "MX", mx);
      } else {
        c.more.push_back(Said("no MX record: the domain itself receives mail (RFC 5321 5.1)",
                              "MXレコードなし: ドメイン名そのものが受信します（RFC 5321 5.1）"));
      }
    }
    DnsAnswer a = dns_.Query(host_, DnsType::kA);
    DnsAnswer aaaa = dns_.Query(host_, DnsType::kAaaa);
    addresses_ = a.records;
    addresses_.insert(addresses_.end(), aaaa.records.begin(), aaaa.records.end());
    if (addresses_.empty()) {
      if (a.outcome == DnsOutcome::kNxDomain && aaaa.outcome != DnsOutcome::kOk && !aaaa.failed()) return NoName(c);
      if (a.failed() || aaaa.failed()) return DnsFailed(c, "A/AAAA", a.failed() ? a : aaaa);
      c.state = CheckState::kFail;
      c.said = Said(host_ + ": the name exists but has no address (no A or AAAA record)",
                    host_ + ": 名前はありますがアドレス（AレコードもAAAAレコードも）がありません");
      Finding(c, "probe.smtp.resolve.no-address", {{"host", host_}});
      End(c);
      return false;
    }
    c.said = Said(host_ + " → " + Join(addresses_, ", "));
    c.data.emplace_back("host", host_);
    c.data.emplace_back("addresses", Join(addresses_, ","));
    End(c);
    return true;
  }
  bool NoName(ProbeCheck& c) {
    c.state = CheckState::kFail;
    c.said = Said(host_ + ": the name does not exist (NXDOMAIN)", host_ + ": その名前は存在しません（NXDOMAIN）");
    Finding(c, "probe.smtp.resolve.nxdomain", {{"host", host_}});
    End(c);
    return false;
  }
  bool DnsFailed(ProbeCheck& c, const char* what, const DnsAnswer& a) {
    c.state = CheckState::kFail;
    std::string outcome(ToString(a.outcome));
    c.said = Said(host_ + ": the " + what + " lookup failed (" + outcome + ")",
                  host_ + ": " + what + "の問い合わせに失敗しました（" + outcome + "）");
    c.data.emplace_back("dns", outcome);
    Finding(c, "probe.smtp.resolve.dns-failure", {{"host", host_}});
    End(c);
    return false;
  }

  bool ConnectAny() {
    ProbeCheck& c = Begin("smtp.connect");
    ConnectResult last;
    size_t tried = 0;
    for (const auto& ip : addresses_) {
      if (static_cast<int>(tried) >= o_.max_addresses) break;
      ++tried;
      ip_ = ip;
      last = SmtpChannel::Connect(ip, port_, StepDeadline(), &channel_);
      std::string where = (IsIpv6(ip) ? "[" + ip + "]" : ip) + ":" + std::to_string(port_);
      if (last.error == ConnectError::kNone) {
        c.said = Said(where + ": connected", where + ": 接続しました");
        c.data.emplace_back("address", ip);
        c.data.emplace_back("port", std::to_string(port_));
        End(c);
        return true;
      }
      c.more.push_back(Said(where + ": " + last.message));
    }
    c.state = CheckState::kFail;
    const char* kind = last.error == ConnectError::kRefused       ? "refused"
                       : last.error == ConnectError::kTimeout     ? "timeout"
                       : last.error == ConnectError::kUnreachable ? "unreachable"
                                                                  : "error";
    const char* id = ConnectFindingId(last.error, port_);
    std::string where = host_ + ":" + std::to_string(port_);
    c.said = Said("TCP connect to " + where + " failed: " + last.message,
                  where + "へのTCP接続に失敗しました: " + last.message);
    if (c.more.size() == 1) c.more.clear();
    c.data.emplace_back("error", kind);
    c.data.emplace_back("port", std::to_string(port_));
    Finding(c, id, Values());
    End(c);
    return false;
  }

  bool Banner() {
    ProbeCheck& c = Begin("smtp.banner");
    SmtpReply reply;
    ReadResult r = channel_->ReadReply(StepDeadline(), &reply);
    End(c);
    if (r == ReadResult::kOk) {
      c.data.emplace_back("code", std::to_string(reply.code));
      c.said = Said(reply.Wire());
      if (reply.code >= 200 && reply.code < 300) return true;
      c.state = CheckState::kFail;
      Finding(c, reply.code >= 500 ? "probe.smtp.banner.refused" : "probe.smtp.banner.temporary",
              Values({{"code", std::to_string(reply.code)}, {"stage", "connect"}}));
      Classify(c, reply, "connect");
      return false;
    }
    c.state = CheckState::kFail;
    if (r == ReadResult::kTimeout) {
      c.said = Said("no greeting within " + Seconds(o_.timeout), "挨拶（バナー）が" + Seconds(o_.timeout) + "以内に来ません");
      Finding(c, implicit_tls_ ? "probe.smtp.banner.timeout" : "probe.smtp.banner.timeout.plain", Values());
    } else if (r == ReadResult::kNotSmtp && IsTlsRecord(channel_->raw())) {
      c.said = Said("the server speaks TLS first (not a plain SMTP greeting)", "サーバーは最初からTLSで話しています（平文のSMTPの挨拶ではありません）");
      Finding(c, "probe.smtp.banner.tls-first", Values());
    } else if (r == ReadResult::kNotSmtp || r == ReadResult::kTooLong) {
      c.said = Said("not an SMTP greeting: " + channel_->raw().substr(0, 120), "SMTPの挨拶ではありません: " + channel_->raw().substr(0, 120));
      Finding(c, "probe.smtp.banner.not-smtp", Values());
    } else {
      c.said = Said("the server closed the connection without a greeting", "サーバーは挨拶をせずに接続を切りました");
      Finding(c, "probe.smtp.banner.closed", Values());
    }
    return false;
  }

  bool Ehlo(SmtpCapabilities* caps, const char* id) {
    ProbeCheck& c = Begin(id);
    SmtpReply reply;
    Status s = channel_->Send("EHLO " + helo_, StepDeadline());
    ReadResult r = s.ok() ? channel_->ReadReply(StepDeadline(), &reply) : ReadResult::kClosed;
    if (r != ReadResult::kOk) {
      Broken(c, r, "helo");
      End(c);
      return false;
    }
    c.data.emplace_back("code", std::to_string(reply.code));
    if (reply.code == 250) {
      *caps = ParseEhlo(reply);
      c.said = Said(caps->keywords.empty() ? "250 (no extensions)" : CapabilityList(*caps),
                    caps->keywords.empty() ? "250（拡張なし）" : CapabilityList(*caps));
      c.more.push_back(Said("EHLO " + helo_ + " → " + caps->greeting));
      c.data.emplace_back("extensions", CapabilityList(*caps));
      End(c);
      return true;
    }
    // Why: a server without ESMTP (or one that dislikes our EHLO) may still take HELO.
    SmtpReply helo;
    s = channel_->Send("HELO " + helo_, StepDeadline());
    r = s.ok() ? channel_->ReadReply(StepDeadline(), &helo) : ReadResult::kClosed;
    End(c);
    c.more.push_back(Said("EHLO " + helo_ + " → " + reply.Wire()));
    if (r == ReadResult::kOk && helo.code == 250) {
      c.state = CheckState::kWarn;
      c.said = Said("EHLO refused (" + std::to_string(reply.code) + "), HELO accepted: no extensions, no STARTTLS",
                    "EHLOは拒否（" + std::to_string(reply.code) + "）、HELOは受理: 拡張機能もSTARTTLSもありません");
      Finding(c, "probe.smtp.ehlo.refused", Values({{"code", std::to_string(reply.code)}, {"helo", helo_}}));
      return true;
    }
    c.state = CheckState::kFail;
    const SmtpReply& last = r == ReadResult::kOk ? helo : reply;
    c.said = Said(last.Wire());
    Finding(c, "probe.smtp.helo.refused", Values({{"code", std::to_string(last.code)}, {"helo", helo_}, {"stage", "helo"}}));
    Classify(c, last, "helo");
    return false;
  }

  bool StartTls() {
    ProbeCheck& c = Begin("smtp.starttls");
    if (!caps_.starttls) {
      End(c);
      c.state = o_.require_starttls ? CheckState::kFail : CheckState::kWarn;
      c.said = Said("STARTTLS is not offered: mail to and from this server travels unencrypted",
                    "STARTTLSが提示されていません: このサーバーとのメールは暗号化されずに流れます");
      Finding(c, "probe.smtp.starttls.missing", Values());
      if (o_.require_starttls) return false;
      for (const char* id : {"smtp.tls", "smtp.certificate", "smtp.ehlo-tls"}) {
        ProbeCheck& skipped = report_->Add(id);
        skipped.state = CheckState::kSkipped;
        skipped.said = Said("no STARTTLS", "STARTTLSなし");
      }
      done_.insert(done_.end(), {"smtp.tls", "smtp.certificate", "smtp.ehlo-tls"});
      return true;
    }
    SmtpReply reply;
    Status s = channel_->Send("STARTTLS", StepDeadline());
    ReadResult r = s.ok() ? channel_->ReadReply(StepDeadline(), &reply) : ReadResult::kClosed;
    End(c);
    if (r != ReadResult::kOk) {
      Broken(c, r, "starttls");
      return false;
    }
    c.said = Said(reply.Wire());
    c.data.emplace_back("code", std::to_string(reply.code));
    if (reply.code != 220) {
      c.state = CheckState::kFail;
      Finding(c, "probe.smtp.starttls.refused", Values({{"code", std::to_string(reply.code)}, {"stage", "starttls"}}));
      Classify(c, reply, "starttls");
      return false;
    }
    return Handshake();
  }

  bool Handshake() {
    ProbeCheck& c = Begin("smtp.tls");
    TlsOptions t;
    t.server_name = host_;
    t.ca_file = o_.ca_file;
    TlsInfo info = channel_->StartTls(t, StepDeadline());
    End(c);
    if (!info.ok) {
      c.state = CheckState::kFail;
      c.said = Said("TLS handshake failed: " + info.error, "TLSのハンドシェイクに失敗しました: " + info.error);
      c.data.emplace_back("error", info.error);
      bool plain = info.error.find("plain text") != std::string::npos;
      Finding(c, plain ? "probe.smtp.tls.plain-answer" : "probe.smtp.tls.failed", Values());
      return false;
    }
    c.said = Said(info.protocol + ", " + info.cipher + " (" + std::to_string(info.cipher_bits) + " bits)");
    c.data.emplace_back("protocol", info.protocol);
    c.data.emplace_back("cipher", info.cipher);
    c.data.emplace_back("bits", std::to_string(info.cipher_bits));
    if (info.protocol == "TLSv1" || info.protocol == "TLSv1.1" || info.protocol == "SSLv3") {
      c.state = CheckState::kWarn;
      Finding(c, "probe.smtp.tls.old-protocol", Values());
    }
    Certificate(info);
    return true;
  }

  void Certificate(const TlsInfo& info) {
    ProbeCheck& c = Begin("smtp.certificate");
    End(c);
    if (!info.has_cert) {
      c.state = CheckState::kWarn;
      c.said = Said("the server sent no certificate", "サーバーは証明書を送りませんでした");
      Finding(c, "probe.smtp.certificate.untrusted", Values());
      return;
    }
    const CertificateInfo& cert = info.cert;
    std::string days = std::to_string(cert.days_left);
    c.said = Said(cert.subject + ", valid until " + cert.not_after + " (" + days + " days)",
                  cert.subject + "、有効期限 " + cert.not_after + "（残り" + days + "日）");
    if (!cert.names.empty()) c.more.push_back(Said("names: " + Join(cert.names, ", "), "名前: " + Join(cert.names, ", ")));
    c.more.push_back(Said("issuer: " + cert.issuer, "発行者: " + cert.issuer));
    if (!cert.key.empty()) c.more.push_back(Said("key: " + cert.key, "鍵: " + cert.key));
    for (const auto& e : info.verify_errors) c.more.push_back(Said("verification: " + e, "検証: " + e));
    c.data.emplace_back("subject", cert.subject);
    c.data.emplace_back("issuer", cert.issuer);
    c.data.emplace_back("names", Join(cert.names, ","));
    c.data.emplace_back("not_after", cert.not_after);
    c.data.emplace_back("days_left", days);
    c.data.emplace_back("key", cert.key);
    c.data.emplace_back("trusted", info.chain_trusted ? "true" : "false");
    c.data.emplace_back("name_matches", info.name_matches ? "true" : "false");
    // Why: between MTAs TLS is opportunistic and the certificate is seldom checked; a
    // mail client on 465/587 refuses a bad one.
    CheckState bad = port_ == 25 ? CheckState::kWarn : CheckState::kFail;
    if (info.expired) {
      c.state = bad;
      Finding(c, "probe.smtp.certificate.expired", Values());
    } else if (cert.days_left < 14) {
      c.state = CheckState::kWarn;
      Finding(c, "probe.smtp.certificate.expiring", Values());
    }
    if (!info.chain_trusted) {
      c.state = bad;
      Finding(c, "probe.smtp.certificate.untrusted", Values());
    }
    if (!info.name_matches) {
      c.state = bad;
      Finding(c, "probe.smtp.certificate.name-mismatch", Values());
    }
  }

  void Auth() {
    ProbeCheck& c = Begin("smtp.auth");
    End(c);
    bool submission = port_ != 25;
    const std::vector<std::string>& before = caps_.auth;
    const std::vector<std::string>& after = caps_tls_.auth;
    if (implicit_tls_) {
      if (!before.empty()) {
        c.said = Said("offered over TLS: " + Join(before, " "), "TLS上で提示: " + Join(before, " "));
        c.data.emplace_back("after_tls", Join(before, " "));
        return;
      }
    } else if (!before.empty() && !channel_->tls()) {
      c.state = CheckState::kWarn;
      c.said = Said("offered without TLS: " + Join(before, " ") + " (passwords would cross the network readable)",
                    "TLSなしで提示: " + Join(before, " ") + "（パスワードが読める状態でネットワークを流れます）");
      c.data.emplace_back("before_tls", Join(before, " "));
      Finding(c, "probe.smtp.auth.cleartext", Values());
      return;
    } else if (!before.empty()) {
      c.state = CheckState::kWarn;
      c.said = Said("offered before TLS too: " + Join(before, " "), "TLSの前にも提示: " + Join(before, " "));
      c.data.emplace_back("before_tls", Join(before, " "));
      c.data.emplace_back("after_tls", Join(after, " "));
      Finding(c, "probe.smtp.auth.cleartext", Values());
      return;
    } else if (!after.empty()) {
      c.said = Said("offered only after TLS: " + Join(after, " "), "TLSの後でだけ提示: " + Join(after, " "));
      c.data.emplace_back("after_tls", Join(after, " "));
      return;
    }
    if (submission) {
      c.state = CheckState::kWarn;
      c.said = Said("no AUTH offered on port " + std::to_string(port_), "ポート" + std::to_string(port_) + "でAUTHが提示されていません");
      Finding(c, "probe.smtp.auth.missing", Values());
    } else {
      c.state = CheckState::kInfo;
      c.said = Said("no AUTH offered (usual for a server that receives mail on port 25)",
                    "AUTHの提示なし（ポート25で受信するサーバーでは普通です）");
    }
  }

  void Quit() {
    ProbeCheck& c = Begin("smtp.quit");
    SmtpReply reply;
    Status s = channel_->Send("QUIT", StepDeadline());
    ReadResult r = s.ok() ? channel_->ReadReply(StepDeadline(), &reply) : ReadResult::kClosed;
    End(c);
    if (r == ReadResult::kOk) {
      c.said = Said(reply.Wire());
      c.data.emplace_back("code", std::to_string(reply.code));
      if (reply.code != 221) c.state = CheckState::kInfo;
    } else {
      c.state = CheckState::kInfo;
      c.said = Said("no reply to QUIT (" + std::string(ToString(r)) + ")", "QUITへの応答なし（" + std::string(ToString(r)) + "）");
    }
  }

  // Lists the steps after a stop as skipped.
  void Skip() {
    std::vector<const char*> plan = {"smtp.resolve", "smtp.connect"};
    if (implicit_tls_) plan.insert(plan.end(), {"smtp.tls", "smtp.certificate"});
    plan.insert(plan.end(), {"smtp.banner", "smtp.ehlo"});
    if (!implicit_tls_) plan.insert(plan.end(), {"smtp.starttls", "smtp.tls", "smtp.certificate", "smtp.ehlo-tls"});
    plan.insert(plan.end(), {"smtp.auth", "smtp.quit"});
    size_t done = done_.size();
    for (size_t i = done; i < plan.size(); ++i) {
      ProbeCheck& c = report_->Add(plan[i]);
      c.state = CheckState::kSkipped;
    }
  }

  const SmtpProbeOptions& o_;
  Resolver& dns_;
  const Classifier* classifier_;
  ProbeReport* report_;
  SmtpTarget target_;
  int port_ = 25;
  bool implicit_tls_ = false;
  std::string helo_, host_, ip_;
  std::vector<std::string> addresses_;
  std::unique_ptr<SmtpChannel> channel_;
  SmtpCapabilities caps_, caps_tls_;
  std::vector<const char*> done_;
  Clock::time_point step_start_;
};

}  // namespace

const char* ConnectFindingId(ConnectError error, int port) {
  switch (error) {
    case ConnectError::kRefused: return "probe.smtp.connect.refused";
    case ConnectError::kTimeout: return port == 25 ? "probe.smtp.connect.timeout.port25" : "probe.smtp.connect.timeout";
    case ConnectError::kUnreachable: return "probe.smtp.connect.unreachable";
    default: return "probe.smtp.connect.failed";
  }
}

Status RunSmtpProbe(const SmtpProbeOptions& options, Resolver& resolver, const Classifier* classifier,
                    ProbeReport* report) {
  SmtpTarget target;
  Status s = ParseSmtpTarget(options.target, &target);
  if (!s.ok()) return s;
  report->kind = "smtp";
  report->target = options.target;
  SmtpSession session(options, resolver, classifier, report);
  session.Run(target);
  return Status::Ok();
}

}  // namespace mailwhy
