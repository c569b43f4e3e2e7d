// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The fixed vocabulary of rule packs: families, their category ids
// (docs/categories.md), severities and roles, with their names in pack files.
#ifndef TACT_LIB_RULES_CATEGORIES_HPP_
#define TACT_LIB_RULES_CATEGORIES_HPP_

#include <string_view>
#include <vector>

#include "rules/pack.hpp"

namespace tact::rules {

// "trigger", "technique", "signal".
const char* family_name(Family family);
bool parse_family(std::string_view name, Family* out);

// The category ids of `family`, in docs/categories.md order.
const std::vector<std::string_view>& categories(Family family);
bool is_category(Family family, std::string_view category);

bool parse_severity(std::string_view name, Severity* out);

// "agent" -> kAgent, "customer" -> kCustomer.
bool parse_role(std::string_view name, uint8_t* mask);

// The roles a rule of `family` applies to when it does not say.
uint8_t default_roles(Family family);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_CATEGORIES_HPP_
