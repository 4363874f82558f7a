// NAME
//   smtp_clues - reply code, enhanced status and SMTP command written inside an error text
// SYNOPSIS
//   FindReplyCode("host mx said: 550 5.1.1 <a@b>: unknown (in reply to RCPT TO command)") == 550
//   FindEnhancedStatus("... 550 5.1.1 <a@b> ...") == "5.1.1"
//   FindCommand("... (in reply to RCPT TO command)") == "RCPT TO"
// DESCRIPTION
//   Notifications quote the remote server's reply inside sentences of their own.
//   FindReplyCode() returns the first token that is a plausible SMTP error code: three
//   digits, first 2, 4 or 5, second 0 to 5, standing alone or before "-" (a multi-line
//   reply), not part of a number, a date, an address or an IP address ("port 587" and
//   "192.0.2.550" are not codes). An error code (4xx, 5xx) wins over a 2xx before it: La
//   Poste answers "220-laposte 421 4.2.1 Service refuse", a greeting line then the refusal. FindEnhancedStatus() returns the first RFC 3463 code
//   (class 2, 4 or 5; "5.1.1", "4.7.26", "5.7.606") that is not part of a dotted IP
//   address or a version number, also in "#5.1.1" (qmail) and "(5.1.1)" forms.
//
//   FindCommand() reads the command the reply answered from the phrases MTAs write:
//   "(in reply to RCPT TO command)" (Postfix), ">>> RCPT To:<...>" (Sendmail transcript),
//   "after RCPT TO:<...>" and "SMTP error from remote mail server after end of data"
//   (Exim), "most progress was RCPT TO response" (qmail), "while talking to" with a
//   command, "Remote server replied to MAIL FROM" ... and returns it in one spelling:
//   "CONN", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO", "DATA",
//   "end of DATA", "RSET", "QUIT". CanonicalCommand() maps a raw command word to that
//   spelling ("rcpt to:<a@b>" -> "RCPT TO", "BDAT" -> "DATA"), "" when unknown.
// BUGS
//   A code that an MTA writes without a reply around it ("Status: 550") is found too;
//   callers pass the diagnostic text only.
#ifndef MAILWHY_BOUNCE_SMTP_CLUES_H_
#define MAILWHY_BOUNCE_SMTP_CLUES_H_

#include <string>
#include <string_view>

namespace mailwhy::bounce {

int FindReplyCode(std::string_view text);
std::string FindEnhancedStatus(std::string_view text);
std::string FindCommand(std::string_view text);
std::string CanonicalCommand(std::string_view raw);

// True for "5.1.1"-shaped codes of class 2, 4 or 5.
bool IsStatusCode(std::string_view s);

}  // namespace mailwhy::bounce

#endif  // MAILWHY_BOUNCE_SMTP_CLUES_H_
