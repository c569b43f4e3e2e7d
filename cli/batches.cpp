// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "batches.hpp"

#include <utility>

namespace tact::cli {

Batches::Batches(unsigned threads, std::function<void(Message&, Answer*)> answer,
                 std::function<bool(const Message&, const Answer&)> emit)
    : answer_(std::move(answer)), emit_(std::move(emit)) {
  for (unsigned t = 1; t < threads; ++t) {
    try {
      workers_.emplace_back([this] { work(); });
    } catch (...) {
      break;  // RLIMIT_NPROC and friends: fewer threads, same answers
    }
  }
}

Batches::~Batches() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (std::thread& t : workers_) t.join();
}

bool Batches::add(Message&& m) {
  bytes_ += m.text.size();
  batch_.push_back(std::move(m));
  if (batch_.size() >= kMaxBatchMessages || bytes_ >= kMaxBatchBytes) return flush();
  return true;
}

void Batches::answer_all() {
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

void Batches::work() {
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

bool Batches::flush() {
  if (batch_.empty()) return true;
  answers_.assign(batch_.size(), Answer());
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

}  // namespace tact::cli
