// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The conversation policy: the pack's [conversation] table, layered and
// compiled (rules/en/conversation.toml documents every key).
#ifndef TACT_LIB_CONVERSATION_POLICY_HPP_
#define TACT_LIB_CONVERSATION_POLICY_HPP_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "tact/status.hpp"

namespace tact::conversation {

// One route or priority rule: it holds when any of its conditions does.
struct Condition {
  std::string name;
  std::vector<std::string> signals;
  std::vector<std::string> routes;
  int peak_at_least = -1;  // -1: no such condition
  int sustained_level = -1;
  int sustained_turns = 0;
  std::string signal_with_level;
  int with_level = -1;
};

struct Answers {
  std::string type;
  std::vector<std::unique_ptr<RE2>> patterns;
  std::vector<std::string> techniques;         // a reply with one of them answers too
  std::vector<std::string> triggers;           // trigger categories: a decline answers too
  std::vector<std::unique_ptr<RE2>> withdraw;  // a customer turn taking it back
};

// A signal raised only when the customer turn that carries `signal` also
// matches one of `patterns` (e.g. repeat_contact_many: the third contact).
struct Qualified {
  std::string name;
  std::string signal;
  std::vector<std::unique_ptr<RE2>> patterns;
};

struct Policy {
  int carry_decay = 1;
  int carry_max_words = 6;
  double positive_sentiment = 0.5;
  int venting_level = 2;
  int disarming_level = 1;
  // A turn without a calming cue stays at least at this level, or at the
  // previous one when lower (wary, not yet calm).
  int wary_level = 1;
  // After an agent reply that left a request open or carried a trigger, the
  // next customer turn keeps the previous level unless it calms at level 0.
  bool hold_after_bad_reply = true;
  // A reply that leaves a request open but carries one of these techniques
  // still makes progress: it does not count as bad.
  std::vector<std::string> progress_techniques;
  // A calming turn steps down at most this many levels from the previous one.
  int calming_decay = 2;
  std::vector<std::unique_ptr<RE2>> engaging;  // customer accepting a next step
  // Accepting grudgingly ("fine.", "we'll see"): the level carries as usual.
  std::vector<std::unique_ptr<RE2>> grudging;
  std::vector<std::unique_ptr<RE2>> pushback;  // customer saying they are not heard
  // A pushback turn rises this many levels above the previous one, to at most
  // pushback_cap.
  int pushback_rise = 1;
  int pushback_cap = 3;
  std::vector<std::unique_ptr<RE2>> calming;         // customer calming cues
  std::vector<std::unique_ptr<RE2>> calming_unless;  // sarcastic look-alikes
  // Signals that lapse for routing when the customer's last turn calms at or
  // below wary_level (a threat that hung on the problem).
  std::vector<std::string> lapse_when_calm;
  // Level 4 is abuse: a customer turn carrying none of these signals stays
  // at 3 at most, in context too (empty: no cap).
  std::vector<std::string> abuse_signals;
  std::vector<Qualified> qualified;
  std::vector<std::string> open_requests;
  std::vector<Answers> answers;  // one per open request type, same order
  std::vector<Condition> routes;
  std::vector<Condition> priorities;
  std::string default_route;
  std::string default_priority;
};

// Layers the embedded default and every [conversation] table of the
// analyzer's rule files and texts, in the analyzer's order, then compiles
// it. Errors: Code::rules with "source: conversation.key: why".
Status load_policy(const core::Analyzer& analyzer, std::shared_ptr<const Policy>* out);

}  // namespace tact::conversation

#endif  // TACT_LIB_CONVERSATION_POLICY_HPP_
