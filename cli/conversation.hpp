// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact conversation`: JSON Lines conversations in, one report each out.
#ifndef TACT_CLI_CONVERSATION_HPP_
#define TACT_CLI_CONVERSATION_HPP_

#include <string>
#include <vector>

namespace tact::cli {

struct ConversationSettings {
  std::string format = "text";
  std::string group_by;  // empty: one conversation per line
  std::vector<std::string> rules;
  bool no_default_pack = false;
  std::vector<std::string> files;
};

// Returns the exit status (0, or 2 when anything failed; docs/cli.md).
int run_conversation(const ConversationSettings& s);

}  // namespace tact::cli

#endif  // TACT_CLI_CONVERSATION_HPP_
