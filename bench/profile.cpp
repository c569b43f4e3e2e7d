// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_profile: analyzes the benchmark corpus in a loop, for a profiler.
//   tact_profile chat|email|transcript|long|build [REPEATS=1]
// Each mode analyzes its messages once untimed (so RE2's DFA caches are
// warm), then REPEATS times inside analyze_all(), the function to collect:
//   valgrind --tool=callgrind --toggle-collect='*analyze_all*'
//       build/release/bench/tact_profile chat
//   perf record -g build/release/bench/tact_profile email 20
// "long" is one 1 MB draft; "build" only builds the default analyzer (for
// --toggle-collect='tact::Analyzer::Analyzer()').
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "corpus/generate.hpp"
#include "tact/tact.hpp"

namespace {

__attribute__((noinline)) void analyze_all(const tact::Analyzer& analyzer,
                                           const std::vector<tact::bench::Message>& messages,
                                           int repeats) {
  tact::Report report;
  for (int k = 0; k < repeats; ++k) {
    for (const tact::bench::Message& m : messages) {
      analyzer.analyze(m.text, m.agent ? tact::Role::agent : tact::Role::customer, &report);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "chat";
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 1;
  const tact::Analyzer analyzer;
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
    std::cerr << "usage: tact_profile chat|email|transcript|long|build [REPEATS]\n";
    return 2;
  }
  tact::Report report;
  for (const tact::bench::Message& m : messages) {  // the warm-up, outside analyze_all
    analyzer.analyze(m.text, m.agent ? tact::Role::agent : tact::Role::customer, &report);
  }
  analyze_all(analyzer, messages, repeats);
  return 0;
}
