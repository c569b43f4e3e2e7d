// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "cli_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tact::testing {

namespace {

std::string slurp(const std::string& path) {
  std::stringstream s;
  s << std::ifstream(path, std::ios::binary).rdbuf();
  return s.str();
}

}  // namespace

Run run_cli(const std::string& program, const std::string& args, const std::string& input) {
  // Unique per process and call, so tests may run in parallel.
  static int counter = 0;
  const std::string base =
      (std::filesystem::temp_directory_path() /
       ("tact_cli_" + std::to_string(getpid()) + "_" + std::to_string(counter++)))
          .string();
  const std::string in = base + ".in";
  const std::string out = base + ".out";
  const std::string err = base + ".err";
  std::ofstream(in, std::ios::binary) << input;
  const std::string cmd =
      "'" + program + "' " + args + " <'" + in + "' >'" + out + "' 2>'" + err + "'";
  Run r;
  const int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::remove(in.c_str());
  std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

std::vector<nlohmann::json> json_lines(const std::string& s) {
  std::vector<nlohmann::json> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace tact::testing
