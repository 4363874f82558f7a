// NAME
//   journey_filter - which journeys a user asked about
// DESCRIPTION
//   A JourneyQuery holds what the user knows about a message (seed 004: sender,
//   recipient, time). Matches() says whether a journey fits all of the given criteria;
//   criteria left empty do not restrict.
//
//   Addresses compare case-insensitively, with or without "<>". A value without "@"
//   is a domain and matches the address's domain or any subdomain ("example.net" matches
//   "tu@example.net" and "a@mx.example.net"); "@example.net" is the same. The recipient
//   criterion matches `to=` and `orig_to=`. A time window matches a journey that was seen
//   at any moment inside it (its first..last seen overlaps the window).
#ifndef MAILWHY_JOURNEY_JOURNEY_FILTER_H_
#define MAILWHY_JOURNEY_JOURNEY_FILTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journey/journey.h"

namespace mailwhy {

struct JourneyQuery {
  std::string from;            // sender address or domain
  std::string to;             // recipient address or domain
  std::string message_id;      // with or without <>
  std::string qid;
  std::string client;          // client IP or host name (also matches a HELO name)
  std::vector<RecipientStatus> statuses;  // any of
  std::optional<int64_t> since_us, until_us;  // window [since, until)

  bool empty() const;
};

// A recipient or sender criterion, normalised: lower case, no <>, and whether it names a
// domain. Kept separate so the same matching serves filters and suggestions.
struct AddressPattern {
  std::string text;            // "tu@example.net" or "example.net"
  bool domain_only = false;
  static AddressPattern From(std::string_view user_text);
  bool Matches(std::string_view address) const;
};

bool Matches(const Journey& j, const JourneyQuery& q);
// The same, ignoring the time window: for "the same recipient outside the window".
bool MatchesIgnoringTime(const Journey& j, const JourneyQuery& q);
// Parses "sent,deferred" into statuses; false on an unknown name.
bool ParseStatuses(std::string_view text, std::vector<RecipientStatus>* out);

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_JOURNEY_FILTER_H_
