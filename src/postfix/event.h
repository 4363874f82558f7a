// NAME
//   event - one Postfix log message turned into typed fields
// DESCRIPTION
//   ParseEvent() (event_parser.h) reads the message part of one Record and says what it
//   is: a delivery attempt, a reject, a cleanup message-id, a qmgr summary, ... . The
//   Event is flat: one kind plus the fields that kind uses (documented per field). Fields
//   a line does not carry stay empty ("" / -1), so "absent" and "empty" differ only where
//   Postfix itself makes them differ: `from=<>` gives from = "" with has_from = true.
//
//   Parsing only: an Event says what the line states, never why a delivery failed. The
//   diagnose layer turns `reply` and `text` into a verdict.
// LIFETIME
//   Every string_view points into the message given to ParseEvent(); an Event is valid as
//   long as that line's buffer is. The journey layer copies what it keeps.
#ifndef MAILWHY_POSTFIX_EVENT_H_
#define MAILWHY_POSTFIX_EVENT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace mailwhy {

enum class EventKind : uint8_t {
  kUnknown,          // a Postfix program, but a message we do not recognise
  kOther,            // not a Postfix program (dovecot, amavis, opendkim, ...): context only
  kNoise,            // recognised and irrelevant to journeys (master started, anvil stats, ...)

  // smtpd (any service: smtpd, submission/smtpd, smtps/smtpd, 10025/smtpd, ...)
  kSmtpdConnect,     // connect from H[A]                                  client
  kSmtpdClient,      // QID: client=H[A][, sasl_method=..][, sasl_username=..][, orig_queue_id=..]
  kSmtpdReject,      // QID|NOQUEUE: ACTION: STAGE from H[A]: REPLY; from=<> to=<> proto= helo=<>
                     //   also postscreen's NOQUEUE reject and smtpd "proxy-reject". ACTION
                     //   is any smtpd access action, not only reject: also hold, discard,
                     //   filter, redirect, warn, bcc, abort and "proxy-accept" (a
                     //   before-queue filter took the message: child_qid = its "queued as")
  kSmtpdDisconnect,  // disconnect from H[A][ ehlo=1 ... commands=N/M]      client, counts
  kSmtpdLostConnection,  // lost connection|timeout|too many errors after STAGE [(N bytes)] from H[A]
  kSmtpdSaslFailed,  // warning: H[A]: SASL METHOD authentication failed: TEXT[, sasl_username=U]
  kSmtpdWarning,     // other smtpd warnings (non-SMTP command, hostname does not resolve, ...)
                     //   and "improper command pipelining after STAGE from H[A]: TEXT"

  // postscreen / dnsblog / tlsproxy
  kPostscreen,       // CONNECT, PASS NEW/OLD, PREGREET, DNSBL rank, HANGUP, LISTED, ... action
  kDnsblogListed,    // addr IP listed by domain ZONE as 127.0.0.x           client.ip, zone, text

  kPickup,           // QID: uid=N from=<sender>                             uid, from
  kCleanupMessageId,     // QID: message-id=VALUE (VALUE as logged, may be "<>" or bare)
  kCleanupResentMessageId,
  kCleanupAction,    // QID: reject|warning|hold|discard|...: header|body TEXT from H[A]; from= to=
                     //   also milter-reject|milter-discard|milter-hold at END-OF-MESSAGE,
                     //   and the smtp client's smtp_header_checks ("QID: replace: header
                     //   TEXT: NEW", no origin, no envelope)

  kQmgrActive,       // QID: from=<s>, size=N, nrcpt=N (queue active)
  kQmgrRemoved,      // QID: removed  (qmgr; postsuper's "removed" is kPostsuper, action
                     //   "removed": an administrator's deletion)
  kQmgrExpired,      // QID: from=<s>, status=expired|force-expired, returned to sender
  kQmgrSkipped,      // QID: skipped, still being delivered

  kDelivery,         // QID: to=<r>, [orig_to=<o>,] relay=R, ... status=S (TEXT)
                     //   smtp, lmtp, local, virtual, pipe, error, retry, discard (and
                     //   cleanup or qmgr when they bounce or defer a recipient themselves)
  kSmtpNote,         // QID: host H[A] said|refused to talk to me: ..., QID: lost connection
                     //   with H[A] while ..., QID: conversation with H[A] timed out while ...
                     //   (a non-final MX or a session-level failure; no to=); also
                     //   "QID: enabling PIX workarounds: W for H[A]:port" and "QID: SASL
                     //   authentication failed; server H[A] said: REPLY" (action says which)
  kSmtpConnectFail,  // connect to H[A][:port]: Connection timed out  (no QID)
  kTls,              // "... TLS connection established to|from ...", "setting up TLS ...",
                     //   certificate verification failed, SSL_connect/accept error (no QID);
                     //   text = the whole line (ReadTlsSummary() reads a summary's parts)

