// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact conversation`: JSON Lines conversations in, one report each out.
#ifndef TACT_CLI_CONVERSATION_HPP_
#define TACT_CLI_CONVERSATION_HPP_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/core.hpp"

namespace tact::cli {

struct ConversationSettings {
  std::string format = "text";
  std::string group_by;  // empty: one conversation per line
  std::vector<std::string> rules;
  bool no_default_pack = false;
  std::string language = tact::Options().language;
  std::vector<std::string> files;
};

// One conversation as read from a `tact conversation` line.
struct ConversationRequest {
  std::string id_json = "null";  // the id token, or "null"
  std::vector<ConversationInput> turns;
  std::string error;  // set: the conversation is reported as an error
};

// Reads a conversation object {"id"?, "turns": [{"role", "text"}...]}.
ConversationRequest read_conversation(const nlohmann::json& j);

// The JSON line `tact conversation --format json` prints for `c`, without a
// newline: its report, or an error line (then *error says why; else it is
// cleared). `tact serve` answers /v1/conversation with it.
std::string conversation_json(const core::Analyzer& analyzer, const ConversationRequest& c,
                              std::string* error);

// False, with the reason on stderr, when `analyzer` failed to load or its
// packs' conversation policy does not (checked by opening one conversation).
bool ready_for_conversations(const core::Analyzer& analyzer);

// Returns the exit status (0, or 2 when anything failed; docs/cli.md).
int run_conversation(const ConversationSettings& s);

}  // namespace tact::cli

#endif  // TACT_CLI_CONVERSATION_HPP_
