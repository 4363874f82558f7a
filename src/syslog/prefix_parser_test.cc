// NAME
//   prefix_parser_test - every prefix family on real lines, redacted pastes, and damage
// DESCRIPTION
//   Each case is a line and a one-line description of the Record it must give:
//     FORMAT YYYY-MM-DD HH:MM:SS[.uuuuuu][+HH:MM] host=H tag=T pid=P msg=M
//   with year 0000 where the stamp has none, "xx" for a redacted day and "--:--:--" for a
//   redacted clock. Lines marked [R] are real lines quoted in the project's survey of
//   Postfix log formats; [V] were produced by Postfix 3.7 on Debian 12; [I] are built
//   from the documented format.
//
//   The damage tests parse every prefix of real lines, binary junk and long lines from
//   buffers of exactly their size, and check that every view stays inside the line.
#include "syslog/prefix_parser.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace mailwhy {
namespace {

const char* FormatName(PrefixFormat f) {
  switch (f) {
    case PrefixFormat::kNone: return "none";
    case PrefixFormat::kBsd: return "bsd";
    case PrefixFormat::kRfc3339: return "rfc3339";
    case PrefixFormat::kRfc5424: return "rfc5424";
  }
  return "?";
}

std::string Describe(const Record& r) {
  const CivilStamp& s = r.stamp;
  char date[32], clock[32], frac[16] = "", zone[16] = "";
  if (s.day == 0 && s.month != 0) {
    std::snprintf(date, sizeof date, "%04d-%02d-xx", s.year, s.month);
  } else {
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", s.year, s.month, s.day);
  }
  if (s.has_clock) {
    std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", s.hour, s.minute, s.second);
  } else {
    std::snprintf(clock, sizeof clock, "--:--:--");
  }
  if (s.micros != 0) std::snprintf(frac, sizeof frac, ".%06d", s.micros);
  if (s.has_offset) {
    const int off = s.utc_offset_s < 0 ? -s.utc_offset_s : s.utc_offset_s;
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", s.utc_offset_s < 0 ? '-' : '+', off / 3600,
                  off / 60 % 60);
  }
  return std::string(FormatName(r.format)) + " " + date + " " + clock + frac + zone +
         " host=" + std::string(r.host) + " tag=" + std::string(r.tag) +
         " pid=" + std::to_string(r.pid) + " msg=" + std::string(r.message);
}

struct ParseCase {
  const char* name;
  std::string line;
  std::string want;
};

void CheckCases(const std::vector<ParseCase>& cases) {
  for (const ParseCase& c : cases) {
    Record rec;
    ParseRecord(c.line, &rec);
    const std::string got = Describe(rec);
    EXPECT_EQ(got, c.want) << c.name << "\n  line: " << c.line << "\n   got: " << got
                           << "\n  want: " << c.want;
  }
}

