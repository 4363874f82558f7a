// NAME
//   delivery - the per-recipient delivery line of every delivery agent (log_adhoc.c)
// DESCRIPTION
//   smtp, lmtp, local, virtual, pipe, error, retry and discard (and cleanup or qmgr when
//   they bounce or defer a recipient themselves) log each attempt as (Postfix 3.7):
//
//     "%s: to=<%s>[, orig_to=<%s>], relay=%s[, conn_use=%d], delay=%s,
//      delays=%s/%s/%s/%s[, tls=%s], dsn=%s, status=%s (%s)"
//
//   e.g. "7EE668039: to=<admin@example.com>, relay=127.0.0.1[127.0.0.1]:2525, delay=3.6,
//   delays=0.2/0.02/0.04/3.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 153053D)".
//   tls= is 3.11 and later; before 2.3 there are no delays= and dsn= fields.
//
//   The addresses may hold ", ", quotes and ">" (`info_log_address_format`), so the
//   recipient is read up to the first ", relay=" and orig_to is found by its own key
//   inside that span, never by splitting on ", ". Some writers drop the angle brackets
//   (`to=tu@example.net,` in a seed article); both forms are read. After relay= the values
//   are simple words, read key by key up to status=.
//
//   The TEXT runs from "(" to the LAST ")" of the line, since it nests parentheses. When
//   the line does not end with ")" the record was cut (2000 characters, or a torn line):
//   `truncated` is set and the rest of the line is taken. A line that ends before
//   status= (a torn line) is still a kDelivery, with `truncated` set.
// BUGS
//   A recipient holding ", relay=" is cut there. The TEXT of a line cut exactly after a
//   ")" cannot be told from a whole one.
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/event_parser.h"
#include "postfix/fields.h"
#include "util/text_search.h"

namespace mailwhy::postfix {

namespace {

void ReadDelays(std::string_view v, Event* ev) {
  for (int i = 0; i < 4 && !v.empty(); ++i) {
    size_t slash = v.find('/');
    std::string_view part = v.substr(0, slash);
    ParseDecimal(part, &ev->delays[i]);
    if (slash == kNpos) break;
    v.remove_prefix(slash + 1);
  }
}

// One "key=value" item after relay=. Values hold no ", " or " ". The key is told by its
// length first: this runs for every item of every delivery line.
void StoreItem(std::string_view key, std::string_view value, Event* ev) {
  switch (key.size()) {
    case 3:
      if (key == "dsn") ev->dsn = value;
      else if (key == "tls") ev->tls = value;
      break;
    case 5:
      if (key == "relay") {
        ev->relay = value;
        if (value.find('[') != kNpos) ParsePeer(value, &ev->relay_peer);
      } else if (key == "delay") {
        ParseDecimal(value, &ev->delay);
      }
      break;
    case 6:
      if (key == "delays") ReadDelays(value, ev);
      break;
    case 8:
      if (key == "conn_use") {
        int64_t n = 0;
        if (ParseInt(value, &n) && n < 1000000000) ev->conn_use = static_cast<int32_t>(n);
      }
      break;
    default:
      break;
  }
}

// "status=S (TEXT)" at the start of s.
void ReadStatus(std::string_view s, Event* ev) {
  s.remove_prefix(7);  // "status="
  size_t space = s.find(' ');
  ev->status = s.substr(0, space);
  if (space == kNpos) return;
  std::string_view after = s.substr(space + 1);
  if (!StartsWith(after, "(")) {
    ev->text = TrimSpaces(after);  // an illustrative "status=bounced optional text..."
    return;
  }
  after.remove_prefix(1);
  size_t close = after.rfind(')');
  if (close != kNpos && TrimSpaces(after.substr(close + 1)).empty()) {
    ev->text = after.substr(0, close);
  } else {
    ev->text = after;  // cut before its closing ")"
    ev->truncated = true;
  }
}

// Reads "key=value, key=value, ..., status=S (TEXT)" from the start of s.
void ReadItems(std::string_view s, Event* ev) {
  bool saw_status = false;
  while (!s.empty()) {
    if (StartsWith(s, "status=")) {
      ReadStatus(s, ev);
      saw_status = true;
      break;
    }
    // One scan: the key runs to "=", and a "," or " " before it means no key=value item.
    const size_t eq = FindAnyOf(s, '=', ',', ' ', ' ');
    if (eq == kNpos || s[eq] != '=') break;
    size_t end = FindAnyOf(s, ',', ' ', ' ', ' ', eq + 1);
    if (end == kNpos) end = s.size();
    StoreItem(s.substr(0, eq), s.substr(eq + 1, end - eq - 1), ev);
    s.remove_prefix(end);
    while (!s.empty() && (s[0] == ',' || s[0] == ' ')) s.remove_prefix(1);
  }
  if (!saw_status) ev->truncated = true;
}

// "to=<r>[, orig_to=<o>], " up to relay=; returns what follows.
std::string_view ReadRecipients(std::string_view body, Event* ev) {
  std::string_view after_key = body.substr(3);  // "to="
  size_t relay = Find(after_key, ", relay=");
  std::string_view span;
  std::string_view rest;
  if (relay != kNpos) {
    span = after_key.substr(0, relay);
    rest = after_key.substr(relay + 2);
  } else {
    // No relay= (a torn or hand-shortened line): the address ends at the first ", ".
    size_t comma = Find(after_key, ", ");
    span = after_key.substr(0, comma == kNpos ? after_key.size() : comma);
    rest = comma == kNpos ? std::string_view() : after_key.substr(comma + 2);
  }
  size_t orig = FindLast(span, ", orig_to=");
  if (orig != kNpos) {
    ev->orig_to = StripAngles(span.substr(orig + 10));
    span = span.substr(0, orig);
  } else if (relay == kNpos && StartsWith(rest, "orig_to=")) {
    size_t comma = Find(rest, ", ");
    ev->orig_to = StripAngles(rest.substr(8, comma == kNpos ? kNpos : comma - 8));
    rest = comma == kNpos ? std::string_view() : rest.substr(comma + 2);
  }
  ev->to = StripAngles(span);
  if (StartsWith(span, "<") && !EndsWith(span, ">")) ev->truncated = true;
  return rest;
}

}  // namespace

bool ParseDelivery(const Message& m, Event* ev) {
  std::string_view body = m.body;
  std::string_view items;
  if (StartsWith(body, "to=")) {
    items = ReadRecipients(body, ev);
  } else if (StartsWith(body, "status=")) {
    // logwatch shows qmgr's "QID: status=deferred (bounce failed)" with no recipient.
    items = body;
  } else {
    return false;
  }
  ev->kind = EventKind::kDelivery;
  ReadItems(items, ev);
  ParseStatusText(ev->text, &ev->reply);
  ev->child_qid = ev->reply.queued_as;
  return true;
}

}  // namespace mailwhy::postfix
