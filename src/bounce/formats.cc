// formats - the order in which format readers are tried (see formats.h).
//
// Specific formats first: each checks its own markers and declines mail that is not
// its own. Postfix and Sendmail come early because most mail servers run one of them;
// formats that copy another's layout (Yahoo's and qmail's "failure notice") come before
// the one they copy. The generic RFC 3464 reader follows, then feedback reports, and
// automatic replies last.
#include "bounce/formats.h"

namespace mailwhy {

const std::vector<FormatReader>& FormatReaders() {
  static const std::vector<FormatReader> kReaders = {
      {"arf", ReadArf},
      {"amazonses", ReadAmazonSes},
      {"zoho", ReadZoho},
      {"activehunter", ReadActivehunter},
      {"biglobe", ReadBiglobe},
      {"postfix", ReadPostfix},
      {"sendmail", ReadSendmail},
      {"exchange2007", ReadExchange2007},
      {"dragonfly", ReadDragonFly},
      {"opensmtpd", ReadOpenSmtpd},
      {"gmail", ReadGmail},
      {"googlegroups", ReadGoogleGroups},
      {"yahoo", ReadYahoo},
      {"gmx", ReadGmx},
      {"einsundeins", ReadEinsUndEins},
      {"kddi", ReadKddi},
      {"ezweb", ReadEzweb},
      {"mfilter", ReadMfilter},
      {"trendmicro", ReadTrendMicro},
      {"notes", ReadNotes},
      {"domino", ReadDomino},
      {"exchange2003", ReadExchange2003},
      {"imailserver", ReadImailServer},
      {"mailfoundry", ReadMailFoundry},
      {"mailmarshal", ReadMailMarshal},
      {"mimecast", ReadMimecast},
      {"apachejames", ReadApacheJames},
      {"verizon", ReadVerizon},
      {"fml", ReadFml},
      {"x1", ReadX1},
      {"x2", ReadX2},
      {"x3", ReadX3},
      {"x6", ReadX6},
      {"exim", ReadExim},
      {"qmail", ReadQmail},
      {"v5sendmail", ReadV5Sendmail},
      {"rfc3464", ReadRfc3464},
      {"rfc3834", ReadRfc3834},
  };
  return kReaders;
}

}  // namespace mailwhy
