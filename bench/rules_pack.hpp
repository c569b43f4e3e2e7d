// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A generated rule pack for the rule-count benchmarks: `count` trigger rules
// in the format of rules/README.md, each a distinct literal phrase ("as per
// the regional returns guidelines"), with a message, a suggestion, an
// example and a counterexample, as a company's house pack would have them.
// Deterministic: the same count and seed give the same text everywhere.
#ifndef TACT_BENCH_RULES_PACK_HPP_
#define TACT_BENCH_RULES_PACK_HPP_

#include <cstddef>
#include <cstdint>
#include <string>

namespace tact::bench {

// The largest count generated_pack() can make distinct phrases for.
constexpr std::size_t kMaxGeneratedRules = 20 * 25 * 26;

std::string generated_pack(std::size_t count, uint64_t seed);

}  // namespace tact::bench

#endif  // TACT_BENCH_RULES_PACK_HPP_
