// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/lexicon.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "text/document.hpp"

namespace tact::tone {

namespace {

Status error(std::string_view name, int line, std::string_view why) {
  return {Code::rules, std::string(name) + ":" + std::to_string(line) + ": " + std::string(why)};
}

// Calls fn(line_number, key, value) for each data line of a two-column TSV;
// stops and returns false at the first malformed line.
template <typename Fn>
bool for_each_row(std::string_view tsv, std::string_view name, Status* status, Fn fn) {
  int number = 0;
  while (!tsv.empty()) {
    const std::size_t eol = tsv.find('\n');
    std::string_view line = tsv.substr(0, eol);
    tsv.remove_prefix(eol == std::string_view::npos ? tsv.size() : eol + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == 0 || tab == std::string_view::npos) {
      *status = error(name, number, "expected entry<TAB>number");
      return false;
    }
    const std::string value(line.substr(tab + 1));
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0' || errno != 0 || !std::isfinite(v)) {
      *status = error(name, number, "not a number: " + value);
      return false;
    }
    if (!fn(number, line.substr(0, tab), v)) return false;
  }
  return true;
}

}  // namespace

Entry* Lexicon::entry(std::string_view key) {
  // Most keys are one word of lower-case ASCII letters: the view is the key
  // and its one token a word (tests/tone/lexicon_test.cpp), so no Document
  // is built for them.
  if (!key.empty() &&
      std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    if (auto it = map_.find(key); it != map_.end()) return &it->second;
    slots_.clear();
    keyed_.clear();
    keys_.emplace_back(key);
    return &map_[keys_.back()];
  }
  const text::Document doc = text::Document::build(key);
  const std::string& view = doc.view();
  const auto& tokens = doc.tokens();
  if (tokens.empty()) return nullptr;
  // Keys that start with a symbol or a digit are emoticons, matched on the
  // view; everything else is a word or a phrase of tokens.
  const bool emoticon =
      tokens[0].kind == text::TokenKind::symbol || tokens[0].kind == text::TokenKind::number;
  auto& map = emoticon ? emoticons_ : map_;
  if (auto it = map.find(view); it != map.end()) return &it->second;
  if (!emoticon) {
    // A new word: drop the index until finish() builds it again.
    slots_.clear();
    keyed_.clear();
  }
  keys_.push_back(view);
  Entry* e = &map[keys_.back()];
  if (emoticon) {
    max_emoticon_bytes_ = std::max(max_emoticon_bytes_, view.size());
  } else if (tokens.size() > 1) {
    Phrase phrase{keys_.back(), {}};
    for (const text::Token& t : tokens) {
      if (t.kind == text::TokenKind::word)
        phrase.words.push_back(phrase.key.substr(t.view.begin, t.view.size()));
    }
    phrases_.push_back(std::move(phrase));
    // The first word learns how long a phrase may start with it.
    const std::string_view head(view.data() + tokens[0].view.begin, tokens[0].view.size());
    Entry* first = entry(head);
    const auto n = static_cast<uint8_t>(std::min<std::size_t>(tokens.size(), 255));
    first->phrase_tokens = std::max(first->phrase_tokens, n);  // e stays valid: nodes never move
  }
  return e;
}

bool Lexicon::add_valences(std::string_view tsv, std::string_view name, Status* status) {
  return for_each_row(tsv, name, status, [&](int line, std::string_view key, double v) {
    if (v < -4.0 || v > 4.0) {
      *status = error(name, line, "valence outside -4 .. 4");
      return false;
    }
    Entry* e = entry(key);
    if (e == nullptr) {
      *status = error(name, line, "empty entry");
      return false;
    }
    e->valence = static_cast<float>(v);
    e->has_valence = true;
    return true;
  });
}

bool Lexicon::add_anger(std::string_view tsv, std::string_view name, Status* status) {
  return for_each_row(tsv, name, status, [&](int line, std::string_view key, double v) {
    if (v < -1.0 || v > 1.0) {
      *status = error(name, line, "anger weight outside -1 .. 1");
      return false;
    }
    Entry* e = entry(key);
    if (e == nullptr) {
      *status = error(name, line, "empty entry");
      return false;
    }
    e->anger = static_cast<float>(v);
    return true;
  });
}

void Lexicon::finish() {
  for (const Phrase& p : phrases_) {
    Entry& e = map_.find(p.key)->second;
    if (e.has_valence || e.booster != 0 || e.is(kNegator)) continue;
    float sum = 0;
    bool any = false;
    for (std::string_view w : p.words) {
      const auto it = map_.find(w);
      if (it == map_.end() || !it->second.has_valence || it->second.is(kNegator) ||
          it->second.booster != 0) {
        continue;
      }
      sum += it->second.valence;
      any = true;
    }
    if (any) {
      e.valence = std::clamp(sum, -4.0f, 4.0f);
      e.has_valence = true;
    }
  }
  build_index();
}

void Lexicon::build_index() {
  keyed_.clear();
  keyed_.reserve(map_.size());
  for (const auto& [key, e] : map_) keyed_.push_back({text::word_hash(key), key, &e});
  std::size_t size = 16;
  while (size < 2 * keyed_.size()) size *= 2;
  slots_.assign(size, 0);
  for (std::size_t k = 0; k < keyed_.size(); ++k) {
    std::size_t i = keyed_[k].hash & (size - 1);
    while (slots_[i] != 0) i = (i + 1) & (size - 1);
    slots_[i] = static_cast<uint32_t>(k + 1);
  }
}

void Lexicon::add_class(std::string_view key, uint32_t classes) {
  if (Entry* e = entry(key)) e->classes |= classes;
}

void Lexicon::set_booster(std::string_view key, float scale) {
  if (Entry* e = entry(key)) e->booster = scale;
}

}  // namespace tact::tone
