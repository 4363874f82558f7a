// NAME
//   smtp_capabilities - what an EHLO reply advertises
// SYNOPSIS
//   SmtpCapabilities caps = ParseEhlo(reply);
//   caps.starttls, caps.auth ("PLAIN", "LOGIN"), caps.size (10240000, 0 = no limit given)
// DESCRIPTION
//   ParseEhlo() reads the extension lines of a 250 EHLO reply (RFC 5321 section 4.1.1.1):
//   the first line is the server's name and greeting, each later line a keyword and its
//   parameters. Keywords are case-insensitive. AUTH mechanisms come from "AUTH ..." and
//   from the old "AUTH=..." form some servers still add for Outlook Express. An empty
//   extension line (smtp-sink ends with a bare "250 ") is ignored.
// THREAD SAFETY
//   Pure functions.
#ifndef MAILWHY_PROBE_SMTP_CAPABILITIES_H_
#define MAILWHY_PROBE_SMTP_CAPABILITIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "probe/smtp_channel.h"

namespace mailwhy {

struct SmtpCapabilities {
  std::string greeting;               // the first line: "mx.example.com Hello ..."
  std::vector<std::string> keywords;  // every keyword, upper case, in order
  bool starttls = false, pipelining = false, smtputf8 = false, eightbitmime = false;
  bool chunking = false, enhanced_codes = false, dsn = false, requiretls = false;
  bool has_size = false;
  uint64_t size = 0;                  // SIZE's limit; 0 = not given or unlimited
  std::vector<std::string> auth;      // mechanisms, upper case, without duplicates

  bool Has(std::string_view keyword) const;
};

SmtpCapabilities ParseEhlo(const SmtpReply& reply);

// "SIZE 10240000, PIPELINING, STARTTLS, AUTH PLAIN LOGIN, ..." in the server's order.
std::string CapabilityList(const SmtpCapabilities& caps);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SMTP_CAPABILITIES_H_
