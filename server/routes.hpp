// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The HTTP endpoints of `tact serve` (docs/serve.md). Every request goes
// through one handler so that each gets the same treatment, in this order:
// its body is read (bounded), an overloaded server answers 503, CORS
// headers go to named origins only, the API key is checked, then the path
// and method choose the endpoint. Errors are {"error":{"code","message"}}.
#ifndef TACT_SERVER_ROUTES_HPP_
#define TACT_SERVER_ROUTES_HPP_

#include <httplib.h>

#include <cstddef>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "metrics.hpp"

namespace tact::serve {

struct RouteConfig {
  std::string api_key;  // empty: no key required
  std::vector<std::string> cors_origins;
  std::size_t max_body_bytes = std::size_t{1} << 20;
};

class Routes {
 public:
  Routes(const core::Analyzer& analyzer, RouteConfig config, Metrics* metrics)
      : analyzer_(analyzer), config_(std::move(config)), metrics_(metrics) {}

  // Registers the handlers, the error handlers and the request metrics.
  void install(httplib::Server* server);

 private:
  void handle(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader* reader) const;
  void analyze(const std::string& body, httplib::Response& res) const;
  void conversation(const std::string& body, httplib::Response& res) const;
  void check(const httplib::Request& req, const std::string& body, httplib::Response& res) const;
  bool authorized(const httplib::Request& req, const std::string& body) const;
  void cors(const httplib::Request& req, httplib::Response& res) const;

  const core::Analyzer& analyzer_;
  RouteConfig config_;
  Metrics* metrics_;
};

// The JSON error body: {"error":{"code":code,"message":message}}.
std::string error_body(const std::string& code, const std::string& message);

}  // namespace tact::serve

#endif  // TACT_SERVER_ROUTES_HPP_
