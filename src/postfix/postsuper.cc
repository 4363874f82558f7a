// NAME
//   postsuper - what an administrator did to the queue (postsuper -d, -h, -H, -r, -e)
// DESCRIPTION
//   postsuper.c logs one line per message and a total at the end:
//
//     "%s: removed" | "%s: requeued" | "%s: placed on hold" | "%s: released from hold" |
//     "%s: expired"                                       -> action = the verb
//     "Deleted: %d message%s", "Requeued: ...", "Placed on hold: ...",
//     "Released from hold: ...", "Force-expired: ...", "Renamed to match inode number: ..."
//                                                         -> action = the word, count = N
//
//   All are kPostsuper. A per-message "removed" here is an administrator's deletion, not
//   qmgr's end of a delivered message (that one is kQmgrRemoved).
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

constexpr std::string_view kVerbs[] = {"removed", "requeued", "placed on hold",
                                       "released from hold", "expired"};
constexpr std::string_view kTotals[] = {"Deleted",  "Requeued", "Placed on hold",
                                        "Released from hold", "Force-expired",
                                        "Renamed to match inode number"};

bool ParseTotal(std::string_view body, Event* ev) {
  for (std::string_view word : kTotals) {
    if (!StartsWith(body, word) || !StartsWith(body.substr(word.size()), ": ")) continue;
    Cursor c(body.substr(word.size() + 2));
    int64_t n = 0;
    if (!c.ReadInt(&n) || !c.Skip(" message")) return false;
    ev->kind = EventKind::kPostsuper;
    ev->action = word;
    ev->count = n;
    return true;
  }
  return false;
}

}  // namespace

bool ParsePostsuper(const Message& m, Event* ev) {
  if (!m.severity.empty()) return false;
  if (m.qid.empty()) return ParseTotal(m.body, ev);
  for (std::string_view verb : kVerbs) {
    if (m.body == verb) {
      ev->kind = EventKind::kPostsuper;
      ev->action = m.body;
      return true;
    }
  }
  return false;
}

}  // namespace mailwhy::postfix
