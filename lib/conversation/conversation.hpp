// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact::core::Conversation: a help-desk conversation analyzed turn by turn.
//
//   tact::core::Analyzer analyzer;
//   tact::core::Conversation c(analyzer);
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
//
// Internal: callers use tact_conversation_* (capi/tact.h) or the header-only
// tact::Conversation over it (include/tact/conversation.hpp).
#ifndef TACT_CORE_CONVERSATION_HPP_
#define TACT_CORE_CONVERSATION_HPP_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.hpp"
#include "tact/conversation_report.hpp"

namespace tact::core {

class Conversation {
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

// The one-call form: the same result as appending `turns` in order. An empty
// list gives invalid_argument. Throws std::bad_alloc only.
Status analyze_conversation(const Analyzer& analyzer, const std::vector<ConversationInput>& turns,
                            ConversationReport* out, std::string id = {});

}  // namespace tact::core

#endif  // TACT_CORE_CONVERSATION_HPP_
