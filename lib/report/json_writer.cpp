// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "report/json_writer.hpp"

#include <charconv>
#include <cmath>

#include "text/unicode.hpp"

namespace tact::core {

void Writer::key(std::string_view k) {
  if (!first_) out_ += ',';
  first_ = false;
  out_ += '"';
  out_ += k;
  out_ += "\":";
}

void Writer::integer(std::string_view k, long long v) {
  key(k);
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void Writer::score(std::string_view k, double v) {
  key(k);
  v = std::round(v * 1e4) / 1e4;
  if (!std::isfinite(v)) v = 0;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  const std::string_view digits(buf, static_cast<std::size_t>(r.ptr - buf));
  out_ += digits;
  if (digits.find('.') == std::string_view::npos) out_ += ".0";
}

void Writer::quoted(std::string_view s) {
  out_ += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    out_.append(s, run, i - run);
    if (c >= 0x80) {
      text::append_utf8(&out_, text::decode_utf8(s, &i));
    } else {
      escape(c);
      ++i;
    }
    run = i;
  }
  out_.append(s, run, s.size() - run);
  out_ += '"';
}

void Writer::escape(unsigned char c) {
  switch (c) {
    case '"': out_ += "\\\""; return;
    case '\\': out_ += "\\\\"; return;
    case '\b': out_ += "\\b"; return;
    case '\f': out_ += "\\f"; return;
    case '\n': out_ += "\\n"; return;
    case '\r': out_ += "\\r"; return;
    case '\t': out_ += "\\t"; return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      out_ += "\\u00";
      out_ += kHex[c >> 4];
      out_ += kHex[c & 0xF];
    }
  }
}

}  // namespace tact::core