TEST(PrefixParserTest, BsdStamps) {
  CheckCases({
      {"[R] space-padded day",
       "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from localhost[127.0.0.1]",
       "bsd 0000-12-07 13:28:01 host=mail tag=postfix/smtpd pid=18505 msg=connect from localhost[127.0.0.1]"},
      {"[R] submission service tag",
       "Jun  3 10:40:57 mail postfix/submission/smtpd[9708]: connect from some.domain.name[1.2.3.4]",
       "bsd 0000-06-03 10:40:57 host=mail tag=postfix/submission/smtpd pid=9708 msg=connect from some.domain.name[1.2.3.4]"},
      {"seed: unpadded day",
       "Dec 5 18:38:12 tu8 postfix/smtpd[84475]: connect from unknown[192.0.2.1]",
       "bsd 0000-12-05 18:38:12 host=tu8 tag=postfix/smtpd pid=84475 msg=connect from unknown[192.0.2.1]"},
      {"[V] postlog zero-padded day",
       "Nov 05 15:31:05 vm postfix/test[10088]: hello from postlog test",
       "bsd 0000-11-05 15:31:05 host=vm tag=postfix/test pid=10088 msg=hello from postlog test"},
      {"[V] postlog instance with warning",
       "Nov 22 15:31:05 vm postfix-out/smtp[10106]: warning: second line",
       "bsd 0000-11-22 15:31:05 host=vm tag=postfix-out/smtp pid=10106 msg=warning: second line"},
      {"[I] journalctl short-precise fraction",
       "Jul 26 15:45:40.888666 host postfix/qmgr[77]: 4F2A01C3D2: removed",
       "bsd 0000-07-26 15:45:40.888666 host=host tag=postfix/qmgr pid=77 msg=4F2A01C3D2: removed"},
      {"one-digit fraction",
       "Jul 26 15:45:40.5 host postfix/qmgr[77]: x",
       "bsd 0000-07-26 15:45:40.500000 host=host tag=postfix/qmgr pid=77 msg=x"},
      {"[R] instance named by an address",
       "Sep 25 18:26:34 smtpnode16 postfix-239.58.50.50/smtpd[4546]: 23EBE3D5C0: client=h-3857624469d1756194e464[239.58.50.50]",
       "bsd 0000-09-25 18:26:34 host=smtpnode16 tag=postfix-239.58.50.50/smtpd pid=4546 msg=23EBE3D5C0: client=h-3857624469d1756194e464[239.58.50.50]"},
      {"[R] instance and service",
       "Mar 11 23:27:54 server postfix-smo/submission/smtpd[22427]: 44JCRG5tYPzCqt2: reject: BDAT from signing-milter.example.com[192.0.2.109]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> to=<some@example.com> proto=ESMTP helo=<domain.tld>",
       "bsd 0000-03-11 23:27:54 host=server tag=postfix-smo/submission/smtpd pid=22427 msg=44JCRG5tYPzCqt2: reject: BDAT from signing-milter.example.com[192.0.2.109]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> to=<some@example.com> proto=ESMTP helo=<domain.tld>"},
      {"[R] NOQUEUE reject from an instance",
       "Jan 31 13:55:24 xxx postfix-incoming/smtpd[3462]: NOQUEUE: reject: EHLO from s271272.static.corbina.ru[78.107.251.238]: 504 5.5.2 <User>: Helo command rejected: need fully-qualified hostname; proto=SMTP helo=<User>",
       "bsd 0000-01-31 13:55:24 host=xxx tag=postfix-incoming/smtpd pid=3462 msg=NOQUEUE: reject: EHLO from s271272.static.corbina.ru[78.107.251.238]: 504 5.5.2 <User>: Helo command rejected: need fully-qualified hostname; proto=SMTP helo=<User>"},
      {"[R] service with a dash and digits",
       "Feb 10 13:26:34 srv postfix/smtp-25/smtpd[123]: disconnect from unknown[192.0.2.1] helo=1 auth=0/1 quit=1 commands=2/3",
       "bsd 0000-02-10 13:26:34 host=srv tag=postfix/smtp-25/smtpd pid=123 msg=disconnect from unknown[192.0.2.1] helo=1 auth=0/1 quit=1 commands=2/3"},
      {"[R] sender-cleanup service",
       "Jun  3 10:40:57 mail postfix/sender-cleanup/cleanup[9709]: 4AA091855DA0: message-id=<ca10035e-2951-bfd5-ec7e-1a5773fce1cd@mail.sender.com>",
       "bsd 0000-06-03 10:40:57 host=mail tag=postfix/sender-cleanup/cleanup pid=9709 msg=4AA091855DA0: message-id=<ca10035e-2951-bfd5-ec7e-1a5773fce1cd@mail.sender.com>"},
      {"[R] resent-message-id",
       "Aug  4 00:03:09 yuuai postfix-in/cleanup[22656]: 40A67208A3: resent-message-id=<PbhLmifNtVG.A.mh.ZU-vVB@bendel>",
       "bsd 0000-08-04 00:03:09 host=yuuai tag=postfix-in/cleanup pid=22656 msg=40A67208A3: resent-message-id=<PbhLmifNtVG.A.mh.ZU-vVB@bendel>"},
      {"[R] smtps, IPv6 client",
       "Feb  8 21:28:47 mx postfix/smtps/smtpd[1036]: connect from unknown[2a02:168:636a::15e2]",
       "bsd 0000-02-08 21:28:47 host=mx tag=postfix/smtps/smtpd pid=1036 msg=connect from unknown[2a02:168:636a::15e2]"},
      {"program without a pid",
       "Feb  8 21:28:47 mx dovecot: imap-login: Login: user=<bob>, method=PLAIN",
       "bsd 0000-02-08 21:28:47 host=mx tag=dovecot pid=-1 msg=imap-login: Login: user=<bob>, method=PLAIN"},
      {"[I] Solaris message id skipped",
       "Dec  7 13:28:01 mail postfix/smtpd[123]: [ID 197553 mail.info] connect from localhost[127.0.0.1]",
       "bsd 0000-12-07 13:28:01 host=mail tag=postfix/smtpd pid=123 msg=connect from localhost[127.0.0.1]"},
      {"Solaris id after a tag without pid",
       "Dec  7 13:28:01 mail sendmail: [ID 801593 mail.notice] x",
       "bsd 0000-12-07 13:28:01 host=mail tag=sendmail pid=-1 msg=x"},
      {"IPv6 host",
       "Dec  7 13:28:01 2001:db8::1 postfix/smtpd[1]: x",
       "bsd 0000-12-07 13:28:01 host=2001:db8::1 tag=postfix/smtpd pid=1 msg=x"},
      {"no host, tag right after the stamp",
       "Dec  7 13:28:01 postfix/smtpd[1]: connect from a[192.0.2.1]",
       "bsd 0000-12-07 13:28:01 host= tag=postfix/smtpd pid=1 msg=connect from a[192.0.2.1]"},
      {"rsyslog line noise has no tag",
       "Dec  7 13:28:01 mail last message repeated 3 times",
       "bsd 0000-12-07 13:28:01 host=mail tag= pid=-1 msg=last message repeated 3 times"},
      {"empty message",
       "Dec  7 13:28:01 mail postfix/smtpd[1]:",
       "bsd 0000-12-07 13:28:01 host=mail tag=postfix/smtpd pid=1 msg="},
      {"lower-case month",
       "dec  7 13:28:01 mail postfix/smtpd[1]: x",
       "bsd 0000-12-07 13:28:01 host=mail tag=postfix/smtpd pid=1 msg=x"},
      {"leap second",
       "Dec 31 23:59:60 mail postfix/smtpd[1]: x",
       "bsd 0000-12-31 23:59:60 host=mail tag=postfix/smtpd pid=1 msg=x"},
      {"RFC 3164 with a priority, as sent on the wire",
       "<22>Dec  7 13:28:01 mail postfix/smtpd[1]: x",
       "bsd 0000-12-07 13:28:01 host=mail tag=postfix/smtpd pid=1 msg=x"},
  });
}

