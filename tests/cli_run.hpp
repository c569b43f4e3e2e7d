// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Runs the tact binary as a user would, for the tests that drive the CLI.
#ifndef TACT_TESTS_CLI_RUN_HPP_
#define TACT_TESTS_CLI_RUN_HPP_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tact::testing {

struct Run {
  int status = -1;  // exit status, or -1 when the process did not exit
  std::string out;
  std::string err;
};

// Runs `program` with `args` (shell words, quoted by the caller), feeding
// `input` on stdin; temporary files go to the system's temp directory.
Run run_cli(const std::string& program, const std::string& args, const std::string& input = "");

// One parsed object per line of `s`.
std::vector<nlohmann::json> json_lines(const std::string& s);

}  // namespace tact::testing

#endif  // TACT_TESTS_CLI_RUN_HPP_
