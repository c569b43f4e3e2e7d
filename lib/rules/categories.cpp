// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/categories.hpp"

#include <algorithm>

namespace tact::rules {

const char* family_name(Family family) {
  switch (family) {
    case Family::trigger: return "trigger";
    case Family::technique: return "technique";
    case Family::signal: return "signal";
  }
  return "trigger";
}

bool parse_family(std::string_view name, Family* out) {
  for (Family f : {Family::trigger, Family::technique, Family::signal}) {
    if (name == family_name(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

const std::vector<std::string_view>& categories(Family family) {
  static const std::vector<std::string_view> kTriggers = {
      "refusal",       "uncertainty",   "dismissive",       "condescending",
      "blame",         "policy_shield", "deflection",       "overpromise",
      "hold_transfer", "demanding",     "negative_framing", "hostile"};
  static const std::vector<std::string_view> kTechniques = {
      "acknowledge", "empathize", "apologize",  "ownership",  "solution",
      "next_steps",  "clarify",   "appreciate", "compensate", "narrate"};
  static const std::vector<std::string_view> kSignals = {
      "manager_request", "churn_threat",  "legal_threat", "public_complaint",
      "repeat_contact",  "profanity",     "insult",       "shouting",
      "urgency",         "refund_demand", "frustration"};
  switch (family) {
    case Family::trigger: return kTriggers;
    case Family::technique: return kTechniques;
    case Family::signal: return kSignals;
  }
  return kTriggers;
}

bool is_category(Family family, std::string_view category) {
  const auto& ids = categories(family);
  return std::find(ids.begin(), ids.end(), category) != ids.end();
}

bool parse_severity(std::string_view name, Severity* out) {
  for (Severity s : {Severity::info, Severity::warning, Severity::error}) {
    if (name == severity_name(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

bool parse_role(std::string_view name, uint8_t* mask) {
  if (name == "agent") {
    *mask = kAgent;
  } else if (name == "customer") {
    *mask = kCustomer;
  } else {
    return false;
  }
  return true;
}

uint8_t default_roles(Family family) {
  return family == Family::signal ? kCustomer : kAgent;
}

}  // namespace tact::rules
