// json_writer_test - output is valid JSON whatever the log held.
#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace mailwhy {
namespace {

std::string Escaped(std::string_view s) {
  std::string out;
  AppendJsonEscaped(s, &out);
  return out;
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(Escaped("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(Escaped("line\nnext\r\t"), "line\\nnext\\r\\t");
  EXPECT_EQ(Escaped(std::string("\x1b[31mred\x7f", 9)), "\\u001b[31mred\\u007f");
  EXPECT_EQ(Escaped(std::string("nul\0byte", 8)), "nul\\u0000byte");
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(Escaped("送信専用アドレス – ok"), "送信専用アドレス – ok");
  EXPECT_EQ(Escaped("bad \xff byte"), "bad \\ufffd byte");
  EXPECT_EQ(Escaped("cut \xe3\x81"), "cut \\ufffd\\ufffd");           // truncated sequence
  EXPECT_EQ(Escaped("overlong \xc0\xaf"), "overlong \\ufffd\\ufffd");  // not shortest form
  EXPECT_EQ(Escaped("surrogate \xed\xa0\x80"), "surrogate \\ufffd\\ufffd\\ufffd");
}

// Long texts are scanned sixteen bytes at a time: every byte that needs care must be
// found wherever it falls in, across or after such a block.
TEST(JsonWriter, EscapesAtEveryOffsetOfALongText) {
  const struct {
    std::string raw, escaped;
  } specials[] = {
      {"\"", "\\\""},       {"\\", "\\\\"},     {"\n", "\\n"},
      {std::string(1, '\0'), "\\u0000"},       {"\x1f", "\\u001f"}, {"\x7f", "\\u007f"},
      {"\xff", "\\ufffd"},  {"é", "é"},        {"送", "送"},
      {"\xe3\x81", "\\ufffd\\ufffd"},
  };
  for (const auto& sp : specials) {
    for (size_t at = 0; at <= 40; ++at) {
      const std::string raw = std::string(at, 'a') + sp.raw + std::string(40 - at, 'b');
      const std::string want = std::string(at, 'a') + sp.escaped + std::string(40 - at, 'b');
      ASSERT_EQ(Escaped(raw), want) << "at " << at;
    }
  }
  const std::string clean(100, 'x');
  EXPECT_EQ(Escaped(clean), clean);
}

// Short texts are checked byte by byte and the end of a longer one as an overlapping
// block: a special byte at every offset of every length up to 40, alone and as the
// second string of an array (the comma and the quotes come with the text in one write).
TEST(JsonWriter, StringsOfEveryLengthUpTo40) {
  const struct {
    std::string raw, escaped;
  } specials[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\t", "\\t"}, {std::string(1, '\0'), "\\u0000"},
      {"\x7f", "\\u007f"}, {"\xff", "\\ufffd"}, {"\xc3\xa9", "\xc3\xa9"}, {"x", "x"},
  };
  for (const auto& sp : specials) {
    for (size_t n = sp.raw.size(); n <= 40; ++n) {
      for (size_t at = 0; at + sp.raw.size() <= n; ++at) {
        const size_t after = n - at - sp.raw.size();
        const std::string raw = std::string(at, 'a') + sp.raw + std::string(after, 'b');
        const std::string want = std::string(at, 'a') + sp.escaped + std::string(after, 'b');
        std::string out;
        JsonWriter w(&out);
        w.BeginArray();
        w.String("");
        w.String(raw);
        w.EndArray();
        w.Finish();
        ASSERT_EQ(out, "[\"\",\"" + want + "\"]") << "length " << n << " at " << at;
      }
    }
  }
}

TEST(JsonWriter, PlacesCommasAcrossNesting) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("v", 1);
  w.Key("list");
  w.BeginArray();
  w.Int(1);
  w.BeginObject();
  w.Field("a", true);
  w.FieldOrNull("b", "");
  w.EndObject();
  w.String("x");
  w.EndArray();
  w.Key("empty");
  w.BeginArray();
  w.EndArray();
  w.Key("d");
  w.Double(0.09);
  w.Key("nan");
  w.Double(std::numeric_limits<double>::quiet_NaN());
  w.EndObject();
  w.Finish();
  EXPECT_EQ(out, R"({"v":1,"list":[1,{"a":true,"b":null},"x"],"empty":[],"d":0.09,"nan":null})");
}

// Delays take a fast path (whole hundredths); every value must still read as fmt's
// shortest form writes it, whichever path it takes.
TEST(JsonWriter, DoublesAreWrittenAsTheirShortestFormOnEveryPath) {
  std::vector<double> values = {0, 0.01, 0.09, 0.1, 0.47, 1, 2.6, 3.3, 10, 99.99, 100, 248122,
                                999999.99, 1e6, 1e6 + 0.5, 1234567.25, 0.005, 0.125, 1.0 / 3,
                                2.675, 1e-7, 5e-324, 1e300, -0.5, -3, -0.0, 0.30000000000000004};
  std::mt19937 random(5);
  for (int i = 0; i < 20000; ++i) {
    values.push_back(static_cast<double>(random() % 100000000) / 100);   // hundredths
    values.push_back(static_cast<double>(random() % 1000000) / 1000);    // thousandths
    values.push_back(static_cast<double>(random()) / 7.0);               // anything
    values.push_back(static_cast<double>(random() % 1000) / 10);          // tenths
  }
  for (double v : values) {
    std::string out;
    JsonWriter w(&out);
    w.Double(v);
    w.Finish();
    ASSERT_EQ(out, fmt::format("{}", v)) << v;
  }
}

TEST(JsonWriter, LargeIntegersAreExact) {
  std::string out;
  JsonWriter w(&out);
  w.Int(-9007199254740993);
  w.Finish();
  EXPECT_EQ(out, "-9007199254740993");
}

}  // namespace
}  // namespace mailwhy

namespace mailwhy {
namespace {

// The writer grows *out ahead and trims it when it finishes: what was there before stays,
// and the text comes out whole however many steps it took.
TEST(JsonWriter, WritesAfterWhatTheStringHeldAcrossManyGrowthSteps) {
  std::string out = "prefix ";
  std::string want = "prefix [";
  {
    JsonWriter w(&out);
    w.BeginArray();
    std::mt19937 rng(3);
    for (int i = 0; i < 20000; ++i) {
      const std::string s(rng() % 3000, static_cast<char>('a' + i % 26));
      w.String(s);
      want += (i ? ",\"" : "\"") + s + "\"";
    }
    w.EndArray();
  }  // the destructor finishes
  want += "]";
  EXPECT_EQ(out.size(), want.size());
  EXPECT_EQ(out, want);
}

TEST(JsonWriter, FinishLetsTheCallerAppendAndWriteOn) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("a", 1);
  w.EndObject();
  w.Finish();
  out += '\n';
  w.BeginObject();
  w.Field("b", "x");
  w.EndObject();
  w.Finish();
  out += '\n';
  EXPECT_EQ(out, "{\"a\":1}\n{\"b\":\"x\"}\n");
  w.Finish();  // nothing written since: nothing changes
  EXPECT_EQ(out, "{\"a\":1}\n{\"b\":\"x\"}\n");
}

// Appending to *out while a writer owns its end would put text in the wrong place: the
// writer stops the program instead.
TEST(JsonWriterDeathTest, TouchingTheStringWhileWritingAborts) {
  EXPECT_DEATH(
      {
        std::string out;
        JsonWriter w(&out);
        w.BeginObject();
        w.Field("a", 1);
        out += '\n';
        w.EndObject();
      },
      "");
}

}  // namespace
}  // namespace mailwhy
