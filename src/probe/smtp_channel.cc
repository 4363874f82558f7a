// smtp_channel - one SMTP client connection (see smtp_channel.h).
#include "probe/smtp_channel.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "probe/dns.h"

namespace mailwhy {
namespace {

constexpr size_t kMaxReplyBytes = 64 * 1024;
constexpr size_t kMaxReplyLines = 512;

bool Digit(char c) { return c >= '0' && c <= '9'; }

ConnectError ErrorKind(int e) {
  switch (e) {
    case ECONNREFUSED: return ConnectError::kRefused;
    case ETIMEDOUT: return ConnectError::kTimeout;
    case EHOSTUNREACH:
    case ENETUNREACH:
    case EACCES:
    case EPERM:
      return ConnectError::kUnreachable;
    default: return ConnectError::kOther;
  }
}

}  // namespace

std::string_view ToString(ReadResult r) {
  switch (r) {
    case ReadResult::kOk: return "ok";
    case ReadResult::kTimeout: return "timeout";
    case ReadResult::kClosed: return "closed";
    case ReadResult::kNotSmtp: return "not-smtp";
    case ReadResult::kTooLong: return "too-long";
    case ReadResult::kError: return "error";
  }
  return "error";
}

std::string SmtpReply::Wire() const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += std::to_string(code) + (i + 1 == lines.size() ? " " : "-") + lines[i];
  }
  if (lines.empty()) out = std::to_string(code);
  return out;
}

std::string SmtpReply::Text() const {
  std::string out;
  for (const auto& l : lines) {
    if (l.empty()) continue;
    if (!out.empty()) out += ' ';
    out += l;
  }
  return out;
}

ConnectResult SmtpChannel::Connect(const std::string& ip, int port, Deadline deadline,
                                   std::unique_ptr<SmtpChannel>* out) {
  ConnectResult result;
  sockaddr_storage ss{};
  socklen_t len = 0;
  int family = IsIpv6(ip) ? AF_INET6 : AF_INET;
  if (family == AF_INET6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET6, ip.c_str(), &a->sin6_addr);
    len = sizeof *a;
  } else {
    auto* a = reinterpret_cast<sockaddr_in*>(&ss);
    a->sin_family = AF_INET;
    a->sin_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET, ip.c_str(), &a->sin_addr) != 1) {
      result.error = ConnectError::kOther;
      result.message = "not an IP address";
      return result;
    }
    len = sizeof *a;
  }
  int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    result.error = ConnectError::kOther;
    result.message = std::strerror(errno);
    return result;
  }
  int e = 0;
  if (connect(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0) {
    e = errno;
    if (e == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int left = MillisLeft(deadline);
      int n = left > 0 ? poll(&p, 1, left) : 0;
      if (n == 0) {
        e = ETIMEDOUT;
      } else if (n < 0) {
        e = errno;
      } else {
        socklen_t elen = sizeof e;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen);
      }
    }
  }
  if (e != 0) {
    close(fd);
    result.error = ErrorKind(e);
    result.message = e == ETIMEDOUT ? "timed out" : std::strerror(e);
    return result;
  }
  out->reset(new SmtpChannel(fd));
  return result;
}

SmtpChannel::~SmtpChannel() {
  if (ssl_) {
    SSL_shutdown(ssl_);
    TlsFree(ssl_);
  }
  if (fd_ >= 0) close(fd_);
}

Status SmtpChannel::Send(std::string_view line, Deadline deadline) {
  std::string data(line);
  data += "\r\n";
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n;
    short wait = POLLOUT;
    if (ssl_) {
      ERR_clear_error();
      int r = SSL_write(ssl_, data.data() + done, static_cast<int>(data.size() - done));
      if (r > 0) {
        n = r;
      } else {
        int err = SSL_get_error(ssl_, r);
        if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
          return Status::IoError("the connection broke (TLS write)");
        }
        wait = err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
        n = -1;
        errno = EAGAIN;
      }
    } else {
      n = send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    }
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return Status::IoError(std::strerror(errno));
    }
    pollfd p{fd_, wait, 0};
    int left = MillisLeft(deadline);
    if (left == 0 || poll(&p, 1, left) == 0) return Status::IoError("timed out");
  }
  return Status::Ok();
}

bool SmtpChannel::Fill(Deadline deadline, ReadResult* why) {
  char buf[4096];
  for (;;) {
    short wait = POLLIN;
    ssize_t n;
    if (ssl_) {
      ERR_clear_error();
      int r = SSL_read(ssl_, buf, sizeof buf);
      if (r > 0) {
        n = r;
      } else {
        int err = SSL_get_error(ssl_, r);
        if (err == SSL_ERROR_ZERO_RETURN) {
          *why = ReadResult::kClosed;
          return false;
        }
        if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
          *why = err == SSL_ERROR_SYSCALL ? ReadResult::kClosed : ReadResult::kError;
          return false;
        }
        wait = err == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
        n = -1;
        errno = EAGAIN;
      }
    } else {
      n = recv(fd_, buf, sizeof buf, 0);
    }
    if (n > 0) {
      in_.append(buf, static_cast<size_t>(n));
      return true;
    }
    if (n == 0) {
      *why = ReadResult::kClosed;
      return false;
    }
    if (errno == ECONNRESET) {
      *why = ReadResult::kClosed;
      return false;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      *why = ReadResult::kError;
      return false;
    }
    pollfd p{fd_, wait, 0};
    int left = MillisLeft(deadline);
    if (left == 0 || poll(&p, 1, left) == 0) {
      *why = ReadResult::kTimeout;
      return false;
    }
  }
}

ReadResult SmtpChannel::ReadReply(Deadline deadline, SmtpReply* reply) {
  *reply = SmtpReply();
  raw_.clear();
  for (;;) {
    size_t nl = in_.find('\n');
    if (nl == std::string::npos) {
      // Why: a TLS record or another protocol's greeting need not end in a newline;
      // look at the first bytes before waiting for one.
      if (!in_.empty() && (!Digit(in_[0]) || (in_.size() >= 3 && (!Digit(in_[1]) || !Digit(in_[2]))))) {
        raw_ += in_.substr(0, 256);
        return ReadResult::kNotSmtp;
      }
      if (in_.size() + raw_.size() > kMaxReplyBytes) return ReadResult::kTooLong;
      ReadResult why;
      if (!Fill(deadline, &why)) {
        if (!in_.empty()) raw_ += in_.substr(0, 256);
        return why;
      }
      continue;
    }
    std::string line = in_.substr(0, nl);
    in_.erase(0, nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    raw_ += line + "\n";
    bool smtp = line.size() >= 3 && Digit(line[0]) && Digit(line[1]) && Digit(line[2]) &&
                (line.size() == 3 || line[3] == ' ' || line[3] == '-');
    if (!smtp) return ReadResult::kNotSmtp;
    if (reply->lines.empty()) reply->code = std::stoi(line.substr(0, 3));
    reply->lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
    if (line.size() == 3 || line[3] == ' ') return ReadResult::kOk;
    if (reply->lines.size() >= kMaxReplyLines || raw_.size() > kMaxReplyBytes) return ReadResult::kTooLong;
  }
}

TlsInfo SmtpChannel::StartTls(const TlsOptions& options, Deadline deadline) {
  // Why: bytes read ahead of the handshake would be plain text injected before TLS
  // (the STARTTLS command injection of CVE-2011-0411); they are dropped.
  in_.clear();
  return TlsHandshake(fd_, options, deadline, &ssl_);
}

}  // namespace mailwhy
