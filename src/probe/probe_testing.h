// NAME
//   probe_testing - loopback servers and certificates for the probe tests (header only)
// SYNOPSIS
//   TestPki pki = MakeTestPki("mx.test", -3600, 86400);     // a CA and a leaf for mx.test
//   ScriptedServer server([&](ServerConn& c) {
//     c.Send("220 mx.test ESMTP\r\n");
//     c.ReadLine();                                         // EHLO ...
//     ...
//   });
//   server.port();                                          // 127.0.0.1:port
// DESCRIPTION
//   Everything here listens on 127.0.0.1 only, on a port the kernel picks, so tests run
//   side by side and nothing leaves the machine.
//
//   ScriptedServer accepts connections on a thread of its own and runs the script for
//   each (at most `max_connections`); with no script it accepts and says nothing (a
//   silent server). Reads time out after 5 s so a test never hangs; the destructor
//   stops the thread and closes every socket, also when the test failed.
//   BlackholePort() gives a listener that never accepts, its queue filled, so a later
//   connect() waits (the SYN is dropped): the connect-timeout case.
//
//   MakeTestPki() makes a small CA and a leaf certificate for `name` (EC P-256), valid
//   from now + not_before to now + not_after seconds; `ca_pem` can be written to a file
//   for --ca-file.
// BUGS
//   Not part of the library: include it from *_test.cc only.
#ifndef MAILWHY_PROBE_PROBE_TESTING_H_
#define MAILWHY_PROBE_PROBE_TESTING_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mailwhy::probe_testing {

struct TestPki {
  std::string ca_pem;
  std::shared_ptr<X509> leaf;
  std::shared_ptr<EVP_PKEY> key;
};

inline std::shared_ptr<EVP_PKEY> NewKey() {
  return std::shared_ptr<EVP_PKEY>(EVP_EC_gen("P-256"), EVP_PKEY_free);
}

inline void AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

inline X509* NewCert(const std::string& cn, EVP_PKEY* key, long serial, long not_before, long not_after) {
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
  X509_gmtime_adj(X509_getm_notBefore(x), not_before);
  X509_gmtime_adj(X509_getm_notAfter(x), not_after);
  X509_set_pubkey(x, key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  return x;
}

inline TestPki MakeTestPki(const std::string& name, long not_before = -3600, long not_after = 86400 * 30) {
  TestPki pki;
  auto ca_key = NewKey();
  X509* ca = NewCert("mailwhy test CA", ca_key.get(), 1, -86400, 86400 * 365);
  X509_set_issuer_name(ca, X509_get_subject_name(ca));
  AddExt(ca, ca, NID_basic_constraints, "critical,CA:TRUE");
  AddExt(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExt(ca, ca, NID_subject_key_identifier, "hash");
  X509_sign(ca, ca_key.get(), EVP_sha256());

  pki.key = NewKey();
  X509* leaf = NewCert(name, pki.key.get(), 2, not_before, not_after);
  X509_set_issuer_name(leaf, X509_get_subject_name(ca));
  AddExt(leaf, ca, NID_basic_constraints, "CA:FALSE");
  AddExt(leaf, ca, NID_subject_alt_name, ("DNS:" + name).c_str());
  AddExt(leaf, ca, NID_authority_key_identifier, "keyid");
  X509_sign(leaf, ca_key.get(), EVP_sha256());
  pki.leaf = std::shared_ptr<X509>(leaf, X509_free);

  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, ca);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  pki.ca_pem.assign(data, static_cast<size_t>(n));
  BIO_free(bio);
  X509_free(ca);
  return pki;
}

// One accepted connection, as the script sees it.
class ServerConn {
 public:
  explicit ServerConn(int fd) : fd_(fd) {
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }
  ~ServerConn() {
    if (ssl_) {
      SSL_shutdown(ssl_);
      SSL_free(ssl_);
    }
    if (ctx_) SSL_CTX_free(ctx_);
    close(fd_);
  }

  void Send(const std::string& s) {
    if (ssl_) {
      SSL_write(ssl_, s.data(), static_cast<int>(s.size()));
    } else {
      send(fd_, s.data(), s.size(), MSG_NOSIGNAL);
    }
  }
  // The next line without CRLF; "" at end of file or after 5 s.
  std::string ReadLine() {
    for (;;) {
      size_t nl = in_.find('\n');
      if (nl != std::string::npos) {
        std::string line = in_.substr(0, nl);
        in_.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines_.push_back(line);
        return line;
      }
      char buf[1024];
      int n = ssl_ ? SSL_read(ssl_, buf, sizeof buf) : static_cast<int>(recv(fd_, buf, sizeof buf, 0));
      if (n <= 0) return std::string();
      in_.append(buf, static_cast<size_t>(n));
    }
  }
  bool AcceptTls(const TestPki& pki) {
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, pki.leaf.get());
    SSL_CTX_use_PrivateKey(ctx_, pki.key.get());
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    in_.clear();
    return SSL_accept(ssl_) == 1;
  }
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  int fd_;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string in_;
  std::vector<std::string> lines_;
};

class ScriptedServer {
 public:
  using Script = std::function<void(ServerConn&)>;

