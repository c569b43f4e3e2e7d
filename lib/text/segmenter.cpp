// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text/segmenter.hpp"

#include <unicode/uchar.h>

#include <vector>

#include "text/thread_scratch.hpp"
#include "text/unicode.hpp"
#include "text/word_hash.hpp"

namespace tact::text {

namespace {

// UAX #29 word-break classes, reduced to what the view can contain.
enum class Cls : uint8_t {
  space,
  letter,
  ideo,
  number,
  extend_num,
  mid_letter,
  mid_num,
  mid_num_let,
  mark,
  emoji,
  other
};

Cls classify(char32_t c) {
  if (c < 0x80) {
    if (is_space(c)) return Cls::space;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return Cls::letter;
    if (c >= '0' && c <= '9') return Cls::number;
    switch (c) {
      case '_': return Cls::extend_num;
      case ',':
      case ';': return Cls::mid_num;
      case '.':
      case '\'': return Cls::mid_num_let;
      default: return Cls::other;
    }
  }
  if (is_space(c)) return Cls::space;
  if (c == 0x00B7 || c == 0x2027) return Cls::mid_letter;
  if (is_mark(c) || c == 0x200D ||
      u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_VARIATION_SELECTOR) ||
      (c >= 0x1F3FB && c <= 0x1F3FF)) {
    return Cls::mark;
  }
  if (is_letter(c)) {
    const auto u = static_cast<UChar32>(c);
    if (u_hasBinaryProperty(u, UCHAR_IDEOGRAPHIC) || ublock_getCode(u) == UBLOCK_HIRAGANA) {
      return Cls::ideo;
    }
    return Cls::letter;
  }
  if (is_digit(c)) return Cls::number;
  if (is_pictographic(c)) return Cls::emoji;
  return Cls::other;
}

struct Cp {
  char32_t c;
  uint32_t at;   // view offset
  uint32_t end;  // view offset after it
  Cls cls;
};

bool is_continuation(char32_t c) {
  return c == ',' || c == ';' || c == ':' || c == '-';
}

// Case of the original letters of view range [b, e).
void letter_case(const Document& doc, Range original, bool* all_caps, bool* capitalized) {
  const std::string_view s = doc.original().substr(original.begin, original.size());
  int upper = 0;
  int lower = 0;
  bool first = true;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = decode_utf8(s, &i);
    if (!is_letter(c)) continue;
    const bool up = is_upper(c);
    if (first) *capitalized = up;
    first = false;
    upper += up ? 1 : 0;
    lower += is_lower(c) ? 1 : 0;
  }
  *all_caps = upper >= 2 && lower == 0;
}

}  // namespace

// Scratch kept per thread for texts up to this many code points, so
// segmenting a message allocates only its tokens and sentences, while one
// huge input does not pin its memory.
constexpr std::size_t kKeptCodePoints = std::size_t{1} << 16;

