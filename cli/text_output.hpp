// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The human-readable report: each message with its findings marked inline,
// then the findings listed with their suggestions and a before/after.
#ifndef TACT_CLI_TEXT_OUTPUT_HPP_
#define TACT_CLI_TEXT_OUTPUT_HPP_

#include <ostream>
#include <string_view>

#include "tact/report.hpp"

namespace tact::cli {

// `colour`: ANSI escapes (only when stdout is a terminal).
void print_text(std::ostream& out, std::string_view text, const Report& report, bool colour);

}  // namespace tact::cli

#endif  // TACT_CLI_TEXT_OUTPUT_HPP_
