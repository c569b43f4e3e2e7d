// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Running every rule's examples: each text in `examples` must produce a
// finding of that rule, each text in `counterexamples` must not, when
// matched as the rule's own role would write it.
#include <algorithm>

#include "rules/compiled_pack.hpp"

namespace tact::rules {

std::vector<ExampleFailure> CompiledPack::check_examples() const {
  std::vector<ExampleFailure> failures;
  std::vector<Finding> found;
  for (const CompiledRule& r : rules_) {
    const Rule& rule = r.rule;
    const Role role = (rule.roles & kAgent) != 0 ? Role::agent : Role::customer;
    auto flags = [&](const std::string& text) {
      const text::Document doc = text::Document::build(text, sentences_, spellings_);
      found.clear();
      match_all(doc, role, false, &found);
      return std::any_of(found.begin(), found.end(),
                         [&](const Finding& f) { return f.rule == &rule; });
    };
    for (const std::string& text : rule.examples) {
      if (!flags(text)) failures.push_back({rule.id, rule.source, rule.line, text, true});
    }
    for (const std::string& text : rule.counterexamples) {
      if (flags(text)) failures.push_back({rule.id, rule.source, rule.line, text, false});
    }
  }
  return failures;
}

}  // namespace tact::rules
