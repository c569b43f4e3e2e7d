// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The three examples, which general-purpose sentiment tools get
// backwards, through the whole pipeline (rule pack included); and cue spans
// in the caller's original offsets.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace {

const tact::core::Analyzer& analyzer() {
  static const tact::core::Analyzer a;
  return a;
}

bool has_cue(const tact::Report& r, const char* kind, const char* type) {
  return std::any_of(r.escalation.cues.begin(), r.escalation.cues.end(), [&](const tact::Cue& c) {
    return std::string_view(tact::cue_kind_name(c.kind)) == kind && c.type == type;
  });
}

const tact::Cue* cue(const tact::Report& r, const char* kind, const char* type) {
  for (const tact::Cue& c : r.escalation.cues) {
    if (std::string_view(tact::cue_kind_name(c.kind)) == kind && c.type == type) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("an empathy statement is calming and empathetic") {
  const tact::Report r = analyzer().analyze(
      "I completely understand how frustrating this has been.", tact::Role::agent);
  CHECK(r.tone.sentiment > 0.05);
  CHECK(r.tone.empathy >= 0.6);
  CHECK(r.tone.deescalation >= 0.7);
  CHECK(r.tone.anger < 0.1);
  CHECK(r.triggers.empty());
}

TEST_CASE("\"Calm down, sir.\" is inflammatory") {
  const tact::Report r = analyzer().analyze("Calm down, sir.", tact::Role::agent);
  CHECK(r.tone.sentiment <= 0.0);
  CHECK(r.tone.deescalation < 0.3);
  const bool dismissive =
      std::any_of(r.triggers.begin(), r.triggers.end(),
                  [](const tact::Trigger& t) { return t.category == "dismissive"; });
  CHECK(dismissive);
  CHECK(has_cue(r, "trigger", "dismissive"));
}

TEST_CASE("the third-time manager request is angry, with its reasons") {
  const std::string text =
      "This is the THIRD time I've called!!! I want to speak to a manager now.";
  const tact::Report r = analyzer().analyze(text, tact::Role::customer);
  CHECK(r.escalation.level >= 3);
  CHECK(r.tone.sentiment < -0.05);
  CHECK(has_cue(r, "signal", "repeat_contact"));
  CHECK(has_cue(r, "signal", "shouting"));
  CHECK(has_cue(r, "signal", "manager_request"));
  // The shouted word is also a tone cue, on exactly its bytes.
  const tact::Cue* caps = cue(r, "tone", "caps");
  REQUIRE(caps != nullptr);
  CHECK(caps->span.start == text.find("THIRD"));
  CHECK(caps->span.end == text.find("THIRD") + 5);
  CHECK(caps->weight > 0);
}

TEST_CASE("tone cue spans are original UTF-8 and UTF-16 offsets") {
  // "Ç" is 2 bytes and 1 UTF-16 unit, "…" 3 bytes and 1 unit, "😡" 4 bytes
  // and 2 units.
  const std::string text = "Ça ne marche pas… this app is USELESS 😡";
  const tact::Report r = analyzer().analyze(text, tact::Role::customer);
  const tact::Cue* useless = nullptr;
  const tact::Cue* face = nullptr;
  for (const tact::Cue& c : r.escalation.cues) {
    if (c.kind != tact::CueKind::tone || c.type != "anger_word") continue;
    if (c.span.start == text.find("USELESS")) useless = &c;
    if (c.span.start == text.find("😡")) face = &c;
  }
  REQUIRE(useless != nullptr);
  CHECK(useless->span.end == useless->span.start + 7);
  CHECK(useless->span.start_utf16 == useless->span.start - 3);
  CHECK(useless->span.end_utf16 == useless->span.end - 3);
  REQUIRE(face != nullptr);
  CHECK(face->span.end == text.size());
  CHECK(face->span.end_utf16 - face->span.start_utf16 == 2);
  CHECK(face->span.start_utf16 == face->span.start - 3);
}
