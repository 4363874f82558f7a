// NAME
//   correlator - join Postfix events into per-message journeys (see correlator.h)
// DESCRIPTION
//   The policy, in one place:
//   - arrival lines (smtpd client=, pickup, cleanup message-id, qmgr "queue active", a
//     delivery) for a journey that has ended start a new journey: the queue ID was reused;
//   - other lines for an ended journey still waiting out its grace period join it (late
//     links, warnings);
//   - a smtpd session that ends before cleanup saw the message ends the session's journeys
//     as aborted (or rejected, when smtpd refused their recipients);
//   - a QID reject at DATA or END-OF-MESSAGE, and a cleanup or milter reject, refuse the
//     whole message: nothing follows in qmgr;
//   - QID-less smtp lines (connect failures for non-final MX hosts, TLS summaries) wait on
//     their process and join the next line of that process that names a queue ID.
#include "journey/correlator.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace mailwhy {

namespace {

constexpr int64_t kMicros = 1000000;
constexpr uint64_t kSweepEvery = 1 << 16;
constexpr int64_t kSessionTimeoutS = 86400;
constexpr int64_t kPendingTimeoutS = 600;
// Most journeys have a handful of lines: room for them up front saves the growth steps.
constexpr size_t kLinesReserved = 8;

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  for (std::string_view x : set) {
    if (s == x) return true;
  }
  return false;
}

bool IsLoopbackClient(const Client& c) {
  return c.ip.rfind("127.", 0) == 0 || c.ip == "::1" || c.name == "localhost";
}

std::string_view NoticeKind(std::string_view action) {
  if (action.find("non-delivery") != std::string_view::npos) return "non-delivery-notification";
  if (action.find("delay") != std::string_view::npos) return "delay-notification";
  return "delivery-notification";
}

RecipientStatus StatusFromDelivery(std::string_view daemon, std::string_view status) {
  if (daemon == "discard") return RecipientStatus::kDiscarded;
  if (status == "sent" || status == "deliverable") return RecipientStatus::kSent;
  if (status == "bounced" || status.rfind("undeliverable", 0) == 0) return RecipientStatus::kBounced;
  if (status == "expired" || status == "force-expired") return RecipientStatus::kExpired;
  return RecipientStatus::kDeferred;  // deferred, SOFTBOUNCE, and anything newer
}

void CopyReply(const ReplyInfo& in, Reply* out) {
  out->code = in.code;
  out->dsn.assign(in.enhanced);
  out->text.assign(in.reply);
  out->command.assign(in.command);
}

// The value for `key` in `map`, inserted value-initialized when absent: the key is copied
// only then.
template <class Map>
typename Map::mapped_type& FindOrInsert(Map& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), typename Map::mapped_type()).first;
  return it->second;
}

}  // namespace

struct Correlator::Slot {
  std::unique_ptr<Journey> owned = std::make_unique<Journey>();  // handed to the sink whole
  Journey& j = *owned;
  std::string key;
  uint64_t generation = 0;
  uint64_t order = 0;          // first appearance, for the end-of-input order
  bool ended = false;
  bool queued = false;         // qmgr has picked the message up
  bool has_content = false;    // cleanup saw the message (message-id line)
  bool held = false;
  bool discarded = false;
  bool remote_smtp = false;    // an smtp attempt left (or tried to leave) this machine
  bool final_here = false;     // a delivery agent that ends the trip here (local, lmtp, ...)
  Direction inherited = Direction::kUnknown;
  int64_t last_activity_us = 0;
  std::vector<AttemptNote> pending_notes;
  std::string pending_tls;
};

struct Correlator::Session {
  std::vector<std::string> keys;  // slot keys of the messages of this session
  int64_t started_us = 0;
};

struct Correlator::PendingNotes {
  std::vector<AttemptNote> notes;
  std::vector<LineRef> lines;
  std::string tls;
  int64_t at_us = 0;
};

struct Correlator::ExpectedParent {
  std::string parent_key;      // to find the parent while it is still held
  std::string parent_host;
  std::string parent_qid;
  std::string kind;
  Direction inherited = Direction::kUnknown;
  int64_t at_us = 0;
};