  kBounceNotice,     // QID: sender non-delivery notification: NEWQID (and delay/success,
                     //   postmaster variants)                              action, child_qid
  kBounceFailed,     // QID: sender notification failed to ADDR[: TEXT]     (3.11+)
  kPostsuper,        // QID: removed|requeued|placed on hold|released from hold|expired
                     //   (action); totals "Deleted: 115 messages" (action "Deleted", count)
  kWarning,          // any other "warning:|error:|fatal:|panic:" line of a Postfix program;
                     //   also the Cyrus SASL library's complaints written under a Postfix
                     //   program's name with no level ("unable to dlopen ...")
};

// What the parenthesised TEXT of a delivery line (or a kSmtpNote line) says, by shape.
// POSTFIX-LOG-FORMATS.md §3.6 "Catalogue of parenthesised TEXT shapes".
enum class TextShape : uint8_t {
  kNone,             // no text
  kRemoteReply,      // host H[A] said: REPLY (in reply to COMMAND)
  kRefusedToTalk,    // host H[A] refused to talk to me: REPLY
  kConnectFailed,    // connect to H[A][:port]: STRERROR
  kLostConnection,   // lost connection with H[A] while DOING
  kConversationTimeout,  // conversation with H[A] timed out while DOING
  kHostNotFound,     // Host or domain name not found. Name service error for name=N type=T: ...
  kNullMx,           // Domain D does not accept mail (nullMX)
  kTlsRequired,      // TLS is required, but ...
  kBareReply,        // a reply with no "host ... said" around it: "250 2.0.0 Ok: queued as X"
  kLocal,            // anything else Postfix wrote itself (delivered to mailbox, unknown user, ...)
};

// The parts of a TLS session summary (tls_misc.c):
//   "Trusted TLS connection established to mx[1.2.3.4]:25: TLSv1.3 with cipher
//    TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS
//    (2048 bits) server-digest SHA256"
// Fields the line does not carry stay "".
struct TlsSession {
  std::string_view trust;             // Anonymous, Untrusted, Trusted, Verified ("" in old
                                      // "TLS connection established ..." lines)
  std::string_view protocol;          // TLSv1.3
  std::string_view cipher;            // TLS_AES_256_GCM_SHA384
  std::string_view cipher_bits;       // "256/256"
  std::string_view key_exchange;      // X25519, ECDHE
  std::string_view server_signature;  // RSA-PSS, ECDSA (the "(2048 bits)" / "(P-256)" dropped)
  std::string_view server_digest;     // SHA256
};

// A "H[A]" or "H[A]:port" pair, as Postfix logs clients and servers.
struct Peer {
  std::string_view name;     // "unknown" when reverse DNS failed; "" when absent
  std::string_view address;  // IPv4, IPv6, "private/dovecot-lmtp", "XXX.XXX.XXX.XXX"
  std::string_view port;     // "" unless logged
};

// The structure inside a status TEXT.
struct ReplyInfo {
  TextShape shape = TextShape::kNone;
  bool suspended = false;    // "delivery temporarily suspended: " preceded it (retry/error)
  Peer remote;               // the host named in the text, for the shapes that name one
  int code = 0;              // SMTP reply code (550), 0 when none
  std::string_view enhanced; // RFC 3463 code written in the reply ("5.7.26"), "" when none
  std::string_view reply;    // the reply from its code to its end, without "(in reply to ...)";
                             // kConnectFailed: the system error ("Connection timed out");
                             // kHostNotFound: the resolver's words ("Host not found, try again")
  std::string_view command;  // "RCPT TO", "end of DATA", "MAIL FROM", ... ; or the "while"
                             // activity for lost connection / timeout ("sending RCPT TO")
  std::string_view queued_as;  // "queued as X" / "forwarded as X" id, when present
  bool forwarded = false;    // it was "forwarded as" (local alias expansion)
};

struct Event {
  EventKind kind = EventKind::kUnknown;
  std::string_view daemon;   // the Postfix program: "smtpd", "smtp", "qmgr", ... (from the tag)
  std::string_view instance; // tag's first component, the QID namespace: "postfix", "postfix-out"
  std::string_view service;  // middle components of the tag: "submission", "amavis", ""
  std::string_view severity; // "warning", "error", "fatal", "panic" or ""
  std::string_view qid;      // queue ID, "NOQUEUE", or "" when the line has none

