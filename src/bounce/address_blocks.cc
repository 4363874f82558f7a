// address_blocks - recipient lines and the text under them (see address_blocks.h).
#include "bounce/address_blocks.h"

#include "bounce/text_tools.h"

namespace mailwhy {

using bounce::FindAddress;
using bounce::IsAddress;
using bounce::StartsWithNoCase;
using bounce::Trim;

namespace {

std::string AngleLead(std::string_view t, std::string_view* rest, std::string* alias) {
  if (StartsWithNoCase(t, "RCPT To:")) t = Trim(t.substr(8));
  else if (StartsWithNoCase(t, "To:")) t = Trim(t.substr(3));
  if (t.empty() || t[0] != '<') return std::string();
  size_t close = t.find('>');
  if (close == std::string_view::npos) return std::string();
  std::string_view inside = t.substr(1, close - 1);
  if (!IsAddress(inside)) return std::string();
  std::string address = FindAddress(inside);
  std::string_view after = Trim(t.substr(close + 1));
  // "(expanded from <kijitora@example.org>): user unknown"
  if (StartsWithNoCase(after, "(expanded from")) {
    size_t end = after.find(')');
    *alias = FindAddress(after.substr(0, end));
    after = end == std::string_view::npos ? std::string_view() : Trim(after.substr(end + 1));
  }
  if (!after.empty() && (after[0] == ':' || after[0] == ',')) after = Trim(after.substr(1));
  *rest = after;
  return address;
}

std::string BareLead(std::string_view t, std::string_view* rest) {
  std::string_view s = t;
  while (!s.empty() && (s.back() == ':' || s.back() == ',' || s.back() == ' ')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  if (!IsAddress(s)) return std::string();
  *rest = std::string_view();
  return FindAddress(s);
}

}  // namespace

std::string AddressBlock::Text() const {
  std::string joined;
  for (auto l : lines) {
    if (!joined.empty()) joined.push_back(' ');
    joined.append(l);
  }
  return bounce::Squeeze(joined);
}

std::string LeadingAddress(std::string_view line, AddressLead lead, std::string_view* rest,
                           std::string* alias) {
  std::string_view t = Trim(line);
  std::string a;
  if (lead != AddressLead::kBare) a = AngleLead(t, rest, alias);
  if (a.empty() && lead != AddressLead::kAngle) a = BareLead(t, rest);
  return a;
}

std::vector<AddressBlock> AddressBlocks(std::string_view text, AddressLead lead, bool blank_ends) {
  std::vector<AddressBlock> out;
  bool open = false;
  bool previous_blank = true;
  bool pending_alias = false;
  for (std::string_view line : bounce::Lines(text)) {
    const bool blank = Trim(line).empty();
    // An indented line right under a block's text continues it, even when it starts
    // with an address: Postfix folds "...said: 550\n    <a@b>: User unknown".
    const bool continuation = open && !previous_blank && !line.empty() &&
                              (line[0] == ' ' || line[0] == '\t') && lead == AddressLead::kAngle;
    previous_blank = blank;
    std::string_view rest;
    std::string alias;
    std::string address = continuation ? std::string() : LeadingAddress(line, lead, &rest, &alias);
    if (!address.empty()) {
      // "<a@b> (expanded from" with the alias on the next line.
      pending_alias = alias.empty() && bounce::ContainsNoCase(line, "(expanded from") &&
                      line.find(')') == std::string_view::npos;
      AddressBlock b;
      b.address = std::move(address);
      b.alias = std::move(alias);
      if (!rest.empty()) b.lines.push_back(rest);
      out.push_back(std::move(b));
      open = true;
      continue;
    }
    if (!open) continue;
    if (blank) {
      if (blank_ends && !out.back().lines.empty()) open = false;
      continue;
    }
    std::string_view t = Trim(line);
    if (pending_alias) {
      pending_alias = false;
      size_t close = t.find(')');
      if (close != std::string_view::npos) {
        out.back().alias = FindAddress(t.substr(0, close));
        t = Trim(t.substr(close + 1));
        if (!t.empty() && t[0] == ':') t = Trim(t.substr(1));
        if (t.empty()) continue;
      }
    }
    out.back().lines.push_back(t);
  }
  return out;
}

}  // namespace mailwhy
