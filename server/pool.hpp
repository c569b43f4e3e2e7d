// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// httplib's task queue with a bound: a fixed number of workers and at most
// `max_queued` connections waiting for one. httplib 0.11's enqueue cannot
// refuse a connection, so one past the bound goes to a single spare thread
// that reads its request and answers 503 (overloaded() is true there).
#ifndef TACT_SERVER_POOL_HPP_
#define TACT_SERVER_POOL_HPP_

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tact::serve {

class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(std::size_t threads, std::size_t max_queued);
  ~BoundedPool() override;

  void enqueue(std::function<void()> fn) override;
  // Runs every job already queued, then joins the threads.
  void shutdown() override;

  // True on the thread that answers connections past the bound.
  static bool overloaded();

 private:
  struct Queue {
    std::deque<std::function<void()>> jobs;
    std::condition_variable ready;
  };
  void work(Queue* q, bool overflow);

  std::size_t workers_;
  std::size_t max_queued_;
  std::mutex mu_;
  bool stopping_ = false;
  std::size_t busy_ = 0;  // workers answering a connection
  Queue main_;
  Queue overflow_;
  std::vector<std::thread> threads_;
};

}  // namespace tact::serve

#endif  // TACT_SERVER_POOL_HPP_
