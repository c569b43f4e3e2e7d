// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Answers messages on several threads and hands the answers back in input
// order. Messages are gathered into batches (at most kMaxBatchMessages, or
// kMaxBatchBytes of text, so memory stays bounded whatever the input); the
// worker threads and the calling thread answer one batch together, then
// the calling thread emits its answers in order while no worker runs.
#ifndef TACT_CLI_BATCHES_HPP_
#define TACT_CLI_BATCHES_HPP_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "input.hpp"

namespace tact::cli {

// What one message produced: its stdout line(s) and stderr line(s).
struct Answer {
  std::string out;
  std::string err;
  bool failed = false;
  // Memory ran out even for the error text: emit() writes a fixed line
  // (no allocation), so the message is still answered in its place.
  bool out_of_memory = false;
};

class Batches {
 public:
  static constexpr std::size_t kMaxBatchMessages = 512;
  static constexpr std::size_t kMaxBatchBytes = std::size_t{8} << 20;

  // `answer` runs on any thread, once per message; `emit` on the calling
  // thread, in input order, and returns false to stop (output failed).
  // `threads` counts the calling thread; threads the system refuses to
  // create are done without (threads_used() says how many ran).
  Batches(unsigned threads, std::function<void(Message&, Answer*)> answer,
          std::function<bool(const Message&, const Answer&)> emit);
  ~Batches();
  Batches(const Batches&) = delete;
  Batches& operator=(const Batches&) = delete;

  // Queues one message; answers and emits a full batch. False: stop.
  bool add(Message&& m);
  // Answers and emits what is queued. False: stop.
  bool flush();

  unsigned threads_used() const { return static_cast<unsigned>(workers_.size()) + 1; }

 private:
  void work();        // a worker thread's loop
  void answer_all();  // the calling thread's share of one batch

  std::function<void(Message&, Answer*)> answer_;
  std::function<bool(const Message&, const Answer&)> emit_;
  std::vector<Message> batch_;
  std::vector<Answer> answers_;
  std::size_t bytes_ = 0;

  std::mutex mutex_;
  std::condition_variable start_;  // a batch is ready, or stopping
  std::condition_variable done_;   // a worker finished its share
  std::size_t next_ = 0;           // next message to answer (under mutex_)
  std::size_t finished_ = 0;       // workers done with this batch
  unsigned generation_ = 0;        // batches started
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tact::cli

#endif  // TACT_CLI_BATCHES_HPP_
