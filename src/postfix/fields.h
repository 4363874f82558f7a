// NAME
//   fields - the one way to read the pieces Postfix messages are made of
// SYNOPSIS
//   Cursor c(body);
//   if (!c.Skip("connect from ") || !c.ReadPeer(&ev->client)) return false;
// DESCRIPTION
//   Postfix writes a handful of field shapes over and over: "H[A]" and "H[A]:port" peers
//   (smtpd.c, smtp_connect.c), "key=<value>" envelope fields (smtpd_check.c), "key=value"
//   lists joined by ", " (log_adhoc.c), reply codes "550 5.7.1" (smtp_chat.c). Every
//   daemon parser reads them through this file, so a peer or a number is read the same way
//   on every line.
//
//   A Cursor is a read position in one message. Each Read/Skip method either consumes
//   what it read and returns true, or consumes nothing and returns false, so a parser can
//   try one grammar and fall back to another from the same spot.
//
//   Nothing here allocates, throws, or reads outside the string_view it was given.
// LIFETIME
//   Every view returned points into the text the Cursor (or function) was given.
// BUGS
//   A peer name is whatever stands before "[": Postfix never logs a name with "[" or a
//   space in it, so a line that does is read as best it can be, never rejected.
#ifndef MAILWHY_POSTFIX_FIELDS_H_
#define MAILWHY_POSTFIX_FIELDS_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "postfix/event.h"

namespace mailwhy::postfix {

inline constexpr size_t kNpos = std::string_view::npos;

// Both compare with memcmp of the literal's own size: with a literal argument the compiler
// turns that into a few loads and compares, where string_view::compare() (whose length
// depends on both sides) is a call into the C library per test.
inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return prefix.empty() ||
         (s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0);
}
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return suffix.empty() || (s.size() >= suffix.size() &&
                            std::memcmp(s.data() + s.size() - suffix.size(), suffix.data(),
                                        suffix.size()) == 0);
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// The first position at or after `from` of any character of `set`, or kNpos. A plain loop:
// std::string_view::find_first_of calls memchr once per character scanned.
inline size_t FindFirstOf(std::string_view s, std::string_view set, size_t from = 0) {
  for (size_t i = from; i < s.size(); ++i) {
    for (char c : set) {
      if (s[i] == c) return i;
    }
  }
  return kNpos;
}

// s without leading and trailing spaces (and tabs).
std::string_view TrimSpaces(std::string_view s);

// s without one enclosing "<" ">" pair, when it has one.
std::string_view StripAngles(std::string_view s);

// Position of the first/last `needle` in s at or after `from`, or kNpos.
size_t Find(std::string_view s, std::string_view needle, size_t from = 0);
size_t FindLast(std::string_view s, std::string_view needle);

// Whole-string number parsers: true only when all of s is the number.
// ParseDecimal reads "0.47", "248122", ".5": what delay= and delays= hold.
bool ParseInt(std::string_view s, int64_t* out);
bool ParseDecimal(std::string_view s, double* out);

// Reads a "H[A]" or "H[A]:port" peer that is all of s. The name may be empty (postscreen's
// "[A]:port"); without brackets, all of s is the name (old Postfix: "mail.example.com").
// False when s is empty or has a "[" without its "]".
bool ParsePeer(std::string_view s, Peer* out);

// Splits an SMTP reply into its code and enhanced code: "550 5.1.1 <x>: ..." gives 550 and
// "5.1.1"; "550-5.7.26 This ..." gives 550 and "5.7.26" (the first line's); "5.7.1 Blocked"
// (cleanup and milter texts carry no code) gives 0 and "5.7.1". Fields not present stay 0/"".
void ReadReplyCodes(std::string_view reply, int* code, std::string_view* enhanced);

// True when s starts with an RFC 3463 code "C.SSS.DDD" (class 2, 4 or 5) followed by
// a space or the end; *len is its length.
bool StartsWithEnhancedCode(std::string_view s, size_t* len);

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  std::string_view rest() const { return text_.substr(pos_); }
  bool done() const { return pos_ >= text_.size(); }
  size_t pos() const { return pos_; }
  void Reset(size_t pos) { pos_ = pos < text_.size() ? pos : text_.size(); }

  // Consumes `literal` when the text continues with it (inline, as StartsWith()).
  bool Skip(std::string_view literal) {
    if (!StartsWith(std::string_view(text_.data() + pos_, text_.size() - pos_), literal)) return false;
    pos_ += literal.size();
    return true;
  }
  // Consumes any spaces; true when there was at least one.
  bool SkipSpaces();
  // Reads up to (not including) the next `delim` and consumes both. False, consuming
  // nothing, when `delim` does not follow.
  bool ReadUntil(std::string_view delim, std::string_view* out);
  // Reads the rest of the text.
  std::string_view ReadRest();
  // Reads one or more characters that pred accepts.
  template <typename Pred>
  bool ReadWhile(Pred pred, std::string_view* out) {
    size_t end = pos_;
    while (end < text_.size() && pred(text_[end])) ++end;
    if (end == pos_) return false;
    *out = text_.substr(pos_, end - pos_);
    pos_ = end;
    return true;
  }
  // Reads a run of digits as a number.
  bool ReadInt(int64_t* out);
  // Reads "12", "0.47" (digits and dots).
  bool ReadDecimal(double* out);
  // Reads a peer "H[A]" with an optional ":port" (digits or letters right after "]:").
  // Stops after "]" or the port; a following ": " is left for the caller.
  bool ReadPeer(Peer* out);
  // Reads a peer written without brackets by old Postfix ("mail.example.com"): the name
  // runs to the first of `stops`' characters. Falls back to ReadPeer when "[" comes first.
  bool ReadLoosePeer(std::string_view stops, Peer* out);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace mailwhy::postfix

#endif  // MAILWHY_POSTFIX_FIELDS_H_
