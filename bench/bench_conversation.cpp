// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Conversations (issue 16): the cost per appended turn must not grow with
// the conversation. Each iteration appends N turns to a fresh Conversation;
// items_per_second is turns per second, so /5 and /200 should match.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/core.hpp"

namespace {

const std::vector<tact::ConversationInput>& turns() {
  // Invented turns that keep requests opening and closing.
  static const std::vector<tact::ConversationInput> t = {
      {tact::Role::customer, "This is the second time I'm writing; I want a refund today."},
      {tact::Role::agent, "I'm sorry for the trouble."},
      {tact::Role::customer, "Sorry doesn't help. Get me your supervisor or I'm cancelling."},
      {tact::Role::agent,
       "I've refunded the charge and my supervisor will call you within the hour."},
      {tact::Role::customer, "ok, thanks."},
      {tact::Role::agent, "Is there anything else I can help with?"},
  };
  return t;
}

void BM_ConversationAppend(benchmark::State& state) {
  static const tact::core::Analyzer analyzer;
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& t = turns();
  for (auto _ : state) {
    tact::core::Conversation c(analyzer);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& turn = t[i % t.size()];
      benchmark::DoNotOptimize(c.append(turn.role, turn.text));
    }
    benchmark::DoNotOptimize(c.report().route);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_ConversationAppend)->Arg(5)->Arg(200)->ArgName("turns");

}  // namespace
