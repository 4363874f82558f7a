// NAME
//   lhost_biglobe - BIGLOBE (biglobe.ne.jp) "Returned mail"
// DESCRIPTION
//        ----- The following addresses had delivery problems -----
//     postmaster@mxr.biglobe.ne.jp
//
//        ----- Non-delivered information -----
//     The number of messages in recipient's mailbox exceeded the local limit.
//
//   The addresses under the first ruler are the recipients; the lines under
//   "Non-delivered information" the error. Triggered by From postmaster@*biglobe.ne.jp.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadBiglobe(const DecodedMail& mail, BounceReport* out) {
  if (!bounce::ContainsNoCase(mail.Header("From"), "biglobe.ne.jp")) return false;
  size_t start = bounce::FindLineStarting(mail.body, {"----- The following addresses had delivery problems -----"});
  if (start == std::string_view::npos) return false;
  std::vector<std::string> rcpts;
  std::string text;
  enum { kNone, kAddresses, kInfo } section = kNone;
  for (std::string_view line : bounce::Lines(std::string_view(mail.body).substr(start))) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, "----- The following addresses")) { section = kAddresses; continue; }
    if (StartsWithNoCase(t, "----- Non-delivered information")) { section = kInfo; continue; }
    if (StartsWithNoCase(t, "--") || StartsWithNoCase(t, "Content-Type:")) {
      if (section == kInfo) break;
      continue;
    }
    if (t.empty()) continue;
    if (section == kAddresses && bounce::IsAddress(t)) rcpts.push_back(bounce::FindAddress(t));
    if (section == kInfo) text += (text.empty() ? "" : " ") + std::string(t);
  }
  for (auto& a : rcpts) {
    BounceRecord r;
    r.recipient = a;
    r.diagnostic = text;
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
