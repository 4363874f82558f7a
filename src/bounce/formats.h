// NAME
//   formats - the bounce format readers, one per MTA or provider family, and their order
// SYNOPSIS
//   for (const FormatReader& f : FormatReaders()) {
//     if (f.read(mail, &report)) { report.family = f.family; break; }
//   }
// DESCRIPTION
//   Every error-mail format has its own reader in its own file (lhost_postfix.cc,
//   lhost_sendmail.cc, lhost_qmail.cc, ...), after Sisimai's design: the same entry point
//   everywhere, `bool ReadX(const DecodedMail& mail, BounceReport* out)`, which first
//   checks cheaply whether the mail is its format (From, Subject, a marker phrase) and
//   returns false without touching *out when it is not. When it is, it fills
//   out->records (one per recipient, in the mail's order) with what the mail says, and
//   may fill out->original when the returned message is quoted inline. It never
//   classifies: reasons come later, from the knowledge base.
//
//   The marker phrases each reader looks for are data at the top of its file, with the
//   mail they were seen in. Many come from the sample mails of Sisimai's set-of-emails
//   and from Sisimai's format modules (BSD-2-Clause, (c) azumakuniyuki), whose phrase
//   lists are reused with attribution; the code is this project's own.
//
//   FormatReaders() lists the readers in the order they are tried: provider and MTA
//   formats with unmistakable markers first, then the generic RFC 3464 reader (any
//   multipart/report with message/delivery-status), then ARF feedback reports (RFC 5965),
//   then automatic replies (RFC 3834), which come last because bounces often carry
//   "Auto-Submitted: auto-replied" too.
#ifndef MAILWHY_BOUNCE_FORMATS_H_
#define MAILWHY_BOUNCE_FORMATS_H_

#include <string_view>
#include <vector>

#include "bounce/bounce_record.h"
#include "bounce/mime_reader.h"

namespace mailwhy {

using FormatReadFn = bool (*)(const DecodedMail& mail, BounceReport* out);

struct FormatReader {
  std::string_view family;
  FormatReadFn read;
};

const std::vector<FormatReader>& FormatReaders();

// The entry points, one per file.
bool ReadActivehunter(const DecodedMail& mail, BounceReport* out);
bool ReadAmazonSes(const DecodedMail& mail, BounceReport* out);
bool ReadApacheJames(const DecodedMail& mail, BounceReport* out);
bool ReadArf(const DecodedMail& mail, BounceReport* out);
bool ReadBiglobe(const DecodedMail& mail, BounceReport* out);
bool ReadDomino(const DecodedMail& mail, BounceReport* out);
bool ReadDragonFly(const DecodedMail& mail, BounceReport* out);
bool ReadEinsUndEins(const DecodedMail& mail, BounceReport* out);
bool ReadExchange2003(const DecodedMail& mail, BounceReport* out);
bool ReadExchange2007(const DecodedMail& mail, BounceReport* out);
bool ReadExim(const DecodedMail& mail, BounceReport* out);
bool ReadEzweb(const DecodedMail& mail, BounceReport* out);
bool ReadFml(const DecodedMail& mail, BounceReport* out);
bool ReadGmail(const DecodedMail& mail, BounceReport* out);
bool ReadGmx(const DecodedMail& mail, BounceReport* out);
bool ReadGoogleGroups(const DecodedMail& mail, BounceReport* out);
bool ReadImailServer(const DecodedMail& mail, BounceReport* out);
bool ReadKddi(const DecodedMail& mail, BounceReport* out);
bool ReadMailFoundry(const DecodedMail& mail, BounceReport* out);
bool ReadMailMarshal(const DecodedMail& mail, BounceReport* out);
bool ReadMfilter(const DecodedMail& mail, BounceReport* out);
bool ReadMimecast(const DecodedMail& mail, BounceReport* out);
bool ReadNotes(const DecodedMail& mail, BounceReport* out);
bool ReadOpenSmtpd(const DecodedMail& mail, BounceReport* out);
bool ReadPostfix(const DecodedMail& mail, BounceReport* out);
bool ReadQmail(const DecodedMail& mail, BounceReport* out);
bool ReadRfc3464(const DecodedMail& mail, BounceReport* out);
bool ReadRfc3834(const DecodedMail& mail, BounceReport* out);
bool ReadSendmail(const DecodedMail& mail, BounceReport* out);
bool ReadTrendMicro(const DecodedMail& mail, BounceReport* out);
bool ReadV5Sendmail(const DecodedMail& mail, BounceReport* out);
bool ReadVerizon(const DecodedMail& mail, BounceReport* out);
bool ReadX1(const DecodedMail& mail, BounceReport* out);
bool ReadX2(const DecodedMail& mail, BounceReport* out);
bool ReadX3(const DecodedMail& mail, BounceReport* out);
bool ReadX6(const DecodedMail& mail, BounceReport* out);
bool ReadYahoo(const DecodedMail& mail, BounceReport* out);
bool ReadZoho(const DecodedMail& mail, BounceReport* out);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_FORMATS_H_
