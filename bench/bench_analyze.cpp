// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// End-to-end analysis through the C++ API: by message size, time per MB from
// 1 KB to 10 MB, latency percentiles of a 1 KB reply, batch scaling over
// threads, and the cost of building an analyzer.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace tact::bench {
namespace {

void BM_Analyze(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const auto& messages = corpus(size);
  const Analyzer& analyzer = default_analyzer();
  Report report;
  std::size_t i = 0;
  for (auto _ : state) {
    const Message& m = messages[i++ % messages.size()];
    analyzer.analyze(m.text, m.agent ? Role::agent : Role::customer, &report);
    benchmark::DoNotOptimize(report.rewrite.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_Analyze)->Arg(0)->Arg(1)->Arg(2)->ArgName("size");

// One long single text; bytes/s should stay flat as the size grows.
void BM_AnalyzeLong(benchmark::State& state) {
  const std::string text = generate_text(static_cast<std::size_t>(state.range(0)), 7);
  const Analyzer& analyzer = default_analyzer();
  Report report;
  analyzer.analyze(text, Role::agent, &report);  // untimed: RE2's DFA states for this text
  for (auto _ : state) {
    analyzer.analyze(text, Role::agent, &report);
    benchmark::DoNotOptimize(report.rewrite.data());
  }
  set_rate_counters(state, 1.0, static_cast<double>(text.size()));
}
BENCHMARK(BM_AnalyzeLong)
    ->Arg(1 << 10)
    ->Arg(10 << 10)
    ->Arg(100 << 10)
    ->Arg(1 << 20)
    ->Arg(10 << 20)
    ->Unit(benchmark::kMicrosecond);

// As-you-type: the latency distribution of one ~1 KB reply.
void BM_Latency1KB(benchmark::State& state) {
  std::vector<std::string> texts;
  for (uint64_t seed = 1; seed <= 64; ++seed) texts.push_back(generate_text(1024, seed));
  const Analyzer& analyzer = default_analyzer();
  Report report;
  std::vector<double> micros;
  micros.reserve(1 << 20);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    analyzer.analyze(texts[i++ % texts.size()], Role::agent, &report);
    const auto t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(report.rewrite.data());
    micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) {
    return micros[static_cast<std::size_t>(p * static_cast<double>(micros.size() - 1))];
  };
  set_counters(state, texts);
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["max_us"] = micros.back();
}
BENCHMARK(BM_Latency1KB)->Unit(benchmark::kMicrosecond);

// analyze_batch over the chat corpus on 1 and 2 threads (wall time).
void BM_Batch(benchmark::State& state) {
  const auto& texts = corpus_texts(Size::chat);
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const Analyzer& analyzer = default_analyzer();
  for (auto _ : state) {
    auto reports =
        analyzer.analyze_batch(views, Role::agent, static_cast<unsigned>(state.range(0)), nullptr);
    benchmark::DoNotOptimize(reports.data());
  }
  double bytes = 0;
  for (const std::string& t : texts) bytes += static_cast<double>(t.size());
  set_rate_counters(state, static_cast<double>(texts.size()), bytes);
}
BENCHMARK(BM_Batch)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(
    benchmark::kMillisecond);

// Resident memory in bytes (Linux).
double rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  double pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// Another analyzer with the default pack: the compiled pack and tone model
// are shared per process, so this is what every analyzer after the first
// costs (MB_per_analyzer: what each one adds).
void BM_BuildAnalyzer(benchmark::State& state) {
  default_analyzer();
  for (auto _ : state) {
    Analyzer analyzer;
    benchmark::DoNotOptimize(&analyzer);
  }
  const double before = rss_bytes();
  std::vector<Analyzer> held(4);
  const double after = rss_bytes();
  state.counters["MB_per_analyzer"] = (after - before) / 4.0 / (1 << 20);
}
BENCHMARK(BM_BuildAnalyzer)->Unit(benchmark::kMicrosecond);

// The first analyzer of a process: the embedded pack's TOML read, every
// pattern and the RE2::Set compiled, the tone lexicon loaded. Each iteration
// runs this binary afresh (cold_build_child below) and times the build
// inside it. MB_built: resident memory the build added; MB_used: after also
// analyzing every chat and email message of the corpus once, which fills
// RE2's DFA caches (bounded by their max_mem).
void BM_BuildAnalyzerCold(benchmark::State& state) {
  // Resolved here: in the shell popen starts, /proc/self/exe is the shell.
  char self[4096] = {};
  if (readlink("/proc/self/exe", self, sizeof(self) - 1) <= 0) {
    state.SkipWithError("cannot resolve /proc/self/exe");
    return;
  }
  const std::string command = "'" + std::string(self) + "' --tact-cold-build";
  double built = 0, used = 0;
  for (auto _ : state) {
    FILE* child = popen(command.c_str(), "r");
    double seconds = -1;
    if (child == nullptr || std::fscanf(child, "%lf %lf %lf", &seconds, &built, &used) != 3 ||
        pclose(child) != 0 || seconds < 0) {
      state.SkipWithError("the cold-build child failed");
      break;
    }
    state.SetIterationTime(seconds);
  }
  state.counters["MB_built"] = built / (1 << 20);
  state.counters["MB_used"] = used / (1 << 20);
}
BENCHMARK(BM_BuildAnalyzerCold)->UseManualTime()->Iterations(10)->Unit(benchmark::kMillisecond);

}  // namespace

int cold_build_child() {
  // The corpus is generated before the first reading, so it is not counted.
  const auto& chat = corpus(Size::chat);
  const auto& email = corpus(Size::email);
  const double before = rss_bytes();
  const auto t0 = std::chrono::steady_clock::now();
  const Analyzer analyzer;
  const auto t1 = std::chrono::steady_clock::now();
  const double built = rss_bytes() - before;
  Report report;
  for (const auto* messages : {&chat, &email}) {
    for (const Message& m : *messages) {
      analyzer.analyze(m.text, m.agent ? Role::agent : Role::customer, &report);
    }
  }
  const double used = rss_bytes() - before;
  std::printf("%.9f %.0f %.0f\n", std::chrono::duration<double>(t1 - t0).count(), built, used);
  return 0;
}

}  // namespace tact::bench
