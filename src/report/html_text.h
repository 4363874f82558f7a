// NAME
//   html_text - make untrusted text safe inside HTML and SVG
// DESCRIPTION
//   Everything the report shows comes from logs, and log text is attacker-controlled: a
//   HELO name, a sender address or a remote server's reply can hold "<script>". The HTML
//   report passes every such string through AppendHtmlEscaped(), which writes &, <, >, "
//   and ' as entities (safe in element content and in quoted attribute values alike),
//   shows control characters as visible "\xNN" and replaces bytes that are not valid
//   UTF-8 with U+FFFD. The page also forbids scripts (Content-Security-Policy), so an
//   escaping mistake would still not run code.
#ifndef MAILWHY_REPORT_HTML_TEXT_H_
#define MAILWHY_REPORT_HTML_TEXT_H_

#include <string>
#include <string_view>

namespace mailwhy {

void AppendHtmlEscaped(std::string_view s, std::string* out);
std::string HtmlEscape(std::string_view s);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_HTML_TEXT_H_
