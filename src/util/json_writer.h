// NAME
//   json_writer - append JSON to a string, fast, always valid
// SYNOPSIS
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject(); w.Key("v"); w.Int(1); w.Key("qid"); w.String(qid); w.EndObject();
// DESCRIPTION
//   A streaming writer for NDJSON output: no document tree, no allocation beyond the
//   output string. Commas are placed by the writer. Strings are escaped per RFC 8259;
//   control characters become \u00XX, and bytes that are not valid UTF-8 (log lines are
//   attacker-controlled and may hold anything) become U+FFFD, so the output is always
//   valid UTF-8 JSON. Numbers: integers exactly, doubles in the shortest form that reads
//   back the same; NaN and infinities are written as null.
//
//   Why not a JSON library: output is the hot path of `journeys --json` (hundreds of
//   thousands of objects per second); a DOM library builds and frees a tree per object.
//   Parsing JSON, where needed, uses nlohmann-json.
//
//   The writer owns the end of *out while it writes: it grows the string ahead, in large
//   steps, and writes into that room directly (a std::string cannot grow without filling
//   what it adds, and growing it for each key and value cost more than writing them).
//   Finish() trims *out to what was written; the destructor calls it. A caller that
//   appends to *out itself (a newline after an object) calls Finish() first, and may then
//   write on with the same writer. Touching *out in between is a programming error the
//   writer detects and aborts on.
// BUGS
//   The writer trusts its caller to pair Begin/End and to call Key() before each value
//   inside an object; it does not check nesting.
#ifndef MAILWHY_UTIL_JSON_WRITER_H_
#define MAILWHY_UTIL_JSON_WRITER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mailwhy {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  ~JsonWriter() { Finish(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Trims *out to what was written, so that the caller may append to it.
  void Finish();

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // REQUIRES: key is a name chosen by the program (plain ASCII, nothing to escape).
  // Inline: a third of what `journeys --json` writes is keys.
  void Key(std::string_view key) {
    const bool comma = CommaDue();
    char* const start = Room(key.size() + 4);
    char* p = start;
    if (comma) *p++ = ',';
    *p++ = '"';
    CopyBytes(p, key);
    p += key.size();
    *p++ = '"';
    *p++ = ':';
    end_ += static_cast<size_t>(p - start);
    after_key_ = true;
  }
  void String(std::string_view s);
  void Int(int64_t v);
  void Double(double v);
  void Bool(bool v);
  void Null();
  // A value that is already JSON (written by another JsonWriter); inserted as is.
  void Raw(std::string_view json);

  // Key and value together.
  void Field(std::string_view key, std::string_view v) { Key(key); String(v); }
  void Field(std::string_view key, const char* v) { Key(key); String(v); }
  void Field(std::string_view key, const std::string& v) { Key(key); String(v); }
  void Field(std::string_view key, int64_t v) { Key(key); Int(v); }
  void Field(std::string_view key, int v) { Key(key); Int(v); }
  void Field(std::string_view key, bool v) { Key(key); Bool(v); }
  // A string, or null when it is empty.
  void FieldOrNull(std::string_view key, std::string_view v) {
    Key(key);
    if (v.empty()) Null(); else String(v);
  }

 private:
  void Open(char c);
  void Close(char c);
  // Whether the value about to be written needs a comma before it; notes that the
  // container now holds an element.
  bool CommaDue() {
    if (after_key_) {
      after_key_ = false;
      return false;
    }
    if (depth_ == 0) return false;
    const uint64_t bit = uint64_t{1} << ((depth_ - 1) & 63);
    const bool comma = (written_ & bit) != 0;
    written_ |= bit;
    return comma;
  }
  void Separate();
  // Copies s to d. Keys and most values are a few bytes long: those are moved with two
  // overlapping loads and stores instead of a call to memcpy.
  static void CopyBytes(char* d, std::string_view s) {
    const size_t n = s.size();
    const char* p = s.data();
    if (n >= 8 && n <= 16) {
      uint64_t a, b;
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
      std::memcpy(d, &a, 8);
      std::memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      std::memcpy(d, &a, 4);
      std::memcpy(d + n - 4, &b, 4);
    } else if (n < 4) {
      for (size_t i = 0; i < n; ++i) d[i] = p[i];
    } else {
      std::memcpy(d, p, n);
    }
  }
  // Room for n more bytes at out_->data() + end_; Grow() is the rare path.
  char* Room(size_t n) { return n <= room_ - end_ ? out_->data() + end_ : Grow(n); }
  char* Grow(size_t n);
  void Put(char c) { *Room(1) = c; ++end_; }
  void Put(std::string_view s);

  std::string* out_;
  // While writing, *out is [what was written][filler] and out_->size() == room_; end_
  // is where the next byte goes. Both are 0 before the first write and after Finish().
  size_t begin_ = 0;  // where this writer's text starts in *out
  size_t end_ = 0;
  size_t room_ = 0;
  bool writing_ = false;
  // Bit d of `written_` is set once container depth d holds an element (depth <= 64).
  uint64_t written_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

// Appends s to out with JSON string escaping (no quotes), replacing invalid UTF-8.
void AppendJsonEscaped(std::string_view s, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_JSON_WRITER_H_
