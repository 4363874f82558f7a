// mime_reader - GMime walk that flattens a notification into text (see mime_reader.h).
#include "bounce/mime_reader.h"

#include <gmime/gmime.h>
#include <iconv.h>
#include <strings.h>

#include <cctype>
#include <cerrno>
#include <algorithm>
#include <cstring>
#include <mutex>

#include "bounce/html_to_text.h"
#include "bounce/line_ends.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace mailwhy {

namespace {

constexpr size_t kMaxBody = 4u << 20;
constexpr int kMaxDepth = 32;

// Raw 8-bit text without a declared charset is tried against these, in order.
const char* kFallbackCharsets[] = {"UTF-8", "ISO-2022-JP", "CP932", "EUC-JP", "ISO-8859-1",
                                   nullptr};

GMimeParserOptions* Options() {
  static GMimeParserOptions* options = [] {
    g_mime_init();
    GMimeParserOptions* o = g_mime_parser_options_new();
    g_mime_parser_options_set_fallback_charsets(o, kFallbackCharsets);
    g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
    return o;
  }();
  return options;
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// The charset names mail uses, as glibc's iconv knows their widest compatible form:
// Japanese mail labelled Shift_JIS is usually Windows' CP932 (NEC and IBM extensions),
// and ISO-2022-JP mail often holds CP50221 characters such as circled digits.
std::string IconvName(std::string charset) {
  charset = AsciiLowered(charset);
  if (charset == "shift_jis" || charset == "shift-jis" || charset == "sjis" ||
      charset == "x-sjis" || charset == "windows-31j" || charset == "cp932") {
    return "CP932";
  }
  if (charset == "iso-2022-jp") return "ISO-2022-JP-2";
  if (charset == "euc-jp" || charset == "x-euc-jp") return "EUC-JP-MS";
  if (charset == "ks_c_5601-1987") return "CP949";
  return charset;
}

// Converts with iconv; an invalid or incomplete sequence becomes U+FFFD and reading goes on.
// Returns false when iconv does not know the charset.
bool Convert(std::string_view in, const std::string& charset, std::string* out) {
  iconv_t cd = iconv_open("UTF-8", IconvName(charset).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out->clear();
  out->reserve(in.size() * 2);
  char* src = const_cast<char*>(in.data());
  size_t left = in.size();
  char buf[4096];
  while (left > 0) {
    char* dst = buf;
    size_t room = sizeof buf;
    size_t r = iconv(cd, &src, &left, &dst, &room);
    out->append(buf, dst - buf);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      out->append("\xEF\xBF\xBD");  // U+FFFD
      ++src;
      --left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    }
  }
  char* dst = buf;
  size_t room = sizeof buf;
  iconv(cd, nullptr, nullptr, &dst, &room);
  out->append(buf, dst - buf);
  iconv_close(cd);
  return true;
}

// Text in a declared (or undeclared) charset as UTF-8.
std::string ToUtf8(std::string_view bytes, std::string charset) {
  charset = AsciiLowered(charset);
  const bool has_escape = bytes.find("\x1b$") != std::string_view::npos ||
                          bytes.find("\x1b(") != std::string_view::npos;
  if (charset.empty() || charset == "us-ascii" || charset == "utf-8" || charset == "utf8" ||
      charset == "ascii" || charset == "unknown-8bit" || charset == "x-unknown") {
    if (has_escape) charset = "iso-2022-jp";
    else if (ValidUtf8(bytes)) return std::string(bytes);
    else charset.clear();
  }
  std::string out;
  if (!charset.empty() && Convert(bytes, charset, &out)) return out;
  char* guessed = g_mime_utils_decode_8bit(Options(), bytes.data(), bytes.size());
  out = guessed ? guessed : std::string(bytes);
  g_free(guessed);
  return out;
}

// The part's content with its transfer encoding undone.
std::string DecodedContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return std::string();
  GMimeStream* mem = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, mem);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  std::string out(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(mem);
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Unfolds a header value: line breaks and the white space after them become one space.
std::string Unfold(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\n' || v[i] == '\r') {
      while (i + 1 < v.size() && (v[i + 1] == ' ' || v[i + 1] == '\t' || v[i + 1] == '\n' ||
                                  v[i + 1] == '\r')) {
        ++i;
      }
      out.push_back(' ');
      continue;
    }
    out.push_back(v[i]);
  }
  return Trim(out);
}

