// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// How escalated a customer is: a score in [0, 1] that adds up the signal
// findings (manager request, threats, repeat contact, shouting, insults …),
// anger, negative sentiment and sarcasm, and a level 0-4 from it, with
// every contribution reported as a cue.
#ifndef TACT_LIB_TONE_ESCALATION_HPP_
#define TACT_LIB_TONE_ESCALATION_HPP_

#include <vector>

#include "tone/analysis.hpp"
#include "tone/dimensions.hpp"
#include "tone/params.hpp"
#include "tone/scorer.hpp"

namespace tact::tone {

struct EscalationResult {
  int level = 0;
  double score = 0.0;
};

// `anger` holds anger's parts; the first `anger_raw.text_parts` of them are
// the text's (signals count on their own). Of those, the negative words
// count through sentiment instead.
EscalationResult escalation(const Analysis& a, const EscalationParams& p,
                            const std::vector<Part>& anger, const AngerRaw& anger_raw,
                            std::vector<Cue>* cues);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_ESCALATION_HPP_
