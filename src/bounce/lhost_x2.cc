// NAME
//   lhost_x2 - an unidentified provider's "Delivery failure" (Sisimai's X2)
// DESCRIPTION
//     Subject: Delivery failure
//     Message from example.co.jp.
//     Unable to deliver message to the following address(es).
//
//     <kijitora@example.co.jp>:
//     This user doesn't have a example.co.jp account (kijitora@example.co.jp) [-9]
//
//     --- Original message follows.
//
//   Each "<address>:" line starts a recipient and the lines under it are the error.
//   A newer variant ("Your delivery to the following address has been failed.") writes
//   "Delivery failed: ADDRESS", "Remote host said[Response Message]: 554 ..." and
//   "STEP: DATA SEND" (the command).
#include "bounce/address_blocks.h"
#include "bounce/formats.h"
#include "bounce/smtp_clues.h"
#include "bounce/text_tools.h"

namespace mailwhy {

namespace {

// "Your delivery to the following address has been failed." then "Delivery failed: ADDR",
// the error lines, and "STEP: DATA SEND" naming the step.
bool ReadDeliveryFailed(const DecodedMail& mail, BounceReport* out) {
  for (std::string_view line : bounce::Lines(mail.body)) {
    std::string_view t = bounce::Trim(line);
    if (bounce::StartsWithNoCase(t, "Delivery failed:")) {
      BounceRecord r;
      r.recipient = bounce::FindAddress(t);
      if (!r.recipient.empty()) out->records.push_back(std::move(r));
      continue;
    }
    if (out->records.empty() || t.empty()) continue;
    BounceRecord& r = out->records.back();
    if (bounce::StartsWithNoCase(t, "STEP:")) {
      r.command = bounce::CanonicalCommand(bounce::Trim(t.substr(5)));
      continue;
    }
    std::string_view said = t;
    size_t at = bounce::FindNoCase(t, "Remote host said[Response Message]:");
    if (at != std::string_view::npos) said = bounce::Trim(t.substr(at + 35));
    r.diagnostic += (r.diagnostic.empty() ? "" : " ") + std::string(said);
  }
  return !out->records.empty();
}

}  // namespace

bool ReadX2(const DecodedMail& mail, BounceReport* out) {
  if (bounce::FindLineStarting(mail.body, {"Your delivery to the following address has been failed"}) !=
      std::string_view::npos) {
    return ReadDeliveryFailed(mail, out);
  }
  size_t start = bounce::FindLineStarting(
      mail.body, {"Unable to deliver message to the following address", "Delivery to the following recipients failed"});
  if (start == std::string_view::npos) return false;
  std::string_view prose = bounce::CutAtLine(std::string_view(mail.body).substr(start), {"--- Original message follows",
                                                                       "--- Below this line is a copy"});
  for (const auto& b : AddressBlocks(prose, AddressLead::kAngle, /*blank_ends=*/true)) {
    BounceRecord r;
    r.recipient = b.address;
    r.diagnostic = b.Text();
    out->records.push_back(std::move(r));
  }
  return !out->records.empty();
}

}  // namespace mailwhy
