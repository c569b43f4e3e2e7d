// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include "text/unicode.hpp"

namespace tact::core {

namespace {

// Room for a key's punctuation and any number beside a key of kShortKey bytes.
constexpr std::size_t kShortKey = 32;
constexpr std::size_t kBuffer = kShortKey + 64;

}  // namespace

// Keys and numbers are put together in a buffer and appended once: one
// append per member rather than four or five.
std::size_t Writer::put_key(char* buf, std::string_view k) {
  std::size_t n = 0;
  if (!first_) buf[n++] = ',';
  first_ = false;
  buf[n++] = '"';
  std::memcpy(buf + n, k.data(), k.size());
  n += k.size();
  buf[n++] = '"';
  buf[n++] = ':';
  return n;
}

void Writer::key(std::string_view k) {
  if (k.size() > kShortKey) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;
    out_ += "\":";
    return;
  }
  char buf[kBuffer];
  out_.append(buf, put_key(buf, k));
}

std::size_t Writer::key_into(char* buf, std::string_view k) {
  if (k.size() <= kShortKey) return put_key(buf, k);
  key(k);
  return 0;
}

void Writer::integer(std::string_view k, long long v) {
  char buf[kBuffer];
  const std::size_t n = key_into(buf, k);
  const auto r = std::to_chars(buf + n, buf + sizeof buf, v);
  out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void Writer::score(std::string_view k, double v) {
  char buf[kBuffer];
  std::size_t n = key_into(buf, k);
  const double scaled = std::round(v * 1e4);
  if (std::isfinite(scaled) && std::fabs(scaled) < 1e15) {
    // scaled/1e4 has at most 15 significant digits, so its shortest
    // round-trip form (what std::to_chars writes) is exactly those digits:
    // they are written from the integer, trailing zeros off.
    const auto units = static_cast<long long>(std::fabs(scaled));
    if (std::signbit(scaled)) buf[n++] = '-';  // -0.0 too, as to_chars writes it
    n = static_cast<std::size_t>(std::to_chars(buf + n, buf + sizeof buf, units / 10000).ptr - buf);
    buf[n++] = '.';
    long long frac = units % 10000;
    int digits = 4;
    if (frac == 0) {
      digits = 1;
    } else {
      while (frac % 10 == 0) {
        frac /= 10;
        --digits;
      }
    }
    for (int d = digits - 1; d >= 0; --d) {
      buf[n + static_cast<std::size_t>(d)] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    out_.append(buf, n + static_cast<std::size_t>(digits));
    return;
  }
  out_.append(buf, n);
  v = scaled / 1e4;
  if (!std::isfinite(v)) v = 0;
  char digits[400];  // DBL_MAX in full
  const auto r = std::to_chars(digits, digits + sizeof digits, v, std::chars_format::fixed);
  const std::string_view text(digits, static_cast<std::size_t>(r.ptr - digits));
  out_ += text;
  if (text.find('.') == std::string_view::npos) out_ += ".0";
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
