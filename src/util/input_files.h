// NAME
//   input_files - which log files to read, and in which order
// DESCRIPTION
//   OrderOldestFirst() sorts rotated sets so that reading them in order reads the log in
//   time order: "mail.log.3.gz mail.log.2.gz mail.log.1 mail.log" (higher number = older),
//   "maillog-20221204 maillog-20221205.gz maillog" (date suffixes, oldest date first, the
//   live file last), Postfix's own "postfix.log.20221205-101500.gz". A set is the files
//   with the same directory and base name; .gz, .zst, .xz and .bz2 suffixes are ignored,
//   and a suffix of eight or more digits (".20221204" too) is a date, not a number. Files
//   of different sets keep the order in which they were given (by their first
//   appearance). "-" (stdin) stays where it was given, as a set of its own.
//
//   DefaultLogFiles() returns the first of /var/log/mail.log and /var/log/maillog that
//   exists (the usual locations on Debian and on Red Hat), for a run given no file.
#ifndef MAILWHY_UTIL_INPUT_FILES_H_
#define MAILWHY_UTIL_INPUT_FILES_H_

#include <string>
#include <vector>

#include "util/status.h"

namespace mailwhy {

std::vector<std::string> OrderOldestFirst(const std::vector<std::string>& paths);

// On success *paths holds one file. NotFound lists the locations that were tried.
Status DefaultLogFiles(std::vector<std::string>* paths);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_INPUT_FILES_H_
