// normalize - fold, collapse and de-noise reply texts (see normalize.h).
//
// Both passes copy most of a reply as it is: ASCII words with single spaces (the first
// pass lower-cases them). Where SSE2 is there, they take sixteen such bytes at a time and
// go byte by byte only from a block that holds something to look at (white space to
// collapse, a byte that may start a typographic mark, a possible reply code or "e-mail").
// The byte-by-byte steps alone give the same text; normalize_test compares the two on
// real replies and on random ones.
#include "diagnose/normalize.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/ascii.h"

namespace mailwhy {
namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Writes a pass's output through a pointer into a string sized for it: both passes only
// shorten the text, and push_back() per byte cost more than the passes' own work.
class ShorterText {
 public:
  ShorterText(std::string* out, size_t at_most) : out_(out) {
    out->resize(at_most);
    begin_ = cur_ = out->data();
  }
  // Appends `c`, turning white space into a single space and dropping leading space.
  void Put(char c) {
    if (c == ' ' && (cur_ == begin_ || cur_[-1] == ' ')) return;
    *cur_++ = c;
  }
  void Append(std::string_view s) {
    std::memcpy(cur_, s.data(), s.size());
    cur_ += s.size();
  }
  // True when a space written now would stay (Put would not drop it).
  bool CanTakeSpace() const { return cur_ != begin_ && cur_[-1] != ' '; }
#if defined(__SSE2__)
  // Sixteen bytes as they are. REQUIRES: room for them (the output never runs ahead of
  // the input, and the caller has sixteen input bytes left).
  void Append16(__m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(cur_), v);
    cur_ += 16;
  }
#endif
  // Drops trailing space and gives the string its length.
  void Finish() {
    while (cur_ != begin_ && cur_[-1] == ' ') --cur_;
    out_->resize(static_cast<size_t>(cur_ - begin_));
  }

 private:
  std::string* out_;
  char* begin_;
  char* cur_;
};

#if defined(__SSE2__)
inline __m128i Load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline __m128i Splat(char c) { return _mm_set1_epi8(c); }

// Lanes whose byte lies in [lo, hi]; both bounds below 0x80 (the compare is signed).
inline __m128i InRange(__m128i v, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, Splat(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(v, Splat(static_cast<char>(hi + 1))));
}

// Lanes 1-15 whose byte is a space after a space; lane 0's neighbour is the caller's.
inline unsigned DoubleSpaces(__m128i v) {
  const __m128i space = _mm_cmpeq_epi8(v, Splat(' '));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(space, _mm_slli_si128(space, 1)))) &
         0xFFFEu;
}
#endif

// One step of pass 1 at in[i]; returns where the next step starts.
size_t FoldStep(std::string_view in, size_t i, ShorterText* w) {
  unsigned char c = static_cast<unsigned char>(in[i]);
  if (IsSpace(c)) {
    w->Put(' ');
  } else if (c == 0xC2 && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xA0) {
    w->Put(' ');  // NO-BREAK SPACE
    ++i;
  } else if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80) {
    unsigned char c3 = static_cast<unsigned char>(in[i + 2]);
    const char* ascii = nullptr;
    if (c3 >= 0x90 && c3 <= 0x95) ascii = "-";        // hyphens, en and em dash
    else if (c3 >= 0x98 && c3 <= 0x9B) ascii = "'";   // single quotes
    else if (c3 >= 0x9C && c3 <= 0x9F) ascii = "\"";  // double quotes
    else if (c3 == 0xA6) ascii = "...";               // horizontal ellipsis
    if (ascii) {
      w->Append(ascii);  // at most the three bytes it replaces
      i += 2;
    } else {
      w->Put(static_cast<char>(c));
    }
  } else if (c == 0) {
    w->Put(' ');  // NUL bytes from damaged input would end C strings downstream
  } else {
    w->Put(AsciiLower(static_cast<char>(c)));
  }
  return i + 1;
}

// Pass 1: ASCII folding, white space collapsing, typographic punctuation to ASCII.
void Fold(std::string_view in, bool by_blocks, std::string* out) {
  ShorterText w(out, in.size());
  size_t i = 0;
#if defined(__SSE2__)
  // A block goes as it is, lower-cased, unless it holds a control byte (white space but
  // the space, NUL), 0xC2 or 0xE2 (a NO-BREAK SPACE or typographic mark may start
  // there), two spaces in a row, or starts with a space the output would drop.
  while (by_blocks && i + 16 <= in.size()) {
    const __m128i v = Load16(in.data() + i);
    unsigned look = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        InRange(v, 0, 0x1F), _mm_or_si128(_mm_cmpeq_epi8(v, Splat(static_cast<char>(0xC2))),
                                          _mm_cmpeq_epi8(v, Splat(static_cast<char>(0xE2)))))));
    look |= DoubleSpaces(v);
    if (in[i] == ' ' && !w.CanTakeSpace()) look |= 1;
    if (look == 0) {
      w.Append16(_mm_add_epi8(v, _mm_and_si128(InRange(v, 'A', 'Z'), Splat(0x20))));
      i += 16;
      continue;
    }
    // Byte by byte up to and including the first byte to look at.
    const size_t stop = i + static_cast<size_t>(__builtin_ctz(look));
    while (i <= stop) i = FoldStep(in, i, &w);
  }