bool IsLocalHop(const Peer& peer, std::string_view relay) {
  if (peer.address.empty()) return relay != "none";
  std::string_view a = peer.address;
  return a.substr(0, 4) == "127." || a == "::1" || a.find('/') != std::string_view::npos ||
         peer.name == "localhost";
}

Correlator::Correlator(const CorrelatorOptions& options, JourneySink* sink)
    : options_(options), sink_(sink) {}

Correlator::~Correlator() = default;

std::string_view Correlator::SlotKey(std::string_view host, std::string_view instance,
                                     std::string_view qid) {
  JoinKey({host, instance, qid}, &key_scratch_);
  return key_scratch_;
}

// The pid's bytes as they are: the key is only compared, never shown.
std::string_view Correlator::ProcessKey(std::string_view host, int32_t pid) {
  char bytes[sizeof pid];
  std::memcpy(bytes, &pid, sizeof pid);
  JoinKey({host, std::string_view(bytes, sizeof bytes)}, &process_key_scratch_);
  return process_key_scratch_;
}

// host+qid, the key of a child expected on that host.
std::string_view Correlator::ExpectedKey(std::string_view host, std::string_view qid) {
  JoinKey({host, qid}, &expected_key_scratch_);
  return expected_key_scratch_;
}

Correlator::Slot* Correlator::Find(std::string_view host, std::string_view instance,
                                   std::string_view qid) {
  auto it = slots_.find(SlotKey(host, instance, qid));
  return it == slots_.end() ? nullptr : it->second.get();
}

Correlator::Slot* Correlator::FindOnHost(std::string_view host, std::string_view qid) {
  auto it = instances_by_host_.find(host);
  if (it == instances_by_host_.end()) return nullptr;
  for (const std::string& instance : it->second) {
    if (Slot* s = Find(host, instance, qid)) return s;
  }
  return nullptr;
}

// `key` is SlotKey(rec.host, ev.instance, ev.qid).
Correlator::Slot* Correlator::Start(const Record& rec, const Event& ev, std::string_view key) {
  auto slot = std::make_unique<Slot>();
  slot->key.assign(key);
  slot->generation = next_generation_++;
  slot->order = next_order_++;
  slot->j.host.assign(rec.host);
  slot->j.instance.assign(ev.instance);
  slot->j.qid.assign(ev.qid);
  slot->j.first_seen = rec.time;
  slot->j.last_seen = rec.time;
  slot->last_activity_us = now_us_;
  slot->j.lines.reserve(kLinesReserved);
  auto& instances = FindOrInsert(instances_by_host_, slot->j.host);
  if (instances.empty()) hosts_.push_back(slot->j.host);
  if (std::find(instances.begin(), instances.end(), slot->j.instance) == instances.end()) {
    instances.push_back(slot->j.instance);
  }
  Slot* raw = slot.get();
  slots_.emplace(raw->key, std::move(slot));
  AdoptExpectedParent(raw);
  return raw;
}

Correlator::Slot* Correlator::FindOrStart(const Record& rec, const Event& ev, bool is_arrival) {
  const std::string_view key = SlotKey(rec.host, ev.instance, ev.qid);
  auto it = slots_.find(key);
  if (it != slots_.end()) {
    if (!it->second->ended || !is_arrival) return it->second.get();
    // The queue ID was reused: the old journey is complete, emit it now.
    std::unique_ptr<Slot> old = std::move(it->second);
    slots_.erase(it);
    Emit(std::move(old));
  }
  return Start(rec, ev, key);
}

void Correlator::Touch(Slot* slot, const Record& rec, const LineSource& where) {
  Journey& j = slot->j;
  if (rec.time.known) {
    if (!j.first_seen.known) j.first_seen = rec.time;
    j.last_seen = rec.time;
  }
  slot->last_activity_us = now_us_;
  FillLineRef(rec, where, &j.lines.emplace_back());
}

