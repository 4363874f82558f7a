// tls_test - TLS summaries and handshake failures (tls.cc).
#include <gtest/gtest.h>

#include "postfix/parse_testing.h"

namespace mailwhy {
namespace {

TlsSession Session(const Event& ev) {
  TlsSession s;
  ReadTlsSummary(ev.text, &s);
  return s;
}

TEST(Tls, ClientSideSummaryNamesTheServer) {
  Event ev = ParseMessage("postfix/smtp",
                          "Trusted TLS connection established to mx-ha02.web.de[212.227.17.8]:25: "
                          "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange "
                          "ECDHE (P-256) server-signature RSA-PSS (2048 bits) server-digest SHA256");
  EXPECT_EQ(ev.kind, EventKind::kTls);
  EXPECT_EQ(ev.relay_peer.name, "mx-ha02.web.de");
  EXPECT_EQ(ev.relay_peer.port, "25");
  EXPECT_EQ(Session(ev).trust, "Trusted");
  EXPECT_EQ(Session(ev).protocol, "TLSv1.3");
  EXPECT_EQ(Session(ev).cipher, "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(Session(ev).cipher_bits, "256/256");
  EXPECT_EQ(Session(ev).key_exchange, "ECDHE");
  EXPECT_EQ(Session(ev).server_signature, "RSA-PSS");
  EXPECT_EQ(Session(ev).server_digest, "SHA256");
  EXPECT_EQ(ev.text.substr(0, 7), "Trusted");
}

TEST(Tls, ServerSideSummaryNamesTheClient) {
  Event ev = ParseMessage("postfix/smtpd",
                          "Anonymous TLS connection established from host1.uhu-banane.de"
                          "[185.48.118.128]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 "
                          "bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) "
                          "server-digest SHA256");
  EXPECT_EQ(ev.kind, EventKind::kTls);
  EXPECT_EQ(ev.client.address, "185.48.118.128");
  EXPECT_EQ(ev.relay_peer.address, "");
  EXPECT_EQ(Session(ev).trust, "Anonymous");
}

TEST(Tls, WrappedSummaryFromSeed004KeepsWhatItHas) {
  Event ev = ParseMessage("postfix/smtp",
                          "Anonymous TLS connection established to mail.example.net[203.0.113.112]"
                          ":25: TLSv1.2 with cipher ADH-AES256-GCM-");
  EXPECT_EQ(ev.kind, EventKind::kTls);
  EXPECT_EQ(Session(ev).protocol, "TLSv1.2");
  EXPECT_EQ(Session(ev).cipher, "ADH-AES256-GCM-");
}

TEST(Tls, OldSummaryWithoutTrustOrAddress) {
  Event ev = ParseMessage("postfix/smtp",
                          "TLS connection established to example.com: TLSv1 with cipher "
                          "AES256-SHA (256/256 bits)");
  EXPECT_EQ(ev.kind, EventKind::kTls);
  EXPECT_EQ(Session(ev).trust, "");
  EXPECT_EQ(ev.relay_peer.name, "example.com");
}

TEST(Tls, HandshakeFailures) {
  struct Case {
    std::string_view tag, message, action;
  } cases[] = {
      {"postfix/smtp", "SSL_connect error to mail.example.org[112.63.65.2]:25: -1",
       "SSL_connect error"},
      {"postfix/smtpd", "SSL_accept error from unknown[72.13.58.7]: lost connection",
       "SSL_accept error"},
      {"postfix/smtp", "certificate verification failed for mail.example.com[113.169.17.115]:25: "
                       "self-signed certificate.",
       "certificate verification failed"},
      {"postfix/smtp", "Host offered STARTTLS: [mail.example.com]", "Host offered STARTTLS"},
      {"postfix/smtp", "A1B2C3D4E5: Cannot start TLS: handshake failure", ""},
  };
  for (const Case& c : cases) {
    Event ev = ParseMessage(c.tag, c.message);
    EXPECT_EQ(ev.kind, EventKind::kTls) << c.message;
    EXPECT_EQ(ev.action, c.action) << c.message;
  }
}

TEST(Tls, TlsLibraryWarningIsAWarning) {
  Event ev = ParseMessage("postfix/tlsproxy", "warning: TLS library problem: error:0A000126");
  EXPECT_EQ(ev.kind, EventKind::kWarning);
}

}  // namespace
}  // namespace mailwhy
