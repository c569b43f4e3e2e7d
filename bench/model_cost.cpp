// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_model_cost: what the learned layer adds per message, measured as a
// paired A/B inside one process.
//   tact_model_cost [ROUNDS=40]
// Two analyzers of the embedded pack, one with a layered `model = ""` (the
// layer off), analyze the same generated corpus (4,096 chat lines, 512
// emails) in alternating blocks, the order flipping every round. Each
// block's thread CPU time per message is recorded; the figure is the median
// of the per-round differences (on minus off). A burst of other load on the
// host lasts longer than a pair of blocks (tens of milliseconds), so it
// moves both halves of a pair and cancels in the difference, where two
// separate benchmark runs minutes apart do not. On a host whose load
// comes and goes faster than that, the difference of the two halves'
// fastest blocks ("added, min") is the steadier figure: load only ever
// adds time. The last column pairs finer still: each message is analyzed
// with and without the layer back to back (which one first alternates),
// so a burst shorter than a block lands in one message's pair, not in a
// block; per message, the median over rounds of each order's difference,
// the two orders averaged (the second analysis of a pair finds the text
// in cache); the column is the mean over messages.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "corpus/generate.hpp"

namespace {

double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Microseconds of thread CPU per message for one pass over `messages`.
double block(const tact::core::Analyzer& a, const std::vector<tact::bench::Message>& messages,
             tact::Report* report) {
  const double t0 = thread_seconds();
  for (const tact::bench::Message& m : messages) {
    a.analyze(m.text, m.agent ? tact::Role::agent : tact::Role::customer, report);
  }
  return (thread_seconds() - t0) * 1e6 / static_cast<double>(messages.size());
}

// Nanoseconds one analysis takes (wall clock: a thread CPU clock costs a
// system call, too coarse for a chat line).
double timed(const tact::core::Analyzer& a, const tact::bench::Message& m, tact::Report* report) {
  const auto t0 = std::chrono::steady_clock::now();
  a.analyze(m.text, m.agent ? tact::Role::agent : tact::Role::customer, report);
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 40;
  if (rounds < 1) {
    std::fprintf(stderr, "usage: tact_model_cost [ROUNDS>=1]\n");
    return 2;
  }
  tact::Options off_options;
  off_options.rule_texts.push_back({"model-off", "model = \"\"\n"});
  const tact::core::Analyzer on;
  const tact::core::Analyzer off(off_options);
  if (!on.status().ok() || !off.status().ok()) {
    std::fprintf(stderr, "tact_model_cost: %s%s\n", on.status().message.c_str(),
                 off.status().message.c_str());
    return 1;
  }
  struct Corpus {
    const char* name;
    std::vector<tact::bench::Message> messages;
  };
  const Corpus corpora[] = {
      {"chat", tact::bench::generate(tact::bench::Size::chat, 4096, 42)},
      {"email", tact::bench::generate(tact::bench::Size::email, 512, 42)},
  };
  std::printf("%d rounds; microseconds of thread CPU per message\n", rounds);
  std::printf("%-6s %10s %10s %10s %22s %12s %14s\n", "corpus", "model on", "model off", "added",
              "added, p25..p75", "added, min", "added, paired");
  tact::Report report;
  for (const Corpus& c : corpora) {
    block(on, c.messages, &report);  // warm both (RE2's DFA caches, scratch)
    block(off, c.messages, &report);
    std::vector<double> with, without, added;
    for (int r = 0; r < rounds; ++r) {
      double a = 0, b = 0;
      if (r % 2 == 0) {
        a = block(on, c.messages, &report);
        b = block(off, c.messages, &report);
      } else {
        b = block(off, c.messages, &report);
        a = block(on, c.messages, &report);
      }
      with.push_back(a);
      without.push_back(b);
      added.push_back(a - b);
    }
    // Per message, the differences of the pairs that ran with the layer
    // first ([0]) and second ([1]).
    const std::size_t n = c.messages.size();
    std::vector<std::vector<double>> by_order[2];
    by_order[0].resize(n);
    by_order[1].resize(n);
    for (int r = 0; r < rounds; ++r) {
      for (std::size_t i = 0; i < n; ++i) {
        const bool on_first = (static_cast<std::size_t>(r) + i) % 2 == 0;
        double a = 0, b = 0;
        if (on_first) {
          a = timed(on, c.messages[i], &report);
          b = timed(off, c.messages[i], &report);
        } else {
          b = timed(off, c.messages[i], &report);
          a = timed(on, c.messages[i], &report);
        }
        by_order[on_first ? 0 : 1][i].push_back(a - b);
      }
    }
    double paired = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double first = by_order[0][i].empty() ? 0 : quantile(by_order[0][i], 0.5);
      const double second = by_order[1][i].empty() ? first : quantile(by_order[1][i], 0.5);
      paired += (by_order[0][i].empty() ? second : (first + second) / 2) / 1000.0;
    }
    std::printf("%-6s %10.2f %10.2f %10.2f %10.2f..%-10.2f %12.2f %14.2f\n", c.name,
                quantile(with, 0.5), quantile(without, 0.5), quantile(added, 0.5),
                quantile(added, 0.25), quantile(added, 0.75),
                quantile(with, 0.0) - quantile(without, 0.0), paired / static_cast<double>(n));
  }
  return 0;
}