void Correlator::FillLineRef(const Record& rec, const LineSource& where, LineRef* ref) const {
  ref->file = where.file;
  ref->line = where.line;
  ref->kind = where.kind;
  ref->time = rec.time;
  if (options_.keep_lines) ref->text.assign(where.text);
}

void Correlator::End(Slot* slot, JourneyEnd end) {
  if (slot->ended) return;
  slot->ended = true;
  slot->j.end = end;
  ended_.push_back({slot->key, slot->generation, now_us_});
}

void Correlator::AdoptExpectedParent(Slot* child) {
  // Most journeys have no parent waiting; an empty map costs no key and no hash.
  for (int pass = 0; pass < 2; ++pass) {
    StringMap<ExpectedParent>& expected = pass == 0 ? expected_here_ : expected_remote_;
    if (expected.empty()) continue;
    auto it = expected.find(pass == 0 ? ExpectedKey(child->j.host, child->j.qid)
                                      : std::string_view(child->j.qid));
    if (it == expected.end()) continue;
    const ExpectedParent& e = it->second;
    if (pass == 1 && e.parent_host == child->j.host) continue;  // remote link to ourselves
    auto pit = slots_.find(e.parent_key);
    if (pit != slots_.end() && pit->second->j.qid == e.parent_qid) {
      LinkJourneys(pit->second.get(), child, e.kind);
    } else {
      child->j.parent.qid = e.parent_qid;
      child->j.parent.kind = e.kind;
      if (e.parent_host != child->j.host) child->j.parent.host = e.parent_host;
      if (child->inherited == Direction::kUnknown) child->inherited = e.inherited;
    }
    expected.erase(it);
    return;
  }
}

namespace {

Direction ArrivalDirection(const Journey& j) {
  if (j.arrival == "pickup" || j.arrival == "bounce") return Direction::kLocal;
  if (j.arrival == "smtpd") {
    if (!j.client.sasl_user.empty()) return Direction::kOutbound;
    return IsLoopbackClient(j.client) ? Direction::kLocal : Direction::kInbound;
  }
  return Direction::kUnknown;
}

}  // namespace

void Correlator::LinkJourneys(Slot* parent, Slot* child, std::string_view kind) {
  mailwhy::Link down;
  down.qid = child->j.qid;
  down.kind.assign(kind);
  if (child->j.host != parent->j.host) down.host = child->j.host;
  for (const mailwhy::Link& l : parent->j.children) {
    if (l.qid == down.qid && l.host == down.host) return;  // already linked
  }
  parent->j.children.push_back(down);
  child->j.parent.qid = parent->j.qid;
  child->j.parent.kind.assign(kind);
  if (child->j.host != parent->j.host) child->j.parent.host = parent->j.host;
  if (kind.find("notification") != std::string_view::npos && child->j.arrival.empty()) {
    child->j.arrival = "bounce";
  }
  if (kind == "reinjected" || kind == "forwarded") {
    Direction d = parent->inherited != Direction::kUnknown ? parent->inherited
                                                           : ArrivalDirection(parent->j);
    if (d == Direction::kOutbound) d = Direction::kLocal;  // decided by the child's own hops
    child->inherited = d;
  }
}

void Correlator::LinkOrExpect(Slot* parent, std::string_view child_qid, std::string_view kind,
                              bool same_host_only) {
  if (child_qid.empty()) return;
  Slot* child = same_host_only ? FindOnHost(parent->j.host, child_qid) : nullptr;
  if (!same_host_only) {
    // A remote next hop: its log may be in the input too, under another host name. The
    // hosts are tried in the order they first appeared, so the choice never depends on
    // the map's order.
    for (const std::string& host : hosts_) {
      if (host == parent->j.host) continue;
      if ((child = FindOnHost(host, child_qid)) != nullptr) break;
    }
  }
  if (child != nullptr && child != parent) {
    LinkJourneys(parent, child, kind);
    return;
  }
  // A bounce notice's queue file exists on this host for sure, so it is a child at once.
  // A "queued as" ID may be the next server's own (a relay on loopback that is not a
  // content filter): it becomes a child only if a journey with that ID shows up.
  if (kind.find("notification") != std::string_view::npos) {
    mailwhy::Link down;
    down.qid.assign(child_qid);
    down.kind.assign(kind);
    parent->j.children.push_back(down);
  }
  ExpectedParent e;
  e.parent_key = parent->key;
  e.parent_host = parent->j.host;
  e.parent_qid = parent->j.qid;
  e.kind.assign(kind);
  e.inherited = ArrivalDirection(parent->j);
  e.at_us = now_us_;
  if (same_host_only) {
    FindOrInsert(expected_here_, ExpectedKey(parent->j.host, child_qid)) = std::move(e);
  } else {
    FindOrInsert(expected_remote_, child_qid) = std::move(e);
  }
}

