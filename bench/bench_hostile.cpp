// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Pathological input (issues 8, 12), and ordinary text for comparison, at
// 1 KB, 64 KB, 1 MB and 4 MB: full analysis as an agent draft (BM_Hostile)
// and as a customer message (BM_HostileCustomer). Each reports bytes/s and s_per_MB; linear time
// shows as the same s_per_MB at every size of one kind. (tests/core/hostile_input_test.cpp checks
// the results on smaller versions; timings belong here.)
#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <string>

#include "bench_common.hpp"

namespace tact::bench {
namespace {

std::string repeat(std::string_view unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() + unit.size() <= bytes) out += unit;
  return out;
}

struct Kind {
  const char* name;
  std::string (*make)(std::size_t bytes);
};

const Kind kKinds[] = {
    // Ordinary support text (the corpus generator's sentences): the yardstick
    // bench/summary.py holds every other kind to.
    {"ordinary", [](std::size_t n) { return generate_text(n, 5); }},
    // The same banks' words in random order (issue 12): no phrase forms, but
    // trigger words are everywhere, which once made the prefilter's DFA
    // rebuild its states all the time (8 s per MB).
    {"shuffled_words", [](std::size_t n) { return generate_shuffled_words(n, 5); }},
    // "no no no …": a trigger at every third byte.
    {"no_no", [](std::size_t n) { return repeat("no ", n); }},
    // 😡 (4 bytes) back to back: 100,000 of them in 400 KB.
    {"emoji", [](std::size_t n) { return repeat("\xF0\x9F\x98\xA1", n); }},
    // One word of random lower-case letters.
    {"one_word",
     [](std::size_t n) {
       std::mt19937_64 rng(11);
       std::string s(n, 'a');
       for (char& c : s) c = static_cast<char>('a' + rng() % 26);
       return s;
     }},
    // A base letter followed by combining acute accents: one grapheme cluster.
    {"combining", [](std::size_t n) { return "a" + repeat("\xCC\x81", n - 1); }},
    // Support text with every space and punctuation mark removed.
    {"no_spaces",
     [](std::size_t n) {
       const std::string text = generate_text(n + n / 4, 5);
       std::string s;
       s.reserve(n);
       for (char c : text) {
         const auto u = static_cast<unsigned char>(c);
         if (u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9')) {
           s += c;
         }
       }
       // Cut on a code-point boundary.
       std::size_t cut = std::min(n, s.size());
       while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
       s.resize(cut);
       return s;
     }},
    // "A. A. A. …": a sentence every three bytes (100,000 in 300 KB).
    {"sentence_breaks", [](std::size_t n) { return repeat("A. ", n); }},
    // One line of "!!!!".
    {"bangs", [](std::size_t n) { return std::string(n, '!'); }},
    // One sentence that opens with symbols for three quarters of its length,
    // then "no no no": every candidate of a sentence-start rule asks what
    // precedes it in the sentence.
    {"symbols_then_no",
     [](std::size_t n) {
       std::string s(n - n / 4, '#');
       s += repeat(" no", n / 4);
       return s;
     }},
    // Trigger phrases that overlap and nest, over and over: every rule
    // involved matches at every repetition and its exceptions are searched.
    {"overlapping_triggers",
     [](std::size_t n) {
       return repeat(
           "I don't know I don't I don't know calm down calm calm down no no, "
           "you should have you should have known it's our policy our policy please hold hold ",
           n);
     }},
};

void BM_Hostile(benchmark::State& state, const Kind* kind, Role role) {
  const std::string text = kind->make(static_cast<std::size_t>(state.range(0)));
  const Analyzer& analyzer = default_analyzer();
  Report report;
  // Untimed first call: RE2 builds the DFA states a new kind of text needs
  // once per process (bounded by its memory budget); the loop times the rest.
  analyzer.analyze(text, role, &report);
  for (auto _ : state) {
    const Status status = analyzer.analyze(text, role, &report);
    if (!status.ok()) {
      state.SkipWithError(status.message.c_str());
      break;
    }
    benchmark::DoNotOptimize(report.rewrite.data());
  }
  const double iterations = static_cast<double>(state.iterations());
  const double bytes = static_cast<double>(text.size());
  set_rate_counters(state, 1.0, bytes);
  // Seconds per MiB (the inverse rate): flat across sizes means linear time.
  state.counters["s_per_MB"] = benchmark::Counter(
      iterations * bytes / (1 << 20), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// A call on 4 MB with Options::deadline = 10 ms (issue 12): the time shows
// how far past its deadline a call can run (the checks sit between stages,
// Sets and candidate rules; building the Document is one step).
void BM_Deadline(benchmark::State& state, const Kind* kind) {
  const std::string text = kind->make(static_cast<std::size_t>(state.range(0)));
  Options options;
  options.deadline = std::chrono::milliseconds(10);
  const Analyzer analyzer(options);
  Report report;
  analyzer.analyze(text, Role::agent, &report);
  for (auto _ : state) {
    const Status status = analyzer.analyze(text, Role::agent, &report);
    benchmark::DoNotOptimize(status.code);
  }
}

const int kRegistered = [] {
  for (const Kind& kind : kKinds) {
    benchmark::RegisterBenchmark((std::string("BM_Deadline10ms/") + kind.name).c_str(),
                                 BM_Deadline, &kind)
        ->Arg(4 << 20)
        ->Unit(benchmark::kMillisecond);
  }
  for (const Kind& kind : kKinds) {
    for (const auto& [prefix, role] : {std::pair{"BM_Hostile/", Role::agent},
                                       std::pair{"BM_HostileCustomer/", Role::customer}}) {
      benchmark::RegisterBenchmark((std::string(prefix) + kind.name).c_str(), BM_Hostile, &kind,
                                   role)
          ->Arg(1 << 10)
          ->Arg(64 << 10)
          ->Arg(1 << 20)
          ->Arg(4 << 20)
          ->Unit(benchmark::kMillisecond);
    }
  }
  return 0;
}();

}  // namespace
}  // namespace tact::bench
