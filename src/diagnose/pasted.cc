// pasted - log lines, bounce fragments and bare replies into FailureFacts (see pasted.h).
#include "diagnose/pasted.h"

#include <cctype>
#include <string>

#include "diagnose/normalize.h"
#include "postfix/event.h"
#include "postfix/event_parser.h"
#include "syslog/prefix_parser.h"
#include "syslog/record.h"

namespace mailwhy {
namespace {

bool IsAddressChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u > ' ' && c != '<' && c != '>' && c != '(' && c != ')' && c != '[' && c != ']' &&
         c != '"' && c != '\'' && c != ',' && c != ';' && c != ':';
}
bool IsDomainChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

// The first "local@domain.tld" in the text; "" when there is none.
std::string FirstAddress(std::string_view t) {
  for (size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    size_t b = at, e = at + 1;
    while (b > 0 && IsAddressChar(t[b - 1])) --b;
    while (e < t.size() && IsDomainChar(t[e])) ++e;
    std::string_view domain = t.substr(at + 1, e - at - 1);
    while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
    if (b < at && domain.find('.') != std::string_view::npos) {
      return std::string(t.substr(b, at - b)) + "@" + std::string(domain);
    }
  }
  return std::string();
}

// "host NAME[ADDR]" or "connect to NAME[ADDR]": the remote host Postfix talked to.
void FindRemote(std::string_view t, std::string* name, std::string* addr) {
  for (std::string_view marker : {"host ", "connect to ", "lost connection with ",
                                  "conversation with "}) {
    for (size_t at = t.find(marker); at != std::string_view::npos; at = t.find(marker, at + 1)) {
      if (at > 0 && std::isalnum(static_cast<unsigned char>(t[at - 1]))) continue;
      size_t b = at + marker.size(), e = b;
      while (e < t.size() && IsDomainChar(t[e])) ++e;
      if (e == b || e >= t.size() || t[e] != '[') continue;
      size_t close = t.find(']', e);
      if (close == std::string_view::npos) continue;
      *name = std::string(t.substr(b, e - b));
      *addr = std::string(t.substr(e + 1, close - e - 1));
      return;
    }
  }
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// Does this physical line start a log record (syslog prefix, or a Postfix message that
// begins with a queue ID or NOQUEUE)?
bool StartsRecord(std::string_view line) {
  Record rec;
  ParseRecord(line, &rec);
  if (rec.format != PrefixFormat::kNone) return true;
  size_t colon = line.find(": ");
  if (colon == std::string_view::npos || colon > 20) return false;
  return IsQueueId(line.substr(0, colon));
}

bool FactsFromEvent(const Event& ev, FailureFacts* f) {
  switch (ev.kind) {
    case EventKind::kDelivery:
      f->origin = Origin::kDelivery;
      f->status = std::string(ev.status);
      f->dsn = std::string(ev.dsn);
      f->recipient = std::string(ev.to);
      break;
    case EventKind::kSmtpNote:
    case EventKind::kSmtpConnectFail:
      f->origin = Origin::kDelivery;
      break;
    case EventKind::kSmtpdReject:
      if (ev.action != "reject" && ev.action != "milter-reject" && ev.action != "proxy-reject" &&
          ev.action != "defer" && ev.action != "reject_warning") {
        return false;
      }
      f->origin = Origin::kInboundReject;
      f->status = "rejected";
      f->recipient = std::string(ev.to);
      f->sender = std::string(ev.from);
      f->stage = StageOfCommand(ev.stage);
      if (!ev.client.name.empty() || !ev.client.address.empty()) {
        f->client = std::string(ev.client.name) + "[" + std::string(ev.client.address) + "]";
      }
      break;
    case EventKind::kCleanupAction:
      if (!Contains(ev.action, "reject")) return false;
      f->origin = Origin::kCleanup;
      f->status = "rejected";
      f->recipient = std::string(ev.to);
      f->sender = std::string(ev.from);
      break;
    default:
      return false;
  }
  f->text = std::string(ev.text);
  f->truncated = ev.truncated;
  if (ev.kind != EventKind::kSmtpdReject && ev.kind != EventKind::kCleanupAction) {
    f->relay = std::string(!ev.reply.remote.name.empty() ? ev.reply.remote.name
                                                         : ev.relay_peer.name);
    f->relay_ip = std::string(!ev.reply.remote.address.empty() ? ev.reply.remote.address
                                                               : ev.relay_peer.address);
    if (f->relay == "none") f->relay.clear();
    if (ev.reply.shape == TextShape::kRefusedToTalk || ev.reply.shape == TextShape::kConnectFailed) {
      f->stage = "connect";
    } else if (!ev.reply.command.empty()) {
      f->stage = StageOfCommand(ev.reply.command);
    }
  }
  if (ev.reply.code) f->reply_code = ev.reply.code;
  if (!ev.reply.enhanced.empty()) f->enhanced = std::string(ev.reply.enhanced);
  return true;
}

}  // namespace

FailureFacts BareTextFacts(std::string_view text) {
  FailureFacts f;
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  f.text = std::string(text.substr(b, e - b));
  f.recipient = FirstAddress(f.text);
  FindRemote(f.text, &f.relay, &f.relay_ip);
  if (Contains(f.text, "refused to talk to me")) f.stage = "connect";
  return f;
}

std::vector<FailureFacts> PastedFacts(std::string_view pasted) {
  // Logical lines: a physical line that does not start a record continues the one
  // before it (articles and mail clients wrap long log lines).
  std::vector<std::string> records;
  bool any_record = false;
  size_t pos = 0;
  while (pos <= pasted.size()) {
    size_t nl = pasted.find('\n', pos);
    std::string_view line = pasted.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (StartsRecord(line)) {
      records.emplace_back(line);
      any_record = true;
    } else if (any_record && !line.empty()) {
      records.back().append(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  std::vector<FailureFacts> out;
  for (const auto& line : records) {
    Record rec;
    ParseRecord(line, &rec);
    Event ev;
    ParseEvent(rec, &ev);
    FailureFacts f;
    if (FactsFromEvent(ev, &f)) out.push_back(std::move(f));
  }
  if (out.empty()) out.push_back(BareTextFacts(pasted));
  return out;
}

}  // namespace mailwhy