#endif
  while (i < in.size()) i = FoldStep(in, i, &w);
  w.Finish();
}

// "(in reply to X command)" -> X; the parenthesised part is cut out of `text`.
void TakeInReplyTo(std::string* text, std::string* command) {
  static constexpr std::string_view kOpen = "(in reply to ";
  static constexpr std::string_view kClose = " command)";
  size_t open = text->rfind(kOpen);
  if (open == std::string::npos) return;
  size_t close = text->find(kClose, open + kOpen.size());
  if (close == std::string::npos) return;
  command->assign(*text, open + kOpen.size(), close - open - kOpen.size());
  text->erase(open, close + kClose.size() - open);
}

// Length of a reply code token at `pos` ("550" followed by '-', ' ' or the end), or 0.
size_t ReplyCodeAt(std::string_view s, size_t pos) {
  if (pos + 3 > s.size()) return 0;
  if (s[pos] < '2' || s[pos] > '5' || !IsDigit(s[pos + 1]) || !IsDigit(s[pos + 2])) return 0;
  if (pos > 0 && s[pos - 1] != ' ' && s[pos - 1] != '(' && s[pos - 1] != '"') return 0;
  if (pos + 3 == s.size()) return 3;
  return (s[pos + 3] == '-' || s[pos + 3] == ' ') ? 3 : 0;
}

// Length of an enhanced code token at `pos` followed by ' ' or the end, or 0.
size_t EnhancedAt(std::string_view s, size_t pos) {
  size_t end = pos;
  while (end < s.size() && s[end] != ' ') ++end;
  return IsEnhancedCode(s.substr(pos, end - pos)) ? end - pos : 0;
}

bool StartsWordAt(std::string_view s, size_t pos, std::string_view word) {
  if (s.substr(pos, word.size()) != word) return false;
  return pos == 0 || !IsAlnum(s[pos - 1]);
}

// What pass 2 looks for: the first reply code's continuation prefixes ("550-5.7.26 "
// again inside the text, from `first_code_end` on) and the "e-mail"/"email" wording.
struct CleanTargets {
  std::string_view code, enhanced;
  size_t first_code_end;
};

// One step of pass 2 at s[i]; returns where the next step starts.
size_t CleanStep(std::string_view s, size_t i, const CleanTargets& t, ShorterText* w) {
  if (i >= t.first_code_end && !t.code.empty() && (i == 0 || s[i - 1] == ' ') &&
      s.substr(i, 3) == t.code && ReplyCodeAt(s, i) == 3) {
    size_t j = i + 3;
    if (j < s.size()) ++j;  // the '-' or ' ' after the code
    if (!t.enhanced.empty() && s.substr(j, t.enhanced.size()) == t.enhanced &&
        (j + t.enhanced.size() == s.size() || s[j + t.enhanced.size()] == ' ')) {
      j += t.enhanced.size();
      if (j < s.size()) ++j;
    }
    return j;
  }
  if (s[i] == 'e' && (StartsWordAt(s, i, "e-mail") || StartsWordAt(s, i, "email"))) {
    w->Append("mail");
    return i + (s[i + 1] == '-' ? 6 : 5);
  }
  w->Put(s[i]);
  return i + 1;
}

// Pass 2: drops repeated reply-code prefixes and unifies the "email" wording.
void Clean(std::string_view s, const CleanTargets& t, bool by_blocks, std::string* out) {
  ShorterText w(out, s.size());
  size_t i = 0;
#if defined(__SSE2__)
  // A block goes as it is unless it holds two spaces in a row, starts with a space the
  // output would drop, or holds an 'e' or the code's first digit that may start a word
  // (lane 0 always may: its neighbour is in the block before).
  const char code_digit = t.code.empty() ? 'e' : t.code[0];
  while (by_blocks && i + 16 <= s.size()) {
    const __m128i v = Load16(s.data() + i);
    const __m128i word_start = _mm_or_si128(
        _mm_slli_si128(_mm_cmpeq_epi8(v, Splat(' ')), 1), _mm_cvtsi32_si128(0xFF));
    const __m128i after_alnum = _mm_slli_si128(
        _mm_or_si128(InRange(v, '0', '9'), _mm_or_si128(InRange(v, 'a', 'z'), InRange(v, 'A', 'Z'))), 1);
    unsigned look = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_andnot_si128(after_alnum, _mm_cmpeq_epi8(v, Splat('e'))),
        _mm_and_si128(word_start, _mm_cmpeq_epi8(v, Splat(code_digit))))));
    look |= DoubleSpaces(v);
    if (s[i] == ' ' && !w.CanTakeSpace()) look |= 1;
    if (look == 0) {
      w.Append16(v);
      i += 16;
      continue;
    }
    const size_t stop = i + static_cast<size_t>(__builtin_ctz(look));
    while (i <= stop) i = CleanStep(s, i, t, &w);
  }
