// NAME
//   lhost_notes - Lotus Notes / Domino SMTP MTA's "Undeliverable message"
// DESCRIPTION
//   Notes writes the reason first, then the address, between fixed rulers:
//
//     ------- Failure Reasons  --------
//
//     User  not listed in public Name & Address Book
//     kijitora@example.com
//
//     ------- Returned Message --------
//
//   The lines before an address are its error (often Japanese on Japanese servers:
//   "ディレクトリのリストにありません").
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadNotes(const DecodedMail& mail, BounceReport* out) {
  size_t start = bounce::FindLineStarting(mail.body, {"------- Failure Reasons"});
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start), {"------- Returned Message"});
  std::string pending;
  bool first = true;
  for (std::string_view line : bounce::Lines(prose)) {
    std::string_view t = Trim(line);
    if (first) {
      first = false;
      continue;
    }
    if (t.empty()) continue;
    if (bounce::IsAddress(t)) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t);
      r.diagnostic = pending;
      pending.clear();
      out->records.push_back(std::move(r));
      continue;
    }
    pending += (pending.empty() ? "" : " ") + std::string(t);
  }
  return !out->records.empty();
}

}  // namespace mailwhy