TEST(PrefixParserTest, RedactedStamps) {
  CheckCases({
      {"clock, host and pid redacted",
       "Jul 25 XX:XX:XX *** postfix/qmgr[XXXXX]: A123B45678C: from=<a@example.com>, size=1234, nrcpt=1 (queue active)",
       "bsd 0000-07-25 --:--:-- host=*** tag=postfix/qmgr pid=-1 msg=A123B45678C: from=<a@example.com>, size=1234, nrcpt=1 (queue active)"},
      {"day and clock redacted",
       "May xx xx:xx:xx xxxxxxxx postfix/smtp[8720]: 4F2A01C3D2: to=<b@example.net>, status=sent",
       "bsd 0000-05-xx --:--:-- host=xxxxxxxx tag=postfix/smtp pid=8720 msg=4F2A01C3D2: to=<b@example.net>, status=sent"},
      {"only seconds redacted",
       "Jul 25 10:11:XX mx postfix/qmgr[1]: x",
       "bsd 0000-07-25 --:--:-- host=mx tag=postfix/qmgr pid=1 msg=x"},
      {"redacted pid in lower case",
       "Jul 25 10:11:12 mx postfix/qmgr[xxxx]: x",
       "bsd 0000-07-25 10:11:12 host=mx tag=postfix/qmgr pid=-1 msg=x"},
  });
}

