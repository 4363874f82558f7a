// NAME
//   spf_macro - SPF macro-strings: check them, and expand them (RFC 7208 section 7)
// SYNOPSIS
//   SpfMacroContext ctx{.ip = "192.0.2.3", .sender = "strong-bad@email.example.com",
//                       .domain = "email.example.com", .helo = "mx.example.org"};
//   std::string out;
//   ExpandSpfMacro("%{ir}.%{v}._spf.%{d2}", ctx, false, &out);
//   // out == "3.2.0.192.in-addr._spf.example.com"
// DESCRIPTION
//   A macro is "%{" letter [digits] ["r"] [delimiters] "}", or "%%", "%_", "%-" (a
//   percent sign, a space, "%20"). Letters: s (sender), l (its local part), o (its
//   domain), d (the current domain), i (the IP: dotted IPv4, or IPv6 as 32 dotted
//   nibbles), p (the validated name of the IP: always "unknown" here, as RFC 7208
//   section 7.3 allows), v ("in-addr" or "ip6"), h (the HELO name); c, r and t only in
//   an exp= text. Digits keep the rightmost N parts, "r" reverses the parts, delimiters
//   (. - + , / _ =) say where to split (default "."); the parts are joined with dots. An
//   upper-case letter URL-escapes the value.
//
//   CheckSpfMacro() validates a macro-string without a context (for the parser).
//   A sender without a local part uses "postmaster" (section 4.3).
// DIAGNOSTICS
//   Errors name the offending macro: "bad macro '%{x}' in ...", "'%' not followed by
//   '{', '%', '_' or '-' in ...".
// BUGS
//   %{p} is "unknown": the PTR validation it would need costs lookups that RFC 7208
//   discourages.
#ifndef MAILWHY_PROBE_SPF_MACRO_H_
#define MAILWHY_PROBE_SPF_MACRO_H_

#include <string>
#include <string_view>

#include "util/status.h"

namespace mailwhy {

struct SpfMacroContext {
  std::string ip;      // the client's address ("" = none: only an audit of the record)
  std::string sender;  // local@domain (the MAIL FROM, or postmaster@HELO)
  std::string domain;  // the current domain
  std::string helo;
};

Status CheckSpfMacro(std::string_view spec, bool exp_text);
Status ExpandSpfMacro(std::string_view spec, const SpfMacroContext& ctx, bool exp_text, std::string* out);

}  // namespace mailwhy

#endif  // MAILWHY_PROBE_SPF_MACRO_H_
