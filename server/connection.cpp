// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "connection.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <string>

namespace tact::serve {

namespace {

thread_local Limit t_exceeded = Limit::none;

// How long an idle connection sleeps between looks at the stop flag.
constexpr int kStopCheckMs = 100;
// How long, and how much, linger() reads after a refused request.
constexpr int kLingerMs = 1000;
constexpr std::size_t kLingerBytes = std::size_t{16} << 20;
// Responses up to this size are gathered and sent in one call.
constexpr std::size_t kGatherBytes = std::size_t{64} << 10;

int to_ms(time_t s, time_t us) {
  const long long ms = static_cast<long long>(s) * 1000 + us / 1000;
  return static_cast<int>(std::clamp<long long>(ms, 1, std::numeric_limits<int>::max()));
}

// One kept-alive connection as httplib's Stream: reads buffered and counted
// against the limits, writes gathered until flush().
class Connection final : public httplib::Stream {
 public:
  Connection(socket_t fd, int read_ms, int write_ms, std::size_t header_limit,
             std::size_t wire_limit)
      : fd_(fd),
        read_ms_(read_ms),
        write_ms_(write_ms),
        header_limit_(header_limit),
        wire_limit_(wire_limit) {}

  // Waits up to `idle_s` for the next request's first bytes; false on
  // time-out, or at once when the server stops and nothing has arrived.
  bool wait_for_request(const std::atomic<socket_t>& listening, time_t idle_s) {
    if (begin_ < end_) return true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(idle_s);
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      const int r = ::poll(&p, 1, kStopCheckMs);
      if (r > 0) return true;  // bytes, a hang-up or an error: the read says which
      if (r < 0 && errno != EINTR) return false;
      if (listening == INVALID_SOCKET) return false;
      if (std::chrono::steady_clock::now() >= deadline) return false;
    }
  }

  void start_request() {
    in_headers_ = true;
    line_has_text_ = false;
    lines_ = 0;
    header_bytes_ = 0;
    wire_bytes_ = 0;
    t_exceeded = Limit::none;
  }

  // True once a limit was passed: the rest of what the client sends cannot
  // be told apart from a next request, so the connection ends.
  bool exceeded() const { return t_exceeded != Limit::none; }

  bool flush() { return send_all(nullptr, 0); }

