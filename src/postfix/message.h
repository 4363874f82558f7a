// NAME
//   message - a Postfix message split into severity, queue ID and body
// DESCRIPTION
//   Postfix's msg_warn()/msg_error()/msg_fatal()/msg_panic() put "warning: ", "error: ",
//   "fatal: " or "panic: " before the text; a message about one queue file then starts
//   with its queue ID and ": " (STYLE.md: "messages about one message start with its
//   queue ID"). So the order is always [SEVERITY: ][QID: ]BODY:
//
//     "warning: 9BECF3F19D: sender_canonical_maps map lookup problem for ..."
//     "NOQUEUE: reject: RCPT from ..."
//     "A123B45678C:  from=<...>, size=..."   (a seed article's double space is tolerated)
//
//   After the queue ID, "warning: " is not a severity but a header_checks action
//   ("D8B07E3DB6: warning: header Subject: ..."), so it stays in the body.
// LIFETIME
//   Views point into the message given to SplitMessage().
#ifndef MAILWHY_POSTFIX_MESSAGE_H_
#define MAILWHY_POSTFIX_MESSAGE_H_

#include <string_view>

namespace mailwhy::postfix {

struct Message {
  std::string_view text;      // the whole message
  std::string_view severity;  // "warning", "error", "fatal", "panic" or ""
  std::string_view qid;       // a queue ID, "NOQUEUE", or ""
  std::string_view body;      // what follows "SEVERITY: " and "QID: "
};

Message SplitMessage(std::string_view text);

// The "QID: " a text starts with, or "" (the text then does not start with one).
// *after is set to the position after ": " and any further spaces.
std::string_view LeadingQueueId(std::string_view text, size_t* after);

}  // namespace mailwhy::postfix

#endif  // MAILWHY_POSTFIX_MESSAGE_H_