void Correlator::Emit(std::unique_ptr<Slot> slot) {
  Journey& j = slot->j;
  for (Recipient& r : j.recipients) {
    if (j.expired && (r.status == RecipientStatus::kDeferred || r.status == RecipientStatus::kPending)) {
      r.status = RecipientStatus::kExpired;
    }
    if (r.status == RecipientStatus::kPending) {
      if (slot->discarded) r.status = RecipientStatus::kDiscarded;
      else if (slot->held) r.status = RecipientStatus::kHeld;
    }
  }
  if (j.direction == Direction::kUnknown) {
    if (slot->remote_smtp) {
      j.direction = Direction::kOutbound;
    } else if (slot->inherited != Direction::kUnknown) {
      j.direction = slot->inherited;
    } else {
      Direction d = ArrivalDirection(j);
      if (d == Direction::kOutbound && slot->final_here) d = Direction::kLocal;  // stayed here
      j.direction = d;
    }
  }
  if (!slot->pending_notes.empty()) {
    for (AttemptNote& n : slot->pending_notes) j.notes.push_back(std::move(n));
  }
  ++stats_.journeys;
  if (j.end == JourneyEnd::kOpen) ++stats_.open_at_end;
  sink_->TakeJourney(std::move(slot->owned));
}

void Correlator::Drain(bool all) {
  while (!ended_.empty() && (all || ended_.front().at_us + options_.link_grace_s * kMicros <= now_us_)) {
    Ended e = std::move(ended_.front());
    ended_.pop_front();
    auto it = slots_.find(e.key);
    if (it == slots_.end() || it->second->generation != e.generation) continue;
    std::unique_ptr<Slot> slot = std::move(it->second);
    slots_.erase(it);
    Emit(std::move(slot));
  }
}

void Correlator::Sweep() {
  // Idle journeys: their end lies outside the input. Emit them as open, oldest first.
  std::vector<Slot*> idle;
  int64_t idle_before = now_us_ - options_.idle_timeout_s * kMicros;
  for (auto& [key, slot] : slots_) {
    if (!slot->ended && slot->last_activity_us < idle_before) idle.push_back(slot.get());
  }
  std::sort(idle.begin(), idle.end(), [](Slot* a, Slot* b) { return a->order < b->order; });
  for (Slot* s : idle) {
    auto it = slots_.find(s->key);
    std::unique_ptr<Slot> slot = std::move(it->second);
    slots_.erase(it);
    Emit(std::move(slot));
  }
  int64_t pending_before = now_us_ - kPendingTimeoutS * kMicros;
  std::erase_if(expected_here_, [&](const auto& kv) { return kv.second.at_us < pending_before; });
  std::erase_if(expected_remote_, [&](const auto& kv) { return kv.second.at_us < pending_before; });
  std::erase_if(process_notes_, [&](const auto& kv) { return kv.second.at_us < pending_before; });
  int64_t session_before = now_us_ - kSessionTimeoutS * kMicros;
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.started_us < session_before; });
}

void Correlator::Finish() {
  Drain(true);
  std::vector<std::unique_ptr<Slot>> rest;
  rest.reserve(slots_.size());
  for (auto& [key, slot] : slots_) rest.push_back(std::move(slot));
  slots_.clear();
  std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a->order < b->order; });
  for (auto& slot : rest) Emit(std::move(slot));
  sessions_.clear();
  process_notes_.clear();
  expected_here_.clear();
  expected_remote_.clear();
  instances_by_host_.clear();
  hosts_.clear();
}

