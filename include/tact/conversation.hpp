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
// over a list gives a report identical to appending the same turns.
//
// Header-only over tact_conversation_* (tact.h). A Conversation is not
// thread-safe; distinct Conversations are independent. It shares the
// Analyzer's compiled pack and may outlive the Analyzer.
#ifndef TACT_CONVERSATION_HPP_
#define TACT_CONVERSATION_HPP_

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tact.h"
#include "tact/analyzer.hpp"
#include "tact/conversation_report.hpp"
#include "tact/report.hpp"
#include "tact/status.hpp"

namespace tact {

class Conversation {
 public:
  // Reads the policy from the analyzer's packs. Check status(): a failed
  // analyzer or a bad [conversation] table leaves the Conversation unusable
  // (every append returns that status). Throws std::bad_alloc only.
  explicit Conversation(const Analyzer& analyzer, std::string id = {}) {
    report_.id = std::move(id);
    if (!analyzer.ok()) {
      status_ = {Code::invalid_argument,
                 "conversation: the analyzer failed to build: " + analyzer.status().message};
      return;
    }
    tact_conversation* c = nullptr;
    const int rc = tact_conversation_new(&c, analyzer.native_handle());
    if (rc == TACT_E_NOMEM) throw std::bad_alloc();
    status_ = detail::status_of(rc);
    handle_.reset(c);
  }

  const Status& status() const noexcept { return status_; }

  // Analyzes one more turn. `role` must be agent or customer
  // (invalid_argument otherwise). Errors as Analyzer::analyze; on an error
  // the conversation is unchanged. Throws std::bad_alloc only.
  Status append(Role role, std::string_view text) {
    if (!handle_) return status_;
    const int rc = tact_conversation_append(handle_.get(), text.data(), text.size(),
                                            static_cast<tact_role>(role));
    if (rc == TACT_E_NOMEM) throw std::bad_alloc();
    if (rc != TACT_OK) return detail::status_of(rc);
    refresh();
    return {};
  }

  // The report as of the last appended turn.
  const ConversationReport& report() const noexcept { return report_; }

  // The report as one line of JSON in the CLI's shape (docs/cli.md, `tact
  // conversation`) with id "", without a trailing newline. Throws
  // tact::Error when status() is not ok, std::bad_alloc when out of memory.
  std::string json() const {
    if (!handle_) throw Error(status_);
    const char* text = nullptr;
    std::size_t len = 0;
    const int rc = tact_conversation_json(&text, &len, handle_.get());
    if (rc == TACT_E_NOMEM) throw std::bad_alloc();
    if (rc != TACT_OK) throw Error(detail::status_of(rc));
    return std::string(text, len);
  }

  // The C conversation, borrowed; null when status() is not ok.
  tact_conversation* native_handle() const noexcept { return handle_.get(); }

 private:
  struct Free {
    void operator()(tact_conversation* c) const noexcept { tact_conversation_free(c); }
  };

  // Copies the newest turn and the conversation-wide fields.
  void refresh() {
    const tact_conversation* c = handle_.get();
    const std::size_t n = tact_conversation_turn_count(c);
    while (report_.turns.size() < n) {
      const std::size_t i = report_.turns.size();
      ConversationTurn turn;
      const tact_report* r = tact_conversation_turn_report(c, i);
      if (r == nullptr) throw std::bad_alloc();
      detail::copy_report(r, &turn.report);
      turn.level = tact_conversation_turn_level(c, i);
      turn.stage = detail::string_of(tact_conversation_turn_stage(c, i));
      const std::size_t open = tact_conversation_unaddressed_count(c, i);
      for (std::size_t k = 0; k < open; ++k) {
        turn.unaddressed.push_back(detail::string_of(tact_conversation_unaddressed_at(c, i, k)));
      }
      report_.turns.push_back(std::move(turn));
    }
    report_.peak = tact_conversation_peak(c);
    report_.current = tact_conversation_current(c);
    report_.trend = detail::string_of(tact_conversation_trend(c));
    report_.priority = detail::string_of(tact_conversation_priority(c));
    report_.route = detail::string_of(tact_conversation_route(c));
    const std::size_t reasons = tact_conversation_reason_count(c);
    report_.reasons.resize(reasons);
    for (std::size_t i = 0; i < reasons; ++i) {
      const tact_conversation_reason* r = tact_conversation_reason_at(c, i);
      if (r == nullptr) throw std::bad_alloc();
      report_.reasons[i] = {r->turn, detail::string_of(r->type), detail::span_of(r->span),
                            detail::string_of(r->text)};
    }
  }

  std::unique_ptr<tact_conversation, Free> handle_;
  Status status_;
  ConversationReport report_;
};

// The one-call form: the same result as appending `turns` in order. An empty
// list gives invalid_argument. Throws std::bad_alloc only.
inline Status analyze_conversation(const Analyzer& analyzer,
                                   const std::vector<ConversationInput>& turns,
                                   ConversationReport* out, std::string id = {}) {
  if (out == nullptr) return {Code::invalid_argument, "out is null"};
  *out = ConversationReport();
  if (turns.empty()) return {Code::invalid_argument, "a conversation needs at least one turn"};
  Conversation c(analyzer, std::move(id));
  if (!c.status().ok()) return c.status();
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (Status st = c.append(turns[i].role, turns[i].text); !st.ok()) {
      st.message = "turn " + std::to_string(i) + ": " + st.message;
      return st;
    }
  }
  *out = c.report();
  return {};
}

}  // namespace tact

#endif  // TACT_CONVERSATION_HPP_