TEST(PrefixParserTest, Rfc3339Stamps) {
  CheckCases({
      {"[R] rsyslog high precision",
       "2023-03-14T00:08:33.579644+01:00 helga postfix/smtpd[297535]: 4PbC4x469Jz3tBr: client=mail.nistoresio.co.cz[185.31.160.120]",
       "rfc3339 2023-03-14 00:08:33.579644+01:00 host=helga tag=postfix/smtpd pid=297535 msg=4PbC4x469Jz3tBr: client=mail.nistoresio.co.cz[185.31.160.120]"},
      {"[R] Japan",
       "2020-01-30T06:26:05.404714+09:00 myhost postfix/smtpd[5329]: 62CAD4E861: client=foo.example.net[123.127.123.123]",
       "rfc3339 2020-01-30 06:26:05.404714+09:00 host=myhost tag=postfix/smtpd pid=5329 msg=62CAD4E861: client=foo.example.net[123.127.123.123]"},
      {"[R] numeric service",
       "2023-03-14T00:08:35.917122+01:00 helga postfix/10025/smtpd[302614]: 4PbC4z6W5Qz3tG3: client=localhost[127.0.0.1]",
       "rfc3339 2023-03-14 00:08:35.917122+01:00 host=helga tag=postfix/10025/smtpd pid=302614 msg=4PbC4z6W5Qz3tG3: client=localhost[127.0.0.1]"},
      {"[R] nested parentheses in the message",
       "2023-03-14T00:08:35.948047+01:00 helga postfix/amavis/smtp[302609]: 4PbC4x469Jz3tBr: to=<user01.test@uhu-banane.net>, orig_to=<frank@brehm-berlin.de>, relay=127.0.0.1[127.0.0.1]:10024, delay=2.4, delays=0.29/0.02/0.01/2.1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 4PbC4z6W5Qz3tG3)",
       "rfc3339 2023-03-14 00:08:35.948047+01:00 host=helga tag=postfix/amavis/smtp pid=302609 msg=4PbC4x469Jz3tBr: to=<user01.test@uhu-banane.net>, orig_to=<frank@brehm-berlin.de>, relay=127.0.0.1[127.0.0.1]:10024, delay=2.4, delays=0.29/0.02/0.01/2.1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 4PbC4z6W5Qz3tG3)"},
      {"[I] UTC with +00:00 (the shape reported in alaveteli#9118)",
       "2026-02-09T00:00:02.511648+00:00 web1 postfix/pickup[123]: 1A2B3C: uid=33 from=<www-data>",
       "rfc3339 2026-02-09 00:00:02.511648+00:00 host=web1 tag=postfix/pickup pid=123 msg=1A2B3C: uid=33 from=<www-data>"},
      {"[I] journalctl short-iso, offset without colon",
       "2023-09-08T17:20:30+0200 host postfix/smtp[20911]: 4F2A01C3D2: to=<b@example.net>",
       "rfc3339 2023-09-08 17:20:30+02:00 host=host tag=postfix/smtp pid=20911 msg=4F2A01C3D2: to=<b@example.net>"},
      {"[I] journalctl short-iso-precise",
       "2023-09-08T17:20:30.655028+0200 host postfix/smtp[20911]: x",
       "rfc3339 2023-09-08 17:20:30.655028+02:00 host=host tag=postfix/smtp pid=20911 msg=x"},
      {"Z and nanoseconds",
       "2024-01-02T03:04:05.123456789Z host postfix/smtp[1]: x",
       "rfc3339 2024-01-02 03:04:05.123456+00:00 host=host tag=postfix/smtp pid=1 msg=x"},
      {"one fraction digit, negative offset",
       "2024-01-02T03:04:05.1-05:00 host postfix/smtp[1]: x",
       "rfc3339 2024-01-02 03:04:05.100000-05:00 host=host tag=postfix/smtp pid=1 msg=x"},
      {"space instead of T",
       "2024-01-02 03:04:05+09:00 host postfix/smtp[1]: x",
       "rfc3339 2024-01-02 03:04:05+09:00 host=host tag=postfix/smtp pid=1 msg=x"},
      {"no offset: local time",
       "2024-01-02 03:04:05 host postfix/smtp[1]: x",
       "rfc3339 2024-01-02 03:04:05 host=host tag=postfix/smtp pid=1 msg=x"},
  });
}

