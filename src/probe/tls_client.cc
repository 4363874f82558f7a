// tls_client - a TLS client handshake and its certificate judged (see tls_client.h).
#include "probe/tls_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <arpa/inet.h>
#include <fcntl.h>

#include <algorithm>
#include <ctime>

#include "probe/dns.h"

namespace mailwhy {
namespace {

using Clock = std::chrono::steady_clock;

// Keeps every verification error and lets the handshake go on: the certificate is
// judged after the handshake, not by breaking it.
int KeepGoing(int preverify_ok, X509_STORE_CTX* ctx) {
  if (!preverify_ok) {
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* errors = ssl ? static_cast<std::vector<int>*>(SSL_get_app_data(ssl)) : nullptr;
    int e = X509_STORE_CTX_get_error(ctx);
    if (errors && std::find(errors->begin(), errors->end(), e) == errors->end()) errors->push_back(e);
  }
  return 1;
}

std::string LastSslError() {
  unsigned long e = ERR_peek_last_error();
  std::string out;
  if (e) {
    const char* reason = ERR_reason_error_string(e);
    out = reason ? reason : "TLS error";
  }
  ERR_clear_error();
  return out;
}

std::string NameText(const X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data ? data : "", n > 0 ? static_cast<size_t>(n) : 0);
  BIO_free(bio);
  return out;
}

std::string TimeText(const ASN1_TIME* t, time_t* when) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return std::string();
  *when = timegm(&tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void ReadCertificate(X509* cert, CertificateInfo* out) {
  out->subject = NameText(X509_get_subject_name(cert));
  out->issuer = NameText(X509_get_issuer_name(cert));
  auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); ++i) {
    const GENERAL_NAME* g = sk_GENERAL_NAME_value(sans, i);
    if (g->type == GEN_DNS) {
      const ASN1_STRING* s = g->d.dNSName;
      out->names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
    } else if (g->type == GEN_IPADD) {
      const ASN1_OCTET_STRING* s = g->d.iPAddress;
      char buf[INET6_ADDRSTRLEN] = "";
      int len = ASN1_STRING_length(s);
      if (len == 4 || len == 16) {
        inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(s), buf, sizeof buf);
        out->names.emplace_back(buf);
      }
    }
  }
  GENERAL_NAMES_free(sans);
  time_t not_after = 0, not_before = 0;
  out->not_before = TimeText(X509_get0_notBefore(cert), &not_before);
  out->not_after = TimeText(X509_get0_notAfter(cert), &not_after);
  if (!out->not_after.empty()) {
    double secs = std::difftime(not_after, std::time(nullptr));
    out->days_left = static_cast<long>(secs >= 0 ? secs / 86400 : secs / 86400 - 1);
  }
  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    const char* type = EVP_PKEY_get0_type_name(key);
    out->key = std::string(type ? type : "key") + " " + std::to_string(EVP_PKEY_get_bits(key));
  }
}

bool IsNameError(int e) {
  return e == X509_V_ERR_HOSTNAME_MISMATCH || e == X509_V_ERR_IP_ADDRESS_MISMATCH ||
         e == X509_V_ERR_EMAIL_MISMATCH;
}
bool IsDateError(int e) {
  return e == X509_V_ERR_CERT_HAS_EXPIRED || e == X509_V_ERR_CERT_NOT_YET_VALID;
}

}  // namespace

int MillisLeft(Deadline d) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(d - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(std::min<long long>(left, 24LL * 3600 * 1000));
}

Deadline DeadlineIn(double seconds) {
  return Clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
}

void TlsFree(ssl_st* ssl) {
  if (ssl) SSL_free(ssl);
}

TlsInfo TlsHandshake(int fd, const TlsOptions& options, Deadline deadline, ssl_st** ssl_out) {
  TlsInfo info;
  *ssl_out = nullptr;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx) {
    info.error = "cannot set up TLS: " + LastSslError();
    return info;
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, KeepGoing);
  int loaded = options.ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx)
                                       : SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr);
  if (loaded != 1 && !options.ca_file.empty()) {
    info.error = "cannot read trusted certificates from " + options.ca_file;
    SSL_CTX_free(ctx);
    return info;
  }
  ERR_clear_error();
  SSL* ssl = SSL_new(ctx);
  SSL_CTX_free(ctx);  // the SSL keeps its own reference
  std::vector<int> errors;
  SSL_set_app_data(ssl, &errors);
  SSL_set_fd(ssl, fd);
  const std::string& name = options.server_name;
  bool name_is_ip = IsIpv4(name) || IsIpv6(name);
  if (!name.empty() && !name_is_ip) {
    SSL_set_tlsext_host_name(ssl, name.c_str());
    SSL_set1_host(ssl, name.c_str());
  } else if (name_is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
  }

  for (;;) {
    int r = SSL_connect(ssl);
    if (r == 1) break;
    int err = SSL_get_error(ssl, r);
    short events = err == SSL_ERROR_WANT_READ ? POLLIN : err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    if (events == 0) {
      unsigned long e = ERR_peek_last_error();
      if (e && ERR_GET_REASON(e) == SSL_R_WRONG_VERSION_NUMBER) {
        info.error = "the server answered in plain text, not TLS";
        ERR_clear_error();
      } else {
        info.error = LastSslError();
        if (info.error.empty()) info.error = "the server closed the connection during the handshake";
      }
      SSL_set_app_data(ssl, nullptr);
      SSL_free(ssl);
      return info;
    }
    pollfd p{fd, events, 0};
    int left = MillisLeft(deadline);
    if (left == 0 || poll(&p, 1, left) == 0) {
      info.error = "timed out";
      SSL_set_app_data(ssl, nullptr);
      SSL_free(ssl);
      return info;
    }
  }
  SSL_set_app_data(ssl, nullptr);
  info.ok = true;
  info.protocol = SSL_get_version(ssl);
  const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
  if (cipher) {
    info.cipher = SSL_CIPHER_get_name(cipher);
    info.cipher_bits = SSL_CIPHER_get_bits(cipher, nullptr);
  }
  if (X509* cert = SSL_get1_peer_certificate(ssl)) {
    info.has_cert = true;
    ReadCertificate(cert, &info.cert);
    info.name_matches = name.empty() ? false
                        : name_is_ip ? X509_check_ip_asc(cert, name.c_str(), 0) == 1
                                     : X509_check_host(cert, name.c_str(), name.size(), 0, nullptr) == 1;
    info.expired = X509_cmp_current_time(X509_get0_notAfter(cert)) < 0 ||
                   X509_cmp_current_time(X509_get0_notBefore(cert)) > 0;
    X509_free(cert);
  }
  info.chain_trusted = info.has_cert;
  for (int e : errors) {
    if (!IsNameError(e) && !IsDateError(e)) info.chain_trusted = false;
    info.verify_errors.push_back(X509_verify_cert_error_string(e));
  }
  *ssl_out = ssl;
  return info;
}

}  // namespace mailwhy
