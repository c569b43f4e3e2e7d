// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/shouting.hpp"

#include <algorithm>
#include <string_view>

#include "text/unicode.hpp"

namespace tact::rules {

namespace {

using text::Token;
using text::TokenKind;

std::string_view view_of(const text::Document& doc, const Token& t) {
  return std::string_view(doc.view()).substr(t.view.begin, t.view.size());
}

bool contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Letters in `s`, or -1 if it has a digit.
int letters(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = text::decode_utf8(s, &i);
    if (text::is_digit(c)) return -1;
    if (text::is_letter(c)) ++n;
  }
  return n;
}

bool adjacent(const Token& a, const Token& b) {
  return a.view.end == b.view.begin;
}

bool is_joiner(const text::Document& doc, const Token& t) {
  const std::string_view s = view_of(doc, t);
  return t.kind == TokenKind::symbol && (s == "-" || s == "/" || s == "#");
}

// Letters glued to digits by a joiner: "HB-55231", "CL/2093", "#GR-48213".
bool in_code(const text::Document& doc, const std::vector<Token>& tokens, std::size_t i) {
  if (i + 2 < tokens.size() && adjacent(tokens[i], tokens[i + 1]) &&
      adjacent(tokens[i + 1], tokens[i + 2]) && is_joiner(doc, tokens[i + 1]) &&
      tokens[i + 2].kind == TokenKind::number) {
    return true;
  }
  return i >= 2 && adjacent(tokens[i - 2], tokens[i - 1]) && adjacent(tokens[i - 1], tokens[i]) &&
         is_joiner(doc, tokens[i - 1]) && tokens[i - 2].kind == TokenKind::number;
}

bool shouts(const text::Document& doc, const std::vector<Token>& tokens, std::size_t i,
            const Rule& rule) {
  const Token& t = tokens[i];
  if (t.kind != TokenKind::word || !t.all_caps) return false;
  const std::string_view w = view_of(doc, t);
  const int n = letters(w);
  if (n < 2 || contains(rule.acronyms, w) || in_code(doc, tokens, i)) return false;
  return n >= 4 || contains(rule.emphatic_words, w);
}

// May sit between two shouting words without breaking the run.
bool bridges(const Token& t) {
  return t.kind == TokenKind::number ||
         (t.kind == TokenKind::word && t.capitalized && (t.all_caps || t.view.size() == 1));
}

}  // namespace

void find_shouting(const text::Document& doc, const Rule& rule, std::size_t limit,
                   std::vector<text::Range>* out) {
  const std::vector<Token>& tokens = doc.tokens();
  std::size_t found = 0;
  std::size_t i = 0;
  while (i < tokens.size() && found < limit) {
    if (!shouts(doc, tokens, i, rule)) {
      ++i;
      continue;
    }
    text::Range run = tokens[i].view;
    std::size_t j = i + 1;
    std::size_t k = j;  // first token not yet in the run
    while (j < tokens.size() && bridges(tokens[j])) {
      if (shouts(doc, tokens, j, rule)) {
        run.end = tokens[j].view.end;
        k = j + 1;
      }
      ++j;
    }
    out->push_back(run);
    ++found;
    i = k;
  }
}

}  // namespace tact::rules
