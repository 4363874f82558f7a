// NAME
//   tls - TLS session summaries and handshake failures (smtp, lmtp, smtpd, tlsproxy)
// DESCRIPTION
//   tls_misc.c (tls_log_summary) writes, Postfix 3.7:
//
//     "%s TLS connection %s %s %s%s%s: %s with cipher %s (%d/%d bits)[ key-exchange %s]
//      [ server-signature %s (%s)][ server-digest %s]..."
//     trust (Anonymous|Untrusted|Trusted|Verified), established|reused, to|from, peer
//
//     "Trusted TLS connection established to mx-ha02.web.de[212.227.17.8]:25: TLSv1.3 with
//      cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange ECDHE (P-256)
//      server-signature RSA-PSS (2048 bits) server-digest SHA256"
//
//   The client side says "to" (the peer is the server: relay_peer), the server side says
//   "from" (the peer is the client). Older releases wrote "TLS connection established to
//   example.com: TLSv1 with cipher ..." with no trust word and no address.
//
//   A summary is read in two steps. ParseTlsLine() finds the kind and the peer: every
//   line pays for that, and it is all journeys use (they keep the text). The session's
//   parts (trust, protocol, cipher, ...) take half a dozen searches more, so
//   ReadTlsSummary() reads them from the text only for whoever asks.
//
//   Failures: "SSL_connect error to H[A]:25: -1", "SSL_accept error from H[A]: lost
//   connection", "certificate verification failed for H[A]:25: self-signed certificate.",
//   "Cannot start TLS: handshake failure", "setting up TLS connection to|from ...",
//   "Host offered STARTTLS: [host]" and the old TLS patch's "Verified: subject_CN=...".
//   action names the failure ("SSL_connect error"); text is the whole line. Lines with a
//   severity ("warning: TLS library problem: ...") are left to the warning handling.
#include <algorithm>
#include <string_view>

#include "postfix/daemons.h"
#include "postfix/fields.h"

namespace mailwhy::postfix {

namespace {

// Puts the peer of a "to" line in relay_peer and of a "from" line in client.
void StorePeer(bool outbound, const Peer& p, Event* ev) {
  if (outbound) {
    ev->relay_peer = p;
  } else {
    ev->client = p;
  }
}

// The word after `key` in s ("key-exchange X25519" -> "X25519"), or "".
std::string_view WordAfter(std::string_view s, std::string_view key) {
  size_t at = Find(s, key);
  if (at == kNpos) return {};
  std::string_view w = s.substr(at + key.size());
  return w.substr(0, w.find(' '));
}

// "PROTO with cipher CIPHER (BITS bits)[ key-exchange K ...]"
void ReadSessionDetails(std::string_view s, TlsSession* tls) {
  Cursor c(s);
  std::string_view protocol, cipher, bits;
  if (!c.ReadUntil(" with cipher ", &protocol)) return;
  tls->protocol = protocol;
  if (!c.ReadUntil(" (", &cipher)) {
    tls->cipher = TrimSpaces(c.ReadRest());
    return;
  }
  tls->cipher = cipher;
  if (c.ReadUntil(" bits)", &bits)) tls->cipher_bits = bits;
  std::string_view rest = c.rest();
  tls->key_exchange = WordAfter(rest, " key-exchange ");
  tls->server_signature = WordAfter(rest, " server-signature ");
  tls->server_digest = WordAfter(rest, " server-digest ");
}

// "[TRUST ]TLS connection established|reused to|from PEER: DETAILS": the position of
// "TLS connection " (after at most a trust word), or kNpos.
size_t SummaryStart(std::string_view body) {
  size_t at = Find(body.substr(0, std::min<size_t>(body.size(), 32)), "TLS connection ");
  if (at == kNpos || at > 16) return kNpos;
  std::string_view trust = TrimSpaces(body.substr(0, at));
  return trust.find(' ') == kNpos ? at : kNpos;
}

// The summary's peer; on success the cursor is at DETAILS.
bool ReadSummaryPeer(std::string_view body, size_t at, Cursor* c, bool* outbound, Peer* p) {
  *c = Cursor(body.substr(at + 15));
  if (!c->Skip("established ") && !c->Skip("reused ")) return false;
  *outbound = c->Skip("to ");
  if (!*outbound && !c->Skip("from ")) return false;
  if (!c->ReadLoosePeer(": ", p)) return false;
  std::string_view skipped;
  c->ReadUntil(": ", &skipped);  // " to sni.example" (server side, SNI) or nothing
  return true;
}

bool ParseSummary(std::string_view body, Event* ev) {
  size_t at = SummaryStart(body);
  if (at == kNpos) return false;
  Cursor c(body);
  bool outbound = false;
  Peer p;
  if (!ReadSummaryPeer(body, at, &c, &outbound, &p)) return false;
  ev->kind = EventKind::kTls;
  StorePeer(outbound, p, ev);
  return true;
}

struct Failure {
  std::string_view prefix;  // the words before the peer
  std::string_view action;
  bool outbound;            // the peer is the server we talk to
};

constexpr Failure kFailures[] = {
    {"SSL_connect error to ", "SSL_connect error", true},
    {"SSL_accept error from ", "SSL_accept error", false},
    {"certificate verification failed for ", "certificate verification failed", true},
    {"server certificate verification failed for ", "server certificate verification failed",
     true},
    {"client certificate verification failed for ", "client certificate verification failed",
     false},
    {"setting up TLS connection to ", "setting up TLS connection", true},
    {"setting up TLS connection from ", "setting up TLS connection", false},
    {"Host offered STARTTLS: ", "Host offered STARTTLS", true},
};

// Lines with no peer that are still about TLS.
constexpr std::string_view kPeerlessPrefixes[] = {
    "Cannot start TLS", "cannot load ", "Unverified: ", "Verified: ", "starting TLS engine",
    "TLS SNI ",
};

bool ParseFailure(std::string_view body, Event* ev) {
  for (const Failure& f : kFailures) {
    if (!StartsWith(body, f.prefix)) continue;
    Cursor c(body.substr(f.prefix.size()));
    Peer p;
    if (c.Skip("[")) {  // "Host offered STARTTLS: [mail.example.com]"
      std::string_view name;
      if (c.ReadUntil("]", &name)) p.name = name;
    } else {
      c.ReadLoosePeer(": ", &p);
    }
    ev->kind = EventKind::kTls;
    ev->action = f.action;
    StorePeer(f.outbound, p, ev);
    return true;
  }
  for (std::string_view prefix : kPeerlessPrefixes) {
    if (StartsWith(body, prefix)) {
      ev->kind = EventKind::kTls;
      return true;
    }
  }
  return false;
}

}  // namespace

bool ParseTlsLine(const Message& m, Event* ev) {
  if (!m.severity.empty()) return false;  // "warning: TLS library problem: ..." is a warning
  std::string_view body = m.body;
  if (!ParseSummary(body, ev) && !ParseFailure(body, ev)) return false;
  ev->text = body;
  return true;
}

}  // namespace mailwhy::postfix

namespace mailwhy {

bool ReadTlsSummary(std::string_view text, TlsSession* out) {
  *out = TlsSession();
  size_t at = postfix::SummaryStart(text);
  if (at == postfix::kNpos) return false;
  postfix::Cursor c(text);
  bool outbound = false;
  Peer p;
  if (!postfix::ReadSummaryPeer(text, at, &c, &outbound, &p)) return false;
  out->trust = postfix::TrimSpaces(text.substr(0, at));
  postfix::ReadSessionDetails(c.rest(), out);
  return true;
}

}  // namespace mailwhy
