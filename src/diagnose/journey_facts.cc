// journey_facts - FailureFacts from a journey's recipient (see journey_facts.h).
#include "diagnose/journey_facts.h"

namespace mailwhy {

namespace {

// "mx.example.net[192.0.2.1]:25" -> name "mx.example.net", address "192.0.2.1".
void SplitHost(std::string_view text, std::string* name, std::string* address) {
  size_t open = text.find('[');
  if (open == std::string_view::npos) {
    name->assign(text);
    return;
  }
  name->assign(text.substr(0, open));
  size_t close = text.find(']', open);
  if (close != std::string_view::npos) address->assign(text.substr(open + 1, close - open - 1));
}

// smtpd's stage names (RCPT, END-OF-MESSAGE, ...) as FailureFacts spells stages.
std::string_view StageOfReject(std::string_view stage) {
  if (stage == "CONNECT") return "connect";
  if (stage == "HELO" || stage == "EHLO") return "helo";
  if (stage == "STARTTLS") return "starttls";
  if (stage == "AUTH") return "auth";
  if (stage == "MAIL") return "mail";
  if (stage == "RCPT" || stage == "VRFY") return "rcpt";
  if (stage == "DATA" || stage == "BDAT") return "data";
  if (stage == "END-OF-MESSAGE" || stage == "header" || stage == "body") return "end-of-data";
  return "other";
}

}  // namespace

FailureFacts FactsForRecipient(const Journey& j, const Recipient& r) {
  FailureFacts f;
  FactsForRecipientTo(j, r, &f);
  return f;
}

void FactsForRecipientTo(const Journey& j, const Recipient& r, FailureFacts* out) {
  FailureFacts& f = *out;
  f.recipient.assign(r.address);
  if (j.has_from) {
    f.sender.assign(j.from);
  } else {
    f.sender.assign(j.pickup.sender);
  }
  f.status.assign(ToString(r.status));
  f.dsn.clear();
  f.reply_code = 0;
  f.enhanced.clear();
  f.stage.clear();
  f.relay.clear();
  f.relay_ip.clear();
  f.client.clear();
  f.text.clear();
  f.origin = Origin::kUnknown;
  f.truncated = false;
  if (!r.reject_action.empty() && r.attempts.empty()) {
    const bool content = r.reject_stage == "header" || r.reject_stage == "body" ||
                         r.reject_action.rfind("milter", 0) == 0;
    f.origin = content && j.qid != "NOQUEUE" ? Origin::kCleanup : Origin::kInboundReject;
    f.text.assign(r.reject_reply.text);
    f.reply_code = r.reject_reply.code;
    f.enhanced.assign(r.reject_reply.dsn);
    f.stage.assign(StageOfReject(r.reject_stage));
    f.client.assign(j.client.name);
    f.client += '[';
    f.client += j.client.ip;
    f.client += ']';
    return;
  }
  if (r.attempts.empty()) return;
  const Attempt& a = r.attempts.back();
  f.origin = Origin::kDelivery;
  f.text.assign(a.text);
  f.dsn.assign(a.dsn);
  f.reply_code = a.reply.code;
  f.enhanced.assign(a.reply.dsn);
  SplitHost(a.remote.empty() ? a.relay : a.remote, &f.relay, &f.relay_ip);
  if (f.relay == "none") f.relay.clear();
}

}  // namespace mailwhy
