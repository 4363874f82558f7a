// log_lines_fuzzer - any bytes, as log lines, through the prefix, event and status-text
// parsers and the correlator. Finds reads outside a line, crashes and hangs (ASan/UBSan).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "journey/correlator.h"
#include "postfix/event_parser.h"
#include "syslog/prefix_parser.h"
#include "syslog/time_resolver.h"

namespace {

class Discard : public mailwhy::JourneySink {
 public:
  void OnJourney(mailwhy::Journey&&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Discard sink;
  mailwhy::Correlator correlator(mailwhy::CorrelatorOptions{}, &sink);
  mailwhy::TimeResolver times(1795392000, 0);
  uint64_t n = 0;
  while (!input.empty()) {
    size_t nl = input.find('\n');
    std::string_view line = input.substr(0, nl);
    input = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
    mailwhy::Record rec;
    mailwhy::ParseRecord(line, &rec);
    times.Resolve(&rec);
    mailwhy::Event ev;
    mailwhy::ParseEvent(rec, &ev);
    mailwhy::ReplyInfo reply;
    mailwhy::ParseStatusText(rec.message, &reply);
    correlator.Add(rec, ev, mailwhy::LineSource{0, ++n, line});
  }
  correlator.Finish();
  return 0;
}
