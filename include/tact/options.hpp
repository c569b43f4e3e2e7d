// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::Options: everything that shapes an Analyzer. Header-only.
#ifndef TACT_OPTIONS_HPP_
#define TACT_OPTIONS_HPP_

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tact {

// A rule pack given as text rather than as a file. `name` is used in error
// messages in place of a file name.
struct PackSource {
  std::string name;
  std::string text;
};

// Everything that shapes an Analyzer, with its defaults. Packs are layered
// in order: the embedded pack of `language` (unless `default_pack` is
// false), then `rule_files`, then `rule_texts`; a later rule with the same
// id replaces an earlier one, and a pack's `disable` list removes earlier
// rules.
struct Options {
  // The BCP 47 tag of the text's language. It selects the embedded pack
  // (with its categories and tone model); a pack that declares another
  // language fails to load. A language with no embedded pack needs
  // default_pack = false and a pack of that language that declares its
  // categories and tone model; otherwise the Analyzer fails with
  // Code::invalid_argument.
  std::string language = "en";
  bool default_pack = true;
  std::vector<std::string> rule_files;
  std::vector<PackSource> rule_texts;

  // Longer input is refused with Code::input_too_large (never truncated).
  std::size_t max_input_bytes = std::size_t{16} << 20;
  // A rule-pack source larger than this, or a layered pack with more rules,
  // fails to load with Code::rules.
  std::size_t max_pack_bytes = std::size_t{16} << 20;
  std::size_t max_rules = 50000;
  // Findings (triggers, techniques and signals together) kept per message;
  // past this the first ones in text order are kept and Report::truncated
  // is set, so pathological input cannot grow a report without bound. (One
  // rule also reports at most 32 findings per message, setting truncated
  // past that.)
  std::size_t max_findings = 1000;

  // The time one analyze call may take, from its start; zero: no limit.
  // When it passes, the call stops at its next check and returns
  // Code::deadline_exceeded with the Report filled as far as it got:
  // Report::truncated is set; the findings of the rules matched so far are
  // kept; stages not reached are left empty (tone and escalation scores 0,
  // no edits, rewrite ""). Checks run between stages, between the prefilter's
  // pattern groups, between candidate rules and between rewrite passes, so a
  // call overruns by at most one such step (building the text's view, about
  // 0.1-0.25 s per MB here, is the longest). Results never depend on the deadline
  // when it does not pass.
  std::chrono::microseconds deadline{0};

  // Sections to compute. A section switched off is skipped entirely, and its
  // part of the Report stays empty (scores 0, no edits, rewrite "").
  bool tone = true;     // Report::tone and Report::escalation scores
  bool rewrite = true;  // suggestions, edits and rewrite
};

}  // namespace tact

#endif  // TACT_OPTIONS_HPP_
