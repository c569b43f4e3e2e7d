// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact report`: reads JSON Lines archives of messages or conversations and
// sums them up into one report (docs/report.md): escalation levels over
// time, trigger phrases by category, agent and team, techniques, and the
// conversations' priority, route and turning points. Only aggregates are
// kept, so memory stays flat however long the archive.
#ifndef TACT_CLI_REPORT_HPP_
#define TACT_CLI_REPORT_HPP_

#include <cstddef>
#include <string>
#include <vector>

#include "core/core.hpp"

namespace tact::cli {

struct ReportSettings {
  std::vector<std::string> files;
  std::string output;           // empty or "-": stdout
  std::string format = "html";  // "html" or "json"
  std::string group_by;         // empty: flat lines are single messages
  std::vector<std::string> rules;
  bool no_default_pack = false;
  std::string language = tact::Options().language;
  unsigned threads = 0;        // 0: one per core
  std::string period = "day";  // "day" or "week"
  std::size_t max_input_bytes = Options().max_input_bytes;
  int progress = -1;  // -1: when stderr is a terminal; 0 never; 1 always
};

// Returns the exit status: 0 when every line was read and analyzed, 2 when
// any line was bad (it is counted and listed, the rest still reported), an
// input could not be opened or read, or the output could not be written.
int run_report(const ReportSettings& s);

}  // namespace tact::cli

#endif  // TACT_CLI_REPORT_HPP_
