// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tone dimensions in [0, 1]: anger (hostility and frustration),
// politeness (the Stanford politeness strategies) and empathy (feelings
// named and acknowledged for the other person).
#ifndef TACT_LIB_TONE_DIMENSIONS_HPP_
#define TACT_LIB_TONE_DIMENSIONS_HPP_

#include <vector>

#include "tone/analysis.hpp"
#include "tone/params.hpp"

namespace tact::tone {

// One contribution to a raw (unsquashed) score, with the span it comes from.
struct Part {
  text::Range view;
  const char* type;  // a tone cue type, e.g. "anger_word"
  double raw;
};

struct AngerRaw {
  double text = 0.0;           // from the words, caps, '!', sarcasm …
  double total = 0.0;          // plus the findings (anger.findings in tone.toml)
  std::size_t text_parts = 0;  // the text's parts come first in the list
};

// Fills *parts with anger's parts: the text's, then the findings'.
AngerRaw anger_parts(const Analysis& a, const AngerParams& p, std::vector<Part>* parts);

// Tone::anger: logistic(bias + raw.total - positive x max(0, compound)), so
// that praise ranks below neutral text and neutral below hostile.
double anger_score(const AngerRaw& raw, double compound, const AngerParams& p);

// 1 - exp(-raw): a non-negative sum squashed into [0, 1).
double saturate(double raw);

double politeness(const Analysis& a, const PolitenessParams& p);

// Appends the empathy statements and technique findings that raise empathy.
double empathy(const Analysis& a, const EmpathyParams& p, std::vector<Part>* parts);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_DIMENSIONS_HPP_
