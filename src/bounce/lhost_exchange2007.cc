// NAME
//   lhost_exchange2007 - Exchange 2007 and later, Office 365 / Exchange Online, Outlook.com
// DESCRIPTION
//   Exchange's non-delivery reports (NDRs) open with a friendly paragraph and end with the
//   part that matters:
//
//     Delivery has failed to these recipients or groups:
//     kijitora@example.com<mailto:kijitora@example.com>
//     The email address you entered couldn't be found. ...
//
//     Diagnostic information for administrators:
//     Generating server: NEKOCHAN.example.prod.outlook.com
//     kijitora@example.com
//     Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
//
//   (Exchange 2007: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"; other
//   languages: "Échec de la remise à ces destinataires", "配信できませんでした"). The
//   address lines under "Diagnostic information" name the recipients; the reply after
//   each (between "Remote Server returned '...'" or "#...##") is the error, and
//   "Generating server" the server that refused. When a delivery status part exists
//   its fields come first and the prose fills what they lack.
#include "bounce/formats.h"
#include "bounce/report_fields.h"
#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::ContainsNoCase;
using bounce::StartsWithNoCase;
using bounce::Trim;

namespace {

constexpr std::string_view kFriendlyStarts[] = {
    "Delivery has failed to these recipients or groups:",
    "Delivery has failed to these recipients or distribution lists:",
    "Your message to ",  // "Your message to X couldn't be delivered."
    "Your message couldn't be delivered",
    "The following recipient(s) cannot be reached:",
    "Échec de la remise à ces destinataires ou groupes",
};

// "Remote Server returned '550 5.1.1 ...'" and "#550 5.1.1 ... ##" -> the reply.
std::string ReplyOf(std::string_view t) {
  if (StartsWithNoCase(t, "Remote Server returned '")) {
    std::string_view r = t.substr(24);
    if (!r.empty() && r.back() == '\'') r.remove_suffix(1);
    return std::string(r);
  }
  if (!t.empty() && t[0] == '#') {
    std::string_view r = t.substr(1);
    size_t end = r.find("##");
    return std::string(Trim(r.substr(0, end)));
  }
  return std::string();
}

}  // namespace

bool ReadExchange2007(const DecodedMail& mail, BounceReport* out) {
  bool match = false;
  for (auto s : kFriendlyStarts) {
    if (bounce::FindLineStarting(mail.body, {s}) != std::string_view::npos) match = true;
  }
  if (bounce::FindLineStarting(mail.body, {"Diagnostic information for administrators:"}) == std::string_view::npos) {
    if (!match) return false;
  }
  std::string_view prose = bounce::CutAtLine(mail.body, {"Original message headers:",
                                                         "Content-Type: message/delivery-status"});
  std::vector<BounceRecord> records = RecordsFromDeliveryStatus(mail);
  const bool from_ds = !records.empty();
  // The administrators' part.
  size_t diag = bounce::FindLineStarting(prose, {"Diagnostic information for administrators:"});
  std::string generating;
  std::vector<BounceRecord> listed;
  if (diag != std::string_view::npos) {
    for (std::string_view line : bounce::Lines(prose.substr(diag))) {
      std::string_view t = Trim(line);
      if (t.empty()) continue;
      if (StartsWithNoCase(t, "Generating server:")) {
        generating = std::string(Trim(t.substr(18)));
        continue;
      }
      if (bounce::IsAddress(t)) {
        BounceRecord r;
        r.recipient = bounce::FindAddress(t);
        listed.push_back(std::move(r));
        continue;
      }
      if (listed.empty()) continue;
      std::string reply = ReplyOf(t);
      if (!reply.empty() && listed.back().diagnostic.empty()) listed.back().diagnostic = reply;
    }
  }
  // The friendly part, for its explanation (and its addresses when nothing else has them).
  std::vector<std::pair<std::string, std::string>> friendly;  // address, explanation
  size_t fstart = std::string_view::npos;
  for (auto s : kFriendlyStarts) fstart = std::min(fstart, bounce::FindLineStarting(prose, {s}));
  if (fstart != std::string_view::npos) {
    bool first = true;
    for (std::string_view line : bounce::Lines(prose.substr(fstart, diag == std::string_view::npos ? std::string_view::npos : diag - fstart))) {
      std::string_view t = Trim(line);
      if (first) {
        first = false;
        if (StartsWithNoCase(t, "Your message to ")) {
          std::string a = bounce::FindAddress(t);
          if (!a.empty()) friendly.emplace_back(a, std::string());
        }
        continue;
      }
      if (t.empty() || StartsWithNoCase(t, "____")) continue;
      std::string a = bounce::FindAddress(t);
      const bool address_line = !a.empty() && (t.find("<mailto:") != std::string_view::npos || bounce::IsAddress(t) ||
                                              (t.back() == '>' && t.find(' ') == std::string_view::npos));
      if (address_line) {
        friendly.emplace_back(a, std::string());
        continue;
      }
      if (!friendly.empty() && friendly.back().second.size() < 600) {
        friendly.back().second += (friendly.back().second.empty() ? "" : " ") + std::string(t);
      }
    }
  }
  if (!from_ds) {
    records = std::move(listed);
    if (records.empty()) {
      for (auto& [a, text] : friendly) {
        BounceRecord r;
        r.recipient = a;
        r.diagnostic = text;
        records.push_back(std::move(r));
      }
    }
  } else {
    for (auto& l : listed) {
      if (BounceRecord* r = FindRecord(&records, l.recipient)) {
        if (Trim(r->diagnostic).empty()) r->diagnostic = l.diagnostic;
      }
    }
  }
  for (auto& r : records) {
    if (r.remote_mta.empty()) r.remote_mta = generating;
    if (Trim(r.diagnostic).empty()) {
      for (auto& [a, text] : friendly) {
        if (bounce::EqualsNoCase(a, r.recipient)) r.diagnostic = text;
      }
    }
  }
  out->records = std::move(records);
  return !out->records.empty();
}

}  // namespace mailwhy
