// NAME
//   pickup - local submissions (sendmail, postdrop) as pickup reads them from maildrop
// DESCRIPTION
//   pickup.c: "%s: uid=%d from=<%s>" and, for a message re-queued with postsuper -r,
//   " orig_id=%s" after it:
//
//     "08ACF1541B01: uid=0 from=<root>"
//     "8B84D8D1CF: uid=48 from=<apache>"      (seed 004: uid 48 is the web server)
//
//   The sender is as the submitter gave it, often unqualified; qmgr's line shows the
//   qualified form.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

bool ParsePickup(const Message& m, Event* ev) {
  Cursor c(m.body);
  int64_t uid = 0;
  if (!m.severity.empty() || !c.Skip("uid=") || !c.ReadInt(&uid) || !c.Skip(" from=")) {
    return false;
  }
  ev->kind = EventKind::kPickup;
  ev->uid = uid < 2147483647 ? static_cast<int32_t>(uid) : -1;
  ev->has_from = true;
  std::string_view rest = c.rest();
  size_t orig = FindLast(rest, " orig_id=");
  if (orig != kNpos) {
    ev->orig_queue_id = rest.substr(orig + 9);
    rest = rest.substr(0, orig);
  }
  ev->from = StripAngles(rest);
  if (StartsWith(rest, "<") && !EndsWith(rest, ">")) ev->truncated = true;
  return true;
}

}  // namespace mailwhy::postfix
