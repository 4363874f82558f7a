// NAME
//   journey - what happened to one message in one Postfix queue
// DESCRIPTION
//   A Journey is DESIGN.md's data model: the message's arrival (smtpd client or pickup),
//   its envelope, and per recipient every delivery attempt and the final status. It is
//   built by the Correlator (correlator.h) from events and owns all its strings, so it
//   outlives the log buffers it came from.
//
//   A NOQUEUE reject is a journey of its own: qid "NOQUEUE", direction inbound, one
//   recipient with status kRejected.
//
//   The journey layer knows what happened, not why: verdicts are computed by the diagnose
//   layer and rendered beside the journey, never stored in it.
#ifndef MAILWHY_JOURNEY_JOURNEY_H_
#define MAILWHY_JOURNEY_JOURNEY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "postfix/event.h"
#include "syslog/record.h"

namespace mailwhy {

enum class RecipientStatus : uint8_t {
  kPending,    // no final word yet (still queued at end of input, or never tried)
  kSent,
  kDeferred,   // last attempt deferred and the message was still queued at end of input
  kBounced,
  kExpired,    // deferred until qmgr gave up: "status=expired, returned to sender"
  kRejected,   // refused while the client was still talking (smtpd, cleanup, milter)
  kDiscarded,
  kHeld,       // parked in the hold queue
};
std::string_view ToString(RecipientStatus s);

enum class Direction : uint8_t { kUnknown, kInbound, kOutbound, kLocal };
std::string_view ToString(Direction d);

// How a journey ended. Extends the v1 contract (docs/FORMATS.md, field "end").
enum class JourneyEnd : uint8_t {
  kOpen,       // still in the queue when the input ended
  kRemoved,    // qmgr (or postsuper, then `removed_by_admin`) logged "removed"
  kRejected,   // refused before it was queued (NOQUEUE, cleanup/milter reject)
  kAborted,    // the client went away before the message was queued
};
std::string_view ToString(JourneyEnd e);

// Where a piece of evidence came from: the input file (index into the run's file list)
// and its 1-based line number, what the line was (its event kind) and, for a delivery
// line, which recipient and attempt it made. The lines of a journey in order are its
// timeline. `text` holds the line only when the correlator was asked to keep evidence
// (CorrelatorOptions::keep_lines) or after FillEvidenceText() (evidence.h).
struct LineRef {
  uint32_t file = 0;
  uint64_t line = 0;
  EventKind kind = EventKind::kUnknown;
  int32_t recipient = -1;   // index into Journey::recipients, or -1
  int32_t attempt = -1;     // index into that recipient's attempts, or -1
  int32_t child = -1;       // kBounceNotice: index into Journey::children, or -1
  LogTime time;
  std::string text;
};

struct Reply {
  int code = 0;              // 0 when the text held no SMTP reply
  std::string dsn;           // enhanced code written in the reply
  std::string text;          // the reply as the server sent it (continuations joined)
  std::string command;       // "RCPT TO", "end of DATA", ... ; "" when unknown
};

// A line that belongs to an attempt but names no recipient: an earlier MX that timed out,
// a "refused to talk to me", a TLS summary.
struct AttemptNote {
  LogTime time;
  EventKind kind = EventKind::kUnknown;
  TextShape shape = TextShape::kNone;
  std::string text;
};

struct Attempt {
  LogTime time;
  std::string daemon;        // smtp, lmtp, local, virtual, pipe, error, retry, discard
  std::string relay;         // as logged
  double delay = -1;
  double delays[4] = {-1, -1, -1, -1};
  std::string dsn;
  std::string status;        // as logged: sent, deferred, bounced, SOFTBOUNCE, ...
  std::string text;          // the whole status text
  TextShape shape = TextShape::kNone;
  bool suspended = false;    // "delivery temporarily suspended: ..."
  std::string remote;        // the host named in the text ("mx.example.net[192.0.2.1]")
  Reply reply;
  std::string queued_as;     // next hop's queue ID from "queued as X" / "forwarded as X"
  std::string tls;           // tls= field (3.11+) or the TLS summary before the attempt
  int32_t conn_use = 0;
  std::vector<AttemptNote> notes;
};

struct Recipient {
  std::string address;
  std::string orig_to;
  RecipientStatus status = RecipientStatus::kPending;
  std::vector<Attempt> attempts;
  // For rejected recipients (NOQUEUE or QID rejects): the smtpd or cleanup refusal.
  std::string reject_stage;  // RCPT, DATA, END-OF-MESSAGE, header, body, ...
  std::string reject_action; // reject, milter-reject, discard, hold, ...
  Reply reject_reply;
};

struct Client {
  std::string name;
  std::string ip;
  std::string port;
  std::string sasl_method;
  std::string sasl_user;
  std::string helo;          // from reject/check lines, when logged
};

struct Pickup {
  int32_t uid = -1;          // -1 when the message did not come through pickup
  std::string sender;        // as pickup logged it: may be unqualified ("apache")
};

// A check in cleanup (header/body checks, milters) that acted on the message.
struct Check {
  LogTime time;
  std::string action;        // reject, warning, hold, discard, milter-reject, ...
  std::string stage;         // header, body, END-OF-MESSAGE
  std::string text;
};

struct Link {
  std::string qid;
  std::string kind;          // non-delivery-notification, delay-notification,
                             // delivery-notification, reinjected, forwarded, relayed
  std::string host;          // set when the other journey is on another host
};

struct Journey {
  std::string host;
  std::string instance;      // QID namespace ("postfix", "postfix-out")
  std::string qid;           // "NOQUEUE" for pre-queue rejects
  LogTime first_seen, last_seen;
  Direction direction = Direction::kUnknown;
  std::string arrival;       // "smtpd", "pickup", "bounce" (Postfix-made notice), "" unknown
  std::string arrival_service;  // the smtpd service: "submission", "10025", ...
  Client client;
  Pickup pickup;
  bool has_message_id = false;
  std::string message_id;    // as logged, "<>" when cleanup saw an empty header
  bool has_from = false;
  std::string from;          // envelope sender; "" with has_from = null sender
  int64_t size = -1;
  int32_t nrcpt = -1;
  int32_t activations = 0;   // qmgr "(queue active)" lines: 1 + retries
  std::vector<Recipient> recipients;
  std::vector<Check> checks;
  std::vector<AttemptNote> notes;  // lines about the message that belong to no attempt
  std::vector<Link> children;
  Link parent;               // qid empty when the message has no known parent
  JourneyEnd end = JourneyEnd::kOpen;
  bool removed_by_admin = false;  // postsuper removed it
  bool expired = false;
  std::vector<LineRef> lines;     // evidence, in log order
  std::string prepared;      // a sink's work done ahead (JourneySink::Prepare), such as
                             // its rendered text; empty until then
};

}  // namespace mailwhy

#endif  // MAILWHY_JOURNEY_JOURNEY_H_
