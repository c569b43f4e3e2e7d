// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The conversation stage: per-turn state carried forward so that each
// append costs O(that turn) (open requests, a few counters, the first span
// of each signal type), never a pass over the history.
#include "conversation/conversation.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "conversation/policy.hpp"

namespace tact::core {

using conversation::Condition;
using conversation::Policy;

struct Conversation::State {
  // Built from the caller's analyzer: a default-constructed Analyzer would
  // build the embedded pack's analyzer again (milliseconds) only to drop it.
  explicit State(const Analyzer& a) : analyzer(a) {}
  Analyzer analyzer;
  std::shared_ptr<const Policy> policy;
  Status status;
  ConversationReport report;
  int prev_level = -1;  // the last customer turn's level in context
  // The last turn was the customer's: a turn straight after it goes on
  // with the same message and carries its level whole.
  bool customer_last = false;
  int first_level = -1;
  bool vented = false;
  std::size_t peak_turn = 0;
  std::array<int, 5> turns_at_least{};  // customer turns at level >= i
  std::array<std::size_t, 5>
      turn_reaching{};  // the turn that made turns_at_least[i] reach its count
  // The first turn raising each signal type, in order of first appearance;
  // `active` false once the customer withdrew it (a later raise restores it).
  std::vector<ConversationReason> raised;
  std::vector<bool> active;
  std::vector<bool> open;  // per policy->open_requests
  // An agent reply since the last customer turn left a request open or
  // carried a trigger.
  bool bad_reply = false;
  // The request types the last agent reply ignored.
  std::vector<std::string> ignored;
  // The last customer turn calmed (a calming cue, at or below wary_level):
  // threats that hung on the problem (policy->lapse_when_calm) no longer
  // count for routing.
  bool settled = false;

  const ConversationReason* find_raised(const std::string& type) const {
    for (std::size_t i = 0; i < raised.size(); ++i) {
      if (raised[i].type != type) continue;
      if (!active[i]) return nullptr;
      if (settled && std::find(policy->lapse_when_calm.begin(), policy->lapse_when_calm.end(),
                               type) != policy->lapse_when_calm.end())
        return nullptr;
      return &raised[i];
    }
    return nullptr;
  }

  void raise(std::size_t index, const std::string& type, const Span& span,
             const std::string& text) {
    for (std::size_t i = 0; i < raised.size(); ++i) {
      if (raised[i].type != type) continue;
      if (!active[i]) {
        raised[i] = {index, type, span, text};
        active[i] = true;
      }
      return;
    }
    raised.push_back({index, type, span, text});
    active.push_back(true);
  }

  // Whether `c` holds; its reasons are appended to *why when it does.
  bool holds(const Condition& c, const std::string& route,
             std::vector<ConversationReason>* why) const {
    bool any = false;
    for (const std::string& s : c.signals) {
      if (const ConversationReason* r = find_raised(s)) {
        why->push_back(*r);
        any = true;
      }
    }
    if (std::find(c.routes.begin(), c.routes.end(), route) != c.routes.end()) any = true;
    if (c.peak_at_least >= 0 && report.peak >= c.peak_at_least && first_level >= 0) {
      why->push_back({peak_turn, "peak", {}, {}});
      any = true;
    }
    if (c.sustained_level >= 0 &&
        turns_at_least[static_cast<std::size_t>(c.sustained_level)] >= c.sustained_turns) {
      why->push_back(
          {turn_reaching[static_cast<std::size_t>(c.sustained_level)], "sustained", {}, {}});
      any = true;
    }
    if (!c.signal_with_level.empty() && c.with_level >= 0 && report.peak >= c.with_level) {
      if (const ConversationReason* r = find_raised(c.signal_with_level)) {
        why->push_back(*r);
        any = true;
      }
    }
    return any;
  }

