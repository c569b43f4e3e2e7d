// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/categories.hpp"

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

void Categories::define(const Category& c) {
  for (Category& existing : list_) {
    if (existing.family == c.family && existing.id == c.id) {
      existing.name = c.name;
      existing.message = c.message;
      existing.source = c.source;
      existing.line = c.line;
      return;
    }
  }
  list_.push_back(c);
}

const Category* Categories::find(Family family, std::string_view id) const {
  for (const Category& c : list_) {
    if (c.family == family && c.id == id) return &c;
  }
  return nullptr;
}

std::vector<std::string_view> Categories::ids(Family family) const {
  std::vector<std::string_view> out;
  for (const Category& c : list_) {
    if (c.family == family) out.push_back(c.id);
  }
  return out;
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
