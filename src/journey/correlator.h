// NAME
//   correlator - join Postfix events into per-message journeys, streaming
// SYNOPSIS
//   Correlator c(options, &sink);
//   for each line: c.Add(record, event, where);
//   c.Finish();
// DESCRIPTION
//   Events arrive in log order. A journey is keyed by (host, instance, queue ID): several
//   Postfix instances on one host have independent queue-ID spaces.
//
//   Lines without a queue ID are tied to a message through their process: smtpd lines
//   (connect, disconnect, lost connection) through the smtpd session of (host, pid), and
//   smtp lines (an earlier MX that timed out, a TLS summary) to the next line of the same
//   smtp process that names a queue ID.
//
//   A journey ends at "removed" (qmgr, or postsuper: an administrator), at a reject of the
//   whole message (cleanup or milter, smtpd at DATA), or when its smtpd session ends before
//   the message was queued (aborted). Short queue IDs are reused once a message has left
//   the queue, so a new arrival line (client=, uid=, message-id=) for an ended journey
//   starts a new journey; the two are never merged.
//
//   Ended journeys are not handed to the sink at once: they wait `link_grace_s` seconds of
//   log time, so that links logged just after the end still reach them (a content filter's
//   child is often removed before the parent logs "queued as" it). Journeys are emitted in
//   the order they ended; those still open at the end of input are emitted by Finish() with
//   end = kOpen, in order of first appearance. A journey idle for `idle_timeout_s` of log
//   time (its end lies in a file that was not given) is emitted as open too, so memory
//   stays proportional to the messages in flight, not to the size of the log.
//
//   Links: "sender non-delivery notification: Q2" (and the delay/success/postmaster
//   variants) make Q2 a child of Q1; "queued as Q2" through a loopback or unix-socket relay
//   makes Q2 a re-injected child (content filter), "forwarded as Q2" a forwarded one, and
//   "queued as Q2" to a remote host links Q2 when that host's log is in the input too
//   (kind "relayed"). A NOQUEUE reject is emitted at once as a journey of its own.
// THREAD SAFETY
//   One Correlator per input stream; not thread-safe.
// BUGS
//   Links are found only within `link_grace_s`; a child that appears much later is not
//   linked. Postfix 3.11 logs the bounce notice before the notice's own cleanup line and
//   older versions after it; both orders are handled.
#ifndef MAILWHY_JOURNEY_CORRELATOR_H_
#define MAILWHY_JOURNEY_CORRELATOR_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "journey/journey.h"
#include "postfix/event.h"
#include "syslog/record.h"
#include "util/string_map.h"

namespace mailwhy {

class JourneySink {
 public:
  virtual ~JourneySink() = default;
  // Work on a journey that needs only the journey and what the sink never changes
  // (diagnosing it, rendering it), done ahead of OnJourney by whichever thread has time,
  // for several journeys at once; the result goes in journey->prepared. Returns false
  // when the sink has no such work (the default).
  virtual bool Prepare(Journey* /*journey*/) const { return false; }
  virtual void OnJourney(Journey&& journey) = 0;
  // How the correlator hands over a journey: whole, so that a sink that only queues it
  // for another thread keeps the pointer instead of moving some twenty strings. The
  // default gives it to OnJourney().
  virtual void TakeJourney(std::unique_ptr<Journey> journey) { OnJourney(std::move(*journey)); }
};

struct CorrelatorOptions {
  bool keep_lines = false;         // copy each evidence line's text into Journey::lines
  int64_t link_grace_s = 60;       // how long an ended journey waits for late links
  int64_t idle_timeout_s = 8 * 86400;  // longer than Postfix's maximal_queue_lifetime (5d)
};

struct CorrelatorStats {
  uint64_t journeys = 0;           // emitted
  uint64_t open_at_end = 0;        // emitted by Finish() or the idle rule, still open
  uint64_t noqueue_rejects = 0;
  uint64_t reject_warnings = 0;    // reject_warning lines (no journey: the mail went on)
};

// Where an event's line came from.
struct LineSource {
  uint32_t file = 0;
  uint64_t line = 0;
  std::string_view text;           // the whole line; copied only with keep_lines
  EventKind kind = EventKind::kUnknown;  // set by Correlator::Add from the event
};

// A hop that stays on this machine: loopback address, "localhost", a unix socket, or a
// transport name without an address ("local", "virtual", "dovecot"). Its "queued as"
// names a message of this machine's own queue (a content filter's return).
bool IsLocalHop(const Peer& peer, std::string_view relay);

class Correlator {
 public:
  Correlator(const CorrelatorOptions& options, JourneySink* sink);
  ~Correlator();
  Correlator(const Correlator&) = delete;
  Correlator& operator=(const Correlator&) = delete;

