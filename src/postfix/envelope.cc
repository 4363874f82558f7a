// NAME
//   envelope - implementation of envelope.h
// DESCRIPTION
//   The keys are read in their fixed order; a value in angle brackets ends at the first
//   ">" that a later key (or the end, or ":") follows.
#include "postfix/envelope.h"

#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

enum Key { kFrom, kTo, kProto, kHelo, kKeyCount };
constexpr std::string_view kKeys[kKeyCount] = {"from=", "to=", "proto=", "helo="};

// True when what follows a value's end (`after`) is a later key than `key`, with " " or
// ", " before it.
bool LaterKeyFollows(std::string_view after, int key) {
  if (StartsWith(after, ",")) after.remove_prefix(1);
  if (!StartsWith(after, " ")) return false;
  while (StartsWith(after, " ")) after.remove_prefix(1);
  for (int k = key + 1; k < kKeyCount; ++k) {
    if (StartsWith(after, kKeys[k])) return true;
  }
  return false;
}

// The end of a "<value>" that starts at s[0] == '<': the position of its closing ">",
// or kNpos when the record ends first.
size_t AngleValueEnd(std::string_view s, int key) {
  for (size_t p = s.find('>', 1); p != kNpos; p = s.find('>', p + 1)) {
    std::string_view after = s.substr(p + 1);
    if (TrimSpaces(after).empty() || StartsWith(after, ":") || LaterKeyFollows(after, key)) {
      return p;
    }
  }
  return kNpos;
}

// The end of a bare value: the first space, comma or ":".
size_t BareValueEnd(std::string_view s) {
  size_t e = FindFirstOf(s, " ,:");
  return e == kNpos ? s.size() : e;
}

void Store(int key, std::string_view value, Event* ev) {
  switch (key) {
    case kFrom:
      ev->from = value;
      ev->has_from = true;
      break;
    case kTo:
      ev->to = value;
      break;
    case kProto:
      ev->proto = value;
      break;
    default:
      ev->helo = value;
      break;
  }
}

}  // namespace

std::string_view ReadEnvelopeTail(std::string_view tail, Event* ev) {
  std::string_view rest = tail;
  while (StartsWith(rest, " ")) rest.remove_prefix(1);
  for (int key = kFrom; key < kKeyCount; ++key) {
    if (!StartsWith(rest, kKeys[key])) continue;
    std::string_view v = rest.substr(kKeys[key].size());
    if (StartsWith(v, "<")) {
      size_t close = AngleValueEnd(v, key);
      if (close == kNpos) {  // the record was cut inside the value
        Store(key, v.substr(1), ev);
        ev->truncated = true;
        return {};
      }
      Store(key, v.substr(1, close - 1), ev);
      rest = v.substr(close + 1);
    } else {
      size_t end = BareValueEnd(v);
      Store(key, v.substr(0, end), ev);
      rest = v.substr(end);
    }
    if (StartsWith(rest, ",")) rest.remove_prefix(1);
    while (StartsWith(rest, " ")) rest.remove_prefix(1);
  }
  return rest;
}

size_t FindEnvelopeTail(std::string_view text) {
  for (std::string_view anchor : {"; from=<", "; to=<", "; proto=", "; helo=<"}) {
    size_t at = FindLast(text, anchor);
    if (at != kNpos) return at;
  }
  return kNpos;
}

}  // namespace mailwhy::postfix
