// mime_reader_test - MIME decoding: reports, charsets, encodings, nesting, broken input.
#include "bounce/mime_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace mailwhy {
namespace {

const char kReport[] =
    "From: MAILER-DAEMON@mx.example.jp (Mail Delivery System)\n"
    "Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?= Undelivered\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"B1\"\n"
    "\n"
    "--B1\n"
    "Content-Type: text/plain; charset=iso-2022-jp\n"
    "\n"
    "\x1b$BG[Aw%(%i!<\x1b(B\n"
    "<a@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1 unknown\n"
    "--B1\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.jp\n"
    "\n"
    "Final-Recipient: rfc822; a@example.jp\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "--B1\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Message-Id: <orig@example.org>\n"
    "Subject: =?utf-8?B?5a6b5YWI5LiN5piO?=\n"
    "From: sender@example.org\n"
    "\n"
    "body of the original\n"
    "--B1--\n";

TEST(DecodeMail, MultipartReportIsFlattened) {
  DecodedMail m;
  ASSERT_TRUE(DecodeMail(kReport, &m).ok());
  EXPECT_EQ(m.content_type, "multipart/report");
  EXPECT_EQ(m.report_type, "delivery-status");
  EXPECT_EQ(m.Header("subject"), "こんにちは Undelivered");
  EXPECT_NE(m.body.find("配送エラー"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("Content-Type: message/delivery-status"), std::string::npos);
  ASSERT_EQ(m.delivery_status.size(), 1u);
  EXPECT_NE(m.delivery_status[0].find("Final-Recipient: rfc822; a@example.jp"), std::string::npos);
  EXPECT_TRUE(m.original_attached);
  EXPECT_NE(m.original.find("Message-Id: <orig@example.org>"), std::string::npos);
  EXPECT_EQ(m.body.find("body of the original"), std::string::npos);
  EXPECT_TRUE(m.attached_message.empty());  // only on request
  DecodedMail whole;
  ASSERT_TRUE(DecodeMail(kReport, &whole, /*keep_attached=*/true).ok());
  EXPECT_NE(whole.attached_message.find("body of the original"), std::string::npos);
}

TEST(DecodeMail, ShiftJisBase64AndQuotedPrintable) {
  const std::string sjis =
      "Subject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=Q\n\n"
      "--Q\nContent-Type: text/plain; charset=Shift_JIS\nContent-Transfer-Encoding: base64\n\ng2WDWINn\n"
      "--Q\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
      "caf=C3=A9 =\nsoft break\n--Q--\n";
  DecodedMail m;
  ASSERT_TRUE(DecodeMail(sjis, &m).ok());
  EXPECT_NE(m.body.find("テスト"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("café soft break"), std::string::npos) << m.body;
}

TEST(DecodeMail, HtmlOnlyPartBecomesText) {
  const std::string html =
      "Subject: Undeliverable\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
      "<html><body><p><b>Delivery has failed to these recipients or groups:</b></p>"
      "<p>a@example.com<br>The email address &amp; domain</p></body></html>\n";
  DecodedMail m;
  ASSERT_TRUE(DecodeMail(html, &m).ok());
  EXPECT_NE(m.body.find("Delivery has failed to these recipients or groups:\na@example.com\nThe email address & domain"),
            std::string::npos)
      << m.body;
}

TEST(DecodeMail, MalformedMimeDoesNotCrash) {
  const char* inputs[] = {
      "Content-Type: multipart/report; boundary=\"never-closed\"\n\n--never-closed\nContent-Type: text/plain\n\nhalf",
      "Content-Type: multipart/mixed\n\nno boundary parameter at all\n",
      "Content-Type: text/plain; charset=no-such-charset\n\n\xff\xfe\xfd bytes",
      "Subject: =?UTF-8?B?broken base64!!?=\nContent-Transfer-Encoding: base64\n\n@@@@",
      "Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\nContent-Type: message/rfc822\n\n",
      ":\n\n",
  };
  for (const char* in : inputs) {
    DecodedMail m;
    DecodeMail(in, &m);  // must return; the result may be partial
  }
  DecodedMail m;
  EXPECT_FALSE(DecodeMail("  \n\n ", &m).ok());
}

TEST(ParseHeaderBlock, FoldedAndEncoded) {
  MailHeaders h = ParseHeaderBlock(
      "Message-ID: <1@example.jp>\nSubject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\n continued\n"
      "To: a@example.jp\n\nbody: not a header\n");
  EXPECT_EQ(HeaderValue(h, "message-id"), "<1@example.jp>");
  EXPECT_EQ(HeaderValue(h, "Subject"), "こんにちは continued");
  EXPECT_EQ(HeaderValue(h, "body"), "");
}

}  // namespace
}  // namespace mailwhy
