// smtp_clues - codes and commands found inside notification texts (see smtp_clues.h).
#include "bounce/smtp_clues.h"

#include <cctype>

#include "bounce/text_tools.h"

namespace mailwhy::bounce {

namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

// Length of "d.d{1,3}.d{1,3}" at s[i], 0 when there is none.
size_t StatusAt(std::string_view s, size_t i) {
  if (i + 5 > s.size() || (s[i] != '2' && s[i] != '4' && s[i] != '5') || s[i + 1] != '.') return 0;
  size_t j = i + 2, n = 0;
  while (j < s.size() && Digit(s[j]) && n < 4) ++j, ++n;
  if (n == 0 || n > 3 || j >= s.size() || s[j] != '.') return 0;
  ++j;
  n = 0;
  while (j < s.size() && Digit(s[j]) && n < 4) ++j, ++n;
  if (n == 0 || n > 3) return 0;
  return j - i;
}

}  // namespace

bool IsStatusCode(std::string_view s) { return !s.empty() && StatusAt(s, 0) == s.size(); }

namespace {

// The reply code at t[i], 0 when the digits there are not one (see the header).
int ReplyCodeAt(std::string_view t, size_t i) {
  if (!Digit(t[i]) || !Digit(t[i + 1]) || !Digit(t[i + 2])) return 0;
  if (t[i] != '2' && t[i] != '4' && t[i] != '5') return 0;
  if (t[i + 1] > '5') return 0;
  if (i > 0) {
    char p = t[i - 1];
    if (Digit(p) || std::isalpha(static_cast<unsigned char>(p)) || p == '.' || p == '-' ||
        p == '_' || p == '@' || p == '#' || p == '/' || p == '=' || p == '+' || p == ':') {
      return 0;
    }
  }
  if (i + 3 < t.size()) {
    char n = t[i + 3];
    // Yahoo writes "550: 5.1.1 <a@b>... User Unknown": a colon only right at the start.
    const bool leading_colon = n == ':' && i == 0;
    if (!(n == ' ' || n == '-' || n == '\t' || n == '\n' || n == ')' || n == ',' || n == ';' || n == ']' ||
          n == '"' || leading_colon)) {
      return 0;
    }
    // "550-" must be followed by text, "550 " not by a unit ("550 bytes", "421 seconds")
    size_t k = i + 4;
    while (k < t.size() && t[k] == ' ') ++k;
    std::string_view after = t.substr(k, 8);
    if (StartsWithAnyNoCase(after, {"bytes", "seconds", "secs", "minutes", "hours", "days", "kb", "mb", "times"})) {
      return 0;
    }
  }
  return (t[i] - '0') * 100 + (t[i + 1] - '0') * 10 + (t[i + 2] - '0');
}

}  // namespace

int FindReplyCode(std::string_view t) {
  int first_positive = 0;
  for (size_t i = 0; i + 3 <= t.size(); ++i) {
    int code = ReplyCodeAt(t, i);
    if (code >= 400) return code;
    if (code != 0 && first_positive == 0) first_positive = code;
  }
  return first_positive;
}

std::string FindEnhancedStatus(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    size_t n = StatusAt(t, i);
    if (n == 0) continue;
    if (i > 0) {
      char p = t[i - 1];
      // "550-5.7.26": a multi-line reply's continuation prefix is fine.
      const bool reply_dash = p == '-' && i >= 4 && Digit(t[i - 2]) && Digit(t[i - 3]) && Digit(t[i - 4]);
      if (!reply_dash && (Digit(p) || p == '.' || std::isalpha(static_cast<unsigned char>(p)) ||
                          p == '-' || p == '_' || p == '/')) {
        i += n - 1;
        continue;
      }
    }
    if (i + n < t.size()) {
      char q = t[i + n];
      if (Digit(q) || std::isalpha(static_cast<unsigned char>(q)) || q == '_' || q == '-' ||
          (q == '.' && i + n + 1 < t.size() && Digit(t[i + n + 1]))) {
        i += n - 1;
        continue;
      }
    }
    return std::string(t.substr(i, n));
  }
  return std::string();
}

std::string CanonicalCommand(std::string_view raw) {
  std::string_view s = Trim(raw);
  while (!s.empty() && (s.front() == '>' || s.front() == ' ' || s.front() == '(')) s.remove_prefix(1);
  struct Map { std::string_view prefix, command; };
  static constexpr Map kMap[] = {
      {"end of data", "end of DATA"}, {"end-of-data", "end of DATA"},
      {"end of message", "end of DATA"}, {"end-of-message", "end of DATA"},
      {"mail from", "MAIL FROM"},     {"mail", "MAIL FROM"},
      {"rcpt to", "RCPT TO"},         {"rcpt", "RCPT TO"},
      {"data", "DATA"},               {"bdat", "DATA"},
      {"ehlo", "EHLO"},               {"helo", "HELO"},
      {"lhlo", "EHLO"},               {"starttls", "STARTTLS"},
      {"auth", "AUTH"},               {"rset", "RSET"},
      {"quit", "QUIT"},               {"connect", "CONN"},
      {"conn", "CONN"},               {"initial", "CONN"},
      {"greeting", "CONN"},           {"banner", "CONN"},
  };
  for (const Map& m : kMap) {
    if (StartsWithNoCase(s, m.prefix)) return std::string(m.command);
  }
  return std::string();
}

std::string FindCommand(std::string_view t) {
  // Phrase, then the command follows it.
  static constexpr std::string_view kBefore[] = {
      "in reply to ",                 // Postfix: (in reply to RCPT TO command)
      "mail server after ",           // Exim: SMTP error from remote mail server after RCPT TO:
      "most progress was ",           // qmail: most progress was RCPT TO response
      "error after ",                 // "SMTP error after end of data"
      "replied to ",                  // "Remote server replied to RCPT TO"
      "in response to ",              // "... in response to DATA command"
      "while sending ",               // "lost connection ... while sending RCPT TO"
      "after ",                       // "550 ... after RCPT TO"
      ">>> ",                         // Sendmail transcript
      "command: ",                    // "SMTP command: RCPT TO"
  };
  for (std::string_view p : kBefore) {
    size_t at = FindNoCase(t, p);
    while (at != std::string_view::npos) {
      std::string c = CanonicalCommand(t.substr(at + p.size(), 20));
      if (!c.empty()) {
        // ">>> DATA" followed by "<<< 550" is DATA; Postfix's "end of DATA" stays.
        return c;
      }
      at = FindNoCase(t, p, at + p.size());
    }
  }
  return std::string();
}

}  // namespace mailwhy::bounce
