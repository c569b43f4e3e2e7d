// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A deterministic generator of support-conversation text for benchmarks:
// agent replies and customer messages assembled from phrase banks written
// for Tact, with the mess of real chat (curly apostrophes, ALL CAPS, emoji,
// typos, order numbers, accented names). The same seed gives the same corpus
// on every machine.
#ifndef TACT_BENCH_CORPUS_GENERATE_HPP_
#define TACT_BENCH_CORPUS_GENERATE_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tact::bench {

enum class Size {
  chat,        // one or two sentences, ~40-160 bytes
  email,       // greeting, several sentences, sign-off, ~1 KB
  transcript,  // alternating turns, ~10 KB
};

struct Message {
  bool agent = true;
  std::string text;
};

// `count` messages of `size`, alternating customer and agent.
std::vector<Message> generate(Size size, std::size_t count, uint64_t seed = 1);

// One text of about `bytes` bytes (whole sentences, single line).
std::string generate_text(std::size_t bytes, uint64_t seed = 1);

// About `bytes` bytes of the phrase banks' words (agent and customer, with
// their punctuation) in random order, single line: ordinary support words
// that never form the phrases, the text that made RE2's prefilter slow
// (issue 12).
std::string generate_shuffled_words(std::size_t bytes, uint64_t seed = 1);

}  // namespace tact::bench

#endif  // TACT_BENCH_CORPUS_GENERATE_HPP_