void Correlator::Add(const Record& rec, const Event& ev, const LineSource& where) {
  if (rec.time.known && rec.time.unix_us > now_us_) now_us_ = rec.time.unix_us;
  if (!ended_.empty()) Drain(false);
  if (++adds_since_sweep_ >= kSweepEvery) {
    adds_since_sweep_ = 0;
    Sweep();
  }
  LineSource tagged = where;
  tagged.kind = ev.kind;
  Dispatch(rec, ev, tagged);
}

void Correlator::Dispatch(const Record& rec, const Event& ev, const LineSource& where) {
  const bool has_qid = !ev.qid.empty() && ev.qid != "NOQUEUE";
  switch (ev.kind) {
    case EventKind::kSmtpdConnect: {
      Session& s = FindOrInsert(sessions_, ProcessKey(rec.host, rec.pid));
      s.keys.clear();
      s.started_us = now_us_;
      return;
    }
    case EventKind::kSmtpdClient: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, true);
      Journey& j = slot->j;
      j.arrival = "smtpd";
      j.arrival_service.assign(ev.service);
      j.client.name.assign(ev.client.name);
      j.client.ip.assign(ev.client.address);
      j.client.port.assign(ev.client.port);
      j.client.sasl_method.assign(ev.sasl_method);
      j.client.sasl_user.assign(ev.sasl_username);
      auto it = sessions_.find(ProcessKey(rec.host, rec.pid));
      if (it != sessions_.end()) it->second.keys.push_back(slot->key);
      Touch(slot, rec, where);
      return;
    }
    case EventKind::kSmtpdReject: {
      if (!has_qid) {
        OnNoqueueReject(rec, ev, where);
        return;
      }
      Slot* slot = FindOrStart(rec, ev, false);
      Touch(slot, rec, where);
      OnQueueReject(slot, ev, rec);
      return;
    }
    case EventKind::kSmtpdDisconnect:
    case EventKind::kSmtpdLostConnection:
      OnSessionEnd(rec, ev, where);
      return;
    case EventKind::kPickup: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, true);
      slot->j.arrival = "pickup";
      slot->j.pickup.uid = ev.uid;
      slot->j.pickup.sender.assign(ev.from);
      Touch(slot, rec, where);
      return;
    }
    case EventKind::kCleanupMessageId: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, true);
      if (!slot->j.has_message_id) {
        slot->j.has_message_id = true;
        slot->j.message_id.assign(ev.message_id);
      }
      slot->has_content = true;
      Touch(slot, rec, where);
      return;
    }
    case EventKind::kCleanupAction: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, false);
      Touch(slot, rec, where);
      OnCheck(slot, rec, ev);
      return;
    }
    case EventKind::kQmgrActive: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, true);
      Journey& j = slot->j;
      j.has_from = ev.has_from;
      j.from.assign(ev.from);
      if (ev.size >= 0) j.size = ev.size;
      if (ev.nrcpt >= 0) j.nrcpt = ev.nrcpt;
      ++j.activations;
      slot->queued = true;
      Touch(slot, rec, where);
      return;
    }
    case EventKind::kQmgrExpired: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, false);
      slot->j.expired = true;
      if (ev.has_from && !slot->j.has_from) {
        slot->j.has_from = true;
        slot->j.from.assign(ev.from);
      }
      Touch(slot, rec, where);
      return;
    }
    case EventKind::kQmgrRemoved: {
      if (!has_qid) return;
      Slot* slot = Find(rec.host, ev.instance, ev.qid);
      if (slot == nullptr) return;  // its journey began before the input: nothing to tell
      if (ev.daemon == "postsuper") slot->j.removed_by_admin = true;
      Touch(slot, rec, where);
      End(slot, JourneyEnd::kRemoved);
      return;
    }
    case EventKind::kPostsuper: {
      if (!has_qid) return;
      Slot* slot = Find(rec.host, ev.instance, ev.qid);
      if (slot == nullptr) return;
      Touch(slot, rec, where);
      if (ev.action == "removed") {
        slot->j.removed_by_admin = true;
        End(slot, JourneyEnd::kRemoved);
      } else if (ev.action == "placed on hold") {
        slot->held = true;
      } else if (ev.action == "released from hold") {
        slot->held = false;
      } else if (ev.action == "expired") {
        slot->j.expired = true;
      }
      AddNote(slot, rec, ev);
      return;
    }
    case EventKind::kDelivery: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, true);
      AttachProcessNotes(slot, rec);
      Touch(slot, rec, where);
      OnDelivery(slot, rec, ev);
      return;
    }
    case EventKind::kSmtpNote: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, false);
      AttachProcessNotes(slot, rec);
      Touch(slot, rec, where);
      AttemptNote n;
      n.time = rec.time;
      n.kind = ev.kind;
      n.shape = ev.reply.shape;
      n.text.assign(ev.text.empty() ? rec.message : ev.text);
      slot->pending_notes.push_back(std::move(n));
      return;
    }
    case EventKind::kSmtpConnectFail:
    case EventKind::kTls: {
      if (has_qid) {  // some versions name the queue ID: treat as a note on that message
        Slot* slot = FindOrStart(rec, ev, false);
        Touch(slot, rec, where);
        AddNote(slot, rec, ev);
        return;
      }
      if (ev.daemon != "smtp" && ev.daemon != "lmtp") return;  // smtpd TLS: session detail
      PendingNotes& p = FindOrInsert(process_notes_, ProcessKey(rec.host, rec.pid));
      p.at_us = now_us_;
      if (ev.kind == EventKind::kTls) {
        p.tls.assign(ev.text.empty() ? rec.message : ev.text);
      } else {
        AttemptNote n;
        n.time = rec.time;
        n.kind = ev.kind;
        n.shape = ev.reply.shape;
        n.text.assign(ev.text.empty() ? rec.message : ev.text);
        p.notes.push_back(std::move(n));
      }
      FillLineRef(rec, where, &p.lines.emplace_back());
      return;
    }
    case EventKind::kBounceNotice: {
      if (!has_qid) return;
      Slot* slot = FindOrStart(rec, ev, false);
      Touch(slot, rec, where);
      LinkOrExpect(slot, ev.child_qid, NoticeKind(ev.action), true);
      for (size_t i = 0; i < slot->j.children.size(); ++i) {
        if (slot->j.children[i].qid == ev.child_qid) slot->j.lines.back().child = static_cast<int32_t>(i);
      }
      return;
    }
    case EventKind::kBounceFailed:
    case EventKind::kWarning:
    case EventKind::kQmgrSkipped:
    case EventKind::kCleanupResentMessageId: {
      if (!has_qid) return;
      Slot* slot = ev.kind == EventKind::kCleanupResentMessageId ? FindOrStart(rec, ev, false)
                                                                 : Find(rec.host, ev.instance, ev.qid);
      if (slot == nullptr) return;
      Touch(slot, rec, where);
      if (ev.kind != EventKind::kCleanupResentMessageId) AddNote(slot, rec, ev);
      return;
    }
    default:
      return;  // session-level and unrelated lines: counted by the reader, not journeys
  }
}

