// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Rule-count scaling: the default pack alone, and with 1,000 and 10,000
// generated house rules layered on top through Options::rule_texts. Shows
// what compiling the extra rules costs (BM_BuildRules) and how much
// throughput they take away (BM_AnalyzeRules, against extra:0).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "bench_common.hpp"
#include "rules_pack.hpp"

namespace tact::bench {
namespace {

Options options_with(std::size_t extra) {
  Options o;
  if (extra > 0) o.rule_texts.push_back({"generated.toml", generated_pack(extra, 2026)});
  return o;
}

const Analyzer& analyzer_with(std::size_t extra) {
  static std::map<std::size_t, std::unique_ptr<const Analyzer>> cache;
  auto& slot = cache[extra];
  if (!slot) {
    slot = std::make_unique<const Analyzer>(options_with(extra));
    if (!slot->ok()) {
      std::cerr << "tact_bench: generated pack: " << slot->status().message << "\n";
      std::exit(1);
    }
  }
  return *slot;
}

// Building an analyzer whose pack has `extra` generated rules: reading the
// TOML text, compiling each pattern and the RE2::Set over all of them (the
// embedded default pack's files are parsed once per process and reused).
void BM_BuildRules(benchmark::State& state) {
  const Options options = options_with(static_cast<std::size_t>(state.range(0)));
  std::size_t rules = 0;
  for (auto _ : state) {
    Analyzer analyzer(options);
    if (!analyzer.ok()) {
      state.SkipWithError(analyzer.status().message.c_str());
      break;
    }
    rules = analyzer.rule_count();
  }
  state.counters["rules"] = static_cast<double>(rules);
}
BENCHMARK(BM_BuildRules)
    ->Arg(0)
    ->Arg(1000)
    ->Arg(10000)
    ->ArgName("extra")
    ->Unit(benchmark::kMillisecond);

// Full analysis with the larger packs, on chat lines (0) and emails (1).
void BM_AnalyzeRules(benchmark::State& state) {
  const Analyzer& analyzer = analyzer_with(static_cast<std::size_t>(state.range(0)));
  const Size size = static_cast<Size>(state.range(1));
  const auto& messages = corpus(size);
  Report report;
  std::size_t i = 0;
  for (auto _ : state) {
    const Message& m = messages[i++ % messages.size()];
    analyzer.analyze(m.text, m.agent ? Role::agent : Role::customer, &report);
    benchmark::DoNotOptimize(report.rewrite.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_AnalyzeRules)->ArgsProduct({{0, 1000, 10000}, {0, 1}})->ArgNames({"extra", "size"});

}  // namespace
}  // namespace tact::bench
