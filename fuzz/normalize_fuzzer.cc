// normalize_fuzzer - any bytes as a reply text: Normalize() sixteen bytes at a time must
// give exactly what it gives byte by byte (normalize.cc), and neither may read outside
// the text (ASan/UBSan). A rule phrase is normalized too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "diagnose/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mailwhy::NormalizedText by_blocks, by_bytes;
  mailwhy::Normalize(text, &by_blocks);
  mailwhy::NormalizeByteByByte(text, &by_bytes);
  if (by_blocks.text != by_bytes.text || by_blocks.code != by_bytes.code ||
      by_blocks.enhanced != by_bytes.enhanced || by_blocks.stage != by_bytes.stage) {
    std::abort();
  }
  (void)mailwhy::NormalizePattern(text);
  return 0;
}
