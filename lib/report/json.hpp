// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Reports as one line of JSON in the CLI's shape (docs/cli.md), without a
// trailing newline. The C ABI serves them as tact_report_json() and
// tact_conversation_json(); the CLI and the service write them directly.
#ifndef TACT_REPORT_JSON_HPP_
#define TACT_REPORT_JSON_HPP_

#include <string>

#include "tact/conversation_report.hpp"
#include "tact/report.hpp"

namespace tact::core {

// Throws std::bad_alloc only.
std::string to_json(const Report& report);

// Each turn is its message report's JSON with "turn" and "level"/"stage"
// or "unaddressed" added. Throws std::bad_alloc only.
std::string to_json(const ConversationReport& conversation);

}  // namespace tact::core

#endif  // TACT_REPORT_JSON_HPP_
