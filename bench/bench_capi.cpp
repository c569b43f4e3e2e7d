// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// End to end through the public surfaces, as an application calls them:
// the C ABI (tact_analyze, read every part of the report through its
// accessors, tact_report_free) and the header-only C++ API over it
// (tact::Analyzer::analyze, which copies the report into tact::Report).
// Beside BM_Analyze (the core, which the CLI uses) they show what each layer
// costs: the C view of the report, then the C++ copy of it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "bench_common.hpp"
#include "tact.h"
#include "tact/analyzer.hpp"

namespace tact::bench {
namespace {

const tact_analyzer* c_analyzer() {
  static tact_analyzer* analyzer = [] {
    tact_analyzer* a = nullptr;
    if (tact_analyzer_new(&a, nullptr) != TACT_OK) {
      std::cerr << "tact_bench: " << tact_last_error() << "\n";
      std::exit(1);
    }
    return a;
  }();
  return analyzer;
}

// Reads what a caller would show: every finding, suggestion and edit, the
// scores and the rewrite. Returns a checksum so nothing is optimized away.
std::size_t read_report(const tact_report* r) {
  std::size_t sum = static_cast<std::size_t>(tact_report_role(r));
  sum += static_cast<std::size_t>(tact_report_tone(r)->sentiment * 1000);
  sum += static_cast<std::size_t>(tact_report_escalation(r)->level);
  for (std::size_t i = 0, n = tact_report_trigger_count(r); i < n; ++i) {
    const tact_trigger* t = tact_report_trigger_at(r, i);
    sum += t->span.end + t->suggestion_count;
    for (std::size_t k = 0; k < t->suggestion_count; ++k) sum += t->suggestions[k][0] != 0;
  }
  for (std::size_t i = 0, n = tact_report_technique_count(r); i < n; ++i)
    sum += tact_report_technique_at(r, i)->span.end;
  for (std::size_t i = 0, n = tact_report_signal_count(r); i < n; ++i)
    sum += tact_report_signal_at(r, i)->span.end;
  for (std::size_t i = 0, n = tact_report_cue_count(r); i < n; ++i)
    sum += tact_report_cue_at(r, i)->span.end;
  for (std::size_t i = 0, n = tact_report_edit_count(r); i < n; ++i)
    sum += tact_report_edit_at(r, i)->span.end;
  std::size_t len = 0;
  tact_report_rewrite(r, &len);
  return sum + len;
}

void BM_CApiAnalyze(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const auto& messages = corpus(size);
  const tact_analyzer* analyzer = c_analyzer();
  std::size_t i = 0;
  for (auto _ : state) {
    const Message& m = messages[i++ % messages.size()];
    tact_report* report = nullptr;
    if (tact_analyze(&report, analyzer, m.text.data(), m.text.size(),
                     m.agent ? TACT_ROLE_AGENT : TACT_ROLE_CUSTOMER) != TACT_OK) {
      state.SkipWithError(tact_last_error());
      break;
    }
    benchmark::DoNotOptimize(read_report(report));
    tact_report_free(report);
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_CApiAnalyze)->Arg(0)->Arg(1)->Arg(2)->ArgName("size");

// tact_report_json on reports made through the C ABI (built on first call,
// so each iteration analyzes too): the cost of a JSON caller.
void BM_CApiAnalyzeJson(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const auto& messages = corpus(size);
  const tact_analyzer* analyzer = c_analyzer();
  std::size_t i = 0;
  for (auto _ : state) {
    const Message& m = messages[i++ % messages.size()];
    tact_report* report = nullptr;
    const char* json = nullptr;
    std::size_t len = 0;
    if (tact_analyze(&report, analyzer, m.text.data(), m.text.size(),
                     m.agent ? TACT_ROLE_AGENT : TACT_ROLE_CUSTOMER) != TACT_OK ||
        tact_report_json(&json, &len, report) != TACT_OK) {
      state.SkipWithError(tact_last_error());
      tact_report_free(report);
      break;
    }
    benchmark::DoNotOptimize(json[len / 2]);
    tact_report_free(report);
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_CApiAnalyzeJson)->Arg(0)->Arg(1)->ArgName("size");

// The header-only C++ API: what a C++ application linking libtact pays.
void BM_CxxAnalyze(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const auto& messages = corpus(size);
  static const tact::Analyzer analyzer;
  std::size_t i = 0;
  Report report;
  for (auto _ : state) {
    const Message& m = messages[i++ % messages.size()];
    const Status st = analyzer.analyze(m.text, m.agent ? Role::agent : Role::customer, &report);
    if (!st.ok()) {
      state.SkipWithError(st.message.c_str());
      break;
    }
    benchmark::DoNotOptimize(report.rewrite.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_CxxAnalyze)->Arg(0)->Arg(1)->Arg(2)->ArgName("size");

}  // namespace
}  // namespace tact::bench