#endif
  while (i < s.size()) i = CleanStep(s, i, t, &w);
  w.Finish();
}

}  // namespace

bool IsEnhancedCode(std::string_view s) {
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  size_t i = 2, digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  if (digits == 0 || digits > 3 || i >= s.size() || s[i] != '.') return false;
  ++i;
  digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  return digits >= 1 && digits <= 3 && i == s.size();
}

std::string StageOfCommand(std::string_view c) {
  const std::string lower = AsciiLowered(c);
  std::string_view s = lower;
  if (s.substr(0, 8) == "sending ") s.remove_prefix(8);
  struct Map { std::string_view prefix, stage; };
  // Order matters: "end of data" before "data", "mail from" before anything with "mail".
  static constexpr Map kMap[] = {
      {"end of data", "end-of-data"}, {"end-of-message", "end-of-data"},
      {"end of message", "end-of-data"}, {"message body", "end-of-data"},
      {"end of body", "end-of-data"},  {"mail from", "mail"},
      {"mail", "mail"},                {"rcpt to", "rcpt"},
      {"rcpt", "rcpt"},                {"data", "data"},
      {"bdat", "data"},                {"ehlo", "helo"},
      {"helo", "helo"},                {"lhlo", "helo"},
      {"performing the ehlo", "helo"}, {"performing the lhlo", "helo"},
      {"starttls", "starttls"},        {"receiving the starttls", "starttls"},
      {"auth", "auth"},                {"connect", "connect"},
      {"receiving the initial server greeting", "connect"},
      {"final rset", "rset"},          {"rset", "rset"},
      {"quit", "quit"},
  };
  for (const Map& m : kMap) {
    if (s.substr(0, m.prefix.size()) == m.prefix) return std::string(m.stage);
  }
  return s.empty() ? std::string() : std::string("other");
}

namespace {

void NormalizeWith(std::string_view in, bool by_blocks, NormalizedText* out) {
  // Working strings kept per thread: every recipient's text is normalized.
  thread_local std::string folded, command;
  Fold(in, by_blocks, &folded);
  command.clear();
  TakeInReplyTo(&folded, &command);
  if (command.empty()) {
    out->stage.clear();
  } else {
    out->stage = StageOfCommand(command);
  }
  out->code = 0;
  out->enhanced.clear();

  // The first reply code of the text decides which continuation prefixes to drop.
  std::string_view f = folded;
  std::string_view code, enh;
  size_t first_end = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (ReplyCodeAt(f, i) == 3) {
      code = f.substr(i, 3);
      first_end = i + 3;
      if (i + 4 <= f.size()) {
        size_t n = EnhancedAt(f, i + 4);
        if (n) {
          enh = f.substr(i + 4, n);
          first_end = i + 4 + n;
        }
      }
      out->code = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
      out->enhanced.assign(enh);
      // The first occurrence stays, as "550 5.7.26": its dash carries no meaning.
      if (i + 3 < f.size() && f[i + 3] == '-') folded[i + 3] = ' ';
      break;
    }
  }
  Clean(folded, CleanTargets{code, enh, first_end}, by_blocks, &out->text);
}

}  // namespace

void Normalize(std::string_view in, NormalizedText* out) { NormalizeWith(in, true, out); }

void NormalizeByteByByte(std::string_view in, NormalizedText* out) {
  NormalizeWith(in, false, out);
}

std::string NormalizePattern(std::string_view phrase) {
  std::string folded, out;
  Fold(phrase, true, &folded);
  // Leading and trailing spaces of a phrase are meaningful ("user unknown " vs "unknown"):
  // keep one of each.
  bool lead = !phrase.empty() && IsSpace(static_cast<unsigned char>(phrase.front()));
  bool trail = !phrase.empty() && IsSpace(static_cast<unsigned char>(phrase.back()));
  Clean(folded, CleanTargets{{}, {}, 0}, true, &out);
  if (lead) out.insert(out.begin(), ' ');
  if (trail) out.push_back(' ');
  return out;
}

}  // namespace mailwhy
