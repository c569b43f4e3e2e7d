// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Sentiment in [-1, 1] from the lexicon and the heuristics of VADER (Hutto &
// Gilbert 2014): negation within its clause, boosters and downtoners,
// ALL-CAPS and '!' emphasis, contrast ("but"), idioms and a squashing
// normalisation — plus what support conversations need: empathy statements
// ("I understand how frustrating this is") are not negative, "Thanks!"
// closing a request is courtesy, and praise that sarcasm turns over ("Oh
// perfect, another late parcel") is negative.
#ifndef TACT_LIB_TONE_SENTIMENT_HPP_
#define TACT_LIB_TONE_SENTIMENT_HPP_

#include <vector>

#include "rules/pack.hpp"
#include "tone/items.hpp"
#include "tone/params.hpp"

namespace tact::tone {

// What sentiment made of each item.
struct ItemScore {
  float valence = 0.0f;   // the item's final contribution before squashing
  float emphasis = 1.0f;  // |after boosters and caps| / |lexicon valence|
  bool negated = false;
  bool sarcastic = false;  // praise read as irony
  bool in_frame = false;   // inside an empathy statement
};

struct Sentiment {
  double compound = 0.0;         // [-1, 1]
  double sum = 0.0;              // before squashing, with punctuation emphasis
  std::vector<ItemScore> items;  // parallel to the scanned items
  bool cap_diff = false;         // some words are ALL CAPS, not all of them
  int caps_words = 0;            // ALL-CAPS words of two letters or more
  int exclamations = 0;
  int questions = 0;
  int sarcasm = 0;  // praise items read as irony
  int frames = 0;   // empathy statements
};

// Scores `items` of `doc`. Of `findings` (may be empty), the empathize,
// acknowledge and apologize techniques mark empathy statements, and each
// signal category adds its valence from `params.signals` once (a customer
// who "rang three times" is complaining whatever the words).
void score_sentiment(const text::Document& doc, const std::vector<Item>& items,
                     const std::vector<rules::Finding>& findings, const SentimentParams& params,
                     Sentiment* out);

// The squashing normalisation: s / sqrt(s^2 + alpha), in [-1, 1].
double squash(double sum, double alpha);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_SENTIMENT_HPP_
