// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include <benchmark/benchmark.h>

#include <cstring>

#include "bench_common.hpp"

int main(int argc, char** argv) {
  // BM_BuildAnalyzerCold runs this binary again to time a first build.
  if (argc == 2 && std::strcmp(argv[1], "--tact-cold-build") == 0) {
    return tact::bench::cold_build_child();
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
