// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Segmentation (over the view) and the rewrite (over the original) share
// one sentence model: where the segmenter starts a sentence after a
// terminator, the rewrite's starts_sentence agrees, whatever quotes,
// brackets or ellipsis stand between.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "rewrite/chars.hpp"
#include "text/document.hpp"

namespace tact {
namespace {

TEST_CASE("the segmenter's sentence starts are the rewrite's") {
  const char* const texts[] = {
      "Done. Next one.",          "Done.) Next one.", "Done.” Next one.",
      "Fertig.« Weiter geht es.", "Wait… What now?",  "Really?! Yes.",
      "Done. (Next one.)",        "Done.] Next one.", "完了。 次へ。",
      "It broke!\" She said so.",
  };
  for (const char* t : texts) {
    CAPTURE(t);
    const std::string text = t;
    const text::Document doc = text::Document::build(text);
    REQUIRE(doc.sentences().size() == 2);
    const std::size_t second = doc.sentences()[1].original.begin;
    // The second sentence starts at its first word (past any opener).
    std::size_t word = second;
    std::size_t n = 0;
    while (word < text.size() && !rewrite::is_wordish(rewrite::char_at(text, word, &n))) {
      word += std::max<std::size_t>(1, n);
    }
    CHECK(rewrite::starts_sentence(text, word));
    CHECK_FALSE(rewrite::starts_sentence(text, doc.sentences()[0].original.begin + 1));
  }
}

TEST_CASE("an ellipsis before a lower-case word continues the sentence, as a full stop does") {
  CHECK(text::Document::build(std::string("Wait… what now?")).sentences().size() == 1);
  CHECK(text::Document::build(std::string("Wait. what now?")).sentences().size() == 1);
}

}  // namespace
}  // namespace tact
