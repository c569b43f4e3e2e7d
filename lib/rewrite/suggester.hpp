// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Suggestions per trigger and the whole-reply rewrite. This header is the
// interface the Analyzer relies on.
#ifndef TACT_LIB_REWRITE_SUGGESTER_HPP_
#define TACT_LIB_REWRITE_SUGGESTER_HPP_

#include <string>
#include <vector>

#include "rules/pack.hpp"
#include "text/document.hpp"

namespace tact::rewrite {

struct Edit {
  text::Range original;  // bytes of Document::original() to replace
  std::string replacement;
};

// The reason for a finding whose whole-clause suggestions (Rule::clause)
// would sit inside a clause: a word, not punctuation, touches the phrase.
inline constexpr const char* kClauseSeam = "clause_seam";
// None of a finding's suggestions fits where the phrase stands.
inline constexpr const char* kNoFit = "no_fit";
// The writer already says the suggestion's wording beside the phrase.
inline constexpr const char* kAlreadySaid = "already_said";
// The rule's suggestions are advice, never spliced (Rule::splice).
inline constexpr const char* kAdvice = "advice";

// An edit the fluency guard refused (guard.hpp), with why.
struct Declined {
  Edit edit;
  const char* reason = "";  // a static string
};

struct Output {
  // suggestions[i]: rendered replacements for triggers[i], best first.
  std::vector<std::vector<std::string>> suggestions;
  std::vector<Edit> edits;  // non-overlapping, in text order
  std::string text;         // the original with every edit applied
  // The rewrite may hold a trigger after all: a finding lost an overlap, or
  // a deletion joined text that stood apart. Only then is a re-check worth
  // its cost; every suggestion on its own is trigger-free (the pack's tests).
  bool unsettled = false;
  std::vector<Declined> declined;  // edits not applied, in text order
};

// Renders suggestions for `triggers` (findings of family trigger, in view
// order) and the whole-reply rewrite, in the packs' `style`. Thread-safe;
// throws std::bad_alloc only.
void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers,
             const rules::RewriteStyle& style, Output* out);

// How many times the re-checking suggest() below rewrites at most.
constexpr int kMaxPasses = 3;

// As above (in pack.rewrite_style()), then re-checks an unsettled rewrite:
// matches it with `pack`
// for `role` and, while that finds triggers it can fix (a phrase that lost
// an overlap, one formed across a seam), rewrites the rewrite, up to
// kMaxPasses rounds in all. Edits and text always refer to
// doc.original(); suggestions are the first round's, for `triggers`.
// When `deadline` (if not null) passes during a re-check, the call returns
// at once and the rewrite may still hold a trigger: the caller drops it.
void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers,
             const rules::Pack& pack, Role role, Output* out, const Deadline* deadline = nullptr);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_SUGGESTER_HPP_
