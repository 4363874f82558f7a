// NAME
//   smtp_channel - one SMTP client connection: connect, send a command, read a reply
// SYNOPSIS
//   std::unique_ptr<SmtpChannel> ch;
//   ConnectResult c = SmtpChannel::Connect("192.0.2.10", 25, DeadlineIn(10), &ch);
//   SmtpReply banner;
//   ReadResult r = ch->ReadReply(DeadlineIn(10), &banner);   // 220 mx.example.com ESMTP
//   ch->Send("EHLO client.example.org", DeadlineIn(10));
// DESCRIPTION
//   Connect() makes a non-blocking TCP connection and tells apart how it failed: refused
//   (a reset: nothing listens, or a firewall rejects with RST), timed out (no answer:
//   the packets are dropped on the way, which on port 25 is often the access provider's
//   outbound block), unreachable (an ICMP "host/network unreachable" or "prohibited").
//
//   ReadReply() reads one whole reply, multi-line replies included ("250-..." lines up
//   to the "250 " line; postscreen's multi-line "220-" greeting is read in full before
//   anything is sent). A line that does not start with three digits makes the reply
//   kNotSmtp (another service listens on the port, or it speaks TLS first); `raw()`
//   then holds what came, for the report. Replies are capped at 512 lines / 64 KiB.
//
//   StartTls() runs the TLS handshake on the connection (tls_client.h); later Send()
//   and ReadReply() go through TLS.
// DIAGNOSTICS
//   Send() fails with the system's error text or "timed out".
// THREAD SAFETY
//   One thread per channel.
#ifndef MAILWHY_PROBE_SMTP_CHANNEL_H_
#define MAILWHY_PROBE_SMTP_CHANNEL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "probe/tls_client.h"
#include "util/status.h"

namespace mailwhy {

enum class ConnectError { kNone, kRefused, kTimeout, kUnreachable, kOther };

struct ConnectResult {
  ConnectError error = ConnectError::kNone;
  std::string message;  // the system's text ("Connection refused"), or "timed out"
};

struct SmtpReply {
  int code = 0;
  std::vector<std::string> lines;  // each line's text after "250-" / "250 "

  // The reply as sent, lines joined by "\n": "250-mx.example.com\n250 SIZE 10240000".
  std::string Wire() const;
  // The texts joined by spaces, after the code: "5.7.1 Service unavailable; ..."
  std::string Text() const;
};

enum class ReadResult { kOk, kTimeout, kClosed, kNotSmtp, kTooLong, kError };

std::string_view ToString(ReadResult r);  // "ok", "timeout", "closed", "not-smtp", ...

class SmtpChannel {
 public:
  static ConnectResult Connect(const std::string& ip, int port, Deadline deadline,
                               std::unique_ptr<SmtpChannel>* out);
  ~SmtpChannel();
  SmtpChannel(const SmtpChannel&) = delete;
  SmtpChannel& operator=(const SmtpChannel&) = delete;

  // Sends `line` and CRLF.
  Status Send(std::string_view line, Deadline deadline);
  ReadResult ReadReply(Deadline deadline, SmtpReply* reply);
  const std::string& raw() const { return raw_; }

  TlsInfo StartTls(const TlsOptions& options, Deadline deadline);
  bool tls() const { return ssl_ != nullptr; }

 private:
  explicit SmtpChannel(int fd) : fd_(fd) {}
  // Reads more bytes into in_; false on timeout/close/error (result in *why).
  bool Fill(Deadline deadline, ReadResult* why);

  int fd_ = -1;
  ssl_st* ssl_ = nullptr;
  std::string in_;
  std::string raw_;
};

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SMTP_CHANNEL_H_
