// NAME
//   cache_dir_testing - a fresh cache directory for one test (util/cache_file.h)
// DESCRIPTION
//   ScopedCacheDir points MAILWHY_CACHE_DIR at a new directory under /tmp (or at `sub`
//   inside it, left for the code under test to create) and, when it goes out of scope,
//   restores the variable and removes the directory. Files() lists what the code under
//   test wrote there. Test-only: nothing in the library includes it.
#ifndef MAILWHY_UTIL_CACHE_DIR_TESTING_H_
#define MAILWHY_UTIL_CACHE_DIR_TESTING_H_

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace mailwhy {

class ScopedCacheDir {
 public:
  explicit ScopedCacheDir(const std::string& sub = "") {
    if (const char* old = std::getenv("MAILWHY_CACHE_DIR")) saved_ = old, had_ = true;
    char tmpl[] = "/tmp/mailwhy-cache-test-XXXXXX";
    if (::mkdtemp(tmpl) != nullptr) root_ = tmpl;
    dir_ = sub.empty() ? root_ : root_ + "/" + sub;
    ::setenv("MAILWHY_CACHE_DIR", dir_.c_str(), 1);
  }
  ~ScopedCacheDir() {
    if (had_) ::setenv("MAILWHY_CACHE_DIR", saved_.c_str(), 1);
    else ::unsetenv("MAILWHY_CACHE_DIR");
    if (!root_.empty()) std::system(("rm -rf '" + root_ + "'").c_str());
  }
  ScopedCacheDir(const ScopedCacheDir&) = delete;
  ScopedCacheDir& operator=(const ScopedCacheDir&) = delete;

  bool ok() const { return !root_.empty(); }
  const std::string& root() const { return root_; }
  const std::string& path() const { return dir_; }
  // The names of the files in path(), in no particular order.
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    DIR* d = ::opendir(dir_.c_str());
    if (d == nullptr) return names;
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') names.push_back(e->d_name);
    }
    ::closedir(d);
    return names;
  }

 private:
  std::string root_, dir_, saved_;
  bool had_ = false;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_CACHE_DIR_TESTING_H_