void Correlator::AddNote(Slot* slot, const Record& rec, const Event& ev) {
  AttemptNote n;
  n.time = rec.time;
  n.kind = ev.kind;
  n.shape = ev.reply.shape;
  n.text.assign(rec.message);
  slot->j.notes.push_back(std::move(n));
}

void Correlator::AttachProcessNotes(Slot* slot, const Record& rec) {
  if (process_notes_.empty()) return;
  auto it = process_notes_.find(ProcessKey(rec.host, rec.pid));
  if (it == process_notes_.end()) return;
  PendingNotes& p = it->second;
  for (AttemptNote& n : p.notes) slot->pending_notes.push_back(std::move(n));
  for (LineRef& l : p.lines) slot->j.lines.push_back(std::move(l));
  if (!p.tls.empty()) slot->pending_tls = std::move(p.tls);
  process_notes_.erase(it);
}

namespace {

Recipient* FindRecipient(Journey& j, std::string_view address, std::string_view orig_to) {
  for (Recipient& r : j.recipients) {
    if (r.address == address && r.orig_to == orig_to) return &r;
  }
  j.recipients.emplace_back();
  Recipient* r = &j.recipients.back();
  r->address.assign(address);
  r->orig_to.assign(orig_to);
  return r;
}

void FillReject(Recipient* r, const Event& ev) {
  r->reject_stage.assign(ev.stage);
  r->reject_action.assign(ev.action);
  CopyReply(ev.reply, &r->reject_reply);
  if (r->reject_reply.text.empty()) r->reject_reply.text.assign(ev.text);
}

bool IsRefusal(std::string_view action) {
  return IsOneOf(action, {"reject", "milter-reject", "defer", "proxy-reject", "defer_if_permit",
                          "defer_if_reject"});
}

bool IsWholeMessageStage(std::string_view stage) {
  return IsOneOf(stage, {"DATA", "BDAT", "END-OF-MESSAGE", "header", "body"});
}

}  // namespace

