// NAME
//   embedded_rules - the rules/*.toml files compiled into the binary
// DESCRIPTION
//   The build turns every rules/*.toml into a byte array (cmake/embed_rules.cmake), so the
//   knowledge base needs no files at run time. The table is sorted by file name; file
//   names order precedence (see docs/ARCHITECTURE.md).
#ifndef MAILWHY_DIAGNOSE_EMBEDDED_RULES_H_
#define MAILWHY_DIAGNOSE_EMBEDDED_RULES_H_

#include <string_view>
#include <vector>

namespace mailwhy {

struct EmbeddedFile {
  std::string_view name;   // "20-dsn-codes.toml"
  std::string_view text;   // the file's bytes
};

const std::vector<EmbeddedFile>& EmbeddedRuleFiles();

}  // namespace mailwhy

#endif  // MAILWHY_DIAGNOSE_EMBEDDED_RULES_H_
