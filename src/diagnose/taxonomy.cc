// taxonomy - names of the verdict vocabularies (see taxonomy.h).
#include "diagnose/taxonomy.h"

#include <array>
#include <utility>

namespace mailwhy {
namespace {

constexpr std::array<std::string_view, kReasonCount> kReasonNames = {
    "authfailure", "badreputation", "blocked", "contenterror", "delivered", "emailtoolarge",
    "expired", "failedstarttls", "feedback", "filtered", "greylisted", "hasmoved",
    "hostunknown", "mailboxfull", "mailererror", "networkerror", "norelaying", "notaccept",
    "notcompliantrfc", "onhold", "policyviolation", "ratelimited", "rejected", "requireptr",
    "securityerror", "spamdetected", "suppressed", "suspend", "syntaxerror", "systemerror",
    "systemfull", "undefined", "userunknown", "vacation", "virusdetected",
};
constexpr std::array<std::string_view, 3> kClassNames = {"temporary", "permanent", "none"};
constexpr std::array<std::string_view, 9> kSideNames = {
    "sender", "recipient", "recipient-server", "sender-domain", "sending-ip",
    "sending-app", "our-server", "network", "content",
};
constexpr std::array<std::string_view, 4> kOriginNames = {"unknown", "delivery", "inbound",
                                                          "cleanup"};
constexpr std::array<std::string_view, 2> kLangNames = {"en", "ja"};

template <typename E, size_t N>
bool ParseName(const std::array<std::string_view, N>& names, std::string_view name, E* out) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view ToString(Reason r) { return kReasonNames[static_cast<size_t>(r)]; }
std::string_view ToString(FailureClass c) { return kClassNames[static_cast<size_t>(c)]; }
std::string_view ToString(Side s) { return kSideNames[static_cast<size_t>(s)]; }
std::string_view ToString(Origin o) { return kOriginNames[static_cast<size_t>(o)]; }
std::string_view ToString(Lang l) { return kLangNames[static_cast<size_t>(l)]; }

bool ParseReason(std::string_view n, Reason* out) { return ParseName(kReasonNames, n, out); }
bool ParseFailureClass(std::string_view n, FailureClass* out) {
  return ParseName(kClassNames, n, out);
}
bool ParseSide(std::string_view n, Side* out) { return ParseName(kSideNames, n, out); }
bool ParseOrigin(std::string_view n, Origin* out) { return ParseName(kOriginNames, n, out); }
bool ParseLang(std::string_view n, Lang* out) { return ParseName(kLangNames, n, out); }

}  // namespace mailwhy
