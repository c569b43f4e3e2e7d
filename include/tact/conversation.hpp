// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::Conversation: a help-desk conversation analyzed turn by turn.
//
//   tact::Analyzer analyzer;
//   tact::Conversation c(analyzer);
//   c.append(tact::Role::customer, "Third time I'm writing. I want a refund.");
//   c.append(tact::Role::agent, "I'm so sorry about this.");
//   const tact::ConversationReport& r = c.report();
//   // r.turns[1].unaddressed == {"refund_demand", "repeat_contact"}
//
// Each customer turn gets its escalation level in context and its stage on
// the arc (venting, disarming, calm); each agent turn the customer requests
// still open that it ignores; the conversation a peak and current level, a
// trend, a priority and a route with the turns and spans behind them. The
// policy is the pack's [conversation] table (rules/README.md), layered like
// the rest of the pack.
//
// append() costs O(that turn): the state carried from turn to turn is the
// open requests and a few counters, never the history. analyze_conversation()
// over a list gives a report byte-identical to appending the same turns.
//
// A Conversation is not thread-safe; distinct Conversations are independent.
// It keeps a copy of the Analyzer (cheap, shared) and may outlive it.
#ifndef TACT_CONVERSATION_HPP_
#define TACT_CONVERSATION_HPP_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tact/analyzer.hpp"
#include "tact/export.hpp"
#include "tact/report.hpp"

namespace tact {

// Why a conversation got its route or priority, or why a request is open: a
// signal in one customer turn (`turn` is 0-based), with its span in that
// turn's text. `type` is the signal type, or "peak" / "sustained" for a
// level condition (then the span is empty).
struct ConversationReason {
  std::size_t turn = 0;
  std::string type;
  Span span;
  std::string text;
};

struct ConversationTurn {
  Report report;  // the message analysis, as Analyzer::analyze gives it
  // Customer turns: the level in context (0..4) and "venting", "disarming"
  // or "calm". Agent turns: level 0 and stage "".
  int level = 0;
  std::string stage;
  // Agent turns: the open request types this reply ignores, in the order of
  // the policy's open_requests.
  std::vector<std::string> unaddressed;
};

struct ConversationReport {
  std::string id;
  std::vector<ConversationTurn> turns;
  int peak = 0;                  // highest customer level in context
  int current = 0;               // the last customer turn's level in context
  std::string trend = "steady";  // "escalating", "calming" or "steady"
  std::string priority;          // "P1".."P4" (the policy's names)
  std::string route;             // "stay", "senior", ... (the policy's names)
  std::vector<ConversationReason> reasons;
  // One line of JSON in the CLI's shape (docs/cli.md), no trailing newline.
  TACT_API std::string to_json() const;
};

// The largest number of turns one Conversation accepts; more is refused
// with Code::input_too_large.
constexpr std::size_t kMaxConversationTurns = 100000;

class TACT_API Conversation {
 public:
  // Reads the policy from the analyzer's packs. Check status(): a failed
  // analyzer or a bad [conversation] table leaves the Conversation unusable
  // (every append returns that status). Throws std::bad_alloc only.
  explicit Conversation(const Analyzer& analyzer, std::string id = {});
  ~Conversation();
  Conversation(Conversation&&) noexcept;
  Conversation& operator=(Conversation&&) noexcept;

  const Status& status() const noexcept;

  // Analyzes one more turn. `role` must be agent or customer
  // (invalid_argument otherwise). Errors as Analyzer::analyze; on an error
  // the conversation is unchanged. Throws std::bad_alloc only.
  Status append(Role role, std::string_view text);

  // The report as of the last appended turn.
  const ConversationReport& report() const noexcept;

  struct State;  // private

 private:
  std::unique_ptr<State> state_;
};

struct ConversationInput {
  Role role = Role::customer;
  std::string text;
};

// The one-call form: the same result as appending `turns` in order. An empty
// list gives invalid_argument. Throws std::bad_alloc only.
TACT_API Status analyze_conversation(const Analyzer& analyzer,
                                     const std::vector<ConversationInput>& turns,
                                     ConversationReport* out, std::string id = {});

}  // namespace tact

#endif  // TACT_CONVERSATION_HPP_