  // Who is talking to smtpd (connect, client=, reject, disconnect, lost connection,
  // warnings naming a client; cleanup check origin; postscreen; dnsblog: address only).
  Peer client;
  // The local end a client reached: postscreen's "CONNECT from [A]:p to [S]:25". Added for
  // hosts listening on several addresses.
  Peer server;
  std::string_view sasl_method, sasl_username, sasl_sender;
  std::string_view orig_queue_id, orig_client;  // kSmtpdClient, after a before-queue filter;
                                                // kPickup: "orig_id=" (postsuper -r requeue)

  // Envelope and message.
  bool has_from = false;     // from=<...> was present (it may be empty: the null sender)
  std::string_view from;     // without <>; kPickup, kQmgrActive, kQmgrExpired, rejects, checks
  std::string_view to;       // without <>; kDelivery, rejects, cleanup checks
  std::string_view orig_to;  // kDelivery
  std::string_view helo, proto;  // rejects and checks
  std::string_view message_id;   // kCleanupMessageId / kCleanupResentMessageId, as logged
  int64_t size = -1;         // kQmgrActive
  int32_t nrcpt = -1;        // kQmgrActive
  int32_t uid = -1;          // kPickup

  // Actions and stages.
  std::string_view action;   // reject, reject_warning, defer, hold, discard, filter, redirect,
                             // milter-reject, proxy-reject, ...; cleanup check action;
                             // postscreen keyword (PASS NEW, PREGREET, ...); postsuper verb;
                             // bounce notice kind ("sender non-delivery notification");
                             // lost-connection kind ("lost connection", "timeout", ...)
  std::string_view stage;    // CONNECT, HELO, EHLO, MAIL, RCPT, DATA, END-OF-MESSAGE, ...;
                             // cleanup: "header" or "body"
  std::string_view counts;   // kSmtpdDisconnect: "ehlo=1 mail=1 ... commands=7" as logged
  std::string_view zone;     // kDnsblogListed, and rejects "blocked using ZONE"
  // The number a line states, -1 when none. Added for: postsuper totals ("Deleted: 115
  // messages"), smtpd "lost connection after DATA (7774180 bytes)", postscreen "DNSBL rank 3"
  // and "PREGREET 11 after ...", anvil maxima ("max connection rate 3/60s").
  int64_t count = -1;

  // Delivery.
  std::string_view relay;    // as logged: "mx[1.2.3.4]:25", "none", "local", "dovecot"
  Peer relay_peer;           // relay split into name/address/port, when it has that form
  int32_t conn_use = 0;
  double delay = -1;         // seconds; -1 when absent (Postfix < 2.3); postscreen PREGREET and
                             // HANGUP: seconds after the connection ("HANGUP after 63 ...")
  double delays[4] = {-1, -1, -1, -1};  // a/b/c/d
  std::string_view tls;      // tls= feature status (3.11+)
  std::string_view dsn;      // "5.7.1"
  std::string_view status;   // sent, deferred, bounced, SOFTBOUNCE, undeliverable, expired,
                             // force-expired, deliverable, ...

  // Free text: the status TEXT inside the outer parentheses (up to the LAST ")"), the reject
  // reply, the note text, the cleanup check text (the header or body that matched; for
  // milter actions the milter's reply), the warning text, a TLS line, dnsblog's answer
  // ("127.0.0.2"), postscreen's PREGREET bytes or HANGUP "in ..." text.
  std::string_view text;
  ReplyInfo reply;           // `text` broken down, for kDelivery, kSmtpNote, kSmtpConnectFail,
                             // kSmtpdReject (code/enhanced/reply only). kCleanupAction: the
                             // ": OPTIONAL" text after the envelope (reject text, redirect
                             // target, prepended header) in reply.reply, with its codes

  std::string_view child_qid;  // kBounceNotice: the notification's QID; kDelivery: the id in
                               // "queued as"/"forwarded as" (same as reply.queued_as)

  bool truncated = false;    // the record ends where Postfix or syslog cut it (2000 chars,
                             // or a missing closing ")" / ">")
};

// Sets every field of *ev back to its default, as `*ev = Event()` does, by copying one
// ready-made empty Event: cheaper than building a temporary (900-odd bytes) and copying it,
// and called once per log line.
void ResetEvent(Event* ev);

// Writes `p` back in Postfix's form, "name[address]" or "name[address]:port", into *out;
// empty when the peer has neither name nor address.
void PeerTextTo(const Peer& p, std::string* out);

// Stable lower-case names for messages, statistics and test failures: "delivery",
// "smtpd-reject", "remote-reply", ... (event_names.cc).
std::string_view EventKindName(EventKind kind);
std::string_view TextShapeName(TextShape shape);

}  // namespace mailwhy

#endif  // MAILWHY_POSTFIX_EVENT_H_
