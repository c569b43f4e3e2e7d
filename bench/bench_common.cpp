// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "bench_common.hpp"

#include <cstdlib>
#include <iostream>
#include <numeric>

namespace tact::bench {

namespace {

std::size_t count_for(Size size) {
  switch (size) {
    case Size::chat: return 4096;
    case Size::email: return 512;
    case Size::transcript: return 64;
  }
  return 1;
}

int index_of(Size size) {
  return static_cast<int>(size);
}

void die(const Status& status) {
  std::cerr << "tact_bench: " << status.message << "\n";
  std::exit(1);
}

}  // namespace

const std::vector<Message>& corpus(Size size) {
  static std::vector<Message> cache[3];
  auto& c = cache[index_of(size)];
  if (c.empty()) c = generate(size, count_for(size), 42);
  return c;
}

const std::vector<std::string>& corpus_texts(Size size) {
  static std::vector<std::string> cache[3];
  auto& c = cache[index_of(size)];
  if (c.empty()) {
    for (const Message& m : corpus(size)) c.push_back(m.text);
  }
  return c;
}

const std::vector<std::string>& ascii_texts(Size size) {
  static std::vector<std::string> cache[3];
  auto& c = cache[index_of(size)];
  if (c.empty()) {
    for (const std::string& t : corpus_texts(size)) {
      std::string a;
      for (char ch : t) {
        if (!(static_cast<unsigned char>(ch) & 0x80)) a += ch;
      }
      c.push_back(std::move(a));
    }
  }
  return c;
}

const Analyzer& default_analyzer() {
  static const Analyzer analyzer = [] {
    Analyzer a;
    // Every message of the corpus once, untimed: the embedded pack compiles
    // a pattern, and RE2 builds its DFA states, the first time a text needs
    // them. The benchmarks time the steady state; BM_BuildAnalyzerCold and
    // the CLI's figures show the first use.
    Report report;
    for (Size size : {Size::chat, Size::email, Size::transcript}) {
      for (const Message& m : corpus(size)) {
        a.analyze(m.text, m.agent ? Role::agent : Role::customer, &report);
      }
    }
    return a;
  }();
  return analyzer;
}

const rules::Pack& default_pack() {
  static const std::shared_ptr<const rules::Pack> pack = [] {
    std::shared_ptr<const rules::Pack> p;
    const Status status = rules::Pack::load(Options(), &p);
    if (!status.ok()) die(status);
    return p;
  }();
  return *pack;
}

const tone::Scorer& default_scorer() {
  static const std::shared_ptr<const tone::Scorer> scorer = [] {
    Status status;
    auto s = tone::Scorer::load_default(&status);
    if (!status.ok()) die(status);
    return s;
  }();
  return *scorer;
}

void set_rate_counters(benchmark::State& state, double messages, double bytes) {
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["messages/s"] =
      benchmark::Counter(iterations * messages, benchmark::Counter::kIsRate);
  state.counters["bytes/s"] = benchmark::Counter(iterations * bytes, benchmark::Counter::kIsRate,
                                                 benchmark::Counter::OneK::kIs1024);
}

void set_counters(benchmark::State& state, const std::vector<std::string>& texts) {
  const double total = std::accumulate(
      texts.begin(), texts.end(), 0.0,
      [](double sum, const std::string& t) { return sum + static_cast<double>(t.size()); });
  set_rate_counters(state, 1.0, texts.empty() ? 0.0 : total / static_cast<double>(texts.size()));
}

}  // namespace tact::bench
