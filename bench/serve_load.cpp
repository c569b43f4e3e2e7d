// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A bounded HTTP load generator for `tact serve` (bench/serve_load.py runs
// it): C kept-alive loopback connections, one thread each, send one request
// over and over until N have been answered or the time limit passes, then
// print one JSON line: requests/s, p50/p99/max latency, errors.
//
//   tact_serve_load PORT PATH CONTENT_TYPE BODY_FILE CONNECTIONS REQUESTS SECONDS
//
// Plain sockets, so the client costs little of the CPU it shares with the
// server it measures.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval tv{10, 0};  // a stuck server ends the run instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& s) {
  std::size_t at = 0;
  while (at < s.size()) {
    const ssize_t n = ::send(fd, s.data() + at, s.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads one response; *status gets its code, *close whether the server
// closes the connection after it. `buf` keeps bytes past it.
bool read_response(int fd, std::string& buf, int* status, bool* close) {
  std::size_t head_end;
  char chunk[65536];
  while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  if (buf.compare(0, 9, "HTTP/1.1 ") != 0) return false;
  *status = std::atoi(buf.c_str() + 9);
  std::string head = buf.substr(0, head_end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  *close = head.find("\r\nconnection: close") != std::string::npos;
  const std::size_t cl = head.find("\r\ncontent-length:");
  const std::size_t length =
      cl == std::string::npos ? 0 : std::strtoul(head.c_str() + cl + 17, nullptr, 10);
  const std::size_t total = head_end + 4 + length;
  while (buf.size() < total) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  buf.erase(0, total);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: tact_serve_load PORT PATH CONTENT_TYPE BODY_FILE CONNECTIONS REQUESTS "
                 "SECONDS\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string path = argv[2];
  const std::string type = argv[3];
  std::ifstream in(argv[4], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string body = ss.str();
  const int connections = std::max(1, std::atoi(argv[5]));
  const long requests = std::max(1L, std::atol(argv[6]));
  const double seconds = std::atof(argv[7]);
  const std::string request =
      "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;

  std::atomic<long> issued{0};
  std::atomic<long> errors{0};
  const Clock::time_point start = Clock::now();
  const Clock::time_point stop_at =
      start + std::chrono::microseconds(static_cast<long>(seconds * 1e6));
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(connections));
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      std::vector<double>& mine = latencies[static_cast<std::size_t>(c)];
      mine.reserve(static_cast<std::size_t>(requests / connections + 1));
      int fd = -1;
      std::string buf;
      while (issued.fetch_add(1) < requests && Clock::now() < stop_at) {
        if (fd < 0) {
          fd = connect_to(port);
          buf.clear();
          if (fd < 0) {
            ++errors;
            continue;
          }
        }
        const Clock::time_point t0 = Clock::now();
        int status = 0;
        bool close = false;
        if (!send_all(fd, request) || !read_response(fd, buf, &status, &close)) {
          ++errors;
          ::close(fd);
          fd = -1;
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (status != 200) ++errors;
        if (close) {
          ::close(fd);
          fd = -1;
        }
      }
      if (fd >= 0) ::close(fd);
    });
  }
  for (std::thread& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (const auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    if (all.empty()) return 0.0;
    return all[std::min(all.size() - 1,
                        static_cast<std::size_t>(p * static_cast<double>(all.size())))];
  };
  std::printf(
      "{\"connections\":%d,\"requests\":%zu,\"errors\":%ld,\"seconds\":%.3f,\"rps\":%.0f,"
      "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
      connections, all.size(), errors.load(), elapsed, static_cast<double>(all.size()) / elapsed,
      pct(0.50), pct(0.99), all.empty() ? 0 : all.back());
  return errors.load() == 0 ? 0 : 1;
}
