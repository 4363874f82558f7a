// matcher - one Hyperscan database for all rule patterns (see matcher.h).
#include "diagnose/matcher.h"

#include <hs.h>

#include <cstdlib>

#include "util/cache_file.h"

namespace mailwhy {
namespace {

// Escapes a phrase so Hyperscan reads it literally: every byte that is not a letter or a
// digit becomes \xHH (also UTF-8 bytes: the database is byte-oriented, no UTF-8 mode,
// since arbitrary input bytes would be undefined behaviour under HS_FLAG_UTF8).
std::string EscapeLiteral(const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

int OnMatch(unsigned int id, unsigned long long, unsigned long long, unsigned int,
            void* ctx) {
  static_cast<PatternBits*>(ctx)->Set(id);
  return 0;  // go on: other patterns may match later in the text
}

}  // namespace

Matcher::~Matcher() {
  for (hs_scratch* s : pool_) hs_free_scratch(s);
  if (prototype_) hs_free_scratch(prototype_);
  if (db_) hs_free_database(db_);
}

uint32_t Matcher::Add(std::string expression, unsigned flags) {
  auto key = std::make_pair(expression, flags);
  auto it = ids_.find(key);
  if (it != ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(expressions_.size());
  expressions_.push_back(std::move(expression));
  flags_.push_back(flags);
  ids_.emplace(std::move(key), id);
  return id;
}

uint32_t Matcher::AddLiteral(const std::string& phrase) {
  return Add(EscapeLiteral(phrase), HS_FLAG_SINGLEMATCH);
}

uint32_t Matcher::AddOrdered(const std::vector<std::string>& phrases) {
  std::string expr;
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i) expr += ".*";
    expr += EscapeLiteral(phrases[i]);
  }
  return Add(std::move(expr), HS_FLAG_SINGLEMATCH | HS_FLAG_DOTALL);
}

uint32_t Matcher::AddRegex(const std::string& expression) {
  return Add(expression, HS_FLAG_SINGLEMATCH | HS_FLAG_CASELESS | HS_FLAG_DOTALL);
}

Status Matcher::CheckRegex(const std::string& expression) {
  // hs_expression_info parses and analyses the expression as a compile would, without
  // building a database: a tenth of the cost, and the full compile still reports any
  // expression it cannot take.
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(expression.c_str(), HS_FLAG_SINGLEMATCH | HS_FLAG_CASELESS | HS_FLAG_DOTALL,
                         &info, &err) != HS_SUCCESS) {
    std::string msg = err && err->message ? err->message : "cannot compile";
    hs_free_compile_error(err);
    return Status::InvalidArgument(msg);
  }
  std::free(info);  // allocated with hs's misc allocator, malloc unless set otherwise
  return Status::Ok();
}

std::string Matcher::CacheName() const {
  Fingerprint f;
  f.Add(std::string_view(hs_version()));
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    f.Add(platform.tune);
    f.Add(platform.cpu_features);
  }
  f.Add(uint64_t{HS_MODE_BLOCK});
  for (size_t i = 0; i < expressions_.size(); ++i) {
    f.Add(expressions_[i]);
    f.Add(uint64_t{flags_[i]});
  }
  return "patterns-" + f.Hex() + ".hsdb";
}

Status Matcher::Compile() {
  if (expressions_.empty()) return Status::Ok();
  std::string cache_name = CacheName();
  std::string cached;
  if (ReadCacheFile(cache_name, &cached) &&
      hs_deserialize_database(cached.data(), cached.size(), &db_) == HS_SUCCESS) {
    from_cache_ = true;
  } else {
    db_ = nullptr;
    std::vector<const char*> exprs;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < expressions_.size(); ++i) {
      exprs.push_back(expressions_[i].c_str());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(exprs.data(), flags_.data(), ids.data(),
                         static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db_,
                         &err) != HS_SUCCESS) {
      std::string msg = "cannot compile the rule patterns";
      if (err) {
        if (err->expression >= 0) msg += " (pattern \"" + expressions_[err->expression] + "\")";
        if (err->message) msg += std::string(": ") + err->message;
      }
      hs_free_compile_error(err);
      db_ = nullptr;
      return Status::InvalidArgument(msg);
    }
    char* bytes = nullptr;
    size_t length = 0;
    if (hs_serialize_database(db_, &bytes, &length) == HS_SUCCESS) {
      WriteCacheFile(cache_name, std::string_view(bytes, length));
      std::free(bytes);
    }
  }
  if (hs_alloc_scratch(db_, &prototype_) != HS_SUCCESS) {
    return Status::IoError("cannot allocate Hyperscan scratch space");
  }
  return Status::Ok();
}

hs_scratch* Matcher::Borrow() const {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!pool_.empty()) {
      hs_scratch* s = pool_.back();
      pool_.pop_back();
      return s;
    }
  }
  hs_scratch_t* s = nullptr;
  if (hs_clone_scratch(prototype_, &s) != HS_SUCCESS) return nullptr;
  return s;
}

void Matcher::Return(hs_scratch* s) const {
  std::lock_guard<std::mutex> lock(pool_mu_);
  pool_.push_back(s);
}

void Matcher::Scan(std::string_view text, PatternBits* bits) const {
  bits->Reset(expressions_.size());
  if (!db_ || text.empty()) return;
  hs_scratch* scratch = Borrow();
  if (!scratch) return;
  hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, bits);
  Return(scratch);
}

}  // namespace mailwhy
