// forwarded - the message inside a forward (see forwarded.h).
#include "bounce/forwarded.h"

#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

namespace {

const std::initializer_list<std::string_view> kMarkers = {
    "Begin forwarded message:", "---------- Forwarded message", "-----Original Message-----",
    "-------- Original Message --------", "-------- Forwarded Message --------",
    "----- Forwarded message from",
};

// The line without its quoting ("> ", ">", "> > ").
std::string_view Unquote(std::string_view line) {
  while (!line.empty() && line[0] == '>') {
    line.remove_prefix(1);
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  }
  return line;
}

}  // namespace

bool UnwrapForwarded(const DecodedMail& mail, DecodedMail* inner) {
  size_t at = bounce::FindLineStarting(mail.body, kMarkers);
  if (at == std::string_view::npos) {
    // Quoted without a marker: most lines start with ">".
    size_t quoted = 0, total = 0;
    for (std::string_view l : bounce::Lines(mail.body)) {
      if (Trim(l).empty()) continue;
      ++total;
      if (l[0] == '>') ++quoted;
    }
    if (total < 5 || quoted * 2 < total) return false;
    at = 0;
  } else {
    size_t eol = mail.body.find('\n', at);
    at = eol == std::string::npos ? mail.body.size() : eol + 1;
  }
  std::string text;
  for (std::string_view l : bounce::Lines(std::string_view(mail.body).substr(at))) {
    text.append(Unquote(l));
    text.push_back('\n');
  }
  // Skip blank lines before the quoted headers.
  size_t start = 0;
  while (start < text.size() && text[start] == '\n') ++start;
  std::string_view rest = std::string_view(text).substr(start);
  *inner = DecodedMail{};
  inner->headers = ParseHeaderBlock(rest);
  size_t body = rest.find("\n\n");
  if (inner->headers.empty() || body == std::string_view::npos) {
    inner->body = std::string(rest);
  } else {
    inner->body = std::string(rest.substr(body + 2));
  }
  // Fields some forwards keep only in the quoted body ("Subject: ..." after a blank).
  if (inner->Header("Subject").empty() && !mail.Header("Subject").empty()) {
    std::string_view s = Trim(mail.Header("Subject"));
    for (std::string_view p : {"Fwd:", "Fw:", "FW:", "転送:"}) {
      if (StartsWithNoCase(s, p)) s = Trim(s.substr(p.size()));
    }
    inner->headers.push_back(MailHeader{"Subject", std::string(s)});
  }
  return !Trim(inner->body).empty();
}

}  // namespace mailwhy
