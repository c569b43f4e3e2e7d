// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Building a CompiledPack: the RE2::Set prefilter over every pattern.
#include "rules/compiled_pack.hpp"

#include "rules/regex.hpp"

namespace tact::rules {

namespace {

// Memory for the set's program and DFA cache. Several hundred patterns
// compile to a few megabytes; the rest is DFA cache, which RE2 resets when
// full (so the bound is on memory, not on input length).
constexpr int64_t kSetMaxMem = int64_t{64} << 20;

}  // namespace

Status CompiledPack::build(LayeredPack layered, std::shared_ptr<const Pack>* out) {
  std::shared_ptr<CompiledPack> pack(new CompiledPack());
  pack->rules_ = std::move(layered.rules);
  pack->quote_regexes_ = std::move(layered.quote_regexes);

  RE2::Options options = pattern_options();
  options.set_max_mem(kSetMaxMem);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (std::size_t r = 0; r < pack->rules_.size(); ++r) {
    const CompiledRule& rule = pack->rules_[r];
    if (rule.rule.detector != Detector::none)
      pack->detector_rules_.push_back(static_cast<uint32_t>(r));
    for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
      std::string error;
      if (set->Add(rule.rule.patterns[p], &error) < 0) {
        // Each pattern compiled alone already; this is RE2 disagreeing with itself.
        return {Code::internal, rule.rule.source + ":" + std::to_string(rule.rule.line) + ": " +
                                    rule.rule.id + ": RE2::Set rejected a pattern: " + error};
      }
      Pattern pattern;
      pattern.re = rule.patterns[p].get();
      pattern.rule = static_cast<uint32_t>(r);
      const int groups = pattern.re->NumberOfCapturingGroups();
      pattern.group_names.resize(static_cast<std::size_t>(groups) + 1);
      for (const auto& [index, name] : pattern.re->CapturingGroupNames()) {
        pattern.group_names[static_cast<std::size_t>(index)] = name;
        if (name == "span") pattern.span_group = index;
      }
      pack->max_groups_ = std::max(pack->max_groups_, pattern.group_names.size());
      pack->patterns_.push_back(std::move(pattern));
    }
  }
  if (!pack->patterns_.empty()) {
    if (!set->Compile()) {
      return {Code::rules, "the pack's " + std::to_string(pack->patterns_.size()) +
                               " patterns exceed RE2's memory budget; split or simplify them"};
    }
    pack->set_ = std::move(set);
  }
  *out = std::move(pack);
  return {};
}

}  // namespace tact::rules
