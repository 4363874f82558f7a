// NAME
//   app - the mailwhy command line: subcommands, options, exit codes
// DESCRIPTION
//   RunCli() parses argv (CLI11) into one command's options and runs it. Exit codes are
//   the same for every command: 0 done (found), 1 nothing found / not applicable, 2 error
//   (bad option, unreadable input), with the message on standard error.
#ifndef MAILWHY_CLI_APP_H_
#define MAILWHY_CLI_APP_H_

namespace mailwhy {

int RunCli(int argc, char** argv);

}  // namespace mailwhy

#endif  // MAILWHY_CLI_APP_H_
