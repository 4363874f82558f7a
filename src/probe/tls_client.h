// NAME
//   tls_client - a TLS client handshake on a connected socket, and what it revealed
// SYNOPSIS
//   ssl_st* ssl = nullptr;
//   TlsInfo t = TlsHandshake(fd, {.server_name = "mx.example.com"}, deadline, &ssl);
//   if (t.ok) ... t.protocol ("TLSv1.3"), t.cipher, t.cert.names, t.cert.days_left
// DESCRIPTION
//   TlsHandshake() runs the client side of a TLS handshake on `fd` (made non-blocking)
//   until `deadline`, sending `server_name` as SNI when it is a name. The handshake
//   succeeds whatever the certificate is, as Postfix's opportunistic TLS does; the
//   certificate is then judged apart: the chain against the system's trusted roots (or
//   `ca_file`), the name against `server_name` (RFC 6125 rules, OpenSSL's
//   X509_check_host; an IP address against the certificate's IP entries), and the
//   validity dates against the clock. Every verification error is kept, not only the
//   first, so "self-signed" does not hide "expired".
//
//   On success *ssl holds the session (the caller frees it with TlsFree()); on failure
//   it is null and `error` says why (OpenSSL's reason text, "timed out", or "the server
//   answered in plain text" when it replied without TLS).
// BUGS
//   No revocation (OCSP/CRL) and no DANE/TLSA check. The cipher list is OpenSSL's
//   default, so a server that offers only ciphers OpenSSL 3 disables fails the handshake
//   here though an older client might connect.
#ifndef MAILWHY_PROBE_TLS_CLIENT_H_
#define MAILWHY_PROBE_TLS_CLIENT_H_

#include <chrono>
#include <string>
#include <vector>

struct ssl_st;

namespace mailwhy {

using Deadline = std::chrono::steady_clock::time_point;

// The time left until `d`, in whole milliseconds, never negative.
int MillisLeft(Deadline d);
Deadline DeadlineIn(double seconds);

struct TlsOptions {
  std::string server_name;  // SNI and the name to verify; an IP address verifies as such
  std::string ca_file;      // trusted roots in PEM; "" = the system's
};

struct CertificateInfo {
  std::string subject;             // "CN=mx.example.com"
  std::string issuer;
  std::vector<std::string> names;  // subjectAltName DNS and IP entries
  std::string not_before, not_after;  // RFC 3339, UTC
  long days_left = 0;              // until not_after; negative = expired
  std::string key;                 // "RSA 2048", "EC 256", "ED25519 253"
};

struct TlsInfo {
  bool ok = false;
  std::string error;
  std::string protocol;  // "TLSv1.3"
  std::string cipher;    // "TLS_AES_256_GCM_SHA384"
  int cipher_bits = 0;
  bool has_cert = false;
  CertificateInfo cert;
  bool chain_trusted = false;  // the chain verified up to a trusted root
  bool name_matches = false;   // server_name is one of the certificate's names
  bool expired = false;        // outside not_before..not_after now
  std::vector<std::string> verify_errors;  // OpenSSL's texts, first seen first
};

TlsInfo TlsHandshake(int fd, const TlsOptions& options, Deadline deadline, ssl_st** ssl);
void TlsFree(ssl_st* ssl);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_TLS_CLIENT_H_
