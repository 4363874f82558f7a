// app - the mailwhy command line (see app.h).
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace mailwhy {

int RunCli(int argc, char** argv) {
  CLI::App app{"mailwhy - why didn't this mail arrive?"};
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace mailwhy
