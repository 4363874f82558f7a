// dmarc_record - parse a DMARC record's tag list (see dmarc_record.h).
#include "probe/dmarc_record.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "util/ascii.h"

namespace mailwhy {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool IsPolicy(const std::string& v) { return v == "none" || v == "quarantine" || v == "reject"; }

std::vector<std::string> Uris(const std::string& v) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= v.size()) {
    size_t c = v.find(',', b);
    std::string u = Trim(std::string_view(v).substr(b, (c == std::string::npos ? v.size() : c) - b));
    if (!u.empty()) out.push_back(u);
    if (c == std::string::npos) break;
    b = c + 1;
  }
  return out;
}

}  // namespace

bool IsDmarcRecord(std::string_view txt) {
  size_t semi = txt.find(';');
  std::string first = Trim(txt.substr(0, semi));
  size_t eq = first.find('=');
  if (eq == std::string::npos) return false;
  return AsciiLowered(Trim(std::string_view(first).substr(0, eq))) == "v" && Trim(std::string_view(first).substr(eq + 1)) == "DMARC1";
}

Status ParseDmarc(std::string_view text, DmarcRecord* out) {
  if (!IsDmarcRecord(text)) return Status::InvalidArgument("not a DMARC record (it must start with v=DMARC1)");
  DmarcRecord d;
  std::set<std::string> seen;
  bool has_p = false;
  std::string bad_p;
  size_t b = 0;
  bool first = true;
  while (b <= text.size()) {
    size_t semi = text.find(';', b);
    std::string tag = Trim(text.substr(b, (semi == std::string::npos ? text.size() : semi) - b));
    b = semi == std::string::npos ? text.size() + 1 : semi + 1;
    if (first) {
      first = false;
      continue;  // v=DMARC1, checked above
    }
    if (tag.empty()) continue;
    size_t eq = tag.find('=');
    if (eq == std::string::npos) {
      d.warnings.push_back("'" + tag + "' is not a tag=value pair (ignored)");
      continue;
    }
    std::string name = AsciiLowered(Trim(std::string_view(tag).substr(0, eq)));
    std::string value = Trim(std::string_view(tag).substr(eq + 1));
    if (!seen.insert(name).second) {
      d.warnings.push_back("'" + name + "' is given twice; the first value counts");
      continue;
    }
    std::string lv = AsciiLowered(value);
    if (name == "p") {
      if (IsPolicy(lv)) {
        d.p = lv;
        has_p = true;
      } else {
        bad_p = value;
      }
    } else if (name == "sp" || name == "np") {
      if (!IsPolicy(lv)) return Status::InvalidArgument(name + "=" + value + " is not none, quarantine or reject");
      (name == "sp" ? d.sp : d.np) = lv;
    } else if (name == "pct") {
      bool digits = !value.empty() && value.size() <= 3 &&
                    std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits || std::stoi(value) > 100) return Status::InvalidArgument("pct=" + value + " is not a number from 0 to 100");
      d.pct = std::stoi(value);
      d.has_pct = true;
    } else if (name == "t") {
      if (lv != "y" && lv != "n") return Status::InvalidArgument("t=" + value + " is not y or n");
      d.testing = lv == "y";
    } else if (name == "adkim" || name == "aspf") {
      if (lv != "r" && lv != "s") return Status::InvalidArgument(name + "=" + value + " is not r or s");
      (name == "adkim" ? d.adkim : d.aspf) = lv[0];
    } else if (name == "rua" || name == "ruf") {
      (name == "rua" ? d.rua : d.ruf) = Uris(value);
    } else if (name == "fo") {
      d.fo = value;
    } else if (name == "rf") {
      d.rf = value;
    } else if (name == "ri") {
      d.ri = value;
    } else if (name == "psd") {
      d.psd = lv;
    } else {
      d.unknown.push_back(name);
    }
  }
  if (!bad_p.empty() && !has_p) return Status::InvalidArgument("p=" + bad_p + " is not none, quarantine or reject");
  if (!has_p) {
    if (d.rua.empty()) return Status::InvalidArgument("no p= tag (the policy is required)");
    d.p = "none";
    d.warnings.push_back("no p= tag: read as p=none because rua= is given (RFC 7489 section 6.6.3)");
  }
  *out = std::move(d);
  return Status::Ok();
}

}  // namespace mailwhy
