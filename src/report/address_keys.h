// NAME
//   address_keys - the names `mailwhy report` groups by: addresses, domains, relays, texts
// DESCRIPTION
//   The per-address and per-domain tables follow pflogsumm's keys so that the two reports
//   can be read side by side:
//
//   AddressKey()     the address with its domain part (from the first "@") lower-cased;
//                    the local part keeps its case (it may be case-sensitive).
//   AddressDomain()  what follows the first "@" when something precedes it; an address
//                    without one ("root", "MAILER-DAEMON") is its own domain.
//   ClientDomain()   a client's "host/domain" as pflogsumm's gimme_domain() makes it: the
//                    IP address when the name is empty or "unknown"; else the name, cut to
//                    its last two labels when the last one has three letters
//                    ("mail.example.com" -> "example.com") or to its last three when they
//                    end in a two-letter label after a two- or three-letter one
//                    ("mx.example.co.uk" -> "example.co.uk"); other names stay whole.
//   RelayHost()      the host name of a relay= value, lower-cased ("mx.example.net[192.0.2.1]:25"
//                    -> "mx.example.net"; "[192.0.2.1]:25" -> "192.0.2.1"; "none", "local",
//                    "private/dovecot-lmtp" stay as they are).
//   MaskVariableParts()  a reason text with what varies per message replaced, so that one
//                    reason is one line in the detail tables: "<...@...>" becomes "<…>"
//                    and a bare "local@domain.tld" "…";
//                    IPv4 addresses, bracketed IPv6 addresses, ISO 8601 timestamps and
//                    per-message tokens (runs of ten or more letters, digits and hyphens
//                    with at least three digits: Google's and Microsoft's trace IDs, the
//                    first label of Microsoft's per-server host names, epoch seconds)
//                    become "…". The rest of the text is kept whole.
//
//   AddressKeyTo() and MaskVariablePartsTo() write the same into a caller's buffer
//   (replacing what it held), so that a loop over journeys reuses one allocation.
// BUGS
//   ClientDomain() keeps gimme_domain()'s rule, which knows nothing of public suffixes:
//   "a.example.de" stays whole and "a.b.example.com" becomes "example.com".
#ifndef MAILWHY_REPORT_ADDRESS_KEYS_H_
#define MAILWHY_REPORT_ADDRESS_KEYS_H_

#include <string>
#include <string_view>

namespace mailwhy {

std::string AddressKey(std::string_view address);
void AddressKeyTo(std::string_view address, std::string* out);
std::string_view AddressDomain(std::string_view key);
std::string ClientDomain(std::string_view name, std::string_view ip);
std::string RelayHost(std::string_view relay);
std::string MaskVariableParts(std::string_view text);
void MaskVariablePartsTo(std::string_view text, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_ADDRESS_KEYS_H_
