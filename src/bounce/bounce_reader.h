// NAME
//   bounce_reader - one mail in, the notification's records out (or "not a bounce")
// SYNOPSIS
//   BounceReport report;
//   Status s = ReadBounce(bytes, &report);
//   if (s.code() == Status::Code::kNotFound) { /* not a bounce */ }
// DESCRIPTION
//   ReadBounce() decodes the mail (mime_reader.h) and offers it to the format readers in
//   order (formats.h); the first that recognises its format and finds at least one
//   recipient wins and names the family. Then the records are completed the same way
//   for every format:
//     - the diagnostic's white space is squeezed (continuation lines joined);
//     - a missing reply code, status or command is taken from the diagnostic
//       (smtp_clues.h); the code in the remote server's reply ("550 5.7.1 IP address
//       blacklisted") wins over the Status field ("5.1.1") when the reply code agrees
//       with it and the field has the same class, only a class ("5.0.0"), or class 4
//       beside "Action: failed";
//     - the returned message's Message-ID, Subject, Date, From and To are read from the
//       attached message or its quoted headers, and the notification's own Subject, From
//       and Date are kept.
//   ReadDecodedBounce() does the same for a mail already decoded.
// DIAGNOSTICS
//   NotFound "not a bounce: ..." when no reader recognises the mail (saying what it
//   looked like: a multipart/report without recipients, or an ordinary message);
//   InvalidArgument "empty message" for empty input.
#ifndef MAILWHY_BOUNCE_BOUNCE_READER_H_
#define MAILWHY_BOUNCE_BOUNCE_READER_H_

#include <string_view>

#include "bounce/bounce_record.h"
#include "bounce/mime_reader.h"
#include "util/status.h"

namespace mailwhy {

Status ReadBounce(std::string_view bytes, BounceReport* out);
Status ReadDecodedBounce(const DecodedMail& mail, BounceReport* out);

// The completion steps above, for readers' tests.
void CompleteRecord(BounceRecord* r);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_BOUNCE_READER_H_
