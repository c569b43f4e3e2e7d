// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The categories an analyzer's packs define: the ids findings report
// (Trigger::category, Technique::type, Signal::type) with the name and
// message a user interface shows for them. Packs define categories in their
// own language, and a house pack may add some (rules/README.md).
#ifndef TACT_CATEGORY_HPP_
#define TACT_CATEGORY_HPP_

#include <string>

namespace tact {

// Which findings a category labels.
enum class Family { trigger, technique, signal };

// "trigger", "technique" or "signal".
constexpr const char* family_name(Family family) noexcept {
  switch (family) {
    case Family::trigger: return "trigger";
    case Family::technique: return "technique";
    case Family::signal: return "signal";
  }
  return "trigger";
}

struct Category {
  Family family = Family::trigger;
  std::string id;       // e.g. "uncertainty"; unique within its family
  std::string name;     // e.g. "Uncertainty", in the pack's language
  std::string message;  // what such a phrase does (the message of rules that give none)
};

}  // namespace tact

#endif  // TACT_CATEGORY_HPP_
