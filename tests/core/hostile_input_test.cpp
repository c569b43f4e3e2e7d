// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Pathological input at test-suite sizes: correct, bounded results. (Time per
// MB at full size is measured by bench/, not here.)
#include <doctest/doctest.h>

#include <string>

#include "tact/tact.hpp"
#include "text/document.hpp"

namespace {

const tact::Analyzer& analyzer() {
  static const tact::Analyzer a;
  return a;
}

std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

constexpr std::size_t kSize = 256 << 10;

}  // namespace

TEST_CASE("repeated trigger phrases: every finding is in bounds, the report is bounded") {
  for (const char* unit : {"no ", "I don't know ", "calm down calm down ", "you should have "}) {
    CAPTURE(unit);
    const std::string text = repeat(unit, kSize);
    const tact::Report r = analyzer().analyze(text, tact::Role::agent);
    CHECK_FALSE(r.triggers.empty());
    CHECK(r.triggers.size() <= 1000);  // the documented cap on findings per message
    for (const auto& t : r.triggers) CHECK(t.span.end <= text.size());
    CHECK(r.rewrite.size() < 4 * text.size());
  }
}

TEST_CASE("100,000 emoji are 100,000 tokens") {
  const std::string text = repeat("\xF0\x9F\x98\xA1", 400000);
  const auto doc = tact::text::Document::build(text);
  CHECK(doc.tokens().size() == 100000);
  CHECK(doc.utf16_offset(text.size()) == 200000);
  const tact::Report r = analyzer().analyze(text, tact::Role::customer);
  CHECK(r.escalation.level >= 0);
}

TEST_CASE("one 256 KB word, and 256 KB without spaces or punctuation") {
  const std::string word(kSize, 'a');
  const auto doc = tact::text::Document::build(word);
  REQUIRE(doc.tokens().size() == 1);
  CHECK(doc.tokens()[0].original.size() == kSize);
  const tact::Report r = analyzer().analyze(word, tact::Role::agent);
  CHECK(r.triggers.empty());
  CHECK(r.rewrite == word);
}

TEST_CASE("a base letter with 128 K combining marks is one cluster") {
  std::string text = "a";
  text += repeat("\xCC\x81", kSize);
  const auto doc = tact::text::Document::build(text);
  REQUIRE(doc.tokens().size() == 1);
  CHECK(doc.to_original(0, 1) == tact::text::Range{0, static_cast<uint32_t>(text.size())});
  CHECK(analyzer().analyze(text, tact::Role::customer).triggers.empty());
}

TEST_CASE("sentence breaks and exclamation runs") {
  const std::string breaks = repeat("A. ", 300000);
  CHECK(tact::text::Document::build(breaks).sentences().size() == 100000);
  const std::string bangs(kSize, '!');
  const auto doc = tact::text::Document::build(bangs);
  CHECK(doc.sentences().size() == 1);
  const tact::Report r = analyzer().analyze(bangs, tact::Role::customer);
  CHECK(r.escalation.level <= 4);
}

TEST_CASE("input over max_input_bytes is refused, not truncated") {
  tact::Options options;
  options.max_input_bytes = 1 << 20;
  const tact::Analyzer a(options);
  tact::Report report;
  CHECK(a.analyze(std::string((1 << 20) + 1, 'x'), tact::Role::agent, &report).code ==
        tact::Code::input_too_large);
  CHECK(a.analyze(std::string(1 << 20, 'x'), tact::Role::agent, &report).ok());
}
