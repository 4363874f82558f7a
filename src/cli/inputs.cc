// inputs - which files a command reads, and colour (see inputs.h).
#include "cli/inputs.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "journey/log_reader.h"
#include "util/input_files.h"

namespace mailwhy {

bool ResolveInputs(const std::vector<std::string>& given, std::vector<std::string>* files) {
  if (!given.empty()) {
    *files = OrderOldestFirst(given);
    return true;
  }
  Status s = DefaultLogFiles(files);
  if (!s.ok()) {
    std::cerr << "mailwhy: " << s.ToString() << "\n"
              << "mailwhy: name the log files to read, e.g. mailwhy journeys /var/log/mail.log*\n";
    return false;
  }
  std::cerr << "mailwhy: reading " << (*files)[0]
            << " (name files to read others, e.g. /var/log/mail.log*)\n";
  return true;
}

bool WantColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(STDOUT_FILENO) != 0;
}

void AddThreadsOption(CLI::App* cmd, int* threads) {
  cmd->add_option("--threads", *threads,
                  "1: all in one thread; 2: summarise or print in a second thread; 3: also "
                  "read and parse in a third. Same output; default: one per core, at most 3")
      ->check(CLI::Range(1, 3));
}

int ReadThreads(int option) { return option > 0 ? option : DefaultReadThreads(); }

}  // namespace mailwhy
