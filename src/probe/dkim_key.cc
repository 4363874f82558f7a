// dkim_key - read a DKIM key record and measure its key (see dkim_key.h).
#include "probe/dkim_key.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cctype>
#include <vector>

namespace mailwhy {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool Base64Decode(const std::string& text, std::vector<unsigned char>* out) {
  std::string clean;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) clean += c;
  }
  if (clean.empty() || clean.size() % 4 != 0) return false;
  out->assign(clean.size() / 4 * 3, 0);
  int n = EVP_DecodeBlock(out->data(), reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (n < 0) return false;
  size_t pad = 0;
  if (clean.back() == '=') ++pad;
  if (clean.size() > 1 && clean[clean.size() - 2] == '=') ++pad;
  out->resize(static_cast<size_t>(n) - pad);
  return true;
}

}  // namespace

Status ParseDkimKey(std::string_view record, DkimKey* out) {
  DkimKey k;
  std::string p;
  bool has_p = false;
  size_t b = 0;
  bool first = true;
  while (b <= record.size()) {
    size_t semi = record.find(';', b);
    std::string tag = Trim(record.substr(b, (semi == std::string_view::npos ? record.size() : semi) - b));
    b = semi == std::string_view::npos ? record.size() + 1 : semi + 1;
    if (tag.empty()) continue;
    size_t eq = tag.find('=');
    if (eq == std::string::npos) return Status::InvalidArgument("'" + tag + "' is not a tag=value pair");
    std::string name = Trim(std::string_view(tag).substr(0, eq));
    std::string value = Trim(std::string_view(tag).substr(eq + 1));
    if (name == "v") {
      if (!first) return Status::InvalidArgument("v= must come first");
      if (value != "DKIM1") return Status::InvalidArgument("v=" + value + " is not DKIM1");
    } else if (name == "k") {
      if (value != "rsa" && value != "ed25519") return Status::InvalidArgument("k=" + value + ": unknown key type");
      k.type = value;
    } else if (name == "p") {
      p = value;
      has_p = true;
    } else if (name == "t") {
      for (char c : value) k.testing = k.testing || c == 'y';
    } else if (name == "h") {
      k.hashes = value;
    } else if (name == "s") {
      k.services = value;
    }
    first = false;
  }
  if (!has_p) return Status::InvalidArgument("no p= tag (the public key)");
  std::string compact;
  for (char c : p) {
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  }
  if (compact.empty()) {
    k.revoked = true;
    *out = k;
    return Status::Ok();
  }
  std::vector<unsigned char> der;
  if (!Base64Decode(compact, &der)) return Status::InvalidArgument("p= is not valid base64");
  EVP_PKEY* key = nullptr;
  if (k.type == "ed25519") {
    if (der.size() != 32) return Status::InvalidArgument("p= is not a 32-byte Ed25519 key");
    key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, der.data(), der.size());
  } else {
    const unsigned char* q = der.data();
    key = d2i_PUBKEY(nullptr, &q, static_cast<long>(der.size()));
    if (!key) {
      q = der.data();
      key = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &q, static_cast<long>(der.size()));
    }
    if (key && EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
      EVP_PKEY_free(key);
      return Status::InvalidArgument("p= is not an RSA public key");
    }
  }
  if (!key) return Status::InvalidArgument(k.type == "rsa" ? "p= is not an RSA public key" : "p= is not a valid key");
  k.bits = EVP_PKEY_get_bits(key);
  EVP_PKEY_free(key);
  *out = k;
  return Status::Ok();
}

}  // namespace mailwhy
