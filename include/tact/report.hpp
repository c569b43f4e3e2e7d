// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The result of one analysis: tone, escalation, trigger phrases with
// suggestions, de-escalation techniques, rewrite edits and the rewritten text.
//
// A Report is a plain value: it owns all of its strings, may outlive the
// Analyzer that produced it, and may be copied or moved freely. Reading a
// const Report from several threads is safe.
#ifndef TACT_REPORT_HPP_
#define TACT_REPORT_HPP_

#include <cstddef>
#include <string>
#include <vector>

namespace tact {

// Who wrote a message. `automatic` asks the analyzer to guess; the guess is
// reported in Report::role with Report::role_guessed set.
enum class Role { agent, customer, automatic };

// "agent", "customer" or "auto".
constexpr const char* role_name(Role role) noexcept {
  switch (role) {
    case Role::agent: return "agent";
    case Role::customer: return "customer";
    case Role::automatic: return "auto";
  }
  return "agent";
}

// Severity of a trigger phrase, lowest first.
enum class Severity { info, warning, error };

// "info", "warning" or "error".
constexpr const char* severity_name(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

// A half-open span of the caller's original text. `start`/`end` are UTF-8
// byte offsets; `start_utf16`/`end_utf16` are UTF-16 code-unit offsets into
// the same text converted to UTF-16 (each invalid UTF-8 sequence counting as
// one U+FFFD). Spans never split a code point or a grapheme cluster.
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t start_utf16 = 0;
  std::size_t end_utf16 = 0;
};

// Where a finding comes from: a rule of the pack matched a phrase, or the
// pack's learned model alone flagged a sentence (docs/model.md). A model
// finding's span is its whole sentence; the rewrite never edits it.
enum class Source { rule, model };

// "rule" or "model".
constexpr const char* source_name(Source source) noexcept {
  return source == Source::model ? "model" : "rule";
}

// A trigger phrase in an agent draft: something that tends to inflame.
struct Trigger {
  std::string rule;      // rule id, e.g. "trigger.uncertainty.dont-know"
  std::string category;  // a trigger id (docs/categories.md), e.g. "uncertainty"
  Severity severity = Severity::warning;
  Span span;
  std::string text;                      // the original bytes of the span
  std::string message;                   // what the phrase does and what to do instead
  std::vector<std::string> suggestions;  // replacements, best first
  Source source = Source::rule;
  // The model's probability for a model finding; 1 for a rule's.
  double probability = 1.0;
};

// A de-escalation technique the reply already uses (agent role).
struct Technique {
  std::string rule;
  std::string type;  // e.g. "apologize"
  Span span;
  std::string text;
  Source source = Source::rule;
  double probability = 1.0;  // as Trigger::probability
};

// An escalation signal in a customer message.
struct Signal {
  std::string rule;
  std::string type;  // e.g. "manager_request"
  Span span;
  std::string text;
  Source source = Source::rule;
  double probability = 1.0;  // as Trigger::probability
};

// What a cue is: a finding of one of the three families, or a tone cue (a
// lexicon word, shouting, …). The numbers are the C ABI's tact_cue_kind.
enum class CueKind { signal, technique, trigger, tone };

// "signal", "technique", "trigger" or "tone".
constexpr const char* cue_kind_name(CueKind kind) noexcept {
  switch (kind) {
    case CueKind::signal: return "signal";
    case CueKind::technique: return "technique";
    case CueKind::trigger: return "trigger";
    case CueKind::tone: return "tone";
  }
  return "tone";
}

// One reason behind a score: a finding or a tone cue, with its weight.
struct Cue {
  CueKind kind = CueKind::tone;
  std::string type;
  Span span;
  double weight = 0.0;
};

struct Tone {
  double sentiment = 0.0;     // [-1, 1]
  double anger = 0.0;         // [0, 1]
  double politeness = 0.0;    // [0, 1]
  double empathy = 0.0;       // [0, 1]
  double deescalation = 0.0;  // [0, 1]
};

struct Escalation {
  int level = 0;  // 0 calm … 4 hostile
  std::string label = "calm";
  double score = 0.0;  // [0, 1]
  std::vector<Signal> signals;
  std::vector<Cue> cues;  // every contribution to score (and, for agent
                          // drafts, to Tone::deescalation)
};

// One replacement of a span of the original text. Applying a report's edits
// right to left turns the original into Report::rewrite.
// An edit in Report::declined is one the fluency guard refused: splicing
// it would have broken the sentence (docs/rewrite.md), so the rewrite keeps
// the writer's words there; the trigger and its suggestions stay reported.
struct Edit {
  Span span;
  std::string replacement;
  bool applied = true;  // false for the edits of Report::declined
  // Why an edit was not applied: "doubled_word", "repeated_phrase",
  // "orphan_opener", "spacing", "clause_seam" (a whole-clause suggestion
  // inside a clause), "no_fit" (every suggestion is for another position
  // in the sentence), "already_said" (the writer already says the
  // suggestion's wording beside the phrase) or "advice" (offered, not
  // spliced: the rule's suggestions are advice, or the message has nothing
  // but information to mend); empty when applied.
  std::string reason;
};

struct Report {
  std::string id;  // echoed from the input when it had one; may be empty
  Role role = Role::agent;
  bool role_guessed = false;  // true when Role::automatic chose `role`
  Tone tone;
  Escalation escalation;
  std::vector<Trigger> triggers;
  std::vector<Technique> techniques;
  std::vector<Edit> edits;
  std::string rewrite;  // the whole reply with every edit applied
  // Edits the fluency guard did not apply, in text order; `rewrite` does
  // not contain them.
  std::vector<Edit> declined;
  // True when findings may be missing: the message had more than
  // Options::max_findings and only the first ones were kept, or the search
  // for one rule stopped early (after 32 findings, or after 256 matches it
  // rejected) while the text went on.
  bool truncated = false;
};

// Levels' labels: "calm", "concerned", "frustrated", "angry", "hostile".
// Returns "calm" for a level outside 0..4.
constexpr const char* escalation_label(int level) noexcept {
  switch (level) {
    case 1: return "concerned";
    case 2: return "frustrated";
    case 3: return "angry";
    case 4: return "hostile";
    default: return "calm";
  }
}

}  // namespace tact

#endif  // TACT_REPORT_HPP_
