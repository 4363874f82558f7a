// NAME
//   normalize - turn an SMTP reply or Postfix status text into the form rules match
// SYNOPSIS
//   NormalizedText n;
//   Normalize("host mx[1.2.3.4] said: 550-5.7.26 This message ... 550 5.7.26 more "
//             "(in reply to end of DATA command)", &n);
//   // n.text  == "host mx[1.2.3.4] said: 550 5.7.26 this message ... more"
//   // n.code  == 550, n.enhanced == "5.7.26", n.stage == "end-of-data"
// DESCRIPTION
//   Normalize() works in one left-to-right pass plus a cheap clean-up of the result:
//     - ASCII letters are folded to lower case; other bytes (UTF-8) are kept as they are,
//       except typographic dashes, quotes, the ellipsis and NO-BREAK SPACE, which become
//       their ASCII forms (pasted replies are rarely ASCII-clean: seed case 08);
//     - runs of white space (including the newlines of a pasted multi-line reply) become
//       one space; leading and trailing space is dropped;
//     - the first reply code of the text ("550-5.7.26", "451 4.5.1", "451-") is recorded
//       and its repetitions inside the text, the continuation prefixes Postfix leaves when
//       it joins a multi-line reply, are removed;
//     - "(in reply to X command)" is removed and X becomes `stage` (see StageOfCommand);
//     - "e-mail" and "email" at the start of a word become "mail": Gmail rewords its texts
//       from "mail" to "email" over the years, and rules should not care.
//   NormalizePattern() applies the same folding and wording rules to a rule's phrase, so a
//   rule written "Email" matches a reply saying "e-mail".
//
//   StageOfCommand() maps what Postfix logs ("RCPT TO", "end of DATA", "END-OF-MESSAGE",
//   "sending MAIL FROM") to the stage names used in rules: connect, helo, starttls, auth,
//   mail, rcpt, data, end-of-data, rset, quit, other.
// BUGS
//   Only ASCII is case folded; a rule phrase in another script must be written as the
//   server writes it.
#ifndef MAILWHY_DIAGNOSE_NORMALIZE_H_
#define MAILWHY_DIAGNOSE_NORMALIZE_H_

#include <string>
#include <string_view>

namespace mailwhy {

struct NormalizedText {
  std::string text;       // folded, collapsed, continuation prefixes removed
  int code = 0;           // the first SMTP reply code in the text, 0 when none
  std::string enhanced;   // the enhanced status code right after it, "" when none
  std::string stage;      // from "(in reply to X command)", "" when absent
};

void Normalize(std::string_view in, NormalizedText* out);
// Normalize() one byte at a time, without the sixteen-byte blocks it takes where it can:
// the same result, slower. For tests, which compare the two.
void NormalizeByteByByte(std::string_view in, NormalizedText* out);
std::string NormalizePattern(std::string_view phrase);
std::string StageOfCommand(std::string_view command);

// True for "5.7.26"-shaped strings (class 2, 4 or 5; subject and detail 1-3 digits).
bool IsEnhancedCode(std::string_view s);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_NORMALIZE_H_
