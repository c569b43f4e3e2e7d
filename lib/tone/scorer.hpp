// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Tone and escalation scoring: lexicon + heuristics + the pack's findings.
// This header is the interface the Analyzer relies on.
#ifndef TACT_LIB_TONE_SCORER_HPP_
#define TACT_LIB_TONE_SCORER_HPP_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/pack.hpp"
#include "tact/options.hpp"
#include "tact/report.hpp"
#include "tact/status.hpp"
#include "text/document.hpp"

namespace tact::tone {

// One reason behind a score, in view coordinates. For a customer, the
// weights add up to the escalation score's raw sum (score = 1 - exp(-sum));
// for an agent, they are what moved de-escalation (a logistic of the sum).
// Tone cue types: negative_word, negative_sentiment, anger_word, caps,
// exclamation, questions, second_person, imperative, negation and sarcasm
// (escalation); empathy_statement, feeling, empathy, politeness and
// sentiment (de-escalation).
struct Cue {
  CueKind kind = CueKind::tone;
  std::string type;  // the category id, or a tone cue type (above)
  text::Range view;
  double weight = 0.0;
};

// At most this many tone cues of one type per message. The rest (a
// megabyte of "!!!!" has a million) fold into one more cue of that type that
// spans them with their summed weight: the weights still add up, and the
// report stays small whatever the input.
constexpr std::size_t kMaxToneCuesPerType = 32;

// Appends "tone" cues to a list, folding those past kMaxToneCuesPerType of
// one type. (Cues of findings are bounded by the findings.)
class ToneCues {
 public:
  explicit ToneCues(std::vector<Cue>* out) : out_(out) {}
  void add(const char* type, text::Range view, double weight);

 private:
  struct Seen {
    const char* type;
    std::size_t count;
    std::size_t folded;  // index in *out_ of the folding cue, or npos
  };
  std::vector<Cue>* out_;
  std::vector<Seen> seen_;  // one per type so far: a dozen at most
};

struct Result {
  Tone tone;
  int level = 0;       // escalation level, customers only (0 for agents)
  double score = 0.0;  // escalation score, customers only
  std::vector<Cue> cues;
};

class Scorer {
 public:
  // The tone model a pack names (rules::PackData::tone): its tone.toml,
  // whose lexicons are read beside it, within max_pack_bytes each. An
  // embedded one is parsed once per process and shared. On failure returns
  // null and sets *status (Code::rules "file:line: why", Code::io).
  // Throws std::bad_alloc only.
  static std::shared_ptr<const Scorer> load(const rules::DataSource& tone, std::size_t limit,
                                            Status* status);

  // The tone model of the default Options' language. A malformed embedded
  // file is a build-time bug caught by the tests.
  static std::shared_ptr<const Scorer> load_default(Status* status);

  // Scores `doc` written by `role` (agent or customer). `findings` are the
  // pack's findings for that role. Thread-safe.
  virtual Result score(const text::Document& doc, Role role,
                       const std::vector<rules::Finding>& findings) const = 0;

  // Guesses who wrote `doc`, given findings of every role.
  virtual Role guess_role(const text::Document& doc,
                          const std::vector<rules::Finding>& findings) const = 0;

  virtual ~Scorer() = default;
};

}  // namespace tact::tone

#endif  // TACT_LIB_TONE_SCORER_HPP_
