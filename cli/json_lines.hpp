// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The JSON Lines `tact analyze --format json` prints, one line per message.
// `tact serve` answers /v1/analyze with the same lines, so both build them
// here.
#ifndef TACT_CLI_JSON_LINES_HPP_
#define TACT_CLI_JSON_LINES_HPP_

#include <string>

#include "core/core.hpp"
#include "input.hpp"

namespace tact::cli {

// Puts the input's id token in place of the leading "id":null, so ids are
// echoed exactly as written (Report::id can only hold a string).
std::string with_id(std::string json, const std::string& id_json);

// The error code a JSON line carries for a failed analysis: "too_large",
// "out_of_memory" or "analyze_error".
const char* error_code(Code code);

// Analyzes `m` unless reading it already failed. On failure sets m.code and
// m.error. Returns the deadline's message when the report is partial (it is
// still output, with the error beside it), else "".
std::string analyze_message(const core::Analyzer& analyzer, Message& m, Role default_role,
                            Report* report);

// The line for a message that failed (m.code set), in its place so a
// pipeline sees every input line answered in order. No trailing newline.
std::string error_json(const Message& m);

// The line for an analyzed message; `partial` as analyze_message returned.
// No trailing newline.
std::string report_json(const Message& m, const Report& report, const std::string& partial);

}  // namespace tact::cli

#endif  // TACT_CLI_JSON_LINES_HPP_
