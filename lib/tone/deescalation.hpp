// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// How much an agent draft calms things down, in [0, 1]: de-escalation
// techniques raise it, trigger phrases lower it (by severity), and empathy,
// politeness and sentiment nudge it; every contribution is a cue.
#ifndef TACT_LIB_TONE_DEESCALATION_HPP_
#define TACT_LIB_TONE_DEESCALATION_HPP_

#include <vector>

#include "tone/analysis.hpp"
#include "tone/dimensions.hpp"
#include "tone/params.hpp"
#include "tone/scorer.hpp"

namespace tact::tone {

// `empathy_parts` are the parts behind `empathy` (already squashed).
double deescalation(const Analysis& a, const DeescalationParams& p, double empathy,
                    const std::vector<Part>& empathy_parts, double politeness,
                    std::vector<Cue>* cues);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_DEESCALATION_HPP_
