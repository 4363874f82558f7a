// NAME
//   report_test_log - a small Postfix log whose every count is known, for the report's tests
// DESCRIPTION
//   kReportMixLog holds one of each thing `mailwhy report` must count right (BSD stamps:
//   read it with --year 2022). Its messages, by queue ID:
//     5A0000001  pickup (uid 48, "apache"), deferred Dec 4 and Dec 5, expired, notice 5C0000003
//     1A0000001  smtpd -> content filter; returned as 1B0000002 through "postfix/smtpd"
//     2A0000001  smtpd, 2 recipients -> content filter; returned as 2B0000002 through
//                "postfix/10025/smtpd"
//     3A0000001  submission (SASL): frank@gmail.com sent, grace@gmail.com bounced 5.1.1;
//                notice 3C0000003 delivered by virtual
//     4A0000001  pickup: greylisted twice, sent an hour later (delivered late)
//     NOQUEUE    two unknown users (smtpd), one Spamhaus listing (postscreen), one
//                reject_warning (no PTR)
//     6A0000001  smtpd: one recipient refused at RCPT, a header warning, the other delivered
//     7A0000001  header_checks reject; 7B0000002 milter-reject (both after client=)
//     8A0000001  held by header_checks; 8B0000002 discarded by header_checks
//     9A0000001  client left after DATA began (aborted)
//     AA0000001  local alias: "forwarded as" AB0000002, which is relayed out
//     BA0000001  deferred (mailbox full) and still queued at the end
//
//   Expected (mailwhy): received 10, delivered 9, forwarded 1, deferred 3 (5 deferrals),
//   bounced 1, expired 1, rejected 6, reject warnings 2, held 1, discarded 1, bytes
//   received 14300, bytes delivered 22100, senders 6, sending domains 4, recipients 7,
//   recipient domains 4, aborted 1, refused 2, reinjected 2, filter deliveries 3 (5000
//   bytes), still deferred 1.
//
//   pflogsumm 1.1.5 on the same log: received 14 (+ aborted, refused, and the return
//   trip logged as postfix/smtpd), delivered 12 (+ the three filter deliveries), bytes
//   received 15800 (+ the 1500-byte return trip), bytes delivered 27100 (+ 5000); every
//   other total the same.
#ifndef MAILWHY_REPORT_REPORT_TEST_LOG_H_
#define MAILWHY_REPORT_REPORT_TEST_LOG_H_

