// formats_test - one table of error mails, one or more per format family: the reader that
// claims each, and the recipients, codes and texts it finds.
#include "bounce/bounce_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mailwhy {
namespace {

struct Want {
  std::string recipient, status, command, diagnostic_has;
  int reply = 0;
};

struct Case {
  const char* name;
  const char* family;
  std::string mail;
  std::vector<Want> want;
};

std::vector<Case> Cases() {
  return {
      {"seeds/001 case 07b: Postfix preamble without MIME", "postfix",
       "From: MAILER-DAEMON@mail.hogehoge.ne.jp\nSubject: Undelivered Mail Returned to Sender\n\n"
       "This is the Postfix program at host mail.hogehoge.ne.jp.\n\n"
       "I'm sorry to have to inform you that the message returned\nbelow could not be delivered to one or more destinations.\n\n"
       "                   The Postfix program\n\n"
       "<xxxxxx@xxxxxx.com>: Name service error for domain xxxxxx.com: Host not found\n",
       {{"xxxxxx@xxxxxx.com", "", "", "Name service error for domain xxxxxx.com: Host not found"}}},
      {"Postfix with a delivery report and the (in reply to) command", "postfix",
       "From: MAILER-DAEMON@mx.example.jp\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
       "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
       "This is the mail system at host mx.example.jp.\n\n                   The mail system\n\n"
       "<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <bob@example.net>:\n"
       "    Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n"
       "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.jp\n\n"
       "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.net\n"
       "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n--B--\n",
       {{"bob@example.net", "5.1.1", "RCPT TO", "Recipient address rejected: User unknown", 550}}},
      {"seeds/002 case 22: Sendmail, forwarded, reason cut off", "sendmail",
       "Subject: Fwd: Returned mail: see transcript for details\n\n-----Original Message-----\n"
       "Subject: Returned mail: see transcript for details\n\n"
       "----- The following addresses had permanent fatal errors ----- someone@gmail.com\n"
       "(reason: 550-5.7.1 Our system has detected that this message is)\n",
       {{"someone@gmail.com", "5.7.1", "", "550-5.7.1 Our system has detected that this message is", 550}}},
      {"Sendmail transcript gives the command", "sendmail",
       "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>\nSubject: Returned mail: see transcript for details\n\n"
       "   ----- The following addresses had permanent fatal errors -----\n<kijitora@example.org>\n"
       "    (reason: 552 5.2.3 Message size exceeds fixed maximum message size (10485760))\n\n"
       "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n"
       ">>> MAIL From:<s@example.jp> SIZE=16600348\n<<< 552 5.2.3 Message size exceeds fixed maximum message size (10485760)\n",
       {{"kijitora@example.org", "5.2.3", "MAIL FROM", "Message size exceeds", 552}}},
      {"seeds/001 case 12: qmail", "qmail",
       "From: MAILER-DAEMON@mx4.example.jp\nSubject: failure notice\n\n"
       "Hi. This is the qmail-send program at mx4.example.jp.\n"
       "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
       "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
       "<xxxxxx@hogehoge.ne.jp>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
       "--- Below this line is a copy of the message.\n\nSubject: hello\nMessage-ID: <m1@example.jp>\n\nhi\n",
       {{"xxxxxx@hogehoge.ne.jp", "5.1.1", "", "Sorry, no mailbox here by that name. (#5.1.1)"}}},
      {"Exim", "exim",
       "From: Mail Delivery System <Mailer-Daemon@e1.example.org>\nSubject: Mail delivery failed: returning message to sender\n"
       "Message-Id: <E1X58pB-0004bW-2s@e1.example.org>\n\n"
       "This message was created automatically by mail delivery software.\n\n"
       "A message that you sent could not be delivered to one or more of its\n"
       "recipients. This is a permanent error. The following address(es) failed:\n\n"
       "  kijitora@example.jp\n    SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>:\n"
       "    host mx.example.jp [192.0.2.153]: 550 5.1.1 <kijitora@example.jp>... User Unknown\n\n"
       "------ This is a copy of the message, including all the headers. ------\n",
       {{"kijitora@example.jp", "5.1.1", "RCPT TO", "User Unknown", 550}}},
      {"Office 365 prose", "exchange2007",
       "From: postmaster@example.onmicrosoft.com\nSubject: Undeliverable: Nyaan\n\n"
       "Delivery has failed to these recipients or groups:\n\n"
       "kijitora@example.onmicrosoft.com<mailto:kijitora@example.onmicrosoft.com>\n"
       "The email address you entered couldn't be found.\n\nDiagnostic information for administrators:\n\n"
       "Generating server: NEKO.example.prod.outlook.com\n\nkijitora@example.onmicrosoft.com\n"
       "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n\nOriginal message headers:\n",
       {{"kijitora@example.onmicrosoft.com", "5.1.1", "", "RESOLVER.ADR.RecipNotFound", 550}}},
      {"ARF abuse report", "arf",
       "From: staff@example.net\nSubject: FW: abuse\nMIME-Version: 1.0\n"
       "Content-Type: multipart/report; report-type=feedback-report; boundary=F\n\n--F\nContent-Type: text/plain\n\nThis is an abuse report\n"
       "--F\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: X/1.0\nVersion: 1\n"
       "Original-Rcpt-To: victim@example.net\n--F--\n",
       {{"victim@example.net", "", "", "Feedback-Type: abuse"}}},
      {"automatic reply", "rfc3834",
       "From: kijitora@example.net\nTo: neko@example.org\nSubject: Away until May 5\nAuto-Submitted: auto-replied\n\nI am away.\n",
       {{"kijitora@example.net", "", "", "Auto-Submitted: auto-replied"}}},
  };
}

TEST(FormatReaders, EachFamilyReadsItsMail) {
  for (const Case& c : Cases()) {
    BounceReport r;
    Status s = ReadBounce(c.mail, &r);
    ASSERT_TRUE(s.ok()) << c.name << ": " << s.ToString();
    EXPECT_EQ(r.family, c.family) << c.name;
    ASSERT_EQ(r.records.size(), c.want.size()) << c.name;
    for (size_t i = 0; i < c.want.size(); ++i) {
      const BounceRecord& got = r.records[i];
      const Want& w = c.want[i];
      EXPECT_EQ(got.recipient, w.recipient) << c.name;
      EXPECT_EQ(got.status, w.status) << c.name;
      EXPECT_EQ(got.command, w.command) << c.name;
      EXPECT_EQ(got.reply_code, w.reply) << c.name;
      EXPECT_NE(got.diagnostic.find(w.diagnostic_has), std::string::npos)
          << c.name << ": got \"" << got.diagnostic << "\", want it to contain \"" << w.diagnostic_has << "\"";
    }
  }
}

TEST(FormatReaders, TheReturnedMessageIsQuoted) {
  BounceReport r;
  ASSERT_TRUE(ReadBounce(Cases()[4].mail, &r).ok());
  EXPECT_EQ(r.original.message_id, "<m1@example.jp>");
  EXPECT_EQ(r.original.subject, "hello");
  EXPECT_EQ(r.subject, "failure notice");
}

TEST(FormatReaders, AnOrdinaryMailIsNotABounce) {
  BounceReport r;
  Status s = ReadBounce("From: a@example.jp\nTo: b@example.jp\nSubject: lunch?\n\nSee you at noon.\n", &r);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("not a bounce"), std::string::npos);
  // A mail system's notice with Auto-Submitted is not a person's automatic reply.
  s = ReadBounce("From: postmaster@example.de\nSubject: email bounce notification\nAuto-Submitted: auto-replied\n\nhello\n", &r);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
}

TEST(CompleteRecord, TheRemoteReplysCodeWinsWhenItAgrees) {
  struct Case { const char* status; const char* action; const char* diagnostic; const char* want; };
  const Case cases[] = {
      {"5.1.1", "failed", "550 5.7.1 IP address blacklisted by recipient", "5.7.1"},
      {"5.0.0", "failed", "550 5.1.1 <a@example.jp>... User Unknown", "5.1.1"},
      {"4.5.0", "failed", "550 5.5.0 Service refuse. Veuillez essayer plus tard.", "5.5.0"},
      {"4.4.7", "delayed", "550 5.1.1 unknown", "4.4.7"},            // classes disagree
      {"5.1.1", "failed", "421 4.7.0 try again later", "5.1.1"},      // reply is temporary
      {"5.2.2", "failed", "Mailbox full (#5.2.2)", "5.2.2"},
  };
  for (const Case& c : cases) {
    BounceRecord r;
    r.status = c.status;
    r.action = c.action;
    r.diagnostic = c.diagnostic;
    CompleteRecord(&r);
    EXPECT_EQ(r.status, c.want) << c.diagnostic;
  }
}

}  // namespace
}  // namespace mailwhy