  explicit ScriptedServer(Script script, int max_connections = 4) : script_(std::move(script)) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 8);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this, max_connections] { Serve(max_connections); });
  }
  ~ScriptedServer() {
    Stop();
    close(fd_);
  }
  // Ends the thread after the connection in progress; received() is then complete.
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  // Every line the clients sent, over all connections (read after the probe ended).
  std::vector<std::string> received() const {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }

 private:
  void Serve(int max_connections) {
    for (int served = 0; served < max_connections && !stop_;) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      ++served;
      ServerConn conn(c);
      if (script_) {
        script_(conn);
      } else {
        while (!stop_) {  // silent: hold the connection until the test ends
          pollfd q{c, POLLIN, 0};
          if (poll(&q, 1, 50) > 0) {
            char buf[256];
            if (recv(c, buf, sizeof buf, 0) <= 0) break;
          }
        }
      }
      std::lock_guard<std::mutex> lock(mu_);
      received_.insert(received_.end(), conn.lines().begin(), conn.lines().end());
    }
  }

  Script script_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<std::string> received_;
};

// A listener that never accepts, with its queue full: a new connect() gets no answer.
class BlackholePort {
 public:
  BlackholePort() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 0);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    for (int i = 0; i < 4; ++i) {
      int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      connect(c, reinterpret_cast<sockaddr*>(&a), sizeof a);
      fillers_.push_back(c);
    }
    usleep(100 * 1000);
  }
  ~BlackholePort() {
    for (int c : fillers_) close(c);
    close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::vector<int> fillers_;
};

// A port with nothing listening: bound, then closed.
inline int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// A free UDP port on 127.0.0.1 (bound, then released; another process could take it).
inline int FreeUdpPort() {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

// dnsmasq on 127.0.0.1 serving the records of a configuration file, and nothing else:
// no upstream servers, no /etc/hosts. Stopped by its PID in Stop() or the destructor, and
// by the kernel (PR_SET_PDEATHSIG) if the test process dies first.
class Dnsmasq {
 public:
  ~Dnsmasq() { Stop(); }

  // Writes `conf` to dir/dnsmasq.conf and starts dnsmasq with it. False (and *error)
  // when dnsmasq is not installed or does not come up.
  bool Start(const std::string& dir, const std::string& conf, std::string* error) {
    const char* binary = nullptr;
    for (const char* b : {"/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"}) {
      if (access(b, X_OK) == 0) {
        binary = b;
        break;
      }
    }
    if (!binary) {
      *error = "dnsmasq is not installed (scripts/install-deps installs dnsmasq-base)";
      return false;
    }
    std::string conf_path = dir + "/dnsmasq.conf";
    std::ofstream(conf_path) << conf;
    log_ = dir + "/dnsmasq.log";
    for (int attempt = 0; attempt < 3 && pid_ <= 0; ++attempt) {
      port_ = FreeUdpPort();
      std::vector<std::string> args = {binary, "--keep-in-foreground", "--conf-file=" + conf_path,
                                       "--port=" + std::to_string(port_), "--listen-address=127.0.0.1",
                                       "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
                                       "--pid-file=", "--log-facility=" + log_, "--log-queries"};
      if (geteuid() == 0) args.push_back("--user=root");
      pid_t pid = fork();
      if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary, argv.data());
        _exit(127);
      }
      pid_ = pid;
      if (!WaitReady()) {
        Stop();
        pid_ = -1;
      }
    }
    if (pid_ <= 0) {
      *error = "dnsmasq did not start; see " + log_;
      return false;
    }
    return true;
  }
  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
      pid_ = 0;
    }
  }
  int port() const { return port_; }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::string& log() const { return log_; }

 private:
  // Ready when a query gets an answer (any answer) within 5 s; false if dnsmasq exited.
  bool WaitReady() {
    unsigned char q[] = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'r', 'e', 'a', 'd', 'y', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port_));
    bool ok = false;
    for (int i = 0; i < 50 && !ok; ++i) {
      int status;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        break;
      }
      sendto(fd, q, sizeof q, 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        unsigned char buf[512];
        ok = recv(fd, buf, sizeof buf, 0) > 0;
      }
    }
    close(fd);
    return ok;
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_;
};

// A scripted DNS server on 127.0.0.1 for the failures dnsmasq does not make: every
// question answered SERVFAIL or REFUSED, or never answered (a timeout).
class DnsResponder {
 public:
  enum class Mode { kServFail, kRefused, kSilent };
  explicit DnsResponder(Mode mode) : mode_(mode) {
    fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~DnsResponder() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      unsigned char buf[512];
      sockaddr_in from{};
      socklen_t len = sizeof from;
      ssize_t n = recvfrom(fd_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n < 12 || mode_ == Mode::kSilent) continue;
      buf[2] = 0x81;  // QR, RD
      buf[3] = mode_ == Mode::kServFail ? 0x82 : 0x85;  // RA, rcode 2 or 5
      buf[6] = buf[7] = buf[8] = buf[9] = buf[10] = buf[11] = 0;  // no records; question kept
      sendto(fd_, buf, static_cast<size_t>(n), 0, reinterpret_cast<sockaddr*>(&from), len);
    }
  }
  Mode mode_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace mailwhy::probe_testing

#endif  // MAILWHY_PROBE_PROBE_TESTING_H_