void segment(Document* doc) {
  const std::string& v = doc->view_;
  struct CodePoints {
    std::vector<Cp> cps;
  };
  std::vector<Cp>& cps = thread_scratch<CodePoints>().cps;
  cps.clear();
  cps.reserve(v.size());
  for (std::size_t i = 0; i < v.size();) {
    const auto at = static_cast<uint32_t>(i);
    const char32_t c = decode_utf8(v, &i);
    cps.push_back({c, at, static_cast<uint32_t>(i), classify(c)});
  }
  const std::size_t n = cps.size();
  // Code points produced by one unit of the original stay in one token.
  auto same_unit = [&](std::size_t a, std::size_t b) {
    return doc->unit_begin_[cps[a].at] == doc->unit_begin_[cps[b].at];
  };
  auto next_real = [&](std::size_t j) {  // skip marks (WB4)
    while (j < n && cps[j].cls == Cls::mark) ++j;
    return j;
  };

  doc->tokens_.clear();
  doc->tokens_.reserve(v.size() / 4 + 4);  // about one token per word and space
  for (std::size_t k = 0; k < n;) {
    const Cls cls = cps[k].cls;
    if (cls == Cls::space) {
      ++k;
      continue;
    }
    std::size_t j = k + 1;
    TokenKind kind = TokenKind::symbol;
    // WB13b: '_' followed by a letter or digit starts a word.
    const bool underscore_word = cls == Cls::extend_num && k + 1 < n &&
                                 (cps[k + 1].cls == Cls::letter || cps[k + 1].cls == Cls::number);
    if (cls == Cls::letter || cls == Cls::number || underscore_word) {
      Cls last = cls;
      bool letters = cls != Cls::number;
      while (j < n) {
        const Cls c = cps[j].cls;
        if (same_unit(j - 1, j) || c == Cls::mark) {
          ++j;
        } else if (c == Cls::letter || c == Cls::number || c == Cls::extend_num) {
          letters = letters || c == Cls::letter;
          last = c;
          ++j;
        } else {
          const std::size_t after = next_real(j + 1);
          if (after >= n) break;
          const Cls a = cps[after].cls;
          const bool join_letters = last == Cls::letter && a == Cls::letter &&
                                    (c == Cls::mid_letter || c == Cls::mid_num_let);
          const bool join_numbers = last == Cls::number && a == Cls::number &&
                                    (c == Cls::mid_num || c == Cls::mid_num_let);
          if (!join_letters && !join_numbers) break;
          j = after + 1;
        }
      }
      kind = letters ? TokenKind::word : TokenKind::number;
    } else {
      kind = cls == Cls::ideo    ? TokenKind::word
             : cls == Cls::emoji ? TokenKind::emoji
                                 : TokenKind::symbol;
      while (j < n && (same_unit(j - 1, j) || cps[j].cls == Cls::mark)) ++j;
    }
    Token t;
    t.view = {cps[k].at, cps[j - 1].end};
    t.original = doc->to_original(t.view);
    t.kind = kind;
    if (kind == TokenKind::word) letter_case(*doc, t.original, &t.all_caps, &t.capitalized);
    if (kind == TokenKind::word || kind == TokenKind::emoji)
      t.hash = word_hash(std::string_view(v).substr(t.view.begin, t.view.size()));
    doc->tokens_.push_back(t);
    k = j;
  }

  doc->sentences_.clear();
  std::size_t start = n;  // index of the current sentence's first code point
  std::size_t last = 0;   // index after its last non-space code point
  auto close = [&](std::size_t end) {
    if (start < n && end > start) {
      Sentence s;
      s.view = {cps[start].at, cps[end - 1].end};
      s.original = doc->to_original(s.view);
      doc->sentences_.push_back(s);
    }
    start = n;
  };
  // UAX #29 sentence rules over runs of terminators: SB8a (a terminator run
  // followed by spaces and then , ; : or another terminator continues),
  // SB6-SB8 (after '.', a digit, an Upper after a one-letter abbreviation,
  // or a coming lower-case letter continue), SB11 (otherwise break).
  auto original_case = [&](std::size_t k, bool* upper, bool* lower) {
    const Range r = doc->to_original(cps[k].at, cps[k].end);
    std::size_t pos = r.begin;
    const char32_t c = decode_utf8(doc->original_, &pos);
    *upper = is_upper(c);
    *lower = is_lower(c);
  };
  // The pack's profile adds terminators (ending a sentence like '!') and
  // abbreviations, after which a lone '.' does not end one.
  const SentenceProfile& profile = *doc->profile_;
  auto terminator = [&](char32_t c) {
    return is_sentence_terminator(c) || profile.is_terminator(c);
  };
  for (std::size_t k = 0; k < n;) {
    const Cp& cp = cps[k];
    if (cp.cls == Cls::space) {
      if (doc->line_break_at(cp.at)) close(last);
      ++k;
      continue;
    }
    if (start == n) start = k;
    if (!terminator(cp.c)) {
      last = ++k;
      continue;
    }
    std::size_t j = k;
    while (j < n && terminator(cps[j].c)) ++j;
    const bool aterm = is_ambiguous_terminator(cps[j - 1].c);
    const bool single_aterm = cps[j - 1].c == '.' && j - k == 1;
    while (j < n && is_sentence_close(cps[j].c)) ++j;
    last = j;
    std::size_t m = j;
    bool line_break = false;
    // The increment stays outside the ||: short-circuited after a line break,
    // it would stop and spin forever (fuzzer: ".\n\n" and a combining mark).
    while (m < n && cps[m].cls == Cls::space) {
      if (doc->line_break_at(cps[m].at)) line_break = true;
      ++m;
    }
    bool split = true;
    if (line_break || m == n) {
      split = true;
    } else if (is_continuation(cps[m].c) || terminator(cps[m].c)) {
      split = false;  // SB8a
    } else if (aterm) {
      bool upper = false;
      bool lower = false;
      if (m == j && cps[m].cls == Cls::number) {
        split = false;  // SB6
      } else if (m == j && single_aterm && k > 0 && is_letter(cps[k - 1].c) &&
                 is_letter(cps[m].c)) {
        original_case(m, &upper, &lower);
        split = !upper;  // SB7; a lower-case letter is SB8's case below
      }
      if (split) {
        // SB8: skip what is neither a letter nor a terminator; a lower-case
        // letter there continues the sentence.
        std::size_t x = m;
        while (x < n && !is_letter(cps[x].c) && !terminator(cps[x].c) &&
               !(cps[x].cls == Cls::space && doc->line_break_at(cps[x].at))) {
          ++x;
        }
        if (x < n && is_letter(cps[x].c)) {
          original_case(x, &upper, &lower);
          split = !lower;
        }
      }
      // A listed abbreviation's '.', asked of the original as the rewrite
      // asks it ("Mr. Patel", "e.g. Visa").
      if (split && single_aterm &&
          profile.abbreviation_before(doc->original_, doc->unit_begin_[cps[k].at])) {
        split = false;
      }
    }
    if (split) close(last);
    k = j;
  }
  close(last);
  if (cps.capacity() > kKeptCodePoints) {
    cps.clear();
    cps.shrink_to_fit();
  }
}

}  // namespace tact::text
