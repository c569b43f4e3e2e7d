// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The JSON writer's scores: written from the rounded integer without
// std::to_chars, they must read exactly as to_chars wrote them before.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <string_view>

#include "report/json_writer.hpp"

namespace {

// How Writer::score wrote a number before (with room for any double: it
// once had 64 bytes, too few past 1e63, a score no report has).
std::string reference(double v) {
  v = std::round(v * 1e4) / 1e4;
  if (!std::isfinite(v)) v = 0;
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  std::string out(buf, r.ptr);
  if (out.find('.') == std::string::npos) out += ".0";
  return out;
}

std::string written(double v) {
  std::string out;
  tact::core::Writer w(&out);
  w.open('{');
  w.score("a", 1);
  w.score("s", v);
  const std::string_view after = R"({"a":1.0,"s":)";
  REQUIRE(out.compare(0, after.size(), after) == 0);
  return out.substr(after.size());
}

}  // namespace

TEST_CASE("Writer::score writes what std::to_chars wrote") {
  const double inf = std::numeric_limits<double>::infinity();
  for (const double v : {0.0,
                         -0.0,
                         1.0,
                         -1.0,
                         0.5,
                         0.29100000001,
                         0.00004,
                         -0.00004,
                         0.00005,
                         -0.00005,
                         0.99995,
                         -0.99995,
                         0.1 + 0.2,
                         12.0,
                         100.25,
                         123456.78905,
                         99999999999.9999,
                         1e11,
                         1e12,
                         -1e14,
                         1e15,
                         1e20,
                         1e300,
                         -1e300,
                         5e-324,
                         inf,
                         -inf,
                         std::numeric_limits<double>::quiet_NaN(),
                         std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::lowest()}) {
    CAPTURE(v);
    CHECK(written(v) == reference(v));
  }
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> unit(-1.5, 1.5);
  std::uniform_int_distribution<int> exponent(-8, 16);
  int failures = 0;
  for (int k = 0; k < 1000000; ++k) {
    double v = unit(rng);
    if (k % 4 == 1) v = std::round(v * 1e4) / 1e4;                // already rounded
    if (k % 4 == 2) v = (std::round(v * 2e4) + 0.5) / 2e4 / 1.0;  // near a tie
    if (k % 4 == 3) v *= std::pow(10.0, exponent(rng));
    if (written(v) != reference(v) && failures++ < 10) {
      FAIL_CHECK(v << ": " << written(v) << " vs " << reference(v));
    }
  }
  CHECK(failures == 0);
}
