// NAME
//   inputs - the log files a command reads, and whether to colour its output
// DESCRIPTION
//   ResolveInputs() orders the files the user named oldest first (rotated sets), or, when
//   none was named, finds the usual log location and says on standard error which one it
//   used. It prints the reason and returns false when there is nothing to read.
//
//   WantColor() decides --color never|always|auto; auto means: standard output is a
//   terminal and NO_COLOR is not set.
//
//   AddThreadsOption() gives a log-reading command its --threads option; ReadThreads()
//   turns the value (0 when not given) into LogReadOptions::threads.
#ifndef MAILWHY_CLI_INPUTS_H_
#define MAILWHY_CLI_INPUTS_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mailwhy {

bool ResolveInputs(const std::vector<std::string>& given, std::vector<std::string>* files);
bool WantColor(const std::string& mode);
void AddThreadsOption(CLI::App* cmd, int* threads);
int ReadThreads(int option);

}  // namespace mailwhy

#endif  // MAILWHY_CLI_INPUTS_H_
