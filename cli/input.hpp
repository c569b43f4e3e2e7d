// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Reads messages one line at a time from files or stdin, so memory stays
// flat however large the input is.
#ifndef TACT_CLI_INPUT_HPP_
#define TACT_CLI_INPUT_HPP_

#include <functional>
#include <string>
#include <vector>

#include "tact/report.hpp"

namespace tact::cli {

struct Message {
  std::string file;  // "-" for stdin
  long line = 0;     // 1-based
  std::string id;
  bool has_role = false;
  Role role = Role::agent;
  std::string text;
  std::string error;  // non-empty: this line could not be read as a message
};

// Calls `each` for every message of every file in order ("-" is stdin).
// Plain text: one message per line (a trailing '\r' is dropped). With
// `jsonl`: one JSON object per line with "text" and optional "id" and "role";
// blank lines are skipped and a malformed line yields a Message with
// `error` set. Returns false (with *error) when a file cannot be opened.
bool read_messages(const std::vector<std::string>& files, bool jsonl,
                   const std::function<void(Message&)>& each, std::string* error);

}  // namespace tact::cli

#endif  // TACT_CLI_INPUT_HPP_
