// bounce_facts - BounceRecord -> FailureFacts (see bounce_facts.h).
#include "bounce/bounce_facts.h"

#include "bounce/text_tools.h"
#include "diagnose/normalize.h"

namespace mailwhy {

namespace {

std::string StatusOfAction(const BounceRecord& r) {
  const std::string& a = r.action;
  if (a == "failed" || a == "failure" || a == "fail") {
    // Failed with a temporary code: retried until the queue lifetime ran out.
    const bool temporary = !r.status.empty() ? r.status[0] == '4'
                                             : r.reply_code >= 400 && r.reply_code < 500;
    return temporary ? "expired" : "bounced";
  }
  if (a == "expired") return "expired";
  if (a == "delayed" || a == "delay") return "deferred";
  if (a == "delivered" || a == "relayed" || a == "expanded") return "sent";
  return std::string();
}

// "mx.example.jp [192.0.2.1]", "mx.example.jp[192.0.2.1]", "[192.0.2.1]", "192.0.2.1".
void SplitHost(std::string_view host, std::string* name, std::string* address) {
  host = bounce::Trim(host);
  size_t open = host.find('[');
  if (open == std::string_view::npos) {
    *name = std::string(host.substr(0, host.find(' ')));
    return;
  }
  *name = std::string(bounce::Trim(host.substr(0, open)));
  size_t close = host.find(']', open);
  if (close != std::string_view::npos) *address = std::string(host.substr(open + 1, close - open - 1));
}

}  // namespace

FailureFacts FactsOfRecord(const BounceReport& report, const BounceRecord& r) {
  FailureFacts f;
  f.text = r.diagnostic;
  // A local mailer's own words ("Diagnostic-Code: x-unix; procmail: ..."): the type is
  // part of the evidence, since nothing else says a program failed.
  if (r.diagnostic_type == "x-unix" && !r.diagnostic.empty()) f.text = "X-Unix; " + r.diagnostic;
  f.status = StatusOfAction(r);
  f.dsn = r.status;
  f.enhanced = r.status;
  f.reply_code = r.reply_code;
  // A notice that does not say which command was refused gets stage "other": the
  // refusal is not known to have come at RCPT TO, and the rules that read "user unknown"
  // as a missing mailbox only at RCPT TO (or with a x.1.1 status) must know that.
  if (r.command == "CONN") f.stage = "connect";
  else if (!r.command.empty()) f.stage = StageOfCommand(r.command);
  else if (r.kind == NoticeKind::kDeliveryStatus) f.stage = "other";
  SplitHost(r.remote_mta, &f.relay, &f.relay_ip);
  f.recipient = r.recipient;
  f.sender = bounce::FindAddress(report.original.from);
  // The text came in a mail, not from this server's log: rules scoped to log lines
  // ("inbound", "delivery") do not apply, and rules/11-notices.toml does.
  f.origin = Origin::kUnknown;
  f.truncated = r.truncated;
  return f;
}

}  // namespace mailwhy
