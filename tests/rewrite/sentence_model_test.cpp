// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Segmentation (over the view) and the rewrite (over the original) share
// one sentence model: where the segmenter starts a sentence after a
// terminator, the rewrite's starts_sentence agrees, whatever quotes,
// brackets or ellipsis stand between, and whatever the pack's sentence
// profile adds (abbreviations, terminators).
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "rewrite/chars.hpp"
#include "rules/pack.hpp"
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
    const text::SentenceProfile& none = text::SentenceProfile::none();
    CHECK(rewrite::starts_sentence(text, word, none));
    CHECK_FALSE(rewrite::starts_sentence(text, doc.sentences()[0].original.begin + 1, none));
  }
}

TEST_CASE("an ellipsis before a lower-case word continues the sentence, as a full stop does") {
  CHECK(text::Document::build(std::string("Wait… what now?")).sentences().size() == 1);
  CHECK(text::Document::build(std::string("Wait. what now?")).sentences().size() == 1);
}

// Every word after a space starts a sentence for the rewrite exactly when
// the segmenter starts one there (the texts have no emoji, and no
// lower-case letter after a full stop, where the two need not agree).
void check_agreement(const std::string& text, const text::SentenceProfile& profile) {
  CAPTURE(text);
  const text::Document doc = text::Document::build(text, profile);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 0;
    const char32_t c = rewrite::char_at(text, i, &n);
    const char32_t before = rewrite::char_before(text, i);
    if (rewrite::is_wordish(c) && (before == 0 || !rewrite::is_wordish(before)) &&
        (before == 0 || rewrite::is_hspace(before) || rewrite::is_newline(before) ||
         rewrite::is_opener(before))) {
      bool first = false;
      for (const text::Sentence& s : doc.sentences()) {
        // The sentence's first word: past the openers it starts with.
        std::size_t w = s.original.begin;
        std::size_t m = 0;
        while (w < text.size() && !rewrite::is_wordish(rewrite::char_at(text, w, &m))) w += m;
        first = first || w == i;
      }
      CAPTURE(text.substr(i));
      CHECK(rewrite::starts_sentence(text, i, profile) == first);
    }
    i += std::max<std::size_t>(1, n);
  }
}

std::shared_ptr<const rules::Pack> load(const Options& options) {
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(options, &pack);
  REQUIRE_MESSAGE(s.ok(), s.message);
  return pack;
}

TEST_CASE("the segmenter and the rewrite agree on the pack's abbreviations and terminators") {
  const auto english = load(Options());
  const char* const texts[] = {
      "Mr. Patel will call you. Then we are done.",
      "Ask Dr. Okafor (or Prof. Lund) today. Thanks.",
      "Cards, e.g. Visa, work. I checked.",
      "No. I can't do that.",
      "Send forms, IDs, etc. Then we start.",
      "Ask Mr.. Patel knows. Dr.) Lund too.",
      "Ask \"Mr.\" Patel. (Mr.) Lund said so.",
      "Regards, Dr.\nOkafor",
      "Check the HDr. Then go. See x.Dr. Now.",
      "Ask Mr\xEF\xBC\x8E Patel. Done.",  // a fullwidth full stop
  };
  for (const char* t : texts) {
    check_agreement(t, english->sentence_profile());
    check_agreement(t, text::SentenceProfile::none());
  }

  Options de;
  de.language = "de";
  de.default_pack = false;
  de.rule_files = {std::string(TACT_SOURCE_DIR) + "/tests/packs/de/pack.toml"};
  const auto german = load(de);
  check_agreement("Bitte senden Sie z.B. Kontoauszug. Danke. Z.B. Rechnung.",
                  german->sentence_profile());

  text::SentenceProfile armenian;
  armenian.add_terminator(0x0589);
  check_agreement("Բարև ձեզ։ Ինչպես կարող եմ օգնել։ Շնորհակալություն", armenian);
}

}  // namespace
}  // namespace tact
