// html_to_text - tags out, block ends as line breaks, entities decoded (see html_to_text.h).
#include "bounce/html_to_text.h"

#include <cctype>
#include <cstdint>

#include "util/ascii.h"

namespace mailwhy {

namespace {

std::string LowerName(std::string_view tag) {
  std::string name;
  size_t i = 0;
  if (i < tag.size() && tag[i] == '/') name.push_back(tag[i++]);
  while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) {
    name.push_back(AsciiLower(tag[i++]));
  }
  return name;
}

bool BreaksLine(const std::string& name) {
  static constexpr std::string_view kBlocks[] = {
      "br", "/p", "p", "/div", "/tr", "/li", "/h1", "/h2", "/h3", "/h4", "/table", "/pre", "hr",
      "/blockquote", "/title"};
  for (auto b : kBlocks) {
    if (name == b) return true;
  }
  return false;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity at html[i] ('&'); returns the bytes consumed, 0 when it is not one.
size_t DecodeEntity(std::string_view html, size_t i, std::string* out) {
  size_t semi = html.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  std::string_view name = html.substr(i + 1, semi - i - 1);
  static constexpr struct { std::string_view name; uint32_t cp; } kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
      {"#39", '\''}};
  for (const auto& e : kNamed) {
    if (name == e.name) {
      AppendUtf8(e.cp, out);
      return semi - i + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#') {
    uint32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    for (size_t k = hex ? 2 : 1; k < name.size(); ++k) {
      char c = name[k];
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c))
                  ? AsciiLower(c) - 'a' + 10
                  : -1;
      if (d < 0 || cp > 0x10FFFF) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    AppendUtf8(cp == 0xA0 ? ' ' : cp, out);
    return semi - i + 1;
  }
  return 0;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  bool space = false;  // white space pending (HTML collapses it)
  auto flush_space = [&] {
    if (space && !out.empty() && out.back() != '\n') out.push_back(' ');
    space = false;
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string name = LowerName(html.substr(i + 1, close - i - 1));
      i = close + 1;
      if (name == "script" || name == "style") {
        size_t end = html.find("</", i);
        while (end != std::string_view::npos &&
               LowerName(html.substr(end + 1, name.size() + 1)) != "/" + name) {
          end = html.find("</", end + 2);
        }
        if (end == std::string_view::npos) break;
        i = end;
        continue;
      }
      if (BreaksLine(name)) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        // "</p><p>" is one break, not an empty line.
        if (name != "p" || (!out.empty() && out.back() != '\n')) out.push_back('\n');
        space = false;
      } else if (name == "td" || name == "th") {
        space = true;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    flush_space();
    if (c == '&') {
      size_t used = DecodeEntity(html, i, &out);
      if (used) {
        i += used;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace mailwhy
