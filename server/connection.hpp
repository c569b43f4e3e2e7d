// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The connection loop of `tact serve`, in place of httplib 0.11's own:
//
// - A request's header bytes are capped (header_limit), and so are all of
//   its bytes on the wire (2 x the body limit + header_limit): httplib
//   buffers a whole header line, and any number of them, before it checks
//   a length. Past a limit the request is answered (431 or 413) and the
//   connection closed after a bounded read of what the client still sends.
// - A response goes out in one send (status line, headers and body
//   together); httplib sent headers and body apart and polled before every
//   read and write, four system calls where one or two do.
// - An idle kept-alive connection notices a stop within 100 ms; httplib's
//   waited out its whole keep-alive timeout.
//
// Requests are still parsed and answered by httplib (process_request).
#ifndef TACT_SERVER_CONNECTION_HPP_
#define TACT_SERVER_CONNECTION_HPP_

#include <httplib.h>

#include <cstddef>

namespace tact::serve {

// Which limit the request being answered on this thread passed.
enum class Limit { none, headers, request };

class Server final : public httplib::Server {
 public:
  // `header_limit`: the most bytes a request's line and headers may take.
  explicit Server(std::size_t header_limit) : header_limit_(header_limit) {}

  // The limit the current request passed, for the error handler that
  // answers it (431 or 413): httplib itself only sees a failed read.
  static Limit exceeded();

 private:
  bool process_and_close_socket(socket_t sock) override;

  std::size_t header_limit_;
};

}  // namespace tact::serve

#endif  // TACT_SERVER_CONNECTION_HPP_
