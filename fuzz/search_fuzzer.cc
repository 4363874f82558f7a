// search_fuzzer - any bytes through `why`'s two-pass search: the first line is the word,
// the rest the log (read from a memory file, as a plain file would be). Exercises the
// block scans, line counting, MightWant and the selected-line reader (ASan/UBSan).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "journey/log_reader.h"

namespace {

class Discard : public mailwhy::JourneySink {
 public:
  void OnJourney(mailwhy::Journey&&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  if (nl == std::string_view::npos || nl == 0 || nl > 64) return 0;
  std::string word(input.substr(0, nl));
  std::string_view log = input.substr(nl + 1);
  int fd = memfd_create("log", 0);
  if (fd < 0) return 0;
  if (write(fd, log.data(), log.size()) != static_cast<ssize_t>(log.size())) {
    close(fd);
    return 0;
  }
  Discard sink;
  mailwhy::LogReadOptions options;
  options.forced_year = 2026;
  options.search_words = {word};
  options.correlator.keep_lines = true;
  mailwhy::LogReadStats stats;
  mailwhy::ReadLogs({"/proc/self/fd/" + std::to_string(fd)}, options, &sink, &stats);
  close(fd);
  return 0;
}
