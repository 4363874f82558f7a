// NAME
//   language - which language to answer in
// DESCRIPTION
//   LanguageFromOption() takes --lang (ja or en) when given; otherwise the first of
//   LC_ALL, LC_MESSAGES, LANG that is set decides, as for gettext: "ja", "ja_JP.UTF-8"
//   and the like give Japanese, anything else English.
#ifndef MAILWHY_CLI_LANGUAGE_H_
#define MAILWHY_CLI_LANGUAGE_H_

#include <string>

#include "diagnose/taxonomy.h"

namespace mailwhy {

Lang LanguageFromOption(const std::string& option);

}  // namespace mailwhy

#endif  // MAILWHY_CLI_LANGUAGE_H_
