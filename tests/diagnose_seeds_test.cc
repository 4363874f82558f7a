// diagnose_seeds_test - every case of ../shared/seeds/CASES.md that has a text: the verdict
// (reason, class, side, provider) and the fix the article found, in the English remedy.
// The expected values are copied from CASES.md, never from the program's output. Texts
// are quoted as the articles print them (redactions such as XXX.XXX.XXX.XXX included).
#include <gtest/gtest.h>

#include <string>

#include "diagnose/classifier.h"
#include "diagnose/classifier_testing.h"
#include "diagnose/pasted.h"

namespace mailwhy {
namespace {

const Classifier& C() { return *BuiltInClassifier(); }

struct Want {
  std::string reason, cls, side, provider;
};

void ExpectVerdict(const Verdict& v, const Want& w) {
  EXPECT_EQ(ToString(v.reason), w.reason) << "rule " << v.rule_id;
  EXPECT_EQ(ToString(v.failure_class), w.cls) << "rule " << v.rule_id;
  if (!w.side.empty()) {
    EXPECT_EQ(ToString(v.side), w.side) << "rule " << v.rule_id;
  }
  EXPECT_EQ(v.provider, w.provider) << "rule " << v.rule_id;
}

// True when some English remedy mentions `keyword`.
::testing::AssertionResult RemedyNames(const Verdict& v, const std::string& keyword) {
  VerdictTexts t = TextsOf(v, Lang::kEn);
  for (const auto& r : t.remedies) {
    if (r.find(keyword) != std::string::npos) return ::testing::AssertionSuccess();
  }
  std::string all;
  for (const auto& r : t.remedies) all += "\n  - " + r;
  return ::testing::AssertionFailure() << "no remedy of " << v.rule_id << " names \"" << keyword
                                       << "\":" << all;
}

TEST(Seed, Case01MailboxFullDeferred) {
  Verdict v = C().ClassifyPasted(
      "Jul 25 XX:XX:XX *** postfix/smtp[XXXXX]: A123B45678C: to=<test@monikura.rei.jp>, "
      "relay=monikura.rei.jp[XXX.XXX.XXX.XXX]:25, delay=0.55, delays=0.15/0.1/0.2/0.33, "
      "dsn=4.5.1, status=deferred (host monikura.rei.jp[XXX.XXX.XXX.XXX] said: 451 4.5.1 "
      "Mailbox full (in reply to end of DATA command))");
  ExpectVerdict(v, {"mailboxfull", "temporary", "recipient", ""});
  EXPECT_TRUE(RemedyNames(v, "maximal_queue_lifetime"));
}

TEST(Seed, Case02InboundSpamhausReject) {
  Verdict v = C().ClassifyPasted(
      "Jul 25 XX:XX:XX *** postfix/smtpd[XXXXX]: NOQUEUE: reject: RCPT from "
      "monikura.rei.jp[XXX.XXX.XXX.XXX]: 554 5.7.1 Service unavailable; Client host "
      "[XXX.XXX.XXX.XXX] blocked using sbl-xbl.spamhaus.org; "
      "https://www.spamhaus.org/query/ip/XXX.XXX.XXX.XXX; from=<test@monikura.rei.com> "
      "to=<test@monikura.rei.jp> proto=ESMTP helo=<monikura.rei.com>");
  ExpectVerdict(v, {"blocked", "permanent", "sending-ip", ""});
  EXPECT_EQ(v.rule_id, "dnsbl.spamhaus.inbound");
  EXPECT_EQ(v.Detail("dnsbl"), "sbl-xbl.spamhaus.org");
  EXPECT_EQ(v.Detail("listed_ip"), "XXX.XXX.XXX.XXX");
  EXPECT_EQ(v.Detail("lookup_url"), "https://www.spamhaus.org/query/ip/XXX.XXX.XXX.XXX");
  EXPECT_TRUE(RemedyNames(v, "delisting"));
  EXPECT_TRUE(RemedyNames(v, "check_client_access"));  // whitelisting on our side
}

TEST(Seed, Case03GmailUnauthenticated) {
  Verdict v = C().ClassifyPasted(
      "Jul 25 XX:XX:XX *** postfix/smtp[XXXXX]: A123B45678C: to=<test@monikura.rei.jp>, "
      "relay=monikura.rei.jp[XXX.XXX.XXX.XXX]:25, delay=0.55, delays=0.15/0.1/0.2/0.33, "
      "dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.157.27] said: "
      "550-5.7.26 This message does not have authentication information or fails to "
      "550-5.7.26 pass authentication checks (SPF or DKIM). To best protect our users "
      "550-5.7.26 from spam, the message has been blocked. Please visit 550-5.7.26  "
      "https://support.google.com/mail/answer/81126#authentication for more 550 5.7.26 "
      "information. 【すごく長い英数字の羅列】 - gsmtp (in reply to end of DATA command))");
  ExpectVerdict(v, {"authfailure", "permanent", "sender-domain", "gmail"});
  EXPECT_TRUE(RemedyNames(v, "v=spf1"));
  EXPECT_TRUE(RemedyNames(v, "DKIM"));
  EXPECT_TRUE(RemedyNames(v, "v=DMARC1"));
}

TEST(Seed, Case04GmailMissingMessageId) {
  Verdict v = C().ClassifyPasted(
      "Jul 25 XX:XX:XX *** postfix/smtp[XXXXX]: A123B45678C: to=<monikura_test@gmail.com>, "
      "relay=gmail-smtp-in.l.google.com[XXX.XXX.XXX.XXX]:25, delay=0.55, "
      "delays=0.15/0.1/0.2/0.33, dsn=5.7.1, status=bounced (host "
      "gmail-smtp-in.l.google.com[XXX.XXX.XXX.XXX(GmailのIP)] said: 550-5.7.1 "
      "[XXX.XXX.XXX.XXX(メールサーバのIP)] Messages missing a valid messageId header are not "
      "550 5.7.1 accepted. 【すごく長い英数字の羅列】 - gsmtp (in reply to end of DATA command))");
  ExpectVerdict(v, {"notcompliantrfc", "permanent", "sending-app", "gmail"});
  EXPECT_TRUE(RemedyNames(v, "Message-ID"));
  EXPECT_TRUE(RemedyNames(v, "SPF"));
}

TEST(Seed, Case06NameServerTimeout) {
  Verdict v = C().ClassifyPasted("451 Name server timeout");
  ExpectVerdict(v, {"networkerror", "temporary", "network", ""});
}

TEST(Seed, Case07HostNotFound) {
  Verdict v = C().ClassifyPasted(
      "<xxxxxx@xxxxxx.com>: Name service error for domain xxxxxx.com: Host not found");
  ExpectVerdict(v, {"hostunknown", "permanent", "sender", ""});
  EXPECT_TRUE(RemedyNames(v, "after @"));
}

TEST(Seed, Case07HostNotFoundTryAgain) {
  Verdict v = C().ClassifyPasted(
      "Jun 24 12:23:41 ubuntu-server postfix/smtp[11071]: BEE16742D2: "
      "to=<somebody@xxxxxx.com>, relay=none, delay=86473, delays=86472/0.21/0/0, dsn=4.4.3, "
      "status=deferred (Host or domain name not found. Name service error for "
      "name=xxxxxx.com type=MX: Host not found, try again)");
  ExpectVerdict(v, {"networkerror", "temporary", "network", ""});
}

TEST(Seed, Case07bPostfixBouncePreamble) {
  Verdict v = C().ClassifyPasted(
      "This is the Postfix program at host mail.hogehoge.ne.jp.\n"
      "I’m sorry to have to inform you that the message returned\n"
      "below could not be delivered to one or more destinations.");
  EXPECT_EQ(v.rule_id, "postfix.bounce-preamble");
  // With its error line, the report classifies by that line.
  Verdict full = C().ClassifyPasted(
      "This is the Postfix program at host mail.hogehoge.ne.jp.\n"
      "I’m sorry to have to inform you that the message returned\n"
      "below could not be delivered to one or more destinations.\n"
      "The Postfix program\n"
      "<xxxxxx@xxxxxx.com>: Name service error for domain xxxxxx.com: Host not found");
  EXPECT_EQ(ToString(full.reason), "hostunknown");
}

TEST(Seed, Case08TemporaryLocalProblem) {
  Verdict v = C().ClassifyPasted(
      "366815BF0A 2134 Fri Dec 22 14:38:43 hoge@xxxxxx.net\n"
      "(host ml.xxxxxx.com[210.172.140.106] said: 450 Rcpt to <taro@xxxxxx.com> – Temporary "
      "local problem – I said try later (in reply to RCPT TO command))\n"
      "taro@xxxxxx.com");
  ExpectVerdict(v, {"systemerror", "temporary", "recipient-server", ""});
}

TEST(Seed, Case09QueueFileWriteError) {
  ExpectVerdict(C().ClassifyPasted("452 queue file write error"),
                {"systemfull", "temporary", "recipient-server", ""});
}

TEST(Seed, Case10TooManyRecipients) {
  Verdict v = C().ClassifyPasted("452 too many recipients");
  ExpectVerdict(v, {"ratelimited", "temporary", "our-server", ""});
  EXPECT_TRUE(RemedyNames(v, "smtp_destination_recipient_limit"));
}

TEST(Seed, Case11HostUnknown) {
  ExpectVerdict(C().ClassifyPasted("550 Host unknown"), {"hostunknown", "permanent", "sender", ""});
}

TEST(Seed, Case12UserUnknown) {
  ExpectVerdict(C().ClassifyPasted("550 5.1.1 xxxxxx@hogehoge.ne.jp… User unknown"),
                {"userunknown", "permanent", "sender", ""});
  Verdict q = C().ClassifyPasted("Sorry, no mailbox here by that name. (#5.1.1)");
  EXPECT_EQ(ToString(q.reason), "userunknown");
  EXPECT_TRUE(RemedyNames(q, "before @"));
}

TEST(Seed, Case13RelayingDenied) {
  Verdict v = C().ClassifyPasted("550 Relaying Denied");
  ExpectVerdict(v, {"norelaying", "permanent", "sender", ""});
  EXPECT_TRUE(RemedyNames(v, "SMTP authentication"));
}

TEST(Seed, Case14AccessDenied) {
  Verdict v = C().ClassifyPasted("550 5.7.1 Access denied");
  ExpectVerdict(v, {"blocked", "permanent", "", ""});
  EXPECT_TRUE(RemedyNames(v, "PTR"));
  EXPECT_TRUE(RemedyNames(v, "blocklists"));
  EXPECT_TRUE(RemedyNames(v, "domain"));
}

TEST(Seed, Case15NoMailboxHere) {
  ExpectVerdict(C().ClassifyPasted("550 sorry, no mailbox here by that name. (#5.1.1) (in reply "
                                   "to RCPT TO command)"),
                {"userunknown", "permanent", "sender", ""});
}

TEST(Seed, Case16UserNotLocal) {
  Verdict v = C().ClassifyPasted("551 Access Denied");
  EXPECT_TRUE(v.reason == Reason::kUserUnknown || v.reason == Reason::kHasMoved) << v.rule_id;
  EXPECT_EQ(ToString(v.failure_class), "permanent");
}

TEST(Seed, Case17MessageTooLarge) {
  ExpectVerdict(C().ClassifyPasted("552 Message is too large"),
                {"emailtoolarge", "permanent", "sender", ""});
  // 552 with a quota text is a full mailbox instead.
  EXPECT_EQ(ToString(C().ClassifyPasted("552 Mailbox quota exceeded").reason), "mailboxfull");
}

TEST(Seed, Case18Unbalanced) {
  ExpectVerdict(C().ClassifyPasted("553 Unbalanced"), {"syntaxerror", "permanent", "sender", ""});
}

TEST(Seed, Case19RecipientNotLocalAndSpamThreshold) {
  ExpectVerdict(C().ClassifyPasted("553 Recipient is not local"),
                {"norelaying", "permanent", "sender", ""});
  ExpectVerdict(C().ClassifyPasted("553 Spam or junk mail threshold exceeded."),
                {"spamdetected", "permanent", "content", ""});
}

TEST(Seed, Case20ServiceUnavailableIsAmbiguous) {
  Verdict v = C().ClassifyPasted("554 Service unavailable");
  ExpectVerdict(v, {"blocked", "permanent", "sending-ip", ""});
  EXPECT_NE(TextsOf(v, Lang::kEn).explanation.find("maintenance"), std::string::npos);
  ExpectVerdict(C().ClassifyPasted("554 Unsolicited Bulk Email not accepted!!"),
                {"spamdetected", "permanent", "content", ""});
}

TEST(Seed, Case21UnsupportedOption) {
  ExpectVerdict(C().ClassifyPasted("555 Unsupported option: xxxxxxxxx"),
                {"syntaxerror", "permanent", "", ""});
}

TEST(Seed, Case22GmailCutOffText) {
  Verdict v = C().ClassifyPasted(
      "Subject: Returned mail: see transcript for details\n"
      "----- The following addresses had permanent fatal errors ----- %Address%@gmail.com\n"
      "(reason: 550-5.7.1 Our system has detected that this message is)");
  ExpectVerdict(v, {"spamdetected", "permanent", "", "gmail"});
  EXPECT_TRUE(v.truncated());
  EXPECT_TRUE(RemedyNames(v, "Postmaster Tools"));
}

TEST(Seed, Case25GmailLowIpReputation) {
  Verdict v = C().ClassifyPasted(
      "May xx xx:xx:xx xxxxxxxx postfix/smtp[8720]: 40CF214402FA: to=<xxxx@xxxx>, "
      "relay=ASPMX.L.GOOGLE.COM[108.177.125.26]:25, delay=1.3, delays=0.09/0.01/0.59/0.58, "
      "dsn=5.7.1, status=bounced (host ASPMX.L.GOOGLE.COM[108.177.125.26] said: 550-5.7.1 "
      "[xxx.xxx.xxx.xxx      18] Our system has detected that this message is 550-5.7.1 "
      "likely suspicious due to the very low reputation of the sending IP 550-5.7.1 address. "
      "To best protect our users from spam, the message has been 550-5.7.1 blocked. Please "
      "visit 550 5.7.1  https://support.google.com/mail/answer/188131 for more information. "
      "xxxxxxxx.279 - gsmtp (in reply to end of DATA command))");
  ExpectVerdict(v, {"badreputation", "permanent", "sending-ip", "gmail"});
  EXPECT_TRUE(RemedyNames(v, "SPF, DKIM, DMARC and PTR"));
  EXPECT_TRUE(RemedyNames(v, "DNSBL"));
  EXPECT_TRUE(RemedyNames(v, "relay"));
  EXPECT_FALSE(v.truncated());
}

TEST(Seed, Case26GmailUnsolicited) {
  Verdict v = C().ClassifyPasted(
      "May xx xx:xx:xx xxxxxxxx postfix/smtp[13317]: 36986C9F8BC: to=<xxxx@xxxx>, "
      "relay=alt2.gmail-smtp-in.l.google.com[209.85.200.26]:25, delay=61, "
      "delays=0.01/0/60/0.81, dsn=5.7.1, status=bounced (host "
      "alt2.gmail-smtp-in.l.google.com[209.85.200.26] said: 550-5.7.1 [xxxx.xxxx.xxx.xxx       "
      "7] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To "
      "reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. Please "
      "visit 550-5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError 550 5.7.1  "
      "for more information. xxxxxxxx.93 - gsmtp (in reply to end of DATA command))");
  ExpectVerdict(v, {"spamdetected", "permanent", "content", "gmail"});
  EXPECT_TRUE(RemedyNames(v, "Return-Path"));
}

TEST(Seed, Case30SentIsDelivered) {
  // The article wraps the line after "0.05"; pasted as printed.
  Verdict v = C().ClassifyPasted(
      "Dec 5 18:38:12 tu8 postfix/smtp[84479]: 8B84D8D1CF: to=tu@example.net, "
      "relay=mail.example.net[203.0.113.112]:25, delay=0.47, delays=0.16/0.05\n"
      "/0.09/0.17, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as EEC702AAC0E)");
  ExpectVerdict(v, {"delivered", "none", "recipient", ""});
  EXPECT_TRUE(RemedyNames(v, "spam"));
}

TEST(Seed, Case31ConnectionTimedOut) {
  Verdict v = C().ClassifyPasted(
      "Dec 5 18:38:12 tu8 postfix/smtp[84479]: 8B84D8D1CF: to=tu@example.net, relay=none, "
      "delay=30, delays=0.03/0.03/30/0, dsn=4.4.1, status=deferred (connect to "
      "mail.example.net[203.0.113.112]:25: Connection timed out)");
  ExpectVerdict(v, {"networkerror", "temporary", "network", ""});
  EXPECT_TRUE(RemedyNames(v, "outbound port 25"));
}

TEST(Seed, Case32DnsblDeferred) {
  Verdict v = C().ClassifyPasted(
      "Dec 5 18:38:12 tu8 postfix/smtp[84479]: 8B84D8D1CF: to=tu@example.net, "
      "relay=mail.example.net[203.0.113.112]:25, delay=248122, delays=248120/0.02/2.2/0, "
      "dsn=4.7.0, status=deferred (host mail.example.net[203.0.113.112] refused to talk to "
      "me: 554 5.7.0 Blocked – see https://dnsbl.example.net/dnsbl-lookup.cgi?ip=203.0.113.111)");
  ExpectVerdict(v, {"blocked", "temporary", "sending-ip", ""});
  EXPECT_EQ(v.Detail("lookup_url"), "https://dnsbl.example.net/dnsbl-lookup.cgi?ip=203.0.113.111");
  EXPECT_EQ(v.Detail("listed_ip"), "203.0.113.111");
  EXPECT_TRUE(RemedyNames(v, "delisting"));
}

TEST(Seed, Case33WebServerWithoutEnvelopeSender) {
  // The delivery line with the sender the same message's qmgr line shows.
  FailureFacts f = PastedFacts(
      "Dec 5 18:38:12 tu8 postfix/smtp[22294]: 8B84D8D1CF: to=tu@example.net, "
      "relay=mail.example.net[203.0.113.112]:25, delay=1.6, delays=0/0/1.6/0, dsn=4.0.0, "
      "status=deferred (host mail.example.net[203.0.113.112]: refused to talk to me: 554 "
      "Local Policy Violation – see https://ipcheck.example.net/dnsbl-lookup.cgi?ip=203.0.113.111)")
                       .front();
  f.sender = "apache@example.com";
  Verdict v = C().Classify(f);
  EXPECT_TRUE(v.reason == Reason::kPolicyViolation || v.reason == Reason::kRejected) << v.rule_id;
  EXPECT_EQ(ToString(v.side), "sending-app");
  EXPECT_TRUE(RemedyNames(v, "sendmail -f"));
  EXPECT_TRUE(RemedyNames(v, "fifth parameter"));
}

}  // namespace
}  // namespace mailwhy
