// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "metrics.hpp"

#include <sstream>

#include "core/core.hpp"

namespace tact::serve {

std::string_view Metrics::endpoint(std::string_view path) {
  static constexpr std::string_view kKnown[] = {"/",         "/v1/analyze",   "/v1/conversation",
                                                "/v2/check", "/v2/languages", "/health",
                                                "/metrics",  "/app.js",       "/app.css"};
  for (const std::string_view k : kKnown) {
    if (path == k) return k;
  }
  return "other";
}

void Metrics::record(std::string_view path, int status, double seconds) {
  const std::string name(endpoint(path));
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{name, status}];
  Histogram& h = latency_[name];
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  if (i < kBuckets.size()) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(std::size_t rules) const {
  std::ostringstream out;
  out << "# HELP tact_build_info The analyzer serving requests.\n"
         "# TYPE tact_build_info gauge\n"
      << "tact_build_info{version=\"" << version_string() << "\",rules=\"" << rules << "\"} 1\n";
  out << "# HELP tact_http_in_flight_requests Requests being answered now.\n"
         "# TYPE tact_http_in_flight_requests gauge\n"
      << "tact_http_in_flight_requests " << in_flight_.load(std::memory_order_relaxed) << "\n";
  std::lock_guard<std::mutex> lock(mu_);
  out << "# HELP tact_http_requests_total Requests answered, by endpoint and status.\n"
         "# TYPE tact_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "tact_http_requests_total{endpoint=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << "\n";
  }
  out << "# HELP tact_http_errors_total Requests answered with a 4xx or 5xx status.\n"
         "# TYPE tact_http_errors_total counter\n";
  for (const auto& [key, n] : requests_) {
    if (key.second < 400) continue;
    out << "tact_http_errors_total{endpoint=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << "\n";
  }
  out << "# HELP tact_http_request_duration_seconds Time from routing to the response.\n"
         "# TYPE tact_http_request_duration_seconds histogram\n";
  for (const auto& [name, h] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i];
      out << "tact_http_request_duration_seconds_bucket{endpoint=\"" << name << "\",le=\""
          << kBuckets[i] << "\"} " << cumulative << "\n";
    }
    out << "tact_http_request_duration_seconds_bucket{endpoint=\"" << name << "\",le=\"+Inf\"} "
        << h.count << "\n";
    out << "tact_http_request_duration_seconds_sum{endpoint=\"" << name << "\"} " << h.sum << "\n";
    out << "tact_http_request_duration_seconds_count{endpoint=\"" << name << "\"} " << h.count
        << "\n";
  }
  return out.str();
}

}  // namespace tact::serve
