// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact serve`: the analyzer over HTTP (docs/serve.md).
#ifndef TACT_SERVER_SERVE_HPP_
#define TACT_SERVER_SERVE_HPP_

#include <cstddef>
#include <string>
#include <vector>

#include "tact/options.hpp"

namespace tact::serve {

struct ServeSettings {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT; port 0 picks a free one
  std::string api_key;                    // empty: $TACT_API_KEY, else none
  std::vector<std::string> cors_origins;  // origins allowed to call from a browser
  std::size_t max_body_bytes = std::size_t{1} << 20;
  unsigned threads = 0;    // workers; 0: max(8, 2 per core)
  unsigned queue = 256;    // connections waiting for a worker before 503s
  unsigned timeout_s = 5;  // reading a request, writing a response
  std::vector<std::string> rules;
  bool no_default_pack = false;
  std::string language = tact::Options().language;
};

// Runs until SIGTERM or SIGINT, then lets requests in flight finish.
// Returns the exit status: 0 after a clean stop, 2 when it cannot start.
int run(const ServeSettings& s);

}  // namespace tact::serve

#endif  // TACT_SERVER_SERVE_HPP_
