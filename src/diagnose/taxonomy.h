// NAME
//   taxonomy - the closed vocabularies of a verdict: reason, class, side, origin, language
// DESCRIPTION
//   Reason names are Sisimai 5.6's (DESIGN.md "Reason taxonomy") plus `greylisted`, a 4xx
//   that only asks for a retry. Class says whether Postfix will try again. Side says who
//   must act. Origin says where the text came from: a delivery attempt of ours, a reject
//   our smtpd gave a client, a cleanup/milter reject, or a text pasted without context.
//
//   Every enum has ToString() giving the wire name used in rules/*.toml and in JSON, and
//   a Parse function returning false for a name that is not in the list (rule loading
//   reports it with file:line).
// BUGS
//   The lists are closed on purpose: a rule file cannot invent a reason, so reports can
//   group by reason without surprises.
#ifndef MAILWHY_DIAGNOSE_TAXONOMY_H_
#define MAILWHY_DIAGNOSE_TAXONOMY_H_

#include <cstdint>
#include <string_view>

namespace mailwhy {

enum class Reason : uint8_t {
  kAuthFailure, kBadReputation, kBlocked, kContentError, kDelivered, kEmailTooLarge,
  kExpired, kFailedStartTls, kFeedback, kFiltered, kGreylisted, kHasMoved, kHostUnknown,
  kMailboxFull, kMailerError, kNetworkError, kNoRelaying, kNotAccept, kNotCompliantRfc,
  kOnHold, kPolicyViolation, kRateLimited, kRejected, kRequirePtr, kSecurityError,
  kSpamDetected, kSuppressed, kSuspend, kSyntaxError, kSystemError, kSystemFull,
  kUndefined, kUserUnknown, kVacation, kVirusDetected,
};
inline constexpr int kReasonCount = static_cast<int>(Reason::kVirusDetected) + 1;

// Will Postfix try again? kNone for texts that are not failures (delivered).
enum class FailureClass : uint8_t { kTemporary, kPermanent, kNone };

// Who must act (DESIGN.md, Verdict.side).
enum class Side : uint8_t {
  kSender,           // the person: fix the address or the message
  kRecipient,        // the recipient: empty the mailbox, whitelist, ...
  kRecipientServer,  // the receiving server's operator
  kSenderDomain,     // the sending domain's DNS (SPF, DKIM, DMARC, MX of the sender)
  kSendingIp,        // the sending IP: reputation, blocklists, PTR
  kSendingApp,       // the program that submitted the mail (web app, script)
  kOurServer,        // our Postfix configuration or host
  kNetwork,          // DNS resolution, routing, firewalls between the two
  kContent,          // the message content itself
};

// Where the text was written.
enum class Origin : uint8_t {
  kUnknown,        // pasted text without a log line around it
  kDelivery,       // our smtp/lmtp/local/... delivery attempt (outbound)
  kInboundReject,  // our smtpd/postscreen refused a client (NOQUEUE reject)
  kCleanup,        // our cleanup or a milter refused the message content
};

enum class Lang : uint8_t { kEn, kJa };

std::string_view ToString(Reason r);
std::string_view ToString(FailureClass c);
std::string_view ToString(Side s);
std::string_view ToString(Origin o);
std::string_view ToString(Lang l);

bool ParseReason(std::string_view name, Reason* out);
bool ParseFailureClass(std::string_view name, FailureClass* out);
bool ParseSide(std::string_view name, Side* out);
bool ParseOrigin(std::string_view name, Origin* out);
bool ParseLang(std::string_view name, Lang* out);

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_TAXONOMY_H_
