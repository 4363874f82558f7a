// smtp_target - parse HOST[:PORT] (see smtp_target.h).
#include "probe/smtp_target.h"

#include <algorithm>

#include "probe/dns.h"

namespace mailwhy {

bool IsHostName(const std::string& s) {
  if (s.empty() || s.size() > 253 || s.front() == '.' || s.find("..") != std::string::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
  });
}

Status ParseSmtpTarget(const std::string& text, SmtpTarget* out) {
  SmtpTarget t;
  std::string host = text, port;
  bool bracketed = false;
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string::npos) return Status::InvalidArgument("missing ']' in '" + text + "'");
    bracketed = true;
    host = text.substr(1, close - 1);
    std::string rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return Status::InvalidArgument("unexpected '" + rest + "' after ']' in '" + text + "'");
      port = rest.substr(1);
      if (port.empty()) return Status::InvalidArgument("bad port in '" + text + "'");
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    host = text.substr(0, text.find(':'));
    port = text.substr(text.find(':') + 1);
    if (port.empty()) return Status::InvalidArgument("bad port in '" + text + "'");
  }
  if (!port.empty()) {
    bool digits = port.size() <= 5 && std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    int p = digits ? std::stoi(port) : 0;
    if (p < 1 || p > 65535) return Status::InvalidArgument("bad port in '" + text + "'");
    t.port = p;
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  t.is_ip = IsIpv4(host) || IsIpv6(host);
  if (!t.is_ip && !IsHostName(host)) return Status::InvalidArgument("'" + host + "' is not a host name or address");
  t.host = host;
  t.use_mx = !t.is_ip && !bracketed && t.port == 0;
  *out = t;
  return Status::Ok();
}

}  // namespace mailwhy
