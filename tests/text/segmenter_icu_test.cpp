// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The segmenter must give the same word and sentence boundaries as ICU's
// BreakIterator (root locale) on the test corpus.
#include <doctest/doctest.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

#include "text/document.hpp"
#include "text/unicode.hpp"
#include "text_corpus.hpp"

namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// UTF-16 index -> UTF-8 byte offset of `s`, through the Document's own
// UTF-16 offsets (themselves checked by the round-trip test).
std::vector<std::size_t> utf8_offsets(const std::string& s, const std::u16string& u16) {
  std::vector<std::size_t> map(u16.size() + 1, 0);
  const tact::text::Document d = tact::text::Document::build(s);
  for (std::size_t b = 0; b <= s.size(); ++b) {
    const std::size_t u = d.utf16_offset(b);
    if (u <= u16.size() && (b == s.size() || (static_cast<unsigned char>(s[b]) & 0xC0) != 0x80)) {
      map[u] = b;
    }
  }
  return map;
}

// Narrows [*a, *b) of `s` to exclude Unicode white space at either end.
void trim(const std::string& s, std::size_t* a, std::size_t* b) {
  std::vector<std::size_t> starts;  // code point starts in [*a, *b]
  for (std::size_t i = *a; i < *b;) {
    starts.push_back(i);
    tact::text::decode_utf8(s, &i);
  }
  starts.push_back(*b);
  std::size_t first = 0;
  std::size_t last = starts.size() - 1;
  auto space_at = [&](std::size_t k) {
    std::size_t i = starts[k];
    return tact::text::is_space(tact::text::decode_utf8(s, &i));
  };
  while (first < last && space_at(first)) ++first;
  while (last > first && space_at(last - 1)) --last;
  *a = starts[first];
  *b = starts[last];
}

Spans icu_spans(icu::BreakIterator* it, const std::string& s, bool words) {
  const std::u16string u16 = tact::testing::to_utf16(s);
  const std::vector<std::size_t> map = utf8_offsets(s, u16);
  const icu::UnicodeString text(false, reinterpret_cast<const UChar*>(u16.data()),
                                static_cast<int32_t>(u16.size()));
  it->setText(text);
  Spans out;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    std::size_t a = map[static_cast<std::size_t>(start)];
    std::size_t b = map[static_cast<std::size_t>(end)];
    if (words) {
      const int status = it->getRuleStatus();
      if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_IDEO_LIMIT) out.emplace_back(a, b);
      continue;
    }
    // Sentences: ICU keeps surrounding spaces; Tact trims them.
    trim(s, &a, &b);
    if (b > a) out.emplace_back(a, b);
  }
  return out;
}

}  // namespace

TEST_CASE("word and sentence boundaries equal ICU's BreakIterator") {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  REQUIRE(U_SUCCESS(status));
  for (const std::string& s : tact::testing::text_corpus()) {
    CAPTURE(s);
    const tact::text::Document d = tact::text::Document::build(s);
    Spans ours;
    for (const auto& t : d.tokens()) {
      if (t.kind == tact::text::TokenKind::word || t.kind == tact::text::TokenKind::number) {
        ours.emplace_back(t.original.begin, t.original.end);
      }
    }
    CHECK(ours == icu_spans(words.get(), s, true));
    Spans ours_sentences;
    for (const auto& x : d.sentences())
      ours_sentences.emplace_back(x.original.begin, x.original.end);
    CHECK(ours_sentences == icu_spans(sentences.get(), s, false));
  }
}
