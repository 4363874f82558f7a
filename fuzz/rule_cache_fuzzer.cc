// rule_cache_fuzzer - a cached knowledge base damaged anywhere: DecodeRuleSet() must
// refuse it or decode it without reading outside its bytes (ASan/UBSan), and whatever it
// decodes must encode and decode again. The input is a list of edits to a real encoding
// of the built-in rules, so that the damage reaches every record, not only the header:
// four bytes of length to cut it to, then (three bytes of offset, one byte of value)
// pairs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "diagnose/embedded_rules.h"
#include "diagnose/rule_cache.h"

namespace {

const std::string& Encoding() {
  static const std::string bytes = [] {
    std::vector<mailwhy::RuleFile> files;
    for (const mailwhy::EmbeddedFile& f : mailwhy::EmbeddedRuleFiles()) {
      files.push_back(mailwhy::RuleFile{std::string(f.name), std::string(f.name),
                                        std::string(f.text), true});
    }
    mailwhy::RuleSet set;
    if (!mailwhy::LoadRuleFiles(std::move(files), &set).ok()) std::abort();
    return mailwhy::EncodeRuleSet(set);
  }();
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes = Encoding();
  if (size >= 4) {
    const size_t cut = (size_t{data[0]} | size_t{data[1]} << 8 | size_t{data[2]} << 16 |
                        size_t{data[3]} << 24) % (bytes.size() + 1);
    if (data[3] & 0x80) bytes.resize(cut);  // half the inputs keep the whole length
    data += 4;
    size -= 4;
  }
  for (; size >= 4 && !bytes.empty(); data += 4, size -= 4) {
    const size_t at = (size_t{data[0]} | size_t{data[1]} << 8 | size_t{data[2]} << 16) % bytes.size();
    bytes[at] = static_cast<char>(data[3]);
  }
  mailwhy::RuleSet set;
  if (!mailwhy::DecodeRuleSet(bytes, &set)) return 0;
  mailwhy::RuleSet again;
  if (!mailwhy::DecodeRuleSet(mailwhy::EncodeRuleSet(set), &again)) std::abort();
  return 0;
}