  void decide() {
    std::vector<ConversationReason> why;
    report.route = policy->default_route;
    for (const Condition& c : policy->routes) {
      std::vector<ConversationReason> w;
      if (holds(c, "", &w)) {
        report.route = c.name;
        why = std::move(w);
        break;
      }
    }
    report.priority = policy->default_priority;
    for (const Condition& c : policy->priorities) {
      std::vector<ConversationReason> w;
      if (holds(c, report.route, &w)) {
        report.priority = c.name;
        for (ConversationReason& r : w) {
          const bool dup = std::any_of(why.begin(), why.end(), [&](const ConversationReason& x) {
            return x.turn == r.turn && x.type == r.type;
          });
          if (!dup) why.push_back(std::move(r));
        }
        break;
      }
    }
    report.reasons = std::move(why);
    if (first_level < 0 || report.current == first_level) {
      report.trend = "steady";
    } else {
      report.trend = report.current > first_level ? "escalating" : "calming";
    }
  }
};

namespace {

bool any_match(const std::vector<std::unique_ptr<RE2>>& patterns, std::string_view text,
               Span* span = nullptr) {
  const re2::StringPiece input(text.data(), text.size());
  for (const auto& re : patterns) {
    re2::StringPiece m;
    if (re->Match(input, 0, input.size(), RE2::UNANCHORED, &m, 1)) {
      if (span != nullptr) {
        span->start = static_cast<std::size_t>(m.data() - text.data());
        span->end = span->start + m.size();
      }
      return true;
    }
  }
  return false;
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::size_t words(std::string_view text) {
  std::size_t n = 0;
  bool in = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

}  // namespace

Conversation::Conversation(const Analyzer& analyzer, std::string id)
    : state_(std::make_unique<State>(analyzer)) {
  state_->report.id = std::move(id);
  state_->status = conversation::load_policy(analyzer, &state_->policy);
  if (state_->status.ok()) {
    state_->open.assign(state_->policy->open_requests.size(), false);
    state_->decide();
  }
}

Conversation::~Conversation() = default;
Conversation::Conversation(Conversation&&) noexcept = default;
Conversation& Conversation::operator=(Conversation&&) noexcept = default;

const Status& Conversation::status() const noexcept {
  return state_->status;
}

const ConversationReport& Conversation::report() const noexcept {
  return state_->report;
}

Status Conversation::append(Role role, std::string_view text) {
  State& s = *state_;
  if (!s.status.ok()) return s.status;
  if (role != Role::agent && role != Role::customer) {
    return {Code::invalid_argument, "a conversation turn's role must be agent or customer"};
  }
  if (s.report.turns.size() >= kMaxConversationTurns) {
    return {Code::input_too_large,
            "a conversation holds at most " + std::to_string(kMaxConversationTurns) + " turns"};
  }
  ConversationTurn turn;
  if (Status st = s.analyzer.analyze(text, role, &turn.report); !st.ok()) return st;
  const Policy& p = *s.policy;
  const std::size_t index = s.report.turns.size();
  if (role == Role::customer) {
    // Level 4 is abuse (insults, profanity): without such a signal a turn is
    // at most angry, whatever the message score or the turn before it said.
    const bool abusive =
        p.abuse_signals.empty() ||
        std::any_of(turn.report.escalation.signals.begin(), turn.report.escalation.signals.end(),
                    [&](const Signal& sig) { return listed(p.abuse_signals, sig.type); });
    const int top = abusive ? 4 : 3;
    const int own = std::clamp(turn.report.escalation.level, 0, top);
    const bool sarcastic = any_match(p.calming_unless, text);
    const bool calming_cue = any_match(p.calming, text) && !sarcastic;
    // Accepting through gritted teeth ("fine.", "we'll see", "I'll hold you
    // to that") still carries the anger, however positive its words.
    const bool grudging = any_match(p.grudging, text);
    const bool calming = calming_cue || (turn.report.tone.sentiment > p.positive_sentiment &&
                                         !sarcastic && !grudging);
    // Accepting the agent's next step ("I'll wait for the call", "here it
    // is") is engaging, not pushing back, even after a poor reply.
    const bool engaging = any_match(p.engaging, text);
    // Saying they are not heard ("I already said", "did you even read")
    // pushes back whatever the reply was.
    // Asking again for what the last reply ignored pushes back too.
    const bool asks_again = std::any_of(
        turn.report.escalation.signals.begin(), turn.report.escalation.signals.end(),
        [&](const Signal& sig) {
          return std::find(s.ignored.begin(), s.ignored.end(), sig.type) != s.ignored.end();
        });
    // Sarcasm about a reply that ignored a request or inflamed ("Really
    // helpful.", "thanks for nothing") is the customer saying they were not
    // heard, in other words.
    const bool pushback = s.prev_level >= 0 &&
                          (asks_again || any_match(p.pushback, text) || (sarcastic && s.bad_reply));
    const bool pushed = (s.bad_reply && p.hold_after_bad_reply && !engaging) || pushback;
    int level = own;
    if (s.prev_level >= 0) {
      if (pushed && !(calming && own <= 1)) {
        // The agent ignored a request or inflamed: the customer stays where
        // they were, whatever the turn's words.
        level = std::max(level, s.prev_level);
        // Having to say it again angers: one level up, to pushback_cap.
        if (pushback)
          level = std::max(level, std::min(s.prev_level + p.pushback_rise, p.pushback_cap));
      } else if (calming) {
        // Customers step down the arc; thanks after anger is not yet calm.
        level = std::max(level, s.prev_level - p.calming_decay);
      } else if (s.customer_last) {
        // A second turn before any reply goes on with the same message.
        level = std::max(level, s.prev_level);
      } else if (engaging && !grudging) {
        // Taking up the next step ("ok, I'll wait for the call", "uploading
        // it now") leaves the anger behind; only wary_level (below) holds.
      } else if (p.carry_max_words == 0 ||
                 words(text) <= static_cast<std::size_t>(p.carry_max_words)) {
        level = std::max(level, s.prev_level - p.carry_decay);
      }
    }
    // A customer who raised a problem stays concerned until words of calming
    // (thanks, relief) say otherwise: answering the agent's question ("it
    // says expired") is not the problem solved, whether or not they vented
    // first, and a positive tone alone ("ok, fair enough") softens without
    // settling it.
    if (!calming_cue && s.prev_level >= 0)
      level = std::max(level, std::min(p.wary_level, s.prev_level));
    level = std::min(level, top);
    turn.level = level;
    if (level >= p.venting_level && (own >= p.venting_level || pushed)) {
      turn.stage = "venting";
      s.vented = true;
    } else if (s.vented && level >= p.disarming_level) {
      turn.stage = "disarming";
    } else {
      turn.stage = "calm";
    }
    // Only words of calming settle a threat; a positive tone alone does not.
    s.settled = calming_cue && level <= p.wary_level;
    s.bad_reply = false;
    s.ignored.clear();
    s.customer_last = true;
    if (s.first_level < 0 || level > s.report.peak) {
      s.report.peak = level;
      s.peak_turn = index;
    }
    if (s.first_level < 0) s.first_level = level;
    s.prev_level = level;
    s.report.current = level;
    for (int i = 0; i <= level; ++i) {
      const auto u = static_cast<std::size_t>(i);
      ++s.turns_at_least[u];
      s.turn_reaching[u] = index;
    }
    std::vector<std::string> here;  // the types this turn raises
    for (const Signal& sig : turn.report.escalation.signals) {
      s.raise(index, sig.type, sig.span, sig.text);
      here.push_back(sig.type);
      for (std::size_t r = 0; r < p.open_requests.size(); ++r) {
        if (p.open_requests[r] == sig.type) s.open[r] = true;
      }
      for (const conversation::Qualified& q : p.qualified) {
        Span span;
        if (q.signal == sig.type && any_match(q.patterns, text, &span)) {
          s.raise(index, q.name, span, std::string(text.substr(span.start, span.end - span.start)));
        }
      }
    }
    // Taking a request back ("no need for a manager then") closes it and
    // drops it from routing, unless this same turn raises it again.
    for (std::size_t r = 0; r < p.open_requests.size(); ++r) {
      const std::string& type = p.open_requests[r];
      if (std::find(here.begin(), here.end(), type) != here.end()) continue;
      if (!any_match(p.answers[r].withdraw, text)) continue;
      s.open[r] = false;
      for (std::size_t i = 0; i < s.raised.size(); ++i) {
        if (s.raised[i].type == type || std::any_of(p.qualified.begin(), p.qualified.end(),
                                                    [&](const conversation::Qualified& q) {
                                                      return q.signal == type &&
                                                             q.name == s.raised[i].type;
                                                    }))
          s.active[i] = false;
      }
    }
  } else {
    for (std::size_t r = 0; r < p.open_requests.size(); ++r) {
      if (!s.open[r]) continue;
      const conversation::Answers& a = p.answers[r];
      // A decline (a trigger of a.triggers) answers too, however bluntly.
      const bool answered =
          any_match(a.patterns, text) ||
          std::any_of(turn.report.techniques.begin(), turn.report.techniques.end(),
                      [&](const Technique& t) { return listed(a.techniques, t.type); }) ||
          std::any_of(turn.report.triggers.begin(), turn.report.triggers.end(),
                      [&](const Trigger& t) { return listed(a.triggers, t.category); });
      if (answered) {
        s.open[r] = false;
      } else {
        turn.unaddressed.push_back(p.open_requests[r]);
      }
    }
    const bool inflames =
        std::any_of(turn.report.triggers.begin(), turn.report.triggers.end(),
                    [](const Trigger& t) { return t.severity != Severity::info; });
    const bool progress =
        std::any_of(turn.report.techniques.begin(), turn.report.techniques.end(),
                    [&](const Technique& t) { return listed(p.progress_techniques, t.type); });
    if ((!turn.unaddressed.empty() && !progress) || inflames) s.bad_reply = true;
    s.ignored = turn.unaddressed;
    s.customer_last = false;
  }
  s.report.turns.push_back(std::move(turn));
  s.decide();
  return {};
}

Status analyze_conversation(const Analyzer& analyzer, const std::vector<ConversationInput>& turns,
                            ConversationReport* out, std::string id) {
  if (out == nullptr) return {Code::invalid_argument, "out is null"};
  *out = ConversationReport{};
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

}  // namespace tact::core
