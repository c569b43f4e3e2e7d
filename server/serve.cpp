// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "serve.hpp"

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <thread>

#include "connection.hpp"
#include "core/core.hpp"
#include "metrics.hpp"
#include "pool.hpp"
#include "routes.hpp"

namespace tact::serve {

namespace {

constexpr int kExitError = 2;
// A request's line and headers; real clients send 1-2 KiB.
constexpr std::size_t kMaxHeaderBytes = std::size_t{64} << 10;

// "ADDR:PORT" or "[V6ADDR]:PORT"; false when it is neither.
bool split_listen(const std::string& listen, std::string* host, int* port) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) return false;
  *host = listen.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  if (host->empty()) return false;
  const std::string digits = listen.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  *port = std::stoi(digits);
  return *port <= 65535;
}

bool loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.compare(0, 4, "127.") == 0;
}

}  // namespace

int run(const ServeSettings& s) {
  std::string host;
  int port = 0;
  if (!split_listen(s.listen, &host, &port)) {
    std::cerr << "tact serve: --listen wants ADDR:PORT (e.g. 127.0.0.1:8080), not '" << s.listen
              << "'\n";
    return kExitError;
  }
  RouteConfig config;
  config.api_key = s.api_key;
  if (config.api_key.empty()) {
    if (const char* env = std::getenv("TACT_API_KEY")) config.api_key = env;
  }
  if (!loopback(host) && config.api_key.empty()) {
    std::cerr << "tact serve: listening on " << host
              << " reaches beyond this machine; set an API key (--api-key or TACT_API_KEY) "
                 "or listen on 127.0.0.1\n";
    return kExitError;
  }
  config.cors_origins = s.cors_origins;
  config.max_body_bytes = s.max_body_bytes;

  Options options;
  options.default_pack = !s.no_default_pack;
  options.language = s.language;
  options.rule_files = s.rules;
  // A body can be at most this large anyway; the analyzer refuses more.
  options.max_input_bytes = std::max<std::size_t>(s.max_body_bytes, 1);
  const core::Analyzer analyzer(options);
  if (!analyzer.ok()) {
    std::cerr << "tact serve: " << analyzer.status().message << "\n";
    return kExitError;
  }

  // SIGTERM and SIGINT are taken by one thread (below) for the whole
  // process, and a client that hangs up must not kill the server.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Metrics metrics;
  Routes routes(analyzer, config, &metrics);
  Server server(kMaxHeaderBytes);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = s.threads != 0 ? s.threads : std::max(8u, 2 * cores);
  const std::size_t queue = s.queue;
  server.new_task_queue = [threads, queue] { return new BoundedPool(threads, queue); };
  server.set_payload_max_length(s.max_body_bytes);
  server.set_read_timeout(static_cast<time_t>(s.timeout_s), 0);
  server.set_write_timeout(static_cast<time_t>(s.timeout_s), 0);
  server.set_keep_alive_timeout(5);
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // small responses: do not wait for an ACK
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  routes.install(&server);
  // httplib 0.11 listens with a backlog of 5, so a burst of new connections
  // had SYNs dropped and waited 1 s or more for the retry; the listening
  // socket is taken here to raise it once bound. SO_REUSEADDR and not
  // httplib's SO_REUSEPORT: a second server on the same port must fail,
  // not share it.
  int listener = -1;
  server.set_socket_options([&listener](int fd) {
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listener = fd;
  });

  if (port == 0) {
    port = server.bind_to_any_port(host);
    if (port < 0) port = 0;
  } else if (!server.bind_to_port(host, port)) {
    port = 0;
  }
  if (port == 0) {
    std::cerr << "tact serve: cannot listen on " << s.listen << "\n";
    return kExitError;
  }
  if (listener >= 0) ::listen(listener, SOMAXCONN);
  const bool v6 = host.find(':') != std::string::npos;
  std::cerr << "tact serve: listening on http://" << (v6 ? "[" + host + "]" : host) << ":" << port
            << " (" << analyzer.rule_count() << " rules, " << threads << " threads"
            << (config.api_key.empty() ? "" : ", API key required") << ")" << std::endl;

  std::atomic<bool> done{false};
  std::thread stopper([&] {
    const timespec tick{0, 100L * 1000 * 1000};
    while (!done.load()) {
      if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) {
        std::cerr << "tact serve: stopping; requests in flight finish first" << std::endl;
        server.stop();
        return;
      }
    }
  });
  const bool clean = server.listen_after_bind();
  done = true;
  stopper.join();
  std::cerr << "tact serve: stopped" << std::endl;
  return clean ? 0 : kExitError;
}

}  // namespace tact::serve
