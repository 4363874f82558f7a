// NAME
//   dkim_key - read a DKIM public-key record (RFC 6376 section 3.6.1)
// SYNOPSIS
//   DkimKey k;
//   Status s = ParseDkimKey("v=DKIM1; k=rsa; p=MIIBIjANBgkq...", &k);
//   // k.type == "rsa", k.bits == 2048, k.revoked == false
// DESCRIPTION
//   The record at <selector>._domainkey.<domain> is a tag list: v (DKIM1, optional, first
//   when present), k (rsa, the default, or ed25519), p (the base64 public key; empty
//   means the key was revoked), t (flags: y = testing, s = no subdomains), h (hash
//   algorithms), s (service types). ParseDkimKey() decodes p with OpenSSL: an RSA key as
//   SubjectPublicKeyInfo (or a bare RSAPublicKey, which some publish by mistake and most
//   verifiers accept), an Ed25519 key as its 32 raw bytes (RFC 8463), and gives the key
//   size in bits.
// DIAGNOSTICS
//   "v=DKIM2 is not DKIM1", "k=dsa: unknown key type", "p= is not valid base64", "p= is
//   not an RSA public key". A revoked key is not an error: `revoked` is set.
#ifndef MAILWHY_PROBE_DKIM_KEY_H_
#define MAILWHY_PROBE_DKIM_KEY_H_

#include <string>
#include <string_view>

#include "util/status.h"

namespace mailwhy {

struct DkimKey {
  std::string type = "rsa";  // k=
  int bits = 0;
  bool revoked = false;      // p= empty
  bool testing = false;      // t=y
  std::string hashes;        // h=, "" = any
  std::string services;      // s=, "" = *
};

Status ParseDkimKey(std::string_view record, DkimKey* out);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_DKIM_KEY_H_
