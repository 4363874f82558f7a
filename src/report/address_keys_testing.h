// NAME
//   address_keys_testing - MaskVariableParts() with its shortcut switched off, for tests
// DESCRIPTION
//   MaskVariablePartsTo() skips a word that holds nothing to mask in one step instead of
//   offering each of its characters to the scanners. With skip_plain_words false every
//   character is offered: the slow, obvious reading of the contract, which tests compare
//   the fast one against. Not for use outside tests.
#ifndef MAILWHY_REPORT_ADDRESS_KEYS_TESTING_H_
#define MAILWHY_REPORT_ADDRESS_KEYS_TESTING_H_

#include <string>
#include <string_view>

namespace mailwhy {

void MaskVariablePartsInto(std::string_view text, bool skip_plain_words, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_ADDRESS_KEYS_TESTING_H_
