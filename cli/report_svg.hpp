// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The report's charts as inline SVG, drawn here so the page needs no script
// and no network. Labels are the caller's (escaped here).
#ifndef TACT_CLI_REPORT_SVG_HPP_
#define TACT_CLI_REPORT_SVG_HPP_

#include <string>
#include <vector>

namespace tact::cli {

struct Bar {
  std::string label;
  double value = 0;
  std::string colour;  // empty: the default
};

// Horizontal bars, one per row, longest first as given; `title` names the
// chart for screen readers.
std::string svg_bars(const std::string& title, const std::vector<Bar>& bars);

// Columns of stacked series (e.g. escalation levels per day), a legend under
// them. values[c][s] is series s in column c.
std::string svg_stacked(const std::string& title, const std::vector<std::string>& columns,
                        const std::vector<std::string>& series,
                        const std::vector<std::string>& colours,
                        const std::vector<std::vector<double>>& values);

}  // namespace tact::cli

#endif  // TACT_CLI_REPORT_SVG_HPP_
