// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The first analyzer of a process, used by several threads at once: each
// thread is the first to run many patterns and prefilter Sets, which are
// compiled on first use (rules/regex.hpp), so the threads race to compile
// them. An executable of its own, so that nothing has compiled them before
// (ThreadSanitizer runs it too). Every thread must get what one thread alone
// gets afterwards.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/analyzer.hpp"
#include "report/json.hpp"
#include "rules/compiled_pack.hpp"

namespace tact {
namespace {

TEST_CASE("threads first using a fresh analyzer's patterns at once get the same reports") {
  const core::Analyzer analyzer;
  REQUIRE(analyzer.ok());
  const std::vector<std::string> short_texts = {
      "I don't know, calm down.",
      "You're all useless, I want a refund TODAY!!! This is the third time I've called.",
      "Thanks for your patience, I've refunded the fee and it should arrive within 5 days.",
      "It's our policy, rules are rules. Please hold while I transfer you.",
      "Obviously you should have read the terms. As I said, that's not my department.",
      "I understand how frustrating this is. Here's what I can do: I'll escalate it today.",
      "I'm cancelling my account and posting about this everywhere unless someone helps.",
      "Unfortunately we can't do that, you must wait until Friday. I promise it'll be fixed."};
  // One long text as well: longer than kWholeSetMaxText, it goes through the
  // shards, which are compiled on first use too.
  std::string long_text;
  while (long_text.size() <= 2 * rules::CompiledPack::kWholeSetMaxText) {
    for (const std::string& t : short_texts) long_text += t + "\n\n";
  }
  std::vector<std::string> texts = short_texts;
  texts.push_back(long_text);

  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> got(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      // Each thread starts at a different text, all roles.
      for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& text = texts[(i + static_cast<std::size_t>(t)) % texts.size()];
        for (Role role : {Role::agent, Role::customer, Role::automatic}) {
          got[static_cast<std::size_t>(t)].push_back(core::to_json(analyzer.analyze(text, role)));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();

  for (int t = 0; t < kThreads; ++t) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::string& text = texts[(i + static_cast<std::size_t>(t)) % texts.size()];
      int r = 0;
      for (Role role : {Role::agent, Role::customer, Role::automatic}) {
        CHECK(got[static_cast<std::size_t>(t)][i * 3 + static_cast<std::size_t>(r++)] ==
              core::to_json(analyzer.analyze(text, role)));
      }
    }
  }
  CHECK(core::to_json(analyzer.analyze(short_texts[0])).find("I don't know") != std::string::npos);
}

}  // namespace
}  // namespace tact
