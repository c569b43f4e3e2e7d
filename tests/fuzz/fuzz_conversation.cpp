// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Fuzz target: a conversation from arbitrary bytes. Each '\n'-separated
// line is a turn whose first byte picks the role (agent, customer, or an
// invalid one that must be refused without changing the conversation). The
// invariants: appends never fail otherwise, levels and stages stay in range,
// unaddressed requests are a subset of the policy's types, and the
// incremental report is byte-identical to the one-call report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const tact::core::Analyzer analyzer;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  tact::core::Conversation c(analyzer, "f");
  require(c.status().ok());
  std::vector<tact::ConversationInput> turns;
  std::size_t pos = 0;
  while (pos < input.size() && turns.size() < 64) {
    std::size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view line = input.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    const int pick = static_cast<unsigned char>(line[0]) % 3;
    const std::string_view text = line.substr(1);
    if (pick == 2) {
      const std::size_t before = c.report().turns.size();
      require(c.append(tact::Role::automatic, text).code == tact::Code::invalid_argument);
      require(c.report().turns.size() == before);
      continue;
    }
    const tact::Role role = pick == 0 ? tact::Role::agent : tact::Role::customer;
    require(c.append(role, text).ok());
    turns.push_back({role, std::string(text)});
  }
  const tact::ConversationReport& r = c.report();
  require(r.peak >= 0 && r.peak <= 4 && r.current >= 0 && r.current <= r.peak);
  for (const tact::ConversationTurn& t : r.turns) {
    require(t.level >= 0 && t.level <= 4);
    if (t.report.role == tact::Role::customer) {
      require(t.stage == "venting" || t.stage == "disarming" || t.stage == "calm");
    } else {
      require(t.stage.empty());
    }
  }
  for (const tact::ConversationReason& reason : r.reasons) require(reason.turn < r.turns.size());
  tact::ConversationReport one;
  const tact::Status s = tact::core::analyze_conversation(analyzer, turns, &one, "f");
  if (turns.empty()) {
    require(s.code == tact::Code::invalid_argument);
  } else {
    require(s.ok());
    require(tact::core::to_json(one) == tact::core::to_json(r));
  }
  return 0;
}
