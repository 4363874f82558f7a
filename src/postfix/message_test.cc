// message_test - LeadingQueueId() judges queue IDs exactly as IsQueueId() does (message.h).
#include "postfix/message.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "postfix/event_parser.h"

namespace mailwhy::postfix {
namespace {

// The rule spelled out the slow way: the text up to the first ":" in its first 33 bytes
// is a queue ID, followed by a space or the end.
std::string_view ReferenceLeadingQueueId(std::string_view text, size_t* after) {
  const size_t limit = std::min<size_t>(text.size(), 33);
  const size_t colon = text.substr(0, limit).find(':');
  if (colon == std::string_view::npos || !IsQueueId(text.substr(0, colon))) return {};
  size_t pos = colon + 1;
  if (pos < text.size() && text[pos] != ' ') return {};
  while (pos < text.size() && text[pos] == ' ') ++pos;
  *after = pos;
  return text.substr(0, colon);
}

void ExpectSameAsReference(std::string_view text) {
  size_t after = 99, want_after = 99;
  const std::string_view got = LeadingQueueId(text, &after);
  const std::string_view want = ReferenceLeadingQueueId(text, &want_after);
  EXPECT_EQ(got, want) << '"' << text << '"';
  EXPECT_EQ(got.data() == text.data() || got.empty(), true) << '"' << text << '"';
  if (!want.empty()) {
    EXPECT_EQ(after, want_after) << '"' << text << '"';
  }
}

TEST(Message, LeadingQueueIdOfTheCommonShapes) {
  for (std::string_view text :
       {"7EE668039: removed", "NOQUEUE: reject: RCPT", "NOQUEUE:", "NOQUEUEX: x", "4PbC4x469Jz3tBr: to=<a>",
        "4PbC4x469Jz: x", "4PbC4x469J3tBr: x", "ABCDE: x", "ABCDEF: x", "ABCDEF:x", "ABCDEF:",
        "abcdef: x", "connect from x[1.2.3.4]", "0123456789ABCDEF0123456789ABCDEF: x",
        "0123456789ABCDEF0123456789ABCDEF0: x", ":", "", "A17F8300G1CA: x", "BCDFGHJKLMzz: x",
        "BCDFGHJKLMzN: x", "7EE668039:   from=<>"}) {
    ExpectSameAsReference(text);
  }
  size_t after = 0;
  EXPECT_EQ(LeadingQueueId("7EE668039:  from=<>", &after), "7EE668039");
  EXPECT_EQ(after, 12u);
  EXPECT_EQ(LeadingQueueId("NOQUEUE: reject", &after), "NOQUEUE");
  EXPECT_EQ(after, 9u);
  EXPECT_EQ(LeadingQueueId("3mPVKl0Mhjz7sXv: client=x", &after), "3mPVKl0Mhjz7sXv");
  EXPECT_EQ(LeadingQueueId("connect from x", &after), "");
}

TEST(Message, LeadingQueueIdAgreesWithIsQueueIdOnRandomTexts) {
  // Characters from every class the rules tell apart: hex digits, vowels, consonants of
  // both cases, "z", the separators, and NOQUEUE's letters.
  static constexpr std::string_view kAlphabet = "09AFBEaezZbNOQUE: x";
  std::mt19937 rng(12345);
  std::string text;
  for (int i = 0; i < 200000; ++i) {
    const size_t length = rng() % 40;
    text.clear();
    for (size_t j = 0; j < length; ++j) text += kAlphabet[rng() % kAlphabet.size()];
    // Bias toward plausible IDs: a run of ID characters, then ": ".
    if (i % 3 == 0 && text.size() > 2) text[rng() % text.size()] = ':';
    ExpectSameAsReference(text);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace mailwhy::postfix
