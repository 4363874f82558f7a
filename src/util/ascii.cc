// ascii - implementation of ascii.h.
#include "util/ascii.h"

namespace mailwhy {

std::string AsciiLowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace mailwhy
