// json_writer - implementation of json_writer.h.
#include "util/json_writer.h"

#include <cmath>

#include <fmt/format.h>

#include "util/utf8.h"

namespace mailwhy {


void AppendJsonEscaped(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  size_t i = 0, run = 0;  // bytes [run, i) are copied verbatim
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c >= 0x80) {
          out->append("\\ufffd");
        } else {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
    }
    ++i;
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
}

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_->push_back(',');
    first_.back() = false;
  }
}

void JsonWriter::Open(char c) {
  Separate();
  out_->push_back(c);
  first_.push_back(true);
}

void JsonWriter::Close(char c) {
  out_->push_back(c);
  if (!first_.empty()) first_.pop_back();
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  out_->push_back('"');
  AppendJsonEscaped(key, out_);
  out_->append("\":");
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Separate();
  out_->push_back('"');
  AppendJsonEscaped(s, out_);
  out_->push_back('"');
}

void JsonWriter::Int(int64_t v) {
  Separate();
  fmt::format_to(std::back_inserter(*out_), "{}", v);
}

void JsonWriter::Double(double v) {
  Separate();
  if (!std::isfinite(v)) {
    out_->append("null");
    return;
  }
  fmt::format_to(std::back_inserter(*out_), "{}", v);
}

void JsonWriter::Bool(bool v) {
  Separate();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  out_->append(json);
}

void JsonWriter::Null() {
  Separate();
  out_->append("null");
}

}  // namespace mailwhy
