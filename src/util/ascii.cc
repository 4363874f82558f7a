// ascii - implementation of ascii.h.
#include "util/ascii.h"

namespace mailwhy {

std::string AsciiLowered(std::string_view s) {
  std::string out;
  AsciiLowerTo(s, &out);
  return out;
}

void AsciiLowerTo(std::string_view s, std::string* out) {
  out->assign(s);
  for (char& c : *out) c = AsciiLower(c);
}

}  // namespace mailwhy
