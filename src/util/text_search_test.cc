// text_search_test - addresses found whatever their case, never past the text's end.
#include "util/text_search.h"

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "util/ascii.h"

namespace mailwhy {
namespace {

TEST(CaseInsensitiveSearch, FindsAddressesInAnyCase) {
  CaseInsensitiveSearch s("tu@example.net");
  EXPECT_TRUE(s.In("to=<TU@Example.NET>, relay=..."));
  EXPECT_TRUE(s.In("tu@example.net"));
  EXPECT_TRUE(s.In("xx tu@example.netx"));
  EXPECT_FALSE(s.In("to=<tu@example.ne>"));
  EXPECT_FALSE(s.In("tu@example.ne"));           // shorter than the needle
  EXPECT_FALSE(s.In(""));
  EXPECT_TRUE(CaseInsensitiveSearch("").In("anything"));
}

TEST(CaseInsensitiveSearch, FirstByteSeenInBothCasesBeforeTheMatch) {
  CaseInsensitiveSearch s("bob@x.org");
  EXPECT_TRUE(s.In("Bad B b bob@X.ORG"));
  EXPECT_TRUE(s.In("BOB@x.org"));
  EXPECT_FALSE(s.In("Bo b@x.org"));
  CaseInsensitiveSearch digits("198.51.100.100");
  EXPECT_TRUE(digits.In("client=example.org[198.51.100.100]"));
  EXPECT_FALSE(digits.In("client=example.org[198.51.100.10]"));
}

// Find() answers what std::string_view::find() answers on the lower-cased text, from
// any position: random texts of pieces in both cases around the needle's bytes.
TEST(CaseInsensitiveSearch, FindIsFindOnTheLowerCasedText) {
  static constexpr std::string_view kPieces[] = {"c", "C", "cl", "Client", "CLIENT host [",
                                                 "client host [", "client [", " ", "[", "h",
                                                 "HTTP", "\xC3\x89", "\xE9", "ip=", "IP="};
  static constexpr std::string_view kNeedles[] = {"client host [", "client [", "http", "ip=",
                                                  "c", ""};
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> piece(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> count(0, 12);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = count(rng); n > 0; --n) text += kPieces[piece(rng)];
    const std::string lower = AsciiLowered(text);
    for (std::string_view needle : kNeedles) {
      const CaseInsensitiveSearch search(needle);
      for (size_t from : {size_t{0}, size_t{1}, size_t{5}, text.size(), text.size() + 1}) {
        ASSERT_EQ(search.Find(text, from), std::string_view(lower).find(needle, from))
            << testing::PrintToString(text) << " " << needle << " from " << from;
      }
      ASSERT_EQ(search.In(text), lower.find(needle) != std::string::npos);
    }
  }
}

TEST(CaseInsensitiveSearch, NonAsciiBytesCompareExactly) {
  CaseInsensitiveSearch s("送信専用");
  EXPECT_TRUE(s.In("【送信専用アドレス】"));
  EXPECT_FALSE(s.In("送信専"));
}

std::vector<size_t> Ends(const WordFinder& f, std::string_view text) {
  std::vector<size_t> ends;
  f.FindAll(text, [&](size_t end) {
    ends.push_back(end);
    return true;
  });
  return ends;
}

// std::string_view::find is the oracle: every needle taken from the text itself (so that
// most are found), and some that are not, at every start and alignment.
TEST(FindBytes, AgreesWithStringViewFindEverywhere) {
  std::mt19937 random(7);
  const std::string alphabet = "ab, =r<>";  // few letters: many partial matches
  for (int round = 0; round < 200; ++round) {
    std::string text(random() % 90, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    const std::string_view view(text);
    for (int k = 0; k < 20; ++k) {
      std::string needle(random() % 12, ' ');
      if (!text.empty() && k % 2 == 0) {
        size_t at = random() % text.size();
        needle = text.substr(at, random() % 12);
      } else {
        for (char& c : needle) c = alphabet[random() % alphabet.size()];
      }
      for (size_t from = 0; from <= text.size() + 1; from += 1 + random() % 7) {
        ASSERT_EQ(FindBytes(view, needle, from), view.find(needle, from))
            << "text '" << text << "' needle '" << needle << "' from " << from;
      }
    }
  }
}

TEST(FindBytes, LogNeedles) {
  const std::string_view line =
      "to=<a@example.net>, orig_to=<b, relay@example.net>, relay=mx.example.net[192.0.2.1]:25, "
      "delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 ok)";
  EXPECT_EQ(FindBytes(line, ", relay="), line.find(", relay="));
  EXPECT_EQ(FindBytes(line, "status="), line.find("status="));
  EXPECT_EQ(FindBytes(line, "(250 ok)"), line.size() - 8);
  EXPECT_EQ(FindBytes(line, "status=bounced"), std::string_view::npos);
  EXPECT_EQ(FindBytes(line, ""), 0u);
  EXPECT_EQ(FindBytes(line, "", line.size()), line.size());
  EXPECT_EQ(FindBytes(line, "x", line.size() + 1), std::string_view::npos);
}

// std::string_view::find_first_of is the oracle, at every start, length and alignment
// (the sixteen-byte steps and the byte-by-byte tail), with the stops anywhere or absent.
TEST(FindAnyOf, AgreesWithFindFirstOfEverywhere) {
  std::mt19937 random(11);
  const std::string alphabet = "abcdefgh=, ;[";
  for (int round = 0; round < 300; ++round) {
    std::string text(random() % 70, ' ');
    const size_t rarity = 1 + random() % 40;  // stops from everywhere to almost never
    for (char& c : text) {
      c = random() % rarity == 0 ? alphabet[8 + random() % 5] : alphabet[random() % 8];
    }
    const std::string_view view(text);
    const char a = alphabet[8 + random() % 5], b = alphabet[8 + random() % 5];
    const char c = alphabet[8 + random() % 5], d = alphabet[8 + random() % 5];
    const char set[] = {a, b, c, d};
    for (size_t from = 0; from <= text.size() + 1; ++from) {
      ASSERT_EQ(FindAnyOf(view, a, b, c, d, from), view.find_first_of(std::string_view(set, 4), from))
          << "text '" << text << "' stops '" << std::string_view(set, 4) << "' from " << from;
    }
  }
}

TEST(FindAnyOf, StopsOfADeliveryLine) {
  const std::string_view items = "relay=mx.example.net[192.0.2.1]:25, delay=1.2, dsn=2.0.0";
  EXPECT_EQ(FindAnyOf(items, '=', ',', ' ', ' '), 5u);
  EXPECT_EQ(FindAnyOf(items, ',', ' ', ' ', ' ', 6), items.find(','));
  EXPECT_EQ(FindAnyOf(items, ';', ';', ';', ';'), std::string_view::npos);
  EXPECT_EQ(FindAnyOf("", ',', ' ', ' ', ' '), std::string_view::npos);
  EXPECT_EQ(FindAnyOf(items, ',', ' ', ' ', ' ', items.size()), std::string_view::npos);
}

TEST(CountByte, CountsEveryOccurrenceWhateverTheLengthAndAlignment) {
  std::string text;
  size_t expected = 0;
  for (size_t i = 0; i < 10000; ++i) {  // more than 255 blocks of 16 in one go
    bool nl = i % 7 == 0 || i % 13 == 0;
    text.push_back(nl ? '\n' : static_cast<char>('a' + i % 26));
    expected += nl;
  }
  EXPECT_EQ(CountByte(text, '\n'), expected);
  for (size_t skip = 0; skip < 20; ++skip) {  // unaligned starts and short tails
    std::string_view part = std::string_view(text).substr(skip, 100 + skip);
    EXPECT_EQ(CountByte(part, '\n'), static_cast<size_t>(std::count(part.begin(), part.end(), '\n')));
  }
  EXPECT_EQ(CountByte(std::string(5000, '\n'), '\n'), 5000u);  // every lane at its limit
  EXPECT_EQ(CountByte("", '\n'), 0u);
  EXPECT_EQ(CountByte("\xff\xff", '\xff'), 2u);
}

TEST(WordFinder, FindsEveryOccurrenceOfEveryWordInAnyCase) {
  WordFinder f({"tu@example.net", "", "a1b2c3"});
  ASSERT_TRUE(f.ok());
  std::string text = "x to=<TU@Example.NET>\nA1B2C3: y\nnothing\ntu@example.net";
  EXPECT_EQ(Ends(f, text), (std::vector<size_t>{20, 28, text.size()}));
  EXPECT_TRUE(Ends(f, "tu@example.ne").empty());
  EXPECT_TRUE(Ends(f, "").empty());
}

TEST(WordFinder, StopsWhenTheCallbackSaysSo) {
  WordFinder f({"ab"});
  int calls = 0;
  f.FindAll("ab ab ab", [&](size_t) { return ++calls < 2; });
  EXPECT_EQ(calls, 2);
}

TEST(WordFinder, NoWordsFindsNothing) {
  WordFinder f({""});
  EXPECT_FALSE(f.ok());
  EXPECT_TRUE(Ends(f, "anything").empty());
}

TEST(WordFinder, NonAsciiBytesCompareExactlyAndNulIsAByte) {
  WordFinder f({"送信", std::string("a\0b", 3)});
  EXPECT_EQ(Ends(f, "x送信y").size(), 1u);
  EXPECT_EQ(Ends(f, std::string("za\0bz", 5)), (std::vector<size_t>{4}));
  EXPECT_TRUE(Ends(f, "aXb").empty());
}

}  // namespace
}  // namespace mailwhy
