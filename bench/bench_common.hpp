// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Shared fixtures for the benchmarks: the generated corpus by size, and one
// default analyzer, pack and scorer built once per process.
#ifndef TACT_BENCH_BENCH_COMMON_HPP_
#define TACT_BENCH_BENCH_COMMON_HPP_

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/core.hpp"
#include "corpus/generate.hpp"
#include "rules/pack.hpp"
#include "tone/scorer.hpp"

namespace tact::bench {

using core::Analyzer;

// Messages of each size: chat 4096, email 512, transcript 64.
const std::vector<Message>& corpus(Size size);
const std::vector<std::string>& corpus_texts(Size size);
// The same texts with every non-ASCII byte dropped (the fast path).
const std::vector<std::string>& ascii_texts(Size size);

const Analyzer& default_analyzer();
const rules::Pack& default_pack();
const tone::Scorer& default_scorer();

// Builds the first analyzer of this process and prints seconds, resident
// bytes it added, and resident bytes after analyzing the corpus (for
// BM_BuildAnalyzerCold, which runs `tact_bench --tact-cold-build`).
int cold_build_child();

// messages/s and bytes/s counters, assuming iterations cycle through `texts`.
void set_counters(benchmark::State& state, const std::vector<std::string>& texts);
// The same counters for `messages` messages of `bytes` bytes in all per iteration.
void set_rate_counters(benchmark::State& state, double messages, double bytes);

}  // namespace tact::bench

#endif  // TACT_BENCH_BENCH_COMMON_HPP_
