// language - which language to answer in (see language.h).
#include "cli/language.h"

#include <cstdlib>

namespace mailwhy {

Lang LanguageFromOption(const std::string& option) {
  if (option == "ja") return Lang::kJa;
  if (option == "en") return Lang::kEn;
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return std::string(v).rfind("ja", 0) == 0 ? Lang::kJa : Lang::kEn;
  }
  return Lang::kEn;
}

}  // namespace mailwhy
