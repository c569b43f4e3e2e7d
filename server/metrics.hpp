// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Counters for GET /metrics, in Prometheus' text format: requests and errors
// by endpoint and status, a latency histogram per endpoint, the requests in
// flight and the analyzer's build.
#ifndef TACT_SERVER_METRICS_HPP_
#define TACT_SERVER_METRICS_HPP_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace tact::serve {

class Metrics {
 public:
  // The label GET /metrics reports for a request path: the endpoint, or
  // "other", so unknown paths cannot grow the tables without bound.
  static std::string_view endpoint(std::string_view path);

  void started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  void record(std::string_view path, int status, double seconds);

  // `rules`: the analyzer's rule count, for the build-info line.
  std::string render(std::size_t rules) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    2.5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};  // not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace tact::serve

#endif  // TACT_SERVER_METRICS_HPP_
