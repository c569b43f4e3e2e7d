// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Building a CompiledPack: the RE2::Set prefilter over every pattern.
#include "rules/compiled_pack.hpp"

#include "rules/regex.hpp"

namespace tact::rules {

namespace {

// Patterns per prefilter Set, and memory for each Set's program and DFA
// cache (RE2 resets the cache when full, so the bound is on memory, not on
// input length). A Set's DFA state is the subset of its patterns still alive,
// so on varied text the state count grows with the patterns in one Set: with
// the whole default pack in one Set the DFA ran out of its 64 MB on ordinary
// support text and every pattern became a candidate (27x slower). Small Sets
// keep each DFA small and its cache warm; a scan per Set costs little.
constexpr std::size_t kPatternsPerSet = 32;
constexpr int64_t kSetMaxMem = int64_t{8} << 20;

}  // namespace

Status CompiledPack::build(LayeredPack layered, std::shared_ptr<const Pack>* out) {
  std::shared_ptr<CompiledPack> pack(new CompiledPack());
  pack->rules_ = std::move(layered.rules);
  pack->quote_regexes_ = std::move(layered.quote_regexes);

  RE2::Options options = pattern_options();
  options.set_max_mem(kSetMaxMem);
  std::unique_ptr<RE2::Set> set;
  uint32_t first = 0;
  // Compiles the Set being filled and makes it a shard.
  auto close_shard = [&]() -> Status {
    if (set == nullptr) return {};
    if (!set->Compile()) {
      // Patterns are numbered from 1 in load order.
      return {Code::rules, "the pack's patterns " + std::to_string(first + 1) + " to " +
                               std::to_string(pack->patterns_.size()) +
                               " exceed RE2's memory budget (" + std::to_string(kSetMaxMem >> 20) +
                               " MB for each " + std::to_string(kPatternsPerSet) +
                               " patterns); split or simplify them"};
    }
    pack->shards_.push_back({std::move(set), first});
    return {};
  };
  for (std::size_t r = 0; r < pack->rules_.size(); ++r) {
    const CompiledRule& rule = pack->rules_[r];
    if (rule.rule.detector != Detector::none)
      pack->detector_rules_.push_back(static_cast<uint32_t>(r));
    for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
      if (set != nullptr && pack->patterns_.size() - first >= kPatternsPerSet) {
        if (Status s = close_shard(); !s.ok()) return s;
      }
      if (set == nullptr) {
        set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
        first = static_cast<uint32_t>(pack->patterns_.size());
      }
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
  if (Status s = close_shard(); !s.ok()) return s;
  *out = std::move(pack);
  return {};
}

}  // namespace tact::rules
