// NAME
//   lhost_activehunter - Active!hunter (a Japanese mail filter) "FAILURE NOTICE"
// DESCRIPTION
//     Subject: FAILURE NOTICE : Nyaan
//       ----- The following addresses had permanent fatal errors -----
//     >>> kijitora@example.org <kijitora@example.org>
//
//       ----- Transcript of session follows -----
//     550 sorry, no mailbox here by that name (#5.1.1 - chkusr)
//
//   The ">>> address" lines are the recipients; the transcript lines the error.
#include "bounce/formats.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::StartsWithNoCase;
using bounce::Trim;

bool ReadActivehunter(const DecodedMail& mail, BounceReport* out) {
  if (!StartsWithNoCase(Trim(mail.Header("Subject")), "FAILURE NOTICE :") &&
      !bounce::ContainsNoCase(mail.Header("Content-Type"), "Active!Hunter")) {
    return false;
  }
  std::string transcript;
  bool in_transcript = false;
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = Trim(line);
    if (StartsWithNoCase(t, ">>> ")) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t);
      if (!r.recipient.empty()) out->records.push_back(std::move(r));
      continue;
    }
    if (bounce::ContainsNoCase(t, "----- Transcript of session follows -----")) {
      in_transcript = true;
      continue;
    }
    if (in_transcript) {
      if (t.empty() && !transcript.empty()) break;
      if (!t.empty()) transcript += (transcript.empty() ? "" : " ") + std::string(t);
    }
  }
  for (auto& r : out->records) r.diagnostic = transcript;
  return !out->records.empty();
}

}  // namespace mailwhy
