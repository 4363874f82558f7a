// main - the mailwhy command: parse the command line, run the chosen command.
#include "cli/app.h"

int main(int argc, char** argv) { return mailwhy::RunCli(argc, argv); }
