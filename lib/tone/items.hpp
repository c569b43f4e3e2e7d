// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A Document read as the tone lexicon sees it: a sequence of items, each a
// word, a known phrase ("no problem", "on hold"), an emoji, an emoticon
// (":)", "<3") or a punctuation mark, with its lexicon entry. Every tone
// heuristic walks this one sequence.
#ifndef TACT_LIB_TONE_ITEMS_HPP_
#define TACT_LIB_TONE_ITEMS_HPP_

#include <cstdint>
#include <vector>

#include "text/document.hpp"
#include "tone/lexicon.hpp"

namespace tact::tone {

enum class ItemKind : uint8_t { word, phrase, emoji, emoticon, number, punct };

struct Item {
  text::Range view;
  const Entry* entry = nullptr;  // null when the lexicon does not know it
  ItemKind kind = ItemKind::word;
  bool all_caps = false;    // every word of it is ALL CAPS in the original
  uint8_t shouted = 0;      // its emphatic ALL-CAPS words (not acronyms or codes)
  bool clause_end = false;  // punctuation that ends a negation or booster scope
  char punct = 0;           // the ASCII mark for punct items, else 0
  uint32_t sentence = 0;    // index into Document::sentences()

  bool is(uint32_t cls) const { return entry != nullptr && entry->is(cls); }
  bool has_valence() const { return entry != nullptr && entry->has_valence; }
  bool lexical() const { return kind != ItemKind::punct; }
};

// Reads `doc` into *out (cleared first). With `stem_plurals`, an unknown
// word ending in -s falls back to its singular when that is known.
void scan(const text::Document& doc, const Lexicon& lexicon, bool stem_plurals,
          std::vector<Item>* out);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_ITEMS_HPP_
