// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/role.hpp"

namespace tact::tone {

double agent_evidence(const Analysis& a, const RoleParams& p) {
  double score = p.bias;
  for (const Item& it : a.items) {
    if (it.is(kAgentMarker)) score += p.agent_marker;
    if (it.is(kCustomerMarker)) score -= p.customer_marker;
    // Agents address the customer; customers talk about their own things.
    if (it.is(kSecondPerson)) score += p.second_person;
  }
  for (const rules::Finding& f : a.findings) {
    if (f.rule == nullptr) continue;
    switch (f.rule->family) {
      case rules::Family::technique: score += p.technique; break;
      case rules::Family::trigger: score += p.trigger; break;
      case rules::Family::signal: score -= p.signal; break;
    }
  }
  return score;
}

}  // namespace tact::tone
