// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// What a conversation analysis gives: per turn the message report, the
// level in context and stage or the requests left open; for the whole
// conversation a peak, current level, trend, priority and route with the
// reasons behind them. Plain values, header-only.
#ifndef TACT_CONVERSATION_REPORT_HPP_
#define TACT_CONVERSATION_REPORT_HPP_

#include <cstddef>
#include <string>
#include <vector>

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
};

// The largest number of turns one Conversation accepts; more is refused
// with Code::input_too_large.
constexpr std::size_t kMaxConversationTurns = 100000;

// One turn of a conversation given as a list (analyze_conversation).
struct ConversationInput {
  Role role = Role::customer;
  std::string text;
};

}  // namespace tact

#endif  // TACT_CONVERSATION_REPORT_HPP_