namespace mailwhy {

inline constexpr const char* kReportMixLog = R"LOG(Dec  4 08:00:00 mx postfix/pickup[130]: 5A0000001: uid=48 from=<apache>
Dec  4 08:00:00 mx postfix/cleanup[101]: 5A0000001: message-id=<m5@example.com>
Dec  4 08:00:00 mx postfix/qmgr[50]: 5A0000001: from=<apache@example.com>, size=600, nrcpt=1 (queue active)
Dec  4 08:00:30 mx postfix/smtp[140]: 5A0000001: to=<jack@slow.example>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.slow.example[203.0.113.40]:25: Connection timed out)
Dec  5 10:00:00 mx postfix/smtpd[100]: connect from mail.sender.example[192.0.2.10]
Dec  5 10:00:01 mx postfix/smtpd[100]: 1A0000001: client=mail.sender.example[192.0.2.10]
Dec  5 10:00:01 mx postfix/cleanup[101]: 1A0000001: message-id=<m1@sender.example>
Dec  5 10:00:01 mx postfix/qmgr[50]: 1A0000001: from=<alice@Sender.Example>, size=1000, nrcpt=1 (queue active)
Dec  5 10:00:01 mx postfix/smtpd[100]: disconnect from mail.sender.example[192.0.2.10] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5
Dec  5 10:00:02 mx postfix/smtpd[102]: connect from localhost[127.0.0.1]
Dec  5 10:00:02 mx postfix/smtpd[102]: 1B0000002: client=localhost[127.0.0.1]
Dec  5 10:00:02 mx postfix/cleanup[101]: 1B0000002: message-id=<m1@sender.example>
Dec  5 10:00:02 mx postfix/smtpd[102]: disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5
Dec  5 10:00:02 mx postfix/qmgr[50]: 1B0000002: from=<alice@Sender.Example>, size=1500, nrcpt=1 (queue active)
Dec  5 10:00:02 mx postfix/smtp[103]: 1A0000001: to=<bob@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.2, delays=0.1/0/0/1.1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 1B0000002)
Dec  5 10:00:02 mx postfix/qmgr[50]: 1A0000001: removed
Dec  5 10:00:03 mx postfix/lmtp[104]: 1B0000002: to=<bob@example.com>, relay=mx.example.com[private/dovecot-lmtp], delay=0.5, delays=0.1/0/0/0.4, dsn=2.0.0, status=sent (250 2.0.0 <bob@example.com> Saved)
Dec  5 10:00:03 mx postfix/qmgr[50]: 1B0000002: removed
Dec  5 11:00:00 mx postfix/smtpd[110]: connect from mail.other.example[192.0.2.20]
Dec  5 11:00:00 mx postfix/smtpd[110]: 2A0000001: client=mail.other.example[192.0.2.20]
Dec  5 11:00:00 mx postfix/cleanup[101]: 2A0000001: message-id=<m2@other.example>
Dec  5 11:00:00 mx postfix/qmgr[50]: 2A0000001: from=<carol@other.example>, size=2000, nrcpt=2 (queue active)
Dec  5 11:00:00 mx postfix/smtpd[110]: disconnect from mail.other.example[192.0.2.20] ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6
Dec  5 11:00:01 mx postfix/10025/smtpd[112]: connect from localhost[127.0.0.1]
Dec  5 11:00:01 mx postfix/10025/smtpd[112]: 2B0000002: client=localhost[127.0.0.1]
Dec  5 11:00:01 mx postfix/cleanup[101]: 2B0000002: message-id=<m2@other.example>
Dec  5 11:00:01 mx postfix/10025/smtpd[112]: disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6
Dec  5 11:00:01 mx postfix/qmgr[50]: 2B0000002: from=<carol@other.example>, size=2400, nrcpt=2 (queue active)
Dec  5 11:00:01 mx postfix/smtp[113]: 2A0000001: to=<bob@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, delays=0.1/0/0/0.9, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 2B0000002)
Dec  5 11:00:01 mx postfix/smtp[113]: 2A0000001: to=<dave@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, delays=0.1/0/0/0.9, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 2B0000002)
Dec  5 11:00:01 mx postfix/qmgr[50]: 2A0000001: removed
Dec  5 11:00:02 mx postfix/lmtp[104]: 2B0000002: to=<bob@example.com>, relay=mx.example.com[private/dovecot-lmtp], delay=0.4, delays=0.1/0/0/0.3, dsn=2.0.0, status=sent (250 2.0.0 <bob@example.com> Saved)
Dec  5 11:00:02 mx postfix/lmtp[104]: 2B0000002: to=<dave@example.com>, relay=mx.example.com[private/dovecot-lmtp], delay=0.6, delays=0.1/0/0/0.5, dsn=2.0.0, status=sent (250 2.0.0 <dave@example.com> Saved)
Dec  5 11:00:02 mx postfix/qmgr[50]: 2B0000002: removed
Dec  5 12:00:00 mx postfix/submission/smtpd[120]: connect from client.example.com[198.51.100.7]
Dec  5 12:00:01 mx postfix/submission/smtpd[120]: 3A0000001: client=client.example.com[198.51.100.7], sasl_method=PLAIN, sasl_username=erin@example.com
Dec  5 12:00:01 mx postfix/cleanup[101]: 3A0000001: message-id=<m3@example.com>
Dec  5 12:00:01 mx postfix/qmgr[50]: 3A0000001: from=<erin@example.com>, size=3000, nrcpt=2 (queue active)
Dec  5 12:00:01 mx postfix/submission/smtpd[120]: disconnect from client.example.com[198.51.100.7] ehlo=1 auth=1 mail=1 rcpt=2 data=1 quit=1 commands=7
Dec  5 12:00:03 mx postfix/smtp[121]: 3A0000001: to=<frank@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.157.27]:25, delay=2, delays=0.1/0/0.9/1, dsn=2.0.0, status=sent (250 2.0.0 OK  1670241603 x1si1 - gsmtp)
Dec  5 12:00:03 mx postfix/smtp[121]: 3A0000001: to=<grace@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.157.27]:25, delay=2, delays=0.1/0/0.9/1, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[142.250.157.27] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. Learn more at 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser x1si2 - gsmtp (in reply to RCPT TO command))
Dec  5 12:00:03 mx postfix/cleanup[101]: 3C0000003: message-id=<20221205120003.3C0000003@mx.example.com>
Dec  5 12:00:03 mx postfix/bounce[122]: 3A0000001: sender non-delivery notification: 3C0000003
Dec  5 12:00:03 mx postfix/qmgr[50]: 3C0000003: from=<>, size=4000, nrcpt=1 (queue active)
Dec  5 12:00:03 mx postfix/qmgr[50]: 3A0000001: removed
Dec  5 12:00:04 mx postfix/virtual[123]: 3C0000003: to=<erin@example.com>, relay=virtual, delay=0.01, delays=0/0/0/0.01, dsn=2.0.0, status=sent (delivered to maildir)
Dec  5 12:00:04 mx postfix/qmgr[50]: 3C0000003: removed
Dec  5 13:00:00 mx postfix/pickup[130]: 4A0000001: uid=1000 from=<henry@example.com>
Dec  5 13:00:00 mx postfix/cleanup[101]: 4A0000001: message-id=<m4@example.com>
Dec  5 13:00:00 mx postfix/qmgr[50]: 4A0000001: from=<henry@example.com>, size=5000, nrcpt=1 (queue active)
Dec  5 13:00:01 mx postfix/smtp[131]: 4A0000001: to=<ivy@example.net>, relay=mx.example.net[203.0.113.30]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.1, status=deferred (host mx.example.net[203.0.113.30] said: 450 4.7.1 <ivy@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html (in reply to RCPT TO command))
Dec  5 13:10:01 mx postfix/qmgr[50]: 4A0000001: from=<henry@example.com>, size=5000, nrcpt=1 (queue active)
Dec  5 13:10:02 mx postfix/smtp[131]: 4A0000001: to=<ivy@example.net>, relay=mx.example.net[203.0.113.30]:25, delay=602, delays=601/0/0.5/0.5, dsn=4.7.1, status=deferred (host mx.example.net[203.0.113.30] said: 450 4.7.1 <ivy@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html (in reply to RCPT TO command))
Dec  5 14:00:01 mx postfix/qmgr[50]: 4A0000001: from=<henry@example.com>, size=5000, nrcpt=1 (queue active)
Dec  5 14:00:02 mx postfix/smtp[131]: 4A0000001: to=<ivy@example.net>, relay=mx.example.net[203.0.113.30]:25, delay=3602, delays=3601/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4D5E6F7A8B)
Dec  5 14:00:02 mx postfix/qmgr[50]: 4A0000001: removed
Dec  5 15:00:00 mx postfix/qmgr[50]: 5A0000001: from=<apache@example.com>, size=600, nrcpt=1 (queue active)
Dec  5 15:00:30 mx postfix/smtp[140]: 5A0000001: to=<jack@slow.example>, relay=none, delay=111630, delays=111600/0/30/0, dsn=4.4.1, status=deferred (connect to mx.slow.example[203.0.113.40]:25: Connection timed out)
Dec  5 15:00:30 mx postfix/qmgr[50]: 5A0000001: from=<apache@example.com>, status=expired, returned to sender
Dec  5 15:00:30 mx postfix/cleanup[101]: 5C0000003: message-id=<20221205150030.5C0000003@mx.example.com>
Dec  5 15:00:30 mx postfix/bounce[141]: 5A0000001: sender non-delivery notification: 5C0000003
Dec  5 15:00:30 mx postfix/qmgr[50]: 5C0000003: from=<>, size=2100, nrcpt=1 (queue active)
Dec  5 15:00:30 mx postfix/qmgr[50]: 5A0000001: removed
Dec  5 15:00:31 mx postfix/local[142]: 5C0000003: to=<apache@example.com>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)
Dec  5 15:00:31 mx postfix/qmgr[50]: 5C0000003: removed
Dec  5 16:00:00 mx postfix/smtpd[150]: connect from unknown[203.0.113.50]
Dec  5 16:00:01 mx postfix/smtpd[150]: NOQUEUE: reject: RCPT from unknown[203.0.113.50]: 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<spam@bad.example> to=<nobody@example.com> proto=ESMTP helo=<bad.example>
Dec  5 16:00:02 mx postfix/smtpd[150]: NOQUEUE: reject: RCPT from unknown[203.0.113.50]: 550 5.1.1 <nobody2@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<spam@bad.example> to=<nobody2@example.com> proto=ESMTP helo=<bad.example>
Dec  5 16:00:03 mx postfix/smtpd[150]: disconnect from unknown[203.0.113.50] ehlo=1 mail=1 rcpt=0/2 quit=1 commands=3/5
Dec  5 16:05:00 mx postfix/postscreen[151]: NOQUEUE: reject: RCPT from [203.0.113.60]:45400: 550 5.7.1 Service unavailable; client [203.0.113.60] blocked using zen.spamhaus.org; from=<x@spam.example>, to=<bob@example.com>, proto=ESMTP, helo=<spam.example>
Dec  5 16:10:00 mx postfix/smtpd[152]: connect from host.warn.example[203.0.113.70]
Dec  5 16:10:01 mx postfix/smtpd[152]: NOQUEUE: reject_warning: RCPT from host.warn.example[203.0.113.70]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.70]; from=<w@warn.example> to=<bob@example.com> proto=ESMTP helo=<host.warn.example>
Dec  5 16:10:01 mx postfix/smtpd[152]: 6A0000001: client=host.warn.example[203.0.113.70]
Dec  5 16:10:02 mx postfix/smtpd[152]: 6A0000001: reject: RCPT from host.warn.example[203.0.113.70]: 550 5.1.1 <nobody3@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<w@warn.example> to=<nobody3@example.com> proto=ESMTP helo=<host.warn.example>
Dec  5 16:10:02 mx postfix/cleanup[101]: 6A0000001: message-id=<m6@warn.example>
Dec  5 16:10:02 mx postfix/cleanup[101]: 6A0000001: warning: header Subject: cheap pills from host.warn.example[203.0.113.70]; from=<w@warn.example> to=<bob@example.com> proto=ESMTP helo=<host.warn.example>
Dec  5 16:10:02 mx postfix/qmgr[50]: 6A0000001: from=<w@warn.example>, size=700, nrcpt=1 (queue active)
Dec  5 16:10:03 mx postfix/smtpd[152]: disconnect from host.warn.example[203.0.113.70] ehlo=1 mail=1 rcpt=1/2 data=1 quit=1 commands=5/6
Dec  5 16:10:03 mx postfix/local[142]: 6A0000001: to=<bob@example.com>, relay=local, delay=1, delays=0.9/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)
Dec  5 16:10:03 mx postfix/qmgr[50]: 6A0000001: removed
Dec  5 17:00:00 mx postfix/smtpd[160]: connect from mta.spam.example[203.0.113.80]
Dec  5 17:00:01 mx postfix/smtpd[160]: 7A0000001: client=mta.spam.example[203.0.113.80]
Dec  5 17:00:02 mx postfix/cleanup[101]: 7A0000001: reject: header Subject: You have won!!! from mta.spam.example[203.0.113.80]; from=<win@spam.example> to=<bob@example.com> proto=ESMTP helo=<mta.spam.example>: 5.7.1 Message content rejected
Dec  5 17:00:02 mx postfix/smtpd[160]: disconnect from mta.spam.example[203.0.113.80] ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5
Dec  5 17:01:00 mx postfix/smtpd[161]: connect from mta2.spam.example[203.0.113.81]
Dec  5 17:01:01 mx postfix/smtpd[161]: 7B0000002: client=mta2.spam.example[203.0.113.81]
Dec  5 17:01:02 mx postfix/cleanup[101]: 7B0000002: milter-reject: END-OF-MESSAGE from mta2.spam.example[203.0.113.81]: 5.7.1 Spam message rejected; from=<x@spam.example> to=<bob@example.com> proto=ESMTP helo=<mta2.spam.example>
Dec  5 17:01:02 mx postfix/smtpd[161]: disconnect from mta2.spam.example[203.0.113.81] ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5
Dec  5 18:00:00 mx postfix/pickup[130]: 8A0000001: uid=1000 from=<henry@example.com>
Dec  5 18:00:00 mx postfix/cleanup[101]: 8A0000001: hold: header Subject: review me from local; from=<henry@example.com> to=<kim@example.org>
Dec  5 18:00:00 mx postfix/cleanup[101]: 8A0000001: message-id=<m8@example.com>
Dec  5 18:05:00 mx postfix/pickup[130]: 8B0000002: uid=1000 from=<henry@example.com>
Dec  5 18:05:00 mx postfix/cleanup[101]: 8B0000002: discard: header Subject: junk from local; from=<henry@example.com> to=<kim@example.org>
Dec  5 19:00:00 mx postfix/smtpd[180]: connect from unknown[203.0.113.90]
Dec  5 19:00:01 mx postfix/smtpd[180]: 9A0000001: client=unknown[203.0.113.90]
Dec  5 19:00:05 mx postfix/smtpd[180]: lost connection after DATA (0 bytes) from unknown[203.0.113.90]
Dec  5 19:00:05 mx postfix/smtpd[180]: disconnect from unknown[203.0.113.90] ehlo=1 mail=1 rcpt=1 data=0/1 commands=3/4
Dec  5 20:00:00 mx postfix/pickup[130]: AA0000001: uid=1000 from=<henry@example.com>
Dec  5 20:00:00 mx postfix/cleanup[101]: AA0000001: message-id=<m10@example.com>
Dec  5 20:00:00 mx postfix/qmgr[50]: AA0000001: from=<henry@example.com>, size=900, nrcpt=1 (queue active)
Dec  5 20:00:00 mx postfix/cleanup[101]: AB0000002: message-id=<m10@example.com>
Dec  5 20:00:00 mx postfix/local[142]: AA0000001: to=<lee@mx.example.com>, orig_to=<lee@example.com>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (forwarded as AB0000002)
Dec  5 20:00:00 mx postfix/qmgr[50]: AB0000002: from=<henry@example.com>, size=1000, nrcpt=1 (queue active)
Dec  5 20:00:00 mx postfix/qmgr[50]: AA0000001: removed
Dec  5 20:00:01 mx postfix/smtp[190]: AB0000002: to=<lee@elsewhere.example>, relay=mx.elsewhere.example[203.0.113.100]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5E6F7A8B9C)
Dec  5 20:00:01 mx postfix/qmgr[50]: AB0000002: removed
Dec  5 21:00:00 mx postfix/pickup[130]: BA0000001: uid=1000 from=<henry@example.com>
Dec  5 21:00:00 mx postfix/cleanup[101]: BA0000001: message-id=<m11@example.com>
Dec  5 21:00:00 mx postfix/qmgr[50]: BA0000001: from=<henry@example.com>, size=1100, nrcpt=1 (queue active)
Dec  5 21:00:01 mx postfix/smtp[200]: BA0000001: to=<mia@example.net>, relay=mx.example.net[203.0.113.30]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.2.2, status=deferred (host mx.example.net[203.0.113.30] said: 452 4.2.2 <mia@example.net>: Mailbox full (in reply to RCPT TO command))
)LOG";

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_REPORT_TEST_LOG_H_