std::string DecodeHeaderText(std::string_view raw) {
  std::string unfolded = Unfold(raw);
  // Most headers are plain ASCII without encoded words: nothing to decode.
  if (unfolded.find("=?") == std::string::npos &&
      std::all_of(unfolded.begin(), unfolded.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return unfolded;
  }
  char* decoded = g_mime_utils_header_decode_text(Options(), unfolded.c_str());
  std::string out = decoded ? decoded : unfolded;
  g_free(decoded);
  if (!ValidUtf8(out)) out = ToUtf8(out, "");
  return out;
}

MailHeaders HeadersOf(GMimeObject* object) {
  MailHeaders out;
  GMimeHeaderList* list = g_mime_object_get_header_list(object);
  if (list == nullptr) return out;
  int n = g_mime_header_list_get_count(list);
  for (int i = 0; i < n; ++i) {
    GMimeHeader* h = g_mime_header_list_get_header_at(list, i);
    const char* name = g_mime_header_get_name(h);
    const char* raw = g_mime_header_get_raw_value(h);
    if (name == nullptr) continue;
    out.push_back(MailHeader{name, raw ? DecodeHeaderText(raw) : std::string()});
  }
  return out;
}

std::string RawHeaders(GMimeObject* object) {
  char* text = g_mime_object_get_headers(object, g_mime_format_options_get_default());
  std::string out = text ? text : "";
  g_free(text);
  NormalizeLineEnds(&out);
  return out;
}

class Walker {
 public:
  Walker(DecodedMail* out, bool keep_attached) : out_(out), keep_attached_(keep_attached) {}

  void Walk(GMimeObject* object, int depth) {
    if (object == nullptr || depth > kMaxDepth) return;
    GMimeContentType* ct = g_mime_object_get_content_type(object);
    const std::string type = ct ? AsciiLowered(g_mime_content_type_get_media_type(ct)) : "text";
    const std::string subtype = ct ? AsciiLowered(g_mime_content_type_get_media_subtype(ct)) : "plain";

    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* mp = GMIME_MULTIPART(object);
      const int n = g_mime_multipart_get_count(mp);
      if (n == 0) {
        // A multipart without its boundary: the text sits in the prologue.
        const char* prologue = g_mime_multipart_get_prologue(mp);
        if (prologue != nullptr) {
          std::string text = ToUtf8(prologue, "");
          NormalizeLineEnds(&text);
          Append(text);
        }
        return;
      }
      if (subtype == "alternative") {
        GMimeObject* choice = n > 0 ? g_mime_multipart_get_part(mp, 0) : nullptr;
        for (int i = 0; i < n; ++i) {
          GMimeObject* p = g_mime_multipart_get_part(mp, i);
          GMimeContentType* pct = g_mime_object_get_content_type(p);
          if (pct && g_mime_content_type_is_type(pct, "text", "plain")) {
            choice = p;
            break;
          }
        }
        Walk(choice, depth + 1);
        return;
      }
      for (int i = 0; i < n; ++i) Walk(g_mime_multipart_get_part(mp, i), depth + 1);
      return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (inner != nullptr && !out_->original_attached) {
        out_->original = RawHeaders(GMIME_OBJECT(inner));
        out_->original_attached = true;
        if (keep_attached_) {
          char* whole = g_mime_object_to_string(GMIME_OBJECT(inner), g_mime_format_options_get_default());
          if (whole != nullptr) {
            out_->attached_message.assign(whole, std::min(std::strlen(whole), kMaxBody));
            NormalizeLineEnds(&out_->attached_message);
          }
          g_free(whole);
        }
      }
      return;
    }
    if (!GMIME_IS_PART(object)) return;
    GMimePart* part = GMIME_PART(object);

    if (type == "message" && (subtype == "delivery-status" || subtype == "global-delivery-status")) {
      std::string text = ToUtf8(DecodedContent(part), "utf-8");
      NormalizeLineEnds(&text);
      out_->delivery_status.push_back(text);
      Append("Content-Type: message/delivery-status\n\n" + text);
      return;
    }
    if (type == "message" && subtype == "feedback-report") {
      std::string text = ToUtf8(DecodedContent(part), "utf-8");
      NormalizeLineEnds(&text);
      out_->feedback_reports.push_back(text);
      Append("Content-Type: message/feedback-report\n\n" + text);
      return;
    }
    if ((type == "text" && (subtype == "rfc822-headers" || subtype == "rfc822")) ||
        (type == "message" && (subtype == "rfc822" || subtype == "global" ||
                               subtype == "global-headers"))) {
      if (!out_->original_attached) {
        std::string text = ToUtf8(DecodedContent(part), "");
        NormalizeLineEnds(&text);
        out_->original = text;
        out_->original_attached = true;
      }
      return;
    }
    if (type != "text" && type != "message") return;
    const char* charset = ct ? g_mime_content_type_get_parameter(ct, "charset") : nullptr;
    std::string text = ToUtf8(DecodedContent(part), charset ? charset : "");
    NormalizeLineEnds(&text);
    if (subtype == "html") text = HtmlToText(text);
    Append(text);
  }

 private:
  void Append(const std::string& text) {
    if (out_->body.size() >= kMaxBody) return;
    if (!out_->body.empty() && out_->body.back() != '\n') out_->body.push_back('\n');
    out_->body.append(text, 0, kMaxBody - out_->body.size());
  }

  DecodedMail* out_;
  bool keep_attached_;
};

}  // namespace

