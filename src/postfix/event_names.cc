// NAME
//   event_names - EventKindName() and TextShapeName(): the enums as stable words
// DESCRIPTION
//   The words follow the enumerator names ("kSmtpdReject" -> "smtpd-reject") so a count in
//   --stats or a failing test names the kind the reader finds in event.h.
#include "postfix/event.h"

namespace mailwhy {

std::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kUnknown: return "unknown";
    case EventKind::kOther: return "other";
    case EventKind::kNoise: return "noise";
    case EventKind::kSmtpdConnect: return "smtpd-connect";
    case EventKind::kSmtpdClient: return "smtpd-client";
    case EventKind::kSmtpdReject: return "smtpd-reject";
    case EventKind::kSmtpdDisconnect: return "smtpd-disconnect";
    case EventKind::kSmtpdLostConnection: return "smtpd-lost-connection";
    case EventKind::kSmtpdSaslFailed: return "smtpd-sasl-failed";
    case EventKind::kSmtpdWarning: return "smtpd-warning";
    case EventKind::kPostscreen: return "postscreen";
    case EventKind::kDnsblogListed: return "dnsblog-listed";
    case EventKind::kPickup: return "pickup";
    case EventKind::kCleanupMessageId: return "cleanup-message-id";
    case EventKind::kCleanupResentMessageId: return "cleanup-resent-message-id";
    case EventKind::kCleanupAction: return "cleanup-action";
    case EventKind::kQmgrActive: return "qmgr-active";
    case EventKind::kQmgrRemoved: return "qmgr-removed";
    case EventKind::kQmgrExpired: return "qmgr-expired";
    case EventKind::kQmgrSkipped: return "qmgr-skipped";
    case EventKind::kDelivery: return "delivery";
    case EventKind::kSmtpNote: return "smtp-note";
    case EventKind::kSmtpConnectFail: return "smtp-connect-fail";
    case EventKind::kTls: return "tls";
    case EventKind::kBounceNotice: return "bounce-notice";
    case EventKind::kBounceFailed: return "bounce-failed";
    case EventKind::kPostsuper: return "postsuper";
    case EventKind::kWarning: return "warning";
  }
  return "unknown";
}

std::string_view TextShapeName(TextShape shape) {
  switch (shape) {
    case TextShape::kNone: return "none";
    case TextShape::kRemoteReply: return "remote-reply";
    case TextShape::kRefusedToTalk: return "refused-to-talk";
    case TextShape::kConnectFailed: return "connect-failed";
    case TextShape::kLostConnection: return "lost-connection";
    case TextShape::kConversationTimeout: return "conversation-timeout";
    case TextShape::kHostNotFound: return "host-not-found";
    case TextShape::kNullMx: return "null-mx";
    case TextShape::kTlsRequired: return "tls-required";
    case TextShape::kBareReply: return "bare-reply";
    case TextShape::kLocal: return "local";
  }
  return "none";
}

}  // namespace mailwhy
