// NAME
//   mail_input - the messages in a path: one .eml file, an mbox file, a Maildir, a folder
// SYNOPSIS
//   Status s = ForEachMail("~/Maildir/.Bounces", [&](MailInput& m) { Read(m.bytes); });
// DESCRIPTION
//   ForEachMail() calls `sink` once per message found under `path`, in a stable order:
//     - "-": standard input, one message or an mbox;
//     - a file: an mbox when its first line is an mbox separator ("From SENDER DATE"),
//       else one message (an .eml export, a Maildir file, a saved bounce). Compressed files
//       (gzip, zstd, xz) are read through (util/byte_source.h);
//     - a Maildir (a folder with cur/ or new/): new/ then cur/, each in name order;
//     - any other folder: its files in name order (each a message or an mbox), not
//       descending into subfolders; names starting with "." are skipped.
//   Line ends are normalised to LF (line_ends.h) before the sink sees the bytes.
//
//   MailInput.file is the path as given, or, inside a folder, the folder as given joined
//   with the entry's name; MailInput.index is the message's 1-based position inside an
//   mbox file, or 0 for a file holding one message.
// DIAGNOSTICS
//   A path that does not exist or cannot be read gives a Status naming it ("x.eml: No
//   such file or directory"). Inside a folder an unreadable file does not stop the walk:
//   the other files are read and the first error is returned at the end.
// BUGS
//   mbox bodies are not un-escaped (">From " stays as written); no bounce format depends
//   on it. A message separator must follow an empty line (or start the file), so a body
//   line "From ..." that the writer forgot to escape does not split a message in two.
#ifndef MAILWHY_BOUNCE_MAIL_INPUT_H_
#define MAILWHY_BOUNCE_MAIL_INPUT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mailwhy {

struct MailInput {
  std::string file;   // where it came from, as described above
  int index = 0;      // 1-based inside an mbox, 0 otherwise
  std::string bytes;  // the message, LF line ends
};

using MailSink = std::function<void(MailInput&)>;

Status ForEachMail(const std::string& path, const MailSink& sink);

// True when `text` starts with an mbox separator line ("From sender date...").
bool LooksLikeMbox(std::string_view text);

// The messages of an mbox text (LF line ends), without their separator lines.
std::vector<std::string_view> SplitMbox(std::string_view text);

}  // namespace mailwhy

#endif  // MAILWHY_BOUNCE_MAIL_INPUT_H_
