// NAME
//   command - how a subcommand plugs into the command line
// DESCRIPTION
//   Each subcommand lives in its own file (journeys_command.cc, explain_command.cc, ...)
//   and exposes one Register function that adds its CLI11 subcommand, its options and its
//   callback to the app. The callback stores its exit code in *exit_code (0 found/done, 1
//   nothing found, 2 error). app.cc calls every Register function; nothing else is shared.
#ifndef MAILWHY_CLI_COMMAND_H_
#define MAILWHY_CLI_COMMAND_H_

#include <CLI/CLI.hpp>

namespace mailwhy {

void RegisterJourneysCommand(CLI::App& app, int* exit_code);
void RegisterReportCommand(CLI::App& app, int* exit_code);
void RegisterExplainCommand(CLI::App& app, int* exit_code);
void RegisterRulesCommand(CLI::App& app, int* exit_code);
void RegisterWhyCommand(CLI::App& app, int* exit_code);
void RegisterBounceCommand(CLI::App& app, int* exit_code);
void RegisterQueueCommand(CLI::App& app, int* exit_code);
void RegisterProbeCommand(CLI::App& app, int* exit_code);

}  // namespace mailwhy

#endif  // MAILWHY_CLI_COMMAND_H_