void Correlator::OnNoqueueReject(const Record& rec, const Event& ev, const LineSource& where) {
  if (ev.action == "reject_warning") {
    ++stats_.reject_warnings;
    return;
  }
  RecipientStatus status;
  if (IsRefusal(ev.action)) {
    status = RecipientStatus::kRejected;
  } else if (ev.action == "discard" || ev.action == "milter-discard") {
    status = RecipientStatus::kDiscarded;
  } else {
    return;  // filter, redirect, hold before a queue file exists: nothing was refused
  }
  ++stats_.noqueue_rejects;
  Journey j;
  j.host.assign(rec.host);
  j.instance.assign(ev.instance);
  j.qid = "NOQUEUE";
  j.first_seen = j.last_seen = rec.time;
  j.direction = Direction::kInbound;
  j.arrival.assign(ev.daemon);
  j.arrival_service.assign(ev.service);
  j.client.name.assign(ev.client.name);
  j.client.ip.assign(ev.client.address);
  j.client.port.assign(ev.client.port);
  j.client.helo.assign(ev.helo);
  j.has_from = ev.has_from;
  j.from.assign(ev.from);
  Recipient r;
  r.address.assign(ev.to);
  r.status = status;
  FillReject(&r, ev);
  j.recipients.push_back(std::move(r));
  j.end = JourneyEnd::kRejected;
  LineRef& ref = j.lines.emplace_back();
  FillLineRef(rec, where, &ref);
  ref.recipient = 0;
  ++stats_.journeys;
  sink_->OnJourney(std::move(j));
}

void Correlator::OnQueueReject(Slot* slot, const Event& ev, const Record& rec) {
  Journey& j = slot->j;
  if (!ev.client.address.empty() && j.client.ip.empty()) {
    j.client.name.assign(ev.client.name);
    j.client.ip.assign(ev.client.address);
  }
  if (!ev.helo.empty()) j.client.helo.assign(ev.helo);
  if (ev.has_from && !j.has_from) {
    j.has_from = true;
    j.from.assign(ev.from);
  }
  if (ev.action == "reject_warning") {
    ++stats_.reject_warnings;
    OnCheck(slot, rec, ev);
    return;
  }
  if (IsRefusal(ev.action)) {
    if (!ev.to.empty()) {
      Recipient* r = FindRecipient(j, ev.to, "");
      r->status = RecipientStatus::kRejected;
      FillReject(r, ev);
      j.lines.back().recipient = static_cast<int32_t>(r - j.recipients.data());
    }
    if (IsWholeMessageStage(ev.stage)) End(slot, JourneyEnd::kRejected);
    return;
  }
  OnCheck(slot, rec, ev);
}

