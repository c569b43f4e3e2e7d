// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text/unicode.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tact::text {

namespace detail {

char32_t decode_utf8_multibyte(std::string_view s, std::size_t* i) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int64_t pos = static_cast<int64_t>(*i);
  const auto length = static_cast<int64_t>(s.size());
  UChar32 c;
  U8_NEXT(bytes, pos, length, c);
  *i = static_cast<std::size_t>(pos);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool is_space(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE);
}

bool is_letter(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0;
}

bool is_mark(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool is_digit(char32_t c) {
  return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

bool is_upper(char32_t c) {
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_UPPERCASE_LETTER || t == U_TITLECASE_LETTER;
}

bool is_lower(char32_t c) {
  return u_charType(static_cast<UChar32>(c)) == U_LOWERCASE_LETTER;
}

bool is_pictographic(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  return u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(u, UCHAR_REGIONAL_INDICATOR);
}

}  // namespace detail

void append_utf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

char32_t ascii_punctuation(char32_t c) {
  switch (c) {
    case U'\u2018':  // ‘
    case U'\u2019':  // ’
    case U'\u201A':  // ‚
    case U'\u201B':  // ‛
    case U'\u02BC':  // ʼ
    case U'\u2032':  // ′
    case U'\uFF07':  // ＇
      return '\'';
    case U'\u201C':  // “
    case U'\u201D':  // ”
    case U'\u201E':  // „
    case U'\u201F':  // ‟
    case U'\u2033':  // ″
    case U'\uFF02':  // ＂
      return '"';
    case U'\u2010':
    case U'\u2011':
    case U'\u2012':
    case U'\u2013':  // –
    case U'\u2014':  // —
    case U'\u2015':
    case U'\u2212':  // −
    case U'\uFE58':
    case U'\uFE63':
    case U'\uFF0D': return '-';
    default: return c;
  }
}

namespace {

int gcb(char32_t c) {
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GRAPHEME_CLUSTER_BREAK);
}

}  // namespace

bool grapheme_break(char32_t prev, char32_t next, bool pictographic_zwj, int ri_run) {
  if (prev < 0x80 && next < 0x80) return !(prev == '\r' && next == '\n');  // GB3, GB999
  const int a = gcb(prev);
  const int b = gcb(next);
  if (a == U_GCB_CR && b == U_GCB_LF) return false;                       // GB3
  if (a == U_GCB_CONTROL || a == U_GCB_CR || a == U_GCB_LF) return true;  // GB4
  if (b == U_GCB_CONTROL || b == U_GCB_CR || b == U_GCB_LF) return true;  // GB5
  if (a == U_GCB_L && (b == U_GCB_L || b == U_GCB_V || b == U_GCB_LV || b == U_GCB_LVT)) {
    return false;  // GB6
  }
  if ((a == U_GCB_LV || a == U_GCB_V) && (b == U_GCB_V || b == U_GCB_T)) return false;  // GB7
  if ((a == U_GCB_LVT || a == U_GCB_T) && b == U_GCB_T) return false;                   // GB8
  if (b == U_GCB_EXTEND || b == U_GCB_ZWJ || b == U_GCB_SPACING_MARK) return false;     // GB9, 9a
  if (a == U_GCB_PREPEND) return false;                                                 // GB9b
  if (a == U_GCB_ZWJ && pictographic_zwj &&
      u_hasBinaryProperty(static_cast<UChar32>(next), UCHAR_EXTENDED_PICTOGRAPHIC)) {
    return false;  // GB11
  }
  if (a == U_GCB_REGIONAL_INDICATOR && b == U_GCB_REGIONAL_INDICATOR && ri_run % 2 == 1) {
    return false;  // GB12, GB13
  }
  return true;  // GB999
}

}  // namespace tact::text
