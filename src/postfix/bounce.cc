// NAME
//   bounce - notices of the bounce daemon (bounce, defer and trace services)
// DESCRIPTION
//   bounce_notify_service.c, bounce_notify_verp.c, bounce_warn_service.c,
//   bounce_trace_service.c: "%s: %s notification: %s", the original queue ID, the kind,
//   the queue ID of the new notification message:
//
//     "776E41855DB2: sender non-delivery notification: A48191855DA0"
//     "65AFB8B5: sender delivery status notification: 1DF35917"
//     "264FE1A18: sender delay notification: 0A87A1A08"
//     "482E4404AC8: postmaster non-delivery notification: 47335405A44"
//
//   kBounceNotice: action = the kind as written ("sender non-delivery notification"),
//   child_qid = the new message. Postfix 3.11 (RELEASE_NOTES-3.11) adds
//   "%s: sender notification failed to %s[: %s]": kBounceFailed, to = the address, text =
//   the reason.
// BUGS
//   The 3.11 failure line is read from the release notes' wording; no real line of it has
//   been seen yet. Its address is accepted with or without "<>".
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/event_parser.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

bool ParseNotice(std::string_view body, Event* ev) {
  if (!StartsWith(body, "sender ") && !StartsWith(body, "postmaster ")) return false;
  size_t at = Find(body, " notification: ");
  if (at == kNpos) return false;
  std::string_view child = TrimSpaces(body.substr(at + 15));
  if (!IsQueueId(child)) return false;
  ev->kind = EventKind::kBounceNotice;
  ev->action = body.substr(0, at + 13);
  ev->child_qid = child;
  return true;
}

bool ParseNotificationFailed(std::string_view body, Event* ev) {
  static constexpr std::string_view kPrefix = "sender notification failed to ";
  if (!StartsWith(body, kPrefix)) return false;
  std::string_view rest = body.substr(kPrefix.size());
  ev->kind = EventKind::kBounceFailed;
  ev->action = "sender notification failed";
  size_t colon = StartsWith(rest, "<") ? Find(rest, ">: ") : Find(rest, ": ");
  if (colon == kNpos) {
    ev->to = StripAngles(rest);
    return true;
  }
  size_t addr_end = StartsWith(rest, "<") ? colon + 1 : colon;
  ev->to = StripAngles(rest.substr(0, addr_end));
  ev->text = TrimSpaces(rest.substr(addr_end + 1));
  return true;
}

}  // namespace

bool ParseBounce(const Message& m, Event* ev) {
  if (!m.severity.empty() || m.qid.empty()) return false;
  return ParseNotice(m.body, ev) || ParseNotificationFailed(m.body, ev);
}

}  // namespace mailwhy::postfix
