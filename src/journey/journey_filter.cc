// journey_filter - which journeys a user asked about (see journey_filter.h).
#include "journey/journey_filter.h"

#include <algorithm>

#include "util/ascii.h"

namespace mailwhy {

namespace {

std::string_view StripAngles(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '<')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '>')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) {
      return false;
    }
  }
  return true;
}

// "example.net" matches the domain "example.net" and "mx.example.net".
bool DomainMatches(std::string_view domain, std::string_view want) {
  if (domain.size() < want.size()) return false;
  std::string_view tail = domain.substr(domain.size() - want.size());
  if (!EqualsIgnoreCase(tail, want)) return false;
  return domain.size() == want.size() || domain[domain.size() - want.size() - 1] == '.';
}

bool OverlapsWindow(const Journey& j, const JourneyQuery& q) {
  if (!q.since_us && !q.until_us) return true;
  if (!j.first_seen.known) return false;
  int64_t first = j.first_seen.unix_us;
  int64_t last = j.last_seen.known ? j.last_seen.unix_us : first;
  if (q.since_us && last < *q.since_us) return false;
  if (q.until_us && first >= *q.until_us) return false;
  return true;
}

bool MatchesExceptTime(const Journey& j, const JourneyQuery& q) {
  if (!q.qid.empty() && !EqualsIgnoreCase(j.qid, q.qid)) return false;
  if (!q.from.empty()) {
    AddressPattern p = AddressPattern::From(q.from);
    bool ok = (j.has_from && p.Matches(j.from)) || p.Matches(j.pickup.sender);
    if (!ok) return false;
  }
  if (!q.to.empty()) {
    AddressPattern p = AddressPattern::From(q.to);
    bool ok = false;
    for (const Recipient& r : j.recipients) ok = ok || p.Matches(r.address) || p.Matches(r.orig_to);
    if (!ok) return false;
  }
  if (!q.message_id.empty()) {
    if (!j.has_message_id || !EqualsIgnoreCase(StripAngles(j.message_id), StripAngles(q.message_id))) {
      return false;
    }
  }
  if (!q.client.empty()) {
    std::string_view c = q.client;
    bool ok = EqualsIgnoreCase(j.client.ip, c) || EqualsIgnoreCase(j.client.name, c) ||
              EqualsIgnoreCase(j.client.helo, c) ||
              (!j.client.name.empty() && DomainMatches(j.client.name, c));
    if (!ok) return false;
  }
  if (!q.statuses.empty()) {
    bool ok = false;
    for (const Recipient& r : j.recipients) {
      ok = ok || std::find(q.statuses.begin(), q.statuses.end(), r.status) != q.statuses.end();
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool JourneyQuery::empty() const {
  return from.empty() && to.empty() && message_id.empty() && qid.empty() && client.empty() &&
         statuses.empty() && !since_us && !until_us;
}

AddressPattern AddressPattern::From(std::string_view user_text) {
  AddressPattern p;
  std::string_view s = StripAngles(user_text);
  if (!s.empty() && s.front() == '@') s.remove_prefix(1);
  p.text = AsciiLowered(s);
  p.domain_only = p.text.find('@') == std::string::npos;
  return p;
}

bool AddressPattern::Matches(std::string_view address) const {
  address = StripAngles(address);
  if (address.empty() || text.empty()) return false;
  if (!domain_only) return EqualsIgnoreCase(address, text);
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  return DomainMatches(address.substr(at + 1), text);
}

bool Matches(const Journey& j, const JourneyQuery& q) {
  return OverlapsWindow(j, q) && MatchesExceptTime(j, q);
}

bool MatchesIgnoringTime(const Journey& j, const JourneyQuery& q) { return MatchesExceptTime(j, q); }

bool ParseStatuses(std::string_view text, std::vector<RecipientStatus>* out) {
  static const RecipientStatus kAll[] = {
      RecipientStatus::kPending, RecipientStatus::kSent,     RecipientStatus::kDeferred,
      RecipientStatus::kBounced, RecipientStatus::kExpired,  RecipientStatus::kRejected,
      RecipientStatus::kDiscarded, RecipientStatus::kHeld};
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    bool found = false;
    for (RecipientStatus s : kAll) {
      if (ToString(s) == name) {
        out->push_back(s);
        found = true;
      }
    }
    if (!found) return false;
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return true;
}

}  // namespace mailwhy
