// app - the mailwhy command line (see app.h). Each subcommand registers itself from its own
// file (command.h); this file only assembles them and maps parse errors to exit code 2.
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace mailwhy {

int RunCli(int argc, char** argv) {
  CLI::App app{"mailwhy - why didn't this mail arrive?"};
  app.require_subcommand(1);
  int exit_code = 0;
  RegisterWhyCommand(app, &exit_code);
  RegisterJourneysCommand(app, &exit_code);
  RegisterReportCommand(app, &exit_code);
  RegisterExplainCommand(app, &exit_code);
  RegisterRulesCommand(app, &exit_code);
  RegisterBounceCommand(app, &exit_code);
  RegisterQueueCommand(app, &exit_code);
  RegisterProbeCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}

}  // namespace mailwhy
