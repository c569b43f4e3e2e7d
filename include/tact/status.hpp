// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Status codes and the Status value every fallible call returns. Header-only.
#ifndef TACT_STATUS_HPP_
#define TACT_STATUS_HPP_

#include <stdexcept>
#include <string>
#include <utility>

namespace tact {

// Status codes. The numbers are the C ABI's (capi/tact.h) and never change;
// new codes are only ever added.
enum class Code : int {
  ok = 0,
  invalid_argument = -1,  // a NULL or out-of-range argument, a bad option
  out_of_memory = -2,
  input_too_large = -3,    // text longer than Options::max_input_bytes
  rules = -4,              // a rule pack failed to load (message: file:line: rule: why)
  io = -5,                 // a rule-pack file could not be read
  version = -6,            // an options struct of an unknown version (C ABI)
  internal = -7,           // a bug in Tact; please report it
  deadline_exceeded = -8,  // Options::deadline passed: the Report holds what was found so far
};

// "ok", "invalid argument", … for any code; "unknown status" otherwise.
constexpr const char* code_name(Code code) noexcept {
  switch (code) {
    case Code::ok: return "ok";
    case Code::invalid_argument: return "invalid argument";
    case Code::out_of_memory: return "out of memory";
    case Code::input_too_large: return "input too large";
    case Code::rules: return "rule pack error";
    case Code::io: return "I/O error";
    case Code::version: return "unsupported options version";
    case Code::internal: return "internal error";
    case Code::deadline_exceeded: return "deadline exceeded";
  }
  return "unknown status";
}

// A status code with a message. Default-constructed means success.
struct Status {
  Code code = Code::ok;
  std::string message;  // empty on success

  bool ok() const noexcept { return code == Code::ok; }
};

// Thrown by the throwing convenience overloads only; carries the Status.
class Error : public std::runtime_error {
 public:
  explicit Error(Status status)
      : std::runtime_error(status.message.empty() ? code_name(status.code) : status.message),
        status_(std::move(status)) {}
  const Status& status() const noexcept { return status_; }

 private:
  Status status_;
};

// The most threads Analyzer::analyze_batch (and tact_analyze_batch) runs
// for one call, whatever the caller asks.
constexpr unsigned kMaxBatchThreads = 64;

}  // namespace tact

#endif  // TACT_STATUS_HPP_
