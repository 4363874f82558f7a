// NAME
//   address_blocks - the "address, then what went wrong" layout most error mails share
// SYNOPSIS
//   for (const AddressBlock& b : AddressBlocks(report, AddressLead::kAngle)) {
//     rec.recipient = b.address; rec.diagnostic = b.text;
//   }
// DESCRIPTION
//   Postfix, qmail, Exim, Yahoo and many others list each failed recipient on a line of
//   its own and the error under it:
//
//     <kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1    (Postfix)
//         <kijitora@example.jp>... User Unknown (in reply to RCPT TO command)
//
//     <kijitora@example.ne.jp>:                                              (qmail)
//     Sorry, no mailbox here by that name. (#5.1.1)
//
//       kijitora@example.jp                                                  (Exim)
//         SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>:
//
//   AddressBlocks() finds the lines that start a recipient and gathers the lines under
//   each into `text`. kAngle: the line starts with "<address>" (an optional "To:" or
//   "RCPT To:" before it), and what follows the address and its closing ":" on the same
//   line is the start of the text ("(expanded from <x>)" goes to `alias`). kBare: the
//   whole line, trimmed, is an address, maybe in "<>" and followed by ":". kEither
//   accepts both.
//
//   A block ends at the next recipient line, or, with `blank_ends` true, at the first
//   empty line after some text (formats that separate recipients by empty lines and then
//   go on with other prose).
// LIFETIME
//   Views point into `text`.
#ifndef MAILWHY_BOUNCE_ADDRESS_BLOCKS_H_
#define MAILWHY_BOUNCE_ADDRESS_BLOCKS_H_

#include <string>
#include <string_view>
#include <vector>

namespace mailwhy {

enum class AddressLead { kAngle, kBare, kEither };

struct AddressBlock {
  std::string address;
  std::string alias;                    // "(expanded from <x>)" on the address line
  std::vector<std::string_view> lines;  // the text lines, the address line's rest first
  std::string Text() const;             // the lines joined, white space squeezed
};

std::vector<AddressBlock> AddressBlocks(std::string_view text, AddressLead lead,
                                        bool blank_ends = true);

// The address a recipient line starts with under `lead`, or "". *rest receives what
// follows it on the line (after ":" and "(expanded from ...)").
std::string LeadingAddress(std::string_view line, AddressLead lead, std::string_view* rest,
                           std::string* alias);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_ADDRESS_BLOCKS_H_
