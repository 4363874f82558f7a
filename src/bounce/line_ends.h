// NAME
//   line_ends - one line ending for every mail: LF
// DESCRIPTION
//   Mail arrives with the line ends of wherever it was saved: LF (Unix, Maildir), CRLF (the
//   wire, Windows clients, .eml exports) or CR alone (classic Mac OS exports). The MIME
//   parser and the format readers split on LF, so NormalizeLineEnds() rewrites CRLF and
//   a lone CR as LF, in place. Bytes other than CR are untouched.
#ifndef MAILWHY_BOUNCE_LINE_ENDS_H_
#define MAILWHY_BOUNCE_LINE_ENDS_H_

#include <string>

namespace mailwhy {

void NormalizeLineEnds(std::string* text);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_LINE_ENDS_H_
