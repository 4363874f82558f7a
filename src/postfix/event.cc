// NAME
//   event - ResetEvent(): an Event back to its defaults with one copy; PeerTextTo(): a
//   peer written back as Postfix writes it
// DESCRIPTION
//   `*ev = Event()` builds a zeroed temporary, fills in the -1 defaults, then copies it:
//   two passes over 900-odd bytes for every line. Copying a constant empty Event is one.
#include <cstring>
#include <type_traits>

#include "postfix/event.h"

namespace mailwhy {
namespace {

static_assert(std::is_trivially_copyable_v<Event>, "ResetEvent copies Events as bytes");

const Event kEmptyEvent{};

}  // namespace

void ResetEvent(Event* ev) { std::memcpy(static_cast<void*>(ev), &kEmptyEvent, sizeof(Event)); }

void PeerTextTo(const Peer& p, std::string* out) {
  out->clear();
  if (p.name.empty() && p.address.empty()) return;
  out->append(p.name);
  out->push_back('[');
  out->append(p.address);
  out->push_back(']');
  if (!p.port.empty()) {
    out->push_back(':');
    out->append(p.port);
  }
}

}  // namespace mailwhy
