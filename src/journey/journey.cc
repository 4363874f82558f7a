// journey - names of the journey enums, as the JSON contract spells them (docs/FORMATS.md).
#include "journey/journey.h"

namespace mailwhy {

std::string_view ToString(RecipientStatus s) {
  switch (s) {
    case RecipientStatus::kPending: return "pending";
    case RecipientStatus::kSent: return "sent";
    case RecipientStatus::kDeferred: return "deferred";
    case RecipientStatus::kBounced: return "bounced";
    case RecipientStatus::kExpired: return "expired";
    case RecipientStatus::kRejected: return "rejected";
    case RecipientStatus::kDiscarded: return "discarded";
    case RecipientStatus::kHeld: return "held";
  }
  return "pending";
}

std::string_view ToString(Direction d) {
  switch (d) {
    case Direction::kInbound: return "inbound";
    case Direction::kOutbound: return "outbound";
    case Direction::kLocal: return "local";
    case Direction::kUnknown: break;
  }
  return "unknown";
}

std::string_view ToString(JourneyEnd e) {
  switch (e) {
    case JourneyEnd::kOpen: return "open";
    case JourneyEnd::kRemoved: return "removed";
    case JourneyEnd::kRejected: return "rejected";
    case JourneyEnd::kAborted: return "aborted";
  }
  return "open";
}

}  // namespace mailwhy