TEST(PrefixParserTest, Rfc5424) {
  CheckCases({
      {"[R] rsyslog cut the tag at the slash; MSG starts with a space",
       "<22>1 2011-03-03T15:27:06+01:00 debian507x64 postfix 2454 - -  daemon started -- version 2.5.5, configuration /etc/postfix",
       "rfc5424 2011-03-03 15:27:06+01:00 host=debian507x64 tag=postfix pid=2454 msg=daemon started -- version 2.5.5, configuration /etc/postfix"},
      {"full tag, structured data",
       "<22>1 2023-03-14T00:08:33.579644Z mx postfix/smtpd 297535 - [meta sequenceId=\"1\"][origin ip=\"192.0.2.1\"] connect from a[192.0.2.1]",
       "rfc5424 2023-03-14 00:08:33.579644+00:00 host=mx tag=postfix/smtpd pid=297535 msg=connect from a[192.0.2.1]"},
      {"escaped bracket and quote inside structured data",
       "<19>1 2023-03-14T00:08:33Z mx postfix/smtp 7 ID47 [x a=\"b\\]c\" d=\"]\"] msg",
       "rfc5424 2023-03-14 00:08:33+00:00 host=mx tag=postfix/smtp pid=7 msg=msg"},
      {"nil procid, app and host",
       "<22>1 2023-03-14T00:08:33+01:00 - - - - - hello",
       "rfc5424 2023-03-14 00:08:33+01:00 host= tag= pid=-1 msg=hello"},
      {"nil timestamp",
       "<22>1 - mx postfix/qmgr 5 - - 4F2A01C3D2: removed",
       "rfc5424 0000-00-00 --:--:-- host=mx tag=postfix/qmgr pid=5 msg=4F2A01C3D2: removed"},
      {"byte order mark before the message",
       "<22>1 2023-03-14T00:08:33+01:00 mx postfix/qmgr 5 - - \xEF\xBB\xBF" "4F2A01C3D2: removed",
       "rfc5424 2023-03-14 00:08:33+01:00 host=mx tag=postfix/qmgr pid=5 msg=4F2A01C3D2: removed"},
      {"no message at all",
       "<22>1 2023-03-14T00:08:33+01:00 mx postfix/qmgr 5 - -",
       "rfc5424 2023-03-14 00:08:33+01:00 host=mx tag=postfix/qmgr pid=5 msg="},
      {"non-numeric procid",
       "<22>1 2023-03-14T00:08:33+01:00 mx app worker-3 - - x",
       "rfc5424 2023-03-14 00:08:33+01:00 host=mx tag=app pid=-1 msg=x"},
  });
}

TEST(PrefixParserTest, DockerStampBeforeAnotherPrefix) {
  CheckCases({
      {"[I] docker logs -t before a postlog line",
       "2024-11-22T15:31:05.123456789Z Nov 22 15:31:05 mail postfix/smtp[10106]: warning: x",
       "bsd 0000-11-22 15:31:05 host=mail tag=postfix/smtp pid=10106 msg=warning: x"},
      {"docker stamp before an RFC 3339 line",
       "2024-11-22T15:31:05.123456789Z 2024-11-22T16:31:05+01:00 mail postfix/smtp[1]: x",
       "rfc3339 2024-11-22 16:31:05+01:00 host=mail tag=postfix/smtp pid=1 msg=x"},
      {"docker stamp before RFC 5424",
       "2024-11-22T15:31:05Z <22>1 2024-11-22T16:31:05+01:00 mail postfix/smtp 1 - - x",
       "rfc5424 2024-11-22 16:31:05+01:00 host=mail tag=postfix/smtp pid=1 msg=x"},
      {"docker stamp before plain text keeps the outer stamp",
       "2024-11-22T15:31:05.5Z postfix/master[1]: daemon started",
       "rfc3339 2024-11-22 15:31:05.500000+00:00 host= tag=postfix/master pid=1 msg=daemon started"},
  });
}

