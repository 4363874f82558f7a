// journey_facts - FailureFacts from a journey's recipient (see journey_facts.h).
#include "diagnose/journey_facts.h"

namespace mailwhy {

namespace {

// "mx.example.net[192.0.2.1]:25" -> name "mx.example.net", address "192.0.2.1".
void SplitHost(const std::string& text, std::string* name, std::string* address) {
  size_t open = text.find('[');
  if (open == std::string::npos) {
    *name = text;
    return;
  }
  *name = text.substr(0, open);
  size_t close = text.find(']', open);
  if (close != std::string::npos) *address = text.substr(open + 1, close - open - 1);
}

// smtpd's stage names (RCPT, END-OF-MESSAGE, ...) as FailureFacts spells stages.
std::string StageOfReject(const std::string& stage) {
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
  f.recipient = r.address;
  if (j.has_from) f.sender = j.from;
  else if (!j.pickup.sender.empty()) f.sender = j.pickup.sender;
  f.status = std::string(ToString(r.status));
  if (!r.reject_action.empty() && r.attempts.empty()) {
    const bool content = r.reject_stage == "header" || r.reject_stage == "body" ||
                         r.reject_action.rfind("milter", 0) == 0;
    f.origin = content && j.qid != "NOQUEUE" ? Origin::kCleanup : Origin::kInboundReject;
    f.text = r.reject_reply.text;
    f.reply_code = r.reject_reply.code;
    f.enhanced = r.reject_reply.dsn;
    f.stage = StageOfReject(r.reject_stage);
    f.client = j.client.name + "[" + j.client.ip + "]";
    return f;
  }
  if (r.attempts.empty()) return f;
  const Attempt& a = r.attempts.back();
  f.origin = Origin::kDelivery;
  f.text = a.text;
  f.dsn = a.dsn;
  f.reply_code = a.reply.code;
  f.enhanced = a.reply.dsn;
  SplitHost(a.remote.empty() ? a.relay : a.remote, &f.relay, &f.relay_ip);
  if (f.relay == "none") f.relay.clear();
  return f;
}

}  // namespace mailwhy