  // REQUIRES: events in log order; rec.time resolved.
  void Add(const Record& rec, const Event& ev, const LineSource& where);
  // Emits every journey still held. The correlator is empty afterwards.
  void Finish();

  const CorrelatorStats& stats() const { return stats_; }
  size_t open_journeys() const { return slots_.size(); }

 private:
  struct Slot;
  struct Session;
  struct PendingNotes;
  struct ExpectedParent;

  Slot* Find(std::string_view host, std::string_view instance, std::string_view qid);
  Slot* FindOnHost(std::string_view host, std::string_view qid);
  Slot* Start(const Record& rec, const Event& ev, std::string_view key);
  Slot* FindOrStart(const Record& rec, const Event& ev, bool is_arrival);
  void Touch(Slot* slot, const Record& rec, const LineSource& where);
  void FillLineRef(const Record& rec, const LineSource& where, LineRef* ref) const;
  void End(Slot* slot, JourneyEnd end);
  void Emit(std::unique_ptr<Slot> slot);
  void Drain(bool all);
  void LinkJourneys(Slot* parent, Slot* child, std::string_view kind);
  void LinkOrExpect(Slot* parent, std::string_view child_qid, std::string_view kind,
                    bool same_host_only);
  void AdoptExpectedParent(Slot* child);

  void Sweep();
  void Dispatch(const Record& rec, const Event& ev, const LineSource& where);
  void OnNoqueueReject(const Record& rec, const Event& ev, const LineSource& where);
  void OnQueueReject(Slot* slot, const Event& ev, const Record& rec);
  void OnCheck(Slot* slot, const Record& rec, const Event& ev);
  void OnDelivery(Slot* slot, const Record& rec, const Event& ev);
  void OnSessionEnd(const Record& rec, const Event& ev, const LineSource& where);
  void AttachProcessNotes(Slot* slot, const Record& rec);
  void AddNote(Slot* slot, const Record& rec, const Event& ev);

  // Each returns a view into its own buffer, valid until the next call of the same one.
  std::string_view SlotKey(std::string_view host, std::string_view instance, std::string_view qid);
  std::string_view ProcessKey(std::string_view host, int32_t pid);
  std::string_view ExpectedKey(std::string_view host, std::string_view qid);

  CorrelatorOptions options_;
  JourneySink* sink_;
  CorrelatorStats stats_;
  // Keys are looked up per line as views into a reused buffer (util/string_map.h), so
  // only a new entry allocates. No choice depends on the maps' order: hosts_ lists the
  // hosts of instances_by_host_ in the order they first appeared.
  StringMap<std::unique_ptr<Slot>> slots_;
  StringMap<std::vector<std::string>> instances_by_host_;
  std::vector<std::string> hosts_;
  StringMap<Session> sessions_;                 // smtpd, by host+pid
  StringMap<PendingNotes> process_notes_;       // smtp, by host+pid
  StringMap<ExpectedParent> expected_here_;     // children expected on the same host, by host+qid
  StringMap<ExpectedParent> expected_remote_;   // on any other host, by qid
  struct Ended {
    std::string key;
    uint64_t generation;
    int64_t at_us;
  };
  std::deque<Ended> ended_;
  uint64_t next_generation_ = 1;
  uint64_t next_order_ = 0;
  int64_t now_us_ = 0;             // the latest log time seen
  uint64_t adds_since_sweep_ = 0;
  std::string key_scratch_;
  std::string process_key_scratch_;
  std::string expected_key_scratch_;
};

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_CORRELATOR_H_
