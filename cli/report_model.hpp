// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The report's numbers as one JSON document (docs/report.md): report.cpp
// builds it, report_html.cpp renders it, so the HTML can only show what the
// JSON says.
#ifndef TACT_CLI_REPORT_MODEL_HPP_
#define TACT_CLI_REPORT_MODEL_HPP_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tact::cli {

using ReportJson = nlohmann::ordered_json;

// `s` with & < > " ' as character references, for text and attribute
// values alike.
std::string escape_html(std::string_view s);

// The self-contained HTML page for `report` (inline CSS and SVG, no
// scripts, no external URL).
std::string report_html(const ReportJson& report);

}  // namespace tact::cli

#endif  // TACT_CLI_REPORT_MODEL_HPP_
