// NAME
//   lhost_mimecast - Mimecast's "[Postmaster] Email Delivery Failure"
// DESCRIPTION
//     An email that you attempted to send to the following address could not be delivered:
//     -- sabineko@neko.ef.example.org
//
//     The problem appears to be :
//     -- Recipient email address is possibly incorrect
//
//     Additional information follows :
//     -- 5.4.1 Recipient address rejected: Access denied. [...]
//
//   The "-- " lines after each heading are the recipient, the problem and the remote
//   server's reply. A "DSN-like" part written with spaces before the colons
//   ("Diagnostic-Code : smtp;550 5.7.54 ...") says the same and is not needed.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadMimecast(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::ContainsNoCase(mail.body, "The problem appears to be")) return false;
  enum { kNone, kAddress, kProblem, kInfo } section = kNone;
  std::string problem, info;
  std::vector<std::string> rcpts;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (ContainsNoCase(t, "could not be delivered:") || ContainsNoCase(t, "addressed to email address :")) {
      section = kAddress;
      continue;
    }
    if (StartsWithNoCase(t, "could not be delivered. The problem appears to be") || StartsWithNoCase(t, "The problem appears to be")) {
      section = kProblem;
      continue;
    }
    if (StartsWithNoCase(t, "Additional information follows")) { section = kInfo; continue; }
    if (!StartsWithNoCase(t, "-- ")) {
      if (!t.empty() && section == kInfo && !info.empty()) section = kNone;
      continue;
    }
    std::string_view v = Trim(t.substr(3));
    if (section == kAddress && bounce::IsAddress(v)) rcpts.push_back(bounce::FindAddress(v));
    else if (section == kProblem) problem += (problem.empty() ? "" : " ") + std::string(v);
    else if (section == kInfo) info += (info.empty() ? "" : " ") + std::string(v);
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.diagnostic = info.empty() ? problem : info + " (" + problem + ")";
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
