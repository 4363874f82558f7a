// NAME
//   status - an error as a value
// SYNOPSIS
//   Status s = OpenInput(path, &source);
//   if (!s.ok()) { std::cerr << s.ToString(); return 2; }
// DESCRIPTION
//   Parsing, rule loading and I/O return a Status instead of throwing, so the hot paths stay
//   free of exceptions and a caller always sees a failure in the signature (LevelDB style).
//   A Status is either OK or carries a code and a message meant for a human: it names the
//   file (and line, where there is one) and says what is wrong.
// THREAD SAFETY
//   A Status is a value; copies are independent.
#ifndef MAILWHY_UTIL_STATUS_H_
#define MAILWHY_UTIL_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace mailwhy {

class Status {
 public:
  enum class Code { kOk, kNotFound, kIoError, kInvalidArgument, kCorruption, kUnsupported };

  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Unsupported(std::string msg) { return Status(Code::kUnsupported, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or the message alone: messages are written to stand on their own.
  std::string ToString() const { return ok() ? std::string("OK") : message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace mailwhy

#endif  // MAILWHY_UTIL_STATUS_H_
