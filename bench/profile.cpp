// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_profile: analyzes the benchmark corpus in a loop, for a profiler.
//   tact_profile chat|email|transcript|long|build [REPEATS=1] [core|c|cxx|nomodel]
// The last argument picks the surface: the core (default, as the CLI
// calls it), the C ABI (tact_analyze, tact_report_free) or the header-only
// C++ API over it (tact::Analyzer::analyze), so that instruction counts
// show what each layer costs; "nomodel" is the core with a layered
// `model = ""`, so that core minus nomodel is what the learned layer costs:
//   valgrind --tool=callgrind --toggle-collect='*analyze_all*'
//       build/release/bench/tact_profile chat 1 cxx
// Each mode analyzes its messages once untimed (so RE2's DFA caches are
// warm), then REPEATS times inside analyze_all(), the function to collect:
//   valgrind --tool=callgrind --toggle-collect='*analyze_all*'
//       build/release/bench/tact_profile chat
//   perf record -g build/release/bench/tact_profile email 20
// "long" is one 1 MB draft; "build" only builds the default analyzer (for
// --toggle-collect='tact::core::Analyzer::Analyzer()').
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "corpus/generate.hpp"
#include "tact.h"
#include "tact/analyzer.hpp"

namespace {

// One call per message through the chosen surface; the analyzers are built
// before, outside the collected function.
struct Surfaces {
  const tact::core::Analyzer* core = nullptr;
  const tact::Analyzer* cxx = nullptr;
  std::string name = "core";
};

void analyze_one(const Surfaces& s, const tact::bench::Message& m, tact::Report* report) {
  const tact::Role role = m.agent ? tact::Role::agent : tact::Role::customer;
  if (s.name == "cxx") {
    s.cxx->analyze(m.text, role, report);
  } else if (s.name == "c") {
    tact_report* r = nullptr;
    tact_analyze(&r, s.cxx->native_handle(), m.text.data(), m.text.size(),
                 m.agent ? TACT_ROLE_AGENT : TACT_ROLE_CUSTOMER);
    tact_report_free(r);
  } else {
    s.core->analyze(m.text, role, report);
  }
}

__attribute__((noinline)) void analyze_all(const Surfaces& s,
                                           const std::vector<tact::bench::Message>& messages,
                                           int repeats) {
  tact::Report report;
  for (int k = 0; k < repeats; ++k) {
    for (const tact::bench::Message& m : messages) analyze_one(s, m, &report);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "chat";
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 1;
  Surfaces surfaces;
  if (argc > 3) surfaces.name = argv[3];
  if (surfaces.name != "core" && surfaces.name != "c" && surfaces.name != "cxx" &&
      surfaces.name != "nomodel") {
    std::cerr << "tact_profile: the surface is core, c, cxx or nomodel\n";
    return 2;
  }
  tact::Options options;
  if (surfaces.name == "nomodel") options.rule_texts.push_back({"model-off", "model = \"\"\n"});
  const tact::core::Analyzer analyzer(options);
  std::vector<tact::bench::Message> messages;
  if (mode == "build") return 0;
  if (mode == "long") {
    messages.push_back({true, tact::bench::generate_text(std::size_t{1} << 20, 7)});
  } else if (mode == "chat") {
    messages = tact::bench::generate(tact::bench::Size::chat, 4096, 42);
  } else if (mode == "email") {
    messages = tact::bench::generate(tact::bench::Size::email, 512, 42);
  } else if (mode == "transcript") {
    messages = tact::bench::generate(tact::bench::Size::transcript, 64, 42);
  } else {
    std::cerr
        << "usage: tact_profile chat|email|transcript|long|build [REPEATS] [core|c|cxx|nomodel]\n";
    return 2;
  }
  // The C and C++ surfaces run on their own analyzer of the same pack.
  const tact::Analyzer api;
  surfaces.core = &analyzer;
  surfaces.cxx = &api;
  tact::Report report;
  for (const tact::bench::Message& m : messages) {  // the warm-up, outside analyze_all
    analyze_one(surfaces, m, &report);
  }
  analyze_all(surfaces, messages, repeats);
  return 0;
}
