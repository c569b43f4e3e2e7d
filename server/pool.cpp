// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "pool.hpp"

#include <utility>

namespace tact::serve {

namespace {
thread_local bool t_overloaded = false;
}  // namespace

BoundedPool::BoundedPool(std::size_t threads, std::size_t max_queued)
    : workers_(threads), max_queued_(max_queued) {
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(&main_, false); });
  threads_.emplace_back([this] { work(&overflow_, true); });
}

BoundedPool::~BoundedPool() {
  shutdown();
}

bool BoundedPool::overloaded() {
  return t_overloaded;
}

void BoundedPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Jobs beyond the workers not busy wait; at most max_queued_ may.
    Queue& q = busy_ + main_.jobs.size() < workers_ + max_queued_ ? main_ : overflow_;
    q.jobs.push_back(std::move(fn));
    q.ready.notify_one();
  }
}

void BoundedPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  main_.ready.notify_all();
  overflow_.ready.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

void BoundedPool::work(Queue* q, bool overflow) {
  t_overloaded = overflow;
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mu_);
      q->ready.wait(lock, [&] { return stopping_ || !q->jobs.empty(); });
      if (q->jobs.empty()) return;  // stopping, and nothing left to answer
      fn = std::move(q->jobs.front());
      q->jobs.pop_front();
      if (!overflow) ++busy_;
    }
    try {
      fn();
    } catch (...) {
      // httplib answers handler exceptions itself; anything escaping it
      // (out of memory while reading a request) costs that connection only.
    }
    if (!overflow) {
      std::lock_guard<std::mutex> lock(mu_);
      --busy_;
    }
  }
}

}  // namespace tact::serve
