// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The vocabulary of rule packs: families, severities and roles, whose names
// are fixed, and the category ids, which the packs define (a pack's
// [categories] table; docs/categories.md lists the default pack's).
#ifndef TACT_LIB_RULES_CATEGORIES_HPP_
#define TACT_LIB_RULES_CATEGORIES_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "rules/pack.hpp"

namespace tact::rules {

// "trigger", "technique", "signal".
const char* family_name(Family family);
bool parse_family(std::string_view name, Family* out);

// The categories the layered packs define, in the order they were first
// defined. A later pack may add categories and reword an earlier one's name
// and message; ids never disappear.
class Categories {
 public:
  // Adds `c`, or replaces the name and message of the category with its
  // family and id (keeping its place).
  void define(const Category& c);
  const Category* find(Family family, std::string_view id) const;
  bool contains(Family family, std::string_view id) const { return find(family, id) != nullptr; }
  // The ids of `family`, in definition order.
  std::vector<std::string_view> ids(Family family) const;
  const std::vector<Category>& all() const { return list_; }

 private:
  std::vector<Category> list_;
};

bool parse_severity(std::string_view name, Severity* out);

// "agent" -> kAgent, "customer" -> kCustomer.
bool parse_role(std::string_view name, uint8_t* mask);

// The roles a rule of `family` applies to when it does not say.
uint8_t default_roles(Family family);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_CATEGORIES_HPP_