std::string_view HeaderValue(const MailHeaders& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (h.name.size() == name.size() &&
        strncasecmp(h.name.data(), name.data(), name.size()) == 0) {
      return h.value;
    }
  }
  return std::string_view();
}

Status DecodeMail(std::string_view bytes, DecodedMail* out, bool keep_attached) {
  *out = DecodedMail{};
  size_t first = 0;
  while (first < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[first]))) ++first;
  if (first == bytes.size()) return Status::InvalidArgument("empty message");
  GMimeParserOptions* options = Options();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
  GMimeMessage* message = g_mime_parser_construct_message(parser, options);
  g_object_unref(parser);
  g_object_unref(stream);
  if (message == nullptr) return Status::Corruption("not a mail message");

  out->headers = HeadersOf(GMIME_OBJECT(message));
  GMimeObject* root = g_mime_message_get_mime_part(message);
  if (root != nullptr) {
    GMimeContentType* ct = g_mime_object_get_content_type(root);
    if (ct != nullptr) {
      char* mime_type = g_mime_content_type_get_mime_type(ct);
      out->content_type = AsciiLowered(mime_type ? mime_type : "");
      g_free(mime_type);
      const char* rt = g_mime_content_type_get_parameter(ct, "report-type");
      out->report_type = AsciiLowered(rt ? rt : "");
    }
    Walker(out, keep_attached).Walk(root, 0);
  }
  g_object_unref(message);
  return Status::Ok();
}

MailHeaders ParseHeaderBlock(std::string_view text) {
  Options();  // GMime must be initialised for the encoded-word decoder
  MailHeaders out;
  std::string name, value;
  auto flush = [&] {
    if (!name.empty()) out.push_back(MailHeader{name, DecodeHeaderText(value)});
    name.clear();
    value.clear();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? text.size() - pos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (!out.empty() || !name.empty()) break;  // the end of the header block
      continue;                                  // blank lines before it
    }
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      value.append("\n").append(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        line.substr(0, colon).find(' ') != std::string_view::npos) {
      flush();
      if (!out.empty()) break;  // not a header line: the body began
      continue;
    }
    flush();
    name.assign(line.substr(0, colon));
    value.assign(line.substr(colon + 1));
  }
  flush();
  return out;
}

}  // namespace mailwhy