TEST(PrefixParserTest, LinesWithoutAPrefixAreMessagesOnly) {
  CheckCases({
      {"grok test data: QID first",
       "4PbC4x469Jz3tBr: client=mail.nistoresio.co.cz[185.31.160.120]",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=4PbC4x469Jz3tBr: client=mail.nistoresio.co.cz[185.31.160.120]"},
      {"warning first",
       "warning: hostname foo does not resolve to address 192.0.2.1",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=warning: hostname foo does not resolve to address 192.0.2.1"},
      {"NOQUEUE first",
       "NOQUEUE: reject: RCPT from a[192.0.2.1]: 554 5.7.1",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=NOQUEUE: reject: RCPT from a[192.0.2.1]: 554 5.7.1"},
      {"pasted tag and pid without a stamp",
       "postfix/smtp[8720]: 4F2A01C3D2: to=<b@example.net>, status=sent",
       "none 0000-00-00 --:--:-- host= tag=postfix/smtp pid=8720 msg=4F2A01C3D2: to=<b@example.net>, status=sent"},
      {"empty line", "", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg="},
      {"a word that starts like a month", "January report",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=January report"},
      {"a number that starts like a year", "2023 was a year",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=2023 was a year"},
      {"truncated BSD stamp", "Dec  7 13:2", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=Dec  7 13:2"},
      {"truncated RFC 3339 stamp", "2023-03-14T00:08", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=2023-03-14T00:08"},
      {"bad day", "Dec 32 13:28:01 mail x: y", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=Dec 32 13:28:01 mail x: y"},
      {"bad hour", "Dec  7 25:28:01 mail x: y", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=Dec  7 25:28:01 mail x: y"},
      {"bad month", "2023-13-14T00:08:33Z mail x: y",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=2023-13-14T00:08:33Z mail x: y"},
      {"stamp glued to text", "Dec  7 13:28:01mail x: y",
       "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=Dec  7 13:28:01mail x: y"},
      {"priority only", "<22>", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=<22>"},
  });
}

TEST(PrefixParserTest, TruncatedPrefixesKeepWhatWasThere) {
  CheckCases({
      {"stamp only", "Dec  7 13:28:01", "bsd 0000-12-07 13:28:01 host= tag= pid=-1 msg="},
      {"stamp and host", "Dec  7 13:28:01 mail", "bsd 0000-12-07 13:28:01 host=mail tag= pid=-1 msg="},
      {"tag cut in its pid", "Dec  7 13:28:01 mail postfix/smtpd[123",
       "bsd 0000-12-07 13:28:01 host=mail tag= pid=-1 msg=postfix/smtpd[123"},
      {"tag without the space after the colon", "Dec  7 13:28:01 mail postfix/smtpd[123]:x",
       "bsd 0000-12-07 13:28:01 host=mail tag= pid=-1 msg=postfix/smtpd[123]:x"},
      {"RFC 5424 cut after the host", "<22>1 2023-03-14T00:08:33+01:00 mx",
       "rfc5424 2023-03-14 00:08:33+01:00 host=mx tag= pid=-1 msg="},
  });
}

// Every view of the record must lie inside the line.
void ExpectViewsInside(std::string_view line, const Record& rec, const std::string& what) {
  for (std::string_view v : {rec.host, rec.tag, rec.message}) {
    if (v.empty()) continue;
    ASSERT_GE(v.data(), line.data()) << what;
    ASSERT_LE(v.data() + v.size(), line.data() + line.size()) << what;
  }
}

// ParseExact - parses from a heap buffer of exactly the line's size, so a read past its
// end is a read past the allocation (caught under -DMAILWHY_SANITIZE=ON).
void ParseExact(const std::string& text, const std::string& what) {
  std::unique_ptr<char[]> exact(new char[text.size() ? text.size() : 1]);
  text.copy(exact.get(), text.size());
  std::string_view line(exact.get(), text.size());
  Record rec;
  ParseRecord(line, &rec);
  ExpectViewsInside(line, rec, what);
}

// The tag's end is searched eight bytes at a time: tags of every length, with the byte
// that ends them at every position of a word and of the tail.
TEST(PrefixParserTest, TagsOfEveryLengthEndWhereTheyShould) {
  // Up to 40 bytes: stops in the first and second sixteen-byte block and in the tail.
  const std::string source = "postfix-out/submission/smtpd.x-relay.abc";
  for (size_t n = 1; n <= source.size(); ++n) {
    const std::string tag = source.substr(0, n);
    const std::string head = "Dec  7 13:28:01 host ";
    CheckCases({
        {"tag[pid]", head + tag + "[42]: msg", "bsd 0000-12-07 13:28:01 host=host tag=" + tag + " pid=42 msg=msg"},
        {"tag:", head + tag + ": msg", "bsd 0000-12-07 13:28:01 host=host tag=" + tag + " pid=-1 msg=msg"},
        {"tag: at the end", head + tag + ":", "bsd 0000-12-07 13:28:01 host=host tag=" + tag + " pid=-1 msg="},
        {"colon inside", head + tag + ":x[7]: msg",
         "bsd 0000-12-07 13:28:01 host=host tag=" + tag + ":x pid=7 msg=msg"},
        {"space before a pid", head + tag + " w[42]: msg",
         "bsd 0000-12-07 13:28:01 host=host tag= pid=-1 msg=" + tag + " w[42]: msg"},
        {"no prefix", tag + "[42]: msg", "none 0000-00-00 --:--:-- host= tag=" + tag + " pid=42 msg=msg"},
        {"no prefix, no pid", tag + ": msg", "none 0000-00-00 --:--:-- host= tag= pid=-1 msg=" + tag + ": msg"},
        {"pid of ten digits", head + tag + "[1234567890]: m",
         "bsd 0000-12-07 13:28:01 host=host tag=" + tag + " pid=1234567890 msg=m"},
        {"pid of eleven digits", head + tag + "[12345678901]: m",
         "bsd 0000-12-07 13:28:01 host=host tag= pid=-1 msg=" + tag + "[12345678901]: m"},
    });
  }
}

TEST(PrefixParserTest, EveryTruncationOfRealLinesIsSafe) {
  const std::string lines[] = {
      "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from localhost[127.0.0.1]",
      "Dec 5 18:38:12 tu8 postfix/smtpd[84475]: x",
      "Jul 26 15:45:40.888666 host postfix/qmgr[77]: 4F2A01C3D2: removed",
      "Jul 25 XX:XX:XX *** postfix/qmgr[XXXXX]: A123B45678C: from=<a@example.com>",
      "May xx xx:xx:xx xxxxxxxx postfix/smtp[8720]: x",
      "2023-03-14T00:08:33.579644+01:00 helga postfix/smtpd[297535]: 4PbC4x469Jz3tBr: client=x",
      "2023-09-08T17:20:30.655028+0200 host postfix/smtp[20911]: x",
      "<22>1 2011-03-03T15:27:06+01:00 debian507x64 postfix 2454 - [a b=\"\\]\"] msg",
      "2024-11-22T15:31:05.123456789Z Nov 22 15:31:05 mail postfix/smtp[10106]: x",
      "Dec  7 13:28:01 mail postfix/smtpd[123]: [ID 197553 mail.info] connect",
  };
  for (const std::string& line : lines) {
    for (size_t n = 0; n <= line.size(); ++n) ParseExact(line.substr(0, n), line.substr(0, n));
  }
}

// A memo of the previous line's stamp changes nothing: each line parses to the same
// Record as on its own, whatever came before it (same second, same bytes cut short, a
// fraction, another family, a redacted stamp, a stamp with nothing after it).
TEST(PrefixParserTest, AStampMemoGivesTheSameRecordAsNone) {
  const std::string lines[] = {
      "Dec  7 13:28:01 mail postfix/smtpd[18505]: connect from localhost[127.0.0.1]",
      "Dec  7 13:28:01 mail postfix/smtpd[18505]: disconnect from localhost[127.0.0.1]",
      "Dec  7 13:28:01 other postfix/qmgr[77]: 4F2A01C3D2: removed",
      "Dec  7 13:28:01",
      "Dec  7 13:28:01 ",
      "Dec  7 13:28:012 mail postfix/smtpd[1]: x",
      "Dec  7 13:28:02 mail postfix/smtpd[1]: x",
      "Dec  7 14:28:02 mail postfix/smtpd[1]: x",  // only the hour differs
      "Dec  8 14:28:02 mail postfix/smtpd[1]: x",  // and then the day
      "Dec 7 13:28:02 mail postfix/smtpd[1]: x",
      "Jul 26 15:45:40.888666 host postfix/qmgr[77]: 4F2A01C3D2: removed",
      "Jul 26 15:45:40.888667 host postfix/qmgr[77]: 4F2A01C3D2: removed",
      "Jul 26 15:45:40 host postfix/qmgr[77]: 4F2A01C3D2: removed",
      "Jul 25 XX:XX:XX *** postfix/qmgr[XXXXX]: A123B45678C: from=<a@example.com>",
      "Jul 25 XX:XX:XX *** postfix/qmgr[XXXXX]: A123B45678C: removed",
      "2023-03-14T00:08:33.579644+01:00 helga postfix/smtpd[297535]: 4PbC4x469Jz3tBr: client=x",
      "2024-11-22T15:31:05.123456789Z Nov 22 15:31:05 mail postfix/smtp[10106]: x",
      "Nov 22 15:31:05 mail postfix/smtp[10106]: y",
      "Dec  7 13:28:01 mail postfix/smtpd[123]: [ID 197553 mail.info] connect",
      "postfix/smtpd[1]: no stamp",
  };
  StampMemo memo;
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& line : lines) {
      // Each line whole and cut at every length, after the memo saw the previous one.
      for (size_t n = pass == 0 ? line.size() : 0; n <= line.size(); ++n) {
        const std::string cut = line.substr(0, n);
        Record plain, memoized;
        ParseRecord(cut, &plain);
        ParseRecord(cut, &memoized, &memo);
        ASSERT_EQ(Describe(memoized), Describe(plain)) << "'" << cut << "'";
        const CivilStamp &a = memoized.stamp, &b = plain.stamp;
        ASSERT_TRUE(a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour &&
                    a.minute == b.minute && a.second == b.second && a.micros == b.micros &&
                    a.has_clock == b.has_clock && a.has_offset == b.has_offset &&
                    a.utc_offset_s == b.utc_offset_s)
            << "'" << cut << "'";
        ParseRecord(line, &memoized, &memo);
      }
    }
  }
}

TEST(PrefixParserTest, BinaryJunkAndLongLinesAreSafe) {
  unsigned x = 99;
  auto next = [&x]() {
    x = x * 1664525 + 1013904223;
    return static_cast<char>(x >> 24);
  };
  // Junk that starts like each prefix family, so the parsers get past their first test.
  const std::string starts[] = {"", "Dec  7 ", "Dec  7 13:28:01 ", "2023-03-14T00:08:33", "<22>1 ",
                                "<22>1 2023-03-14T00:08:33Z ", "2024-11-22T15:31:05Z Nov 22 "};
  for (const std::string& start : starts) {
    for (int i = 0; i < 2000; ++i) {
      std::string line = start;
      const int len = i % 97;
      for (int j = 0; j < len; ++j) line += next();
      ParseExact(line, "junk after \"" + start + "\"");
    }
  }
  ParseExact("Dec  7 13:28:01 mail postfix/smtpd[1]: " + std::string(2000, 'a'), "long message");
  ParseExact("Dec  7 13:28:01 " + std::string(2000, 'h'), "long host");
  ParseExact("Dec  7 13:28:01 mail " + std::string(2000, '/'), "long tag");
  ParseExact("Dec  7 13:28:01 mail t[" + std::string(2000, '9') + "]: x", "long pid");
  ParseExact("<22>1 2023-03-14T00:08:33Z h a 1 - [" + std::string(2000, '\\'), "escapes to the end");
  ParseExact(std::string(2000, '\0'), "NUL bytes");
}

}  // namespace
}  // namespace mailwhy
