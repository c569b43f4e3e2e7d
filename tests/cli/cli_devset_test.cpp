// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact analyze --jsonl --format json` over the whole development set: one
// valid JSON object per input line, ids echoed in order.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dataset.hpp"

TEST_CASE("the dev set through the CLI: one JSON object per line, ids echoed") {
  const std::string shared = tact::eval::shared_dir();
  const auto lines = tact::eval::load_cs_dev(shared);
  REQUIRE(lines.has_value());
  const std::string cmd = std::string("'") + TACT_CLI + "' analyze --jsonl --format json '" +
                          shared + "/eval/cs_dev.jsonl'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
  std::size_t count = 0;
  std::size_t pos = 0;
  for (std::size_t nl; (nl = out.find('\n', pos)) != std::string::npos; pos = nl + 1, ++count) {
    const auto j = nlohmann::json::parse(out.substr(pos, nl - pos));
    REQUIRE(count < lines->size());
    CHECK(j["id"] == (*lines)[count].id);
    CHECK(j["role"] == (*lines)[count].role);
  }
  CHECK(pos == out.size());
  CHECK(count == lines->size());
}
