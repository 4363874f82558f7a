// testing - implementation of tests/testing.h.
#include "testing.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mailwhy::testing {

std::string SharedPath(const std::string& rel) {
  const char* env = std::getenv("MAILWHY_SHARED_DIR");
  std::string base = env && *env ? env : MAILWHY_SHARED_DIR;
  std::string p = base + "/" + rel;
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 ? p : std::string();
}

bool UnderCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

std::string SourcePath(const std::string& rel) { return std::string(MAILWHY_SOURCE_DIR) + "/" + rel; }

std::string BinaryPath() { return MAILWHY_BINARY; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RunCommand(const std::string& cmd, std::string* out) {
  out->clear();
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  int rc = ::pclose(p);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace mailwhy::testing
