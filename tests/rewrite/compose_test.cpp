// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Composing two rounds of edits: the composed edits applied to the original
// give the final text, and untouched text stays outside them.
#include <doctest/doctest.h>

#include <random>

#include "rewrite/compose.hpp"
#include "rewrite/findings.hpp"

namespace tact {
namespace {

using rewrite::Edit;
using testing::apply_right_to_left;

TEST_CASE("a second round inside a first round's replacement merges with it") {
  const std::string original = "I'm afraid that isnt possible today.";
  // Round one replaces "that isnt possible"; round two deletes "I'm afraid ".
  const std::vector<Edit> first = {{{11, 29}, "that isn't something I can arrange"}};
  const std::string middle = apply_right_to_left(original, first);
  const std::vector<Edit> second = {{{0, 15}, "That"}};
  const std::string final_text = apply_right_to_left(middle, second);
  CHECK(final_text == "That isn't something I can arrange today.");
  std::vector<Edit> composed;
  rewrite::compose(original.size(), first, second, final_text, &composed);
  REQUIRE(composed.size() == 1);
  CHECK(composed[0].original.begin == 0);
  CHECK(composed[0].original.end == 29);
  CHECK(composed[0].replacement == "That isn't something I can arrange");
}

TEST_CASE("separate rounds stay separate edits") {
  const std::string original = "one two three four";
  const std::vector<Edit> first = {{{4, 7}, "2"}};
  const std::string middle = apply_right_to_left(original, first);  // "one 2 three four"
  const std::vector<Edit> second = {{{12, 16}, "4"}};
  const std::string final_text = apply_right_to_left(middle, second);
  std::vector<Edit> composed;
  rewrite::compose(original.size(), first, second, final_text, &composed);
  REQUIRE(composed.size() == 2);
  CHECK(composed[0].original == text::Range{4, 7});
  CHECK(composed[0].replacement == "2");
  CHECK(composed[1].original == text::Range{14, 18});
  CHECK(composed[1].replacement == "4");
}

// Random sorted, non-overlapping edits of a text of `size` bytes.
std::vector<Edit> random_edits(std::mt19937* rng, std::size_t size) {
  std::vector<Edit> edits;
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_int_distribution<int> len(0, 4);
  const std::string letters = "xyz ,.";
  for (std::size_t at = 0; at <= size;) {
    if (coin(*rng) != 0) {
      ++at;
      continue;
    }
    const std::size_t end = std::min(size, at + static_cast<std::size_t>(len(*rng)));
    std::string replacement;
    for (int k = len(*rng); k > 0; --k) replacement.push_back(letters[(*rng)() % letters.size()]);
    if (end == at && replacement.empty()) replacement = "+";
    edits.push_back({{static_cast<uint32_t>(at), static_cast<uint32_t>(end)}, replacement});
    at = end + 1;
  }
  return edits;
}

TEST_CASE("random rounds compose into edits that give the final text") {
  std::mt19937 rng(20261123);
  for (int trial = 0; trial < 2000; ++trial) {
    CAPTURE(trial);
    std::string original;
    for (int k = static_cast<int>(rng() % 24); k > 0; --k) original.push_back("abcdef"[rng() % 6]);
    const std::vector<Edit> first = random_edits(&rng, original.size());
    const std::string middle = apply_right_to_left(original, first);
    const std::vector<Edit> second = random_edits(&rng, middle.size());
    const std::string final_text = apply_right_to_left(middle, second);
    std::vector<Edit> composed;
    rewrite::compose(original.size(), first, second, final_text, &composed);
    REQUIRE(apply_right_to_left(original, composed) == final_text);
    for (std::size_t i = 0; i < composed.size(); ++i) {
      CHECK(composed[i].original.begin <= composed[i].original.end);
      if (i > 0) CHECK(composed[i - 1].original.end < composed[i].original.begin + 1);
    }
  }
}

}  // namespace
}  // namespace tact
