// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A compiled rule pack: every rule of the layered packs, compiled once into
// an RE2::Set prefilter plus one RE2 per rule, immutable and shared by all
// threads. This header is the interface the Analyzer relies on.
#ifndef TACT_LIB_RULES_PACK_HPP_
#define TACT_LIB_RULES_PACK_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tact/analyzer.hpp"
#include "tact/report.hpp"
#include "text/document.hpp"

namespace tact::rules {

enum class Family : uint8_t { trigger, technique, signal };

// Bit for each role a rule applies to.
enum RoleMask : uint8_t { kAgent = 1, kCustomer = 2 };

struct Rule {
  std::string id;        // family.category.name
  Family family = Family::trigger;
  std::string category;  // a DESIGN.md id
  uint8_t roles = kAgent;
  Severity severity = Severity::warning;  // triggers only
  std::string message;
  std::vector<std::string> suggestions;  // templates with {capture} fields
  std::string source;                    // file or PackSource name
  int line = 0;                          // line of the rule in `source`

  bool applies_to(Role role) const {
    return role == Role::automatic || (roles & (role == Role::agent ? kAgent : kCustomer)) != 0;
  }
};

struct Capture {
  std::string_view name;  // points into the compiled pack
  text::Range view;
};

// One match of a rule, in view coordinates (Document::to_original maps it).
struct Finding {
  const Rule* rule = nullptr;
  text::Range view;
  std::vector<Capture> captures;
};

class Pack {
 public:
  // Loads the layered packs `options` names (the embedded default first
  // unless options.default_pack is false) and compiles them. On failure
  // returns Code::rules or Code::io with "file:line: rule-id: reason".
  // Throws std::bad_alloc only.
  static Status load(const Options& options, std::shared_ptr<const Pack>* out);

  // Appends every finding for `role` (Role::automatic: all roles) in view
  // order. Thread-safe. Throws std::bad_alloc only.
  virtual void match(const text::Document& doc, Role role, std::vector<Finding>* out) const = 0;

  // Runs every rule's examples (through match() with the rule's roles).
  virtual std::vector<ExampleFailure> check_examples() const = 0;

  virtual std::size_t size() const = 0;
  virtual ~Pack() = default;
};

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_PACK_HPP_