void Correlator::OnCheck(Slot* slot, const Record& rec, const Event& ev) {
  Journey& j = slot->j;
  Check c;
  c.time = rec.time;
  c.action.assign(ev.action);
  c.stage.assign(ev.stage);
  c.text.assign(ev.text);
  j.checks.push_back(std::move(c));
  std::string_view a = ev.action;
  if (a == "hold" || a == "milter-hold") {
    slot->held = true;
  } else if (a == "discard" || a == "milter-discard") {
    slot->discarded = true;
  } else if (ev.kind == EventKind::kCleanupAction && IsRefusal(a)) {
    // cleanup refused the message at end of data: no queue file, nothing follows in qmgr.
    if (!ev.to.empty()) {
      Recipient* r = FindRecipient(j, ev.to, "");
      r->status = RecipientStatus::kRejected;
      FillReject(r, ev);
    }
    for (Recipient& r : j.recipients) {
      if (r.status == RecipientStatus::kPending) {
        r.status = RecipientStatus::kRejected;
        FillReject(&r, ev);
      }
    }
    End(slot, JourneyEnd::kRejected);
  }
}

void Correlator::OnDelivery(Slot* slot, const Record& rec, const Event& ev) {
  Journey& j = slot->j;
  Recipient* r = FindRecipient(j, ev.to, ev.orig_to);
  Attempt& a = r->attempts.emplace_back();  // filled in place: an Attempt is many strings
  a.time = rec.time;
  a.daemon.assign(ev.daemon);
  a.relay.assign(ev.relay);
  a.delay = ev.delay;
  for (int i = 0; i < 4; ++i) a.delays[i] = ev.delays[i];
  a.dsn.assign(ev.dsn);
  a.status.assign(ev.status);
  a.text.assign(ev.text);
  a.shape = ev.reply.shape;
  a.suspended = ev.reply.suspended;
  PeerTextTo(ev.reply.remote, &a.remote);
  CopyReply(ev.reply, &a.reply);
  a.queued_as.assign(ev.reply.queued_as);
  a.tls.assign(ev.tls);
  if (a.tls.empty() && !slot->pending_tls.empty()) a.tls = std::move(slot->pending_tls);
  slot->pending_tls.clear();
  a.conn_use = ev.conn_use;
  a.notes = std::move(slot->pending_notes);
  slot->pending_notes.clear();
  r->status = StatusFromDelivery(ev.daemon, ev.status);
  LineRef& ref = j.lines.back();  // Touch() added this line's reference just before
  ref.recipient = static_cast<int32_t>(r - j.recipients.data());
  ref.attempt = static_cast<int32_t>(r->attempts.size() - 1);

  const bool local_hop = IsLocalHop(ev.relay_peer, ev.relay);
  if (ev.daemon == "smtp" && !local_hop) slot->remote_smtp = true;
  if (ev.daemon != "smtp") slot->final_here = true;
  if (r->status == RecipientStatus::kSent && !ev.reply.queued_as.empty()) {
    if (ev.reply.forwarded) {
      LinkOrExpect(slot, ev.reply.queued_as, "forwarded", true);
    } else if (local_hop) {
      LinkOrExpect(slot, ev.reply.queued_as, "reinjected", true);
    } else {
      LinkOrExpect(slot, ev.reply.queued_as, "relayed", false);
    }
  }
}

void Correlator::OnSessionEnd(const Record& rec, const Event& ev, const LineSource& where) {
  auto it = sessions_.find(ProcessKey(rec.host, rec.pid));
  if (it == sessions_.end()) return;
  const bool lost = ev.kind == EventKind::kSmtpdLostConnection;
  for (const std::string& key : it->second.keys) {
    auto sit = slots_.find(key);
    if (sit == slots_.end()) continue;
    Slot* slot = sit->second.get();
    if (slot->ended || slot->queued || slot->has_content) continue;
    // The client left before cleanup saw the message: it was never queued.
    bool refused = false;
    for (const Recipient& r : slot->j.recipients) refused = refused || r.status == RecipientStatus::kRejected;
    if (lost) Touch(slot, rec, where);
    End(slot, refused ? JourneyEnd::kRejected : JourneyEnd::kAborted);
  }
  sessions_.erase(it);
}

}  // namespace mailwhy