  // Closes the sending side and reads what the client is still sending, a
  // bounded while, so its answer is not lost to a reset: closing a socket
  // with unread bytes sends RST, and the client's kernel may drop the
  // answer it has not yet read.
  void linger() {
    ::shutdown(fd_, SHUT_WR);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kLingerMs);
    for (std::size_t drained = 0; drained < kLingerBytes;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !wait(POLLIN, static_cast<int>(left.count()))) return;
      const ssize_t r = ::recv(fd_, buf_, sizeof buf_, MSG_DONTWAIT);
      if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) return;
      if (r > 0) drained += static_cast<std::size_t>(r);
    }
  }

  bool is_readable() const override { return begin_ < end_ || wait(POLLIN, read_ms_); }
  bool is_writable() const override { return wait(POLLOUT, write_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    // A reply already written (100 Continue) goes out before waiting on
    // the client.
    if (!out_.empty() && !flush()) return -1;
    if (begin_ == end_) {
      const ssize_t got = fill();
      if (got <= 0) return got;
    }
    const std::size_t n = std::min(size, end_ - begin_);
    if (!count(buf_ + begin_, n)) return -1;
    std::memcpy(ptr, buf_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (out_.size() + size <= kGatherBytes) {
      out_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    return send_all(ptr, size) ? static_cast<ssize_t>(size) : -1;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { name(true, &ip, &port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { name(false, &ip, &port); }
  socket_t socket() const override { return fd_; }

 private:
  // Counts the bytes handed to the parser: the request's line and headers
  // (up to the empty line after at least one line of text) against
  // header_limit_, everything against wire_limit_.
  bool count(const char* p, std::size_t n) {
    wire_bytes_ += n;
    if (wire_bytes_ > wire_limit_) {
      t_exceeded = in_headers_ ? Limit::headers : Limit::request;
      return false;
    }
    if (!in_headers_) return true;
    std::size_t i = 0;
    for (; i < n && in_headers_; ++i) {
      if (p[i] == '\n') {
        if (line_has_text_) {
          ++lines_;
        } else if (lines_ > 0) {
          in_headers_ = false;
        }
        line_has_text_ = false;
      } else if (p[i] != '\r') {
        line_has_text_ = true;
      }
    }
    header_bytes_ += i;
    if (header_bytes_ > header_limit_) {
      t_exceeded = Limit::headers;
      return false;
    }
    return true;
  }

  // Refills the empty buffer: what is there without waiting, else waits up
  // to the read time-out. Returns the bytes read, 0 at the client's end,
  // -1 on an error or time-out.
  ssize_t fill() {
    begin_ = end_ = 0;
    for (;;) {
      const ssize_t r = ::recv(fd_, buf_, sizeof buf_, MSG_DONTWAIT);
      if (r >= 0) {
        end_ = static_cast<std::size_t>(r);
        return r;
      }
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait(POLLIN, read_ms_)) return -1;
    }
  }

  // Sends what is gathered, then `size` bytes at `ptr`, in as few calls as
  // the socket takes them.
  bool send_all(const char* ptr, std::size_t size) {
    iovec iov[2] = {{out_.data(), out_.size()}, {const_cast<char*>(ptr), size}};
    int first = out_.empty() ? 1 : 0;
    const int count = size == 0 ? 1 : 2;
    bool ok = true;
    while (first < count) {
      msghdr msg{};
      msg.msg_iov = iov + first;
      msg.msg_iovlen = static_cast<std::size_t>(count - first);
      const ssize_t r = ::sendmsg(fd_, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (r < 0) {
        if (errno == EINTR) continue;
        if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLOUT, write_ms_)) continue;
        ok = false;
        break;
      }
      auto left = static_cast<std::size_t>(r);
      while (first < count && left >= iov[first].iov_len) {
        left -= iov[first].iov_len;
        ++first;
      }
      if (first < count) {
        iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
        iov[first].iov_len -= left;
      }
    }
    out_.clear();
    return ok;
  }

  bool wait(short events, int ms) const {
    pollfd p{fd_, events, 0};
    for (;;) {
      const int r = ::poll(&p, 1, ms);
      if (r >= 0) return r > 0;
      if (errno != EINTR) return false;
    }
  }

  // The numeric address and port of one end, looked up once.
  void name(bool remote, std::string* ip, int* port) const {
    Name& n = remote ? remote_ : local_;
    if (!n.known) {
      n.known = true;
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      auto* sa = reinterpret_cast<sockaddr*>(&addr);
      if ((remote ? ::getpeername(fd_, sa, &len) : ::getsockname(fd_, sa, &len)) == 0) {
        char host[NI_MAXHOST];
        char serv[NI_MAXSERV];
        if (::getnameinfo(sa, len, host, sizeof host, serv, sizeof serv,
                          NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
          n.ip = host;
          n.port = std::atoi(serv);
        }
      }
    }
    *ip = n.ip;
    *port = n.port;
  }

  struct Name {
    bool known = false;
    std::string ip;
    int port = 0;
  };

  socket_t fd_;
  int read_ms_;
  int write_ms_;
  std::size_t header_limit_;
  std::size_t wire_limit_;
  char buf_[16 * 1024];
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::string out_;
  bool in_headers_ = true;
  bool line_has_text_ = false;
  std::size_t lines_ = 0;
  std::size_t header_bytes_ = 0;
  std::size_t wire_bytes_ = 0;
  mutable Name remote_;
  mutable Name local_;
};

}  // namespace

Limit Server::exceeded() {
  return t_exceeded;
}

bool Server::process_and_close_socket(socket_t sock) {
  // Chunked bodies carry framing beside the payload: twice the body limit
  // leaves room for any sane chunking.
  const std::size_t max = std::numeric_limits<std::size_t>::max();
  const std::size_t body = payload_max_length_ > (max - header_limit_) / 2
                               ? max - header_limit_
                               : 2 * payload_max_length_;
  // Closed however this returns: an exception (std::bad_alloc while a
  // request is parsed) must not leak the socket.
  struct Closer {
    socket_t fd;
    ~Closer() {
      t_exceeded = Limit::none;
      ::shutdown(fd, SHUT_RDWR);
      ::close(fd);
    }
  } closer{sock};
  Connection conn(sock, to_ms(read_timeout_sec_, read_timeout_usec_),
                  to_ms(write_timeout_sec_, write_timeout_usec_), header_limit_,
                  body + header_limit_);
  bool ok = false;
  for (std::size_t left = keep_alive_max_count_; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (!conn.wait_for_request(svr_sock_, keep_alive_timeout_sec_)) break;
    conn.start_request();
    bool closed = false;
    ok = process_request(conn, left == 1, closed, nullptr);
    if (!conn.flush()) ok = false;
    if (!ok || closed || conn.exceeded()) break;
  }
  if (conn.exceeded()) conn.linger();
  return ok;
}

}  // namespace tact::serve
