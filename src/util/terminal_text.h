// NAME
//   terminal_text - make untrusted text safe to print on a terminal
// DESCRIPTION
//   Log lines are attacker-controlled: a client's HELO name or a remote server's reply can
//   hold escape sequences that recolour, retitle or rewrite a terminal. Everything printed
//   from a log goes through EscapeForTerminal(): C0 controls, DEL and the C1 range (as
//   UTF-8 U+0080..U+009F) become visible "\xNN" escapes; invalid UTF-8 bytes become
//   "\xNN" too. Valid UTF-8 text, Japanese included, passes unchanged.
#ifndef MAILWHY_UTIL_TERMINAL_TEXT_H_
#define MAILWHY_UTIL_TERMINAL_TEXT_H_

#include <string>
#include <string_view>

namespace mailwhy {

std::string EscapeForTerminal(std::string_view s);
void AppendEscapedForTerminal(std::string_view s, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_TERMINAL_TEXT_H_
