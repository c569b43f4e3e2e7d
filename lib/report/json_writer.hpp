// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A JSON writer that appends straight to one string: no DOM, so a report's
// line costs about what its bytes do. Reports (report/json.cpp) and the
// service's LanguageTool answers are written with it.
#ifndef TACT_REPORT_JSON_WRITER_HPP_
#define TACT_REPORT_JSON_WRITER_HPP_

#include <cstddef>
#include <string>
#include <string_view>

namespace tact::core {

// The caller keeps the nesting balanced; the writer only places commas.
// Every append may throw std::bad_alloc, and nothing else.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(*out) {}

  // Object and array punctuation; a comma goes before every member but the
  // first of its container.
  void open(char c) {
    out_ += c;
    first_ = true;
  }
  void close(char c) {
    out_ += c;
    first_ = false;
  }
  // A member's key; `k` is written as it is (keys are the code's own).
  void key(std::string_view k);
  // An array element: the comma only.
  void element() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void open(std::string_view k, char c) {
    key(k);
    open(c);
  }

  void string(std::string_view k, std::string_view s) {
    key(k);
    quoted(s);
  }
  void integer(std::string_view k, long long v);
  void boolean(std::string_view k, bool v) {
    key(k);
    out_ += v ? "true" : "false";
  }
  void null(std::string_view k) {
    key(k);
    out_ += "null";
  }
  // Scores to four decimals, which are plenty and keep the output readable;
  // always with a decimal point, so a reader sees a number of the same type.
  void score(std::string_view k, double v);

  // A JSON string: quotes, backslashes and control characters escaped;
  // invalid UTF-8 (only ever from the caller's text) becomes U+FFFD, one
  // per bad sequence, as in the rest of Tact.
  void quoted(std::string_view s);

 private:
  void escape(unsigned char c);
  // The comma if due, then "k": into buf; returns the length.
  std::size_t put_key(char* buf, std::string_view k);
  // A short key into buf (its byte count), a long one straight out (0).
  std::size_t key_into(char* buf, std::string_view k);

  std::string& out_;
  bool first_ = true;
};

}  // namespace tact::core

#endif  // TACT_REPORT_JSON_WRITER_HPP_
