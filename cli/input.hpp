// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Reads messages one line at a time from files or stdin through a fixed
// buffer, so memory stays flat however large the input or any one line is.
#ifndef TACT_CLI_INPUT_HPP_
#define TACT_CLI_INPUT_HPP_

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tact/report.hpp"

namespace tact::cli {

struct Message {
  std::string file;     // the path as given, or "<stdin>"
  long line = 0;        // 1-based; for a file error, the line being read
  std::string id;       // for people: a string id decoded, a number as written
  std::string id_json;  // the id's JSON token exactly as in the input; empty: none
  bool has_role = false;
  Role role = Role::agent;
  std::string text;
  // Empty when the line is a message. Otherwise what went wrong, with
  // `error` saying it for people: "malformed" (a --jsonl line that is not a
  // message), "too_large" (a line over the limit), "out_of_memory",
  // "open_error" or "read_error" (the file's remaining lines are lost).
  std::string code;
  std::string error;
};

struct ReadOptions {
  bool jsonl = false;
  // The longest message in bytes. A longer line is reported as too_large
  // and skipped without being stored. A --jsonl line may be up to twice
  // this plus 4 KiB, room for escapes and other fields.
  std::size_t max_bytes = std::size_t{16} << 20;
  // False: --jsonl lines come back as read (blank ones still skipped), for
  // the caller to parse with parse_json_message on its own threads.
  bool parse_jsonl = true;
};

// Reads m->text, one JSON object {"text", "id"?, "role"?}, into *m as a
// --jsonl line is read; sets m->code to "malformed" when it is not one.
// Scans the line without building a DOM, yet accepts, refuses and decodes
// exactly as nlohmann::json::parse then read_json_message do
// (tests/cli/cli_input_test.cpp compares the two).
void parse_json_message(Message* m);

// The same from `j`, m->text parsed already (m->text must still hold the
// line: ids are echoed from it as written).
void read_json_message(const nlohmann::json& j, Message* m);

// Calls `each` for every line of every file in order ("-" is stdin): plain
// text gives one message per line (a trailing '\r' and a UTF-8 byte order
// mark at the start of a file are dropped); --jsonl gives one per non-blank
// line. A line or file that cannot be read becomes a Message with `code`
// set. `each` may move from the message; it returns false to stop reading
// (its output failed). Returns
// true when every file was read to its end.
bool read_messages(const std::vector<std::string>& files, const ReadOptions& options,
                   const std::function<bool(Message&)>& each);

}  // namespace tact::cli

#endif  // TACT_CLI_INPUT_HPP_
