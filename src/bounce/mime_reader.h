// NAME
//   mime_reader - one mail, MIME decoded with GMime, flattened into what bounce formats read
// SYNOPSIS
//   DecodedMail mail;
//   Status s = DecodeMail(bytes, &mail);
//   mail.Header("Subject");       // "Undelivered Mail Returned to Sender" (decoded, unfolded)
//   mail.body;                     // the notification's text, UTF-8, LF line ends
//   mail.delivery_status;          // each message/delivery-status part (RFC 3464)
//   mail.original;                 // the returned message's header block
// DESCRIPTION
//   DecodeMail() parses the message with GMime 3 and walks its MIME tree once:
//     - text/plain and other text/* parts are decoded (base64, quoted-printable) and
//       converted to UTF-8 from their charset (ISO-2022-JP, Shift_JIS, EUC-JP, ...); a
//       part without a charset that is not UTF-8 is converted from the first fallback
//       charset that fits (UTF-8, ISO-2022-JP, Shift_JIS, EUC-JP, ISO-8859-1). text/html
//       is made plain (html_to_text.h). They are appended to `body` in order; of a
//       multipart/alternative only the plain-text choice is kept when there is one;
//     - message/delivery-status (and message/global-delivery-status) and
//       message/feedback-report parts are kept in their own lists AND appended to `body`
//       after a line "Content-Type: message/delivery-status" (or feedback-report), the way
//       formats that quote such fields in plain text also look;
//     - the first message/rfc822 (message/global) part or text/rfc822-headers part is the
//       returned message: its header block goes to `original` and is not part of `body`;
//       with `keep_attached`, a message/rfc822 part is also kept whole in
//       `attached_message` (a bounce that someone forwarded as an attachment is read from
//       there; serialising it costs as much as parsing, so only on request);
//     - other parts (images, application/*) are skipped.
//   A message that is not MIME is one text part. Headers are decoded (RFC 2047 encoded
//   words, raw 8-bit bytes through the fallback charsets) and unfolded.
//
//   ParseHeaderBlock() reads a header block given as text (a returned message quoted
//   inline after "--- Below this line is a copy of the message.") the same way.
// DIAGNOSTICS
//   Only an empty input is an error (InvalidArgument "empty message"): GMime reads
//   malformed MIME as well as it can (a missing boundary makes one long part), and so
//   does this reader. Nesting deeper than 32 levels is not followed.
// THREAD SAFETY
//   GMime is initialised once, on first use; DecodeMail() may then run in several
//   threads on different inputs.
// BUGS
//   `body` keeps at most 4 MiB of text per mail: notifications are short, and a huge
//   text attachment is not worth decoding whole.
#ifndef MAILWHY_BOUNCE_MIME_READER_H_
#define MAILWHY_BOUNCE_MIME_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mailwhy {

struct MailHeader {
  std::string name;   // as written ("Content-Type")
  std::string value;  // decoded, unfolded, trimmed
};

using MailHeaders = std::vector<MailHeader>;

// The first header named `name` (case-insensitive), or "" when there is none.
std::string_view HeaderValue(const MailHeaders& headers, std::string_view name);

struct DecodedMail {
  MailHeaders headers;                       // the mail's own top-level headers
  std::string content_type;                  // top-level "multipart/report", lower case
  std::string report_type;                   // its report-type parameter, lower case
  std::string body;                          // the notification text, as described above
  std::vector<std::string> delivery_status;  // message/delivery-status parts, raw text
  std::vector<std::string> feedback_reports; // message/feedback-report parts, raw text
  std::string original;                      // header block of the returned message
  bool original_attached = false;            // it came as a MIME part
  std::string attached_message;              // that part whole (headers and body), when it
                                             // is a message/rfc822 and keep_attached was
                                             // asked for: a forwarded bounce

  std::string_view Header(std::string_view name) const { return HeaderValue(headers, name); }
};

Status DecodeMail(std::string_view bytes, DecodedMail* out, bool keep_attached = false);

// Headers of a header block written as text ("Name: value" lines, folded lines starting
// with white space), up to the first empty line. Encoded words are decoded.
MailHeaders ParseHeaderBlock(std::string_view text);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_MIME_READER_H_
