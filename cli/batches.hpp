// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Answers work items on several threads and hands the answers back in input
// order. Items are gathered into batches (at most kMaxBatchMessages, or
// kMaxBatchBytes of text, so memory stays bounded whatever the input); the
// worker threads and the calling thread answer one batch together, then
// the calling thread emits its answers in order while no worker runs.
//
// `tact analyze` queues one Message per line; `tact report` queues whole
// conversations, so the item and answer types are parameters. An item type
// tells its size through batch_bytes(const Item&).
#ifndef TACT_CLI_BATCHES_HPP_
#define TACT_CLI_BATCHES_HPP_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
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

inline std::size_t batch_bytes(const Message& m) {
  return m.text.size();
}

template <class Item, class Result>
class WorkBatches {
 public:
  static constexpr std::size_t kMaxBatchMessages = 512;
  static constexpr std::size_t kMaxBatchBytes = std::size_t{8} << 20;

  // `answer` runs on any thread, once per item; `emit` on the calling
  // thread, in input order, and returns false to stop (output failed).
  // `threads` counts the calling thread; threads the system refuses to
  // create are done without (threads_used() says how many ran).
  WorkBatches(unsigned threads, std::function<void(Item&, Result*)> answer,
              std::function<bool(const Item&, const Result&)> emit)
      : answer_(std::move(answer)), emit_(std::move(emit)) {
    for (unsigned t = 1; t < threads; ++t) {
      try {
        workers_.emplace_back([this] { work(); });
      } catch (...) {
        break;  // RLIMIT_NPROC and friends: fewer threads, same answers
      }
    }
  }
  ~WorkBatches() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    start_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  WorkBatches(const WorkBatches&) = delete;
  WorkBatches& operator=(const WorkBatches&) = delete;

  // Queues one item; answers and emits a full batch. False: stop.
  bool add(Item&& m) {
    bytes_ += batch_bytes(m);
    batch_.push_back(std::move(m));
    if (batch_.size() >= kMaxBatchMessages || bytes_ >= kMaxBatchBytes) return flush();
    return true;
  }

  // Answers and emits what is queued. False: stop.
  bool flush() {
    if (batch_.empty()) return true;
    answers_.assign(batch_.size(), Result());
    if (workers_.empty() || batch_.size() == 1) {
      for (std::size_t i = 0; i < batch_.size(); ++i) answer_(batch_[i], &answers_[i]);
    } else {
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        next_ = 0;
        finished_ = 0;
        ++generation_;
      }
      start_.notify_all();
      answer_all();
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, [&] { return finished_ == workers_.size(); });
    }
    bool go_on = true;
    for (std::size_t i = 0; i < answers_.size(); ++i) {
      if (!(go_on = emit_(batch_[i], answers_[i]))) break;
    }
    batch_.clear();
    answers_.clear();
    bytes_ = 0;
    return go_on;
  }

  unsigned threads_used() const { return static_cast<unsigned>(workers_.size()) + 1; }

 private:
  // The calling thread's share of one batch (and each worker's).
  void answer_all() {
    for (;;) {
      std::size_t i;
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (next_ >= batch_.size()) return;
        i = next_++;
      }
      answer_(batch_[i], &answers_[i]);
    }
  }

  // A worker thread's loop.
  void work() {
    unsigned seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
      }
      answer_all();
      {
        // Every worker reports every batch, so the calling thread touches the
        // batch again only once no worker can.
        const std::lock_guard<std::mutex> lock(mutex_);
        ++finished_;
      }
      done_.notify_one();
    }
  }

  std::function<void(Item&, Result*)> answer_;
  std::function<bool(const Item&, const Result&)> emit_;
  std::vector<Item> batch_;
  std::vector<Result> answers_;
  std::size_t bytes_ = 0;

  std::mutex mutex_;
  std::condition_variable start_;  // a batch is ready, or stopping
  std::condition_variable done_;   // a worker finished its share
  std::size_t next_ = 0;           // next item to answer (under mutex_)
  std::size_t finished_ = 0;       // workers done with this batch
  unsigned generation_ = 0;        // batches started
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// `tact analyze`'s batches: one line's message in, its output lines out.
using Batches = WorkBatches<Message, Answer>;

}  // namespace tact::cli

#endif  // TACT_CLI_BATCHES_HPP_
