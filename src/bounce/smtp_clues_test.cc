// smtp_clues_test - codes and commands read out of error texts.
#include "bounce/smtp_clues.h"

#include <gtest/gtest.h>

namespace mailwhy::bounce {
namespace {

TEST(FindReplyCode, PlausibleCodesOnly) {
  struct Case { const char* text; int want; };
  const Case cases[] = {
      {"host mx[192.0.2.1] said: 550 5.1.1 <a@b>: unknown (in reply to RCPT TO command)", 550},
      {"550-5.7.26 Unauthenticated email", 550},
      {"Remote host said: 554 INVALID IP", 554},
      {"connect to mx.example.com[192.0.2.1]:25: Connection timed out", 0},
      {"submission on port 587 refused", 0},
      {"message of 550 bytes", 0},
      {"Sorry, no mailbox here by that name. (#5.1.1)", 0},
      {"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred", 421},
      {"220-laposte 421 4.2.1 Service refuse. Veuillez essayer plus tard.", 421},
      {"250 2.0.0 Ok: queued as 4B2C71E0", 250},
      {"550: 5.1.1 <userunknown@cubicroot.jp>... User Unknown", 550},
      {"at 10:550: nothing", 0},
  };
  for (const Case& c : cases) EXPECT_EQ(FindReplyCode(c.text), c.want) << c.text;
}

TEST(FindEnhancedStatus, NotIpsOrVersions) {
  struct Case { const char* text; const char* want; };
  const Case cases[] = {
      {"550 5.1.1 <a@b>... User Unknown", "5.1.1"},
      {"Sorry, no mailbox here by that name. (#5.1.1)", "5.1.1"},
      {"host 192.0.2.1 said: 550 user unknown", ""},
      {"Exim 4.72 ... 550 5.7.606 banned", "5.7.606"},
      {"421 4.7.0 try later", "4.7.0"},
      {"smtp; 550 5.1.1 <a@192.0.2.1>", "5.1.1"},
      {"550-5.7.26 This message", "5.7.26"},
  };
  for (const Case& c : cases) EXPECT_EQ(FindEnhancedStatus(c.text), c.want) << c.text;
}

TEST(FindCommand, PhrasesOfEveryMta) {
  struct Case { const char* text; const char* want; };
  const Case cases[] = {
      {"said: 550 5.1.1 unknown (in reply to RCPT TO command)", "RCPT TO"},
      {"said: 554 rejected (in reply to end of DATA command)", "end of DATA"},
      {"SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1543: 550 denied", "MAIL FROM"},
      {"Sorry, no SMTP connection got far enough; most progress was RCPT TO response", "RCPT TO"},
      {">>> DATA <<< 550 5.1.1 User Unknown", "DATA"},
      {"550 5.1.1 User unknown", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(FindCommand(c.text), c.want) << c.text;
}

TEST(CanonicalCommand, OneSpellingPerCommand) {
  EXPECT_EQ(CanonicalCommand("rcpt to:<a@b>"), "RCPT TO");
  EXPECT_EQ(CanonicalCommand("RCPT To:<a@b>"), "RCPT TO");
  EXPECT_EQ(CanonicalCommand("BDAT 1234 LAST"), "DATA");
  EXPECT_EQ(CanonicalCommand("EHLO mx.example.jp"), "EHLO");
  EXPECT_EQ(CanonicalCommand("something else"), "");
}

}  // namespace
}  // namespace mailwhy::bounce
