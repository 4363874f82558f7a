// NAME
//   details - pull the facts a reply text names: DNSBL zone, listed IP, URLs, truncation
// DESCRIPTION
//   These read the syntax of reply texts, not their meaning: which rule applies, and so
//   which details are wanted, is decided by the rules (`extract = [...]`).
//
//   ExtractUrl()       the first http:// or https:// URL, as written (case kept), without
//                      trailing punctuation.
//   ExtractListedIp()  the address a blocklist text is about: "client host [IP]", "ip=IP"
//                      or ".../ip/IP" in a lookup URL, else the first IPv4 or bracketed
//                      IPv6 literal after the reply code that is not the relay's own
//                      address. Redacted forms ("XXX.XXX.XXX.XXX") are returned as written.
//   ExtractDnsbl()     the zone after "blocked using", "listed in", "listed by domain",
//                      "listed on", "dnsbl", "rbl" (Postfix's reject_rbl_client texts and
//                      the usual third-party wordings); lower case.
//   LooksTruncated()   true when the text reached the log line limit or visibly ends in
//                      the middle of a sentence ("... that this message is": seed case 22).
// BUGS
//   A text that ends in a function word by design ("... try again later, or") is reported
//   as truncated; the flag is advice for the reader, never used to classify.
#ifndef MAILWHY_DIAGNOSE_DETAILS_H_
#define MAILWHY_DIAGNOSE_DETAILS_H_

#include <string>
#include <string_view>

namespace mailwhy {

std::string ExtractUrl(std::string_view text);
std::string ExtractListedIp(std::string_view text, std::string_view relay_ip);
std::string ExtractDnsbl(std::string_view normalized_text);
bool LooksTruncated(std::string_view original, std::string_view normalized_text);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_DETAILS_H_
