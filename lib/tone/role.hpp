// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Who wrote a message when the caller does not say: service language ("let
// me check", "our team", "happy to help") and the pack's technique and
// trigger findings point to an agent; complaint language ("my order", "I
// paid", "you people") and signal findings to a customer.
#ifndef TACT_LIB_TONE_ROLE_HPP_
#define TACT_LIB_TONE_ROLE_HPP_

#include "tone/analysis.hpp"
#include "tone/params.hpp"

namespace tact::tone {

// > 0 reads as an agent, <= 0 as a customer.
double agent_evidence(const Analysis& a, const RoleParams& p);

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_ROLE_HPP_
