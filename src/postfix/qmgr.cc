// NAME
//   qmgr - the queue manager's per-message lines (qmgr, oqmgr)
// DESCRIPTION
//   Format strings (opened.c, qmgr_active.c, qmgr_message.c, Postfix 3.7):
//
//     "%s: from=<%s>, size=%ld, nrcpt=%d (queue active)"    logged again on every retry
//     "%s: removed"
//     "%s: from=<%s>, status=expired, returned to sender"   (force-expired: postsuper -e)
//     "%s: skipped, still being delivered"
//
//   The sender may hold ", " (logwatch: from=<from@example.net, @example.com>), so it is
//   read up to ">, size=" / ">, status=". One seed article prints it without brackets
//   ("from=tu@example.com, size=1284") and with two spaces after the queue ID; both are
//   read.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

// The sender of "from=<S>, KEY" / "from=S, KEY", for the first KEY found after it.
bool ReadSender(std::string_view body, std::string_view key, Event* ev, std::string_view* rest) {
  if (!StartsWith(body, "from=")) return false;
  std::string_view v = body.substr(5);
  size_t at = Find(v, key);
  if (at == kNpos) return false;
  ev->has_from = true;
  ev->from = StripAngles(v.substr(0, at));
  *rest = v.substr(at + key.size());
  return true;
}

// "size=N, nrcpt=N (queue active)"
bool ParseActive(std::string_view body, Event* ev) {
  std::string_view rest;
  if (!ReadSender(body, ", size=", ev, &rest)) return false;
  Cursor c(rest);
  int64_t size = 0, nrcpt = 0;
  if (!c.ReadInt(&size)) return false;
  ev->kind = EventKind::kQmgrActive;
  ev->size = size;
  if (c.Skip(", nrcpt=") && c.ReadInt(&nrcpt) && nrcpt < 2147483647) {
    ev->nrcpt = static_cast<int32_t>(nrcpt);
  }
  if (!c.Skip(" (queue active)")) ev->truncated = true;  // the format always ends so
  return true;
}

// "status=expired|force-expired, returned to sender"
bool ParseExpired(std::string_view body, Event* ev) {
  std::string_view rest;
  if (!ReadSender(body, ", status=", ev, &rest)) return false;
  ev->kind = EventKind::kQmgrExpired;
  size_t comma = rest.find(',');
  ev->status = rest.substr(0, comma);
  if (comma != kNpos) ev->text = TrimSpaces(rest.substr(comma + 1));
  return true;
}

}  // namespace

bool ParseQmgr(const Message& m, Event* ev) {
  std::string_view body = m.body;
  if (!m.severity.empty() || m.qid.empty()) return false;
  if (body == "removed") {
    ev->kind = EventKind::kQmgrRemoved;
    ev->text = body;
    return true;
  }
  if (StartsWith(body, "skipped, still being delivered")) {
    ev->kind = EventKind::kQmgrSkipped;
    ev->text = body;
    return true;
  }
  return ParseActive(body, ev) || ParseExpired(body, ev);
}

}  // namespace mailwhy::postfix
