// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Answers work items on several threads and hands the answers back in input
// order. Items are gathered into batches (at most kMaxBatchMessages, or
// kMaxBatchBytes of text). A full batch is handed to the worker threads and
// the calling thread goes back to reading the next one, emitting on the way
// the answers that are ready, in order; so reading, answering and emitting
// overlap. Memory stays bounded whatever the input: at most
// kMaxBatchesInFlight batches are handed out and not yet emitted, besides the
// one being filled, and once they hold kMaxBatchBytes of text between them
// no more is handed out. Whenever it may not read on, the calling thread
// answers items too (or waits for the one it must emit next). With one
// thread it answers and emits each batch as it fills, as before.
//
// `tact analyze` queues one Message per line; `tact report` queues whole
// conversations, so the item and answer types are parameters. An item type
// tells its size through batch_bytes(const Item&).
#ifndef TACT_CLI_BATCHES_HPP_
#define TACT_CLI_BATCHES_HPP_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
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
  static constexpr std::size_t kMaxBatchesInFlight = 4;

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
    work_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  WorkBatches(const WorkBatches&) = delete;
  WorkBatches& operator=(const WorkBatches&) = delete;

  // Queues one item; hands out a full batch and emits what is ready. False:
  // stop (an emit failed; nothing more is emitted).
  // Memory short for the queue itself: what is queued is emitted first,
  // then the item is answered alone, so no line is lost (its answer may be
  // out_of_memory; `answer` reports that).
  bool add(Item&& m) {
    if (stopped_) return false;
    try {
      if (!filling_) filling_ = fresh();
      const std::size_t bytes = batch_bytes(m);
      filling_->items.push_back(std::move(m));  // unchanged when it throws
      filling_->bytes += bytes;
    } catch (const std::bad_alloc&) {
      return flush() && alone(m);
    }
    if (filling_->items.size() < kMaxBatchMessages && filling_->bytes < kMaxBatchBytes) return true;
    if (!hand_out()) return false;
    return pump(workers_.empty());
  }

  // Answers and emits everything queued. False: stop.
  bool flush() {
    if (stopped_) return false;
    if (!hand_out()) return false;
    return pump(true);
  }

  unsigned threads_used() const { return static_cast<unsigned>(workers_.size()) + 1; }

 private:
  struct Batch {
    std::vector<Item> items;
    std::vector<Result> results;
    std::vector<char> done;  // per item, under mutex_
    std::size_t bytes = 0;
    std::size_t next = 0;     // the next item to answer (under mutex_)
    std::size_t emitted = 0;  // items emitted (the calling thread's)
  };

  // Answers one item on the calling thread and emits it. False: stop.
  bool alone(Item& m) {
    Result r;
    answer_(m, &r);
    if (emit_(m, r)) return true;
    stop();
    return false;
  }

  std::unique_ptr<Batch> fresh() {
    if (spare_.empty()) return std::make_unique<Batch>();
    std::unique_ptr<Batch> b = std::move(spare_.back());
    spare_.pop_back();
    return b;
  }

  // Hands the batch being filled to the workers; when memory is short for
  // that, emits the batches out first and answers its items alone. False:
  // stop.
  bool hand_out() {
    if (!filling_ || filling_->items.empty()) return true;
    Batch& b = *filling_;
    try {
      b.results.assign(b.items.size(), Result());
      b.done.assign(b.items.size(), 0);
      b.next = 0;
      b.emitted = 0;
      const std::lock_guard<std::mutex> lock(mutex_);
      batches_.push_back(std::move(filling_));  // unchanged when it throws
      unanswered_ += b.items.size();
      bytes_ += b.bytes;
    } catch (const std::bad_alloc&) {
      std::unique_ptr<Batch> held = std::move(filling_);
      if (!pump(true)) return false;
      for (Item& m : held->items) {
        if (!alone(m)) return false;
      }
      recycle(std::move(held));
      return true;
    }
    work_.notify_all();
    return true;
  }

  // Takes the oldest item no thread has taken (under mutex_), if any.
  bool take(Batch** batch, std::size_t* i) {
    if (unanswered_ == 0) return false;
    for (const std::unique_ptr<Batch>& b : batches_) {
      if (b->next < b->items.size()) {
        *batch = b.get();
        *i = b->next++;
        --unanswered_;
        return true;
      }
    }
    return false;
  }

  // Answers one taken item; `lock` holds mutex_ before and after.
  void answer_one(std::unique_lock<std::mutex>& lock, Batch* b, std::size_t i) {
    lock.unlock();
    answer_(b->items[i], &b->results[i]);
    lock.lock();
    b->done[i] = 1;
  }

  // The calling thread: emits the answers that are ready, in order; then,
  // until there is room for another batch (`all`: until every batch is
  // emitted), answers items itself or waits for them.
  bool pump(bool all) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      while (!batches_.empty()) {
        Batch& b = *batches_.front();
        if (b.emitted == b.items.size()) {
          bytes_ -= b.bytes;
          std::unique_ptr<Batch> old = std::move(batches_.front());
          batches_.pop_front();
          lock.unlock();
          recycle(std::move(old));
          lock.lock();
          continue;
        }
        if (b.done[b.emitted] == 0) break;
        std::size_t end = b.emitted + 1;
        while (end < b.items.size() && b.done[end] != 0) ++end;
        lock.unlock();
        for (std::size_t i = b.emitted; i < end; ++i) {
          if (!emit_(b.items[i], b.results[i])) {
            stop();
            return false;
          }
        }
        lock.lock();
        b.emitted = end;
      }
      if (all ? batches_.empty()
              : batches_.size() < kMaxBatchesInFlight && bytes_ < kMaxBatchBytes) {
        return true;
      }
      Batch* b = nullptr;
      std::size_t i = 0;
      if (take(&b, &i)) {
        answer_one(lock, b, i);
      } else {
        waiting_ = true;
        ready_.wait(lock);
        waiting_ = false;
      }
    }
  }

  // Emitting failed: no more answers are needed.
  void stop() {
    stopped_ = true;
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const std::unique_ptr<Batch>& b : batches_) b->next = b->items.size();
    unanswered_ = 0;
  }

  // Keeps an emitted batch's storage for the next one (the calling thread's).
  void recycle(std::unique_ptr<Batch> b) {
    b->items.clear();
    b->results.clear();
    b->bytes = 0;
    try {
      if (spare_.size() < 2) spare_.push_back(std::move(b));
    } catch (const std::bad_alloc&) {
      // Not kept: the next batch is made afresh.
    }
  }

  // A worker thread's loop.
  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      work_.wait(lock, [&] { return stopping_ || unanswered_ > 0; });
      if (stopping_) return;
      Batch* b = nullptr;
      std::size_t i = 0;
      if (!take(&b, &i)) continue;
      answer_one(lock, b, i);
      if (waiting_) ready_.notify_one();
    }
  }

  std::function<void(Item&, Result*)> answer_;
  std::function<bool(const Item&, const Result&)> emit_;
  std::unique_ptr<Batch> filling_;             // the calling thread's
  std::vector<std::unique_ptr<Batch>> spare_;  // the calling thread's
  bool stopped_ = false;                       // the calling thread's

  std::mutex mutex_;
  std::condition_variable work_;                // an item to answer, or stopping
  std::condition_variable ready_;               // an item was answered
  std::deque<std::unique_ptr<Batch>> batches_;  // handed out, not yet emitted, oldest first
  std::size_t unanswered_ = 0;                  // items in batches_ no thread has taken
  std::size_t bytes_ = 0;                       // batch_bytes() in batches_
  bool waiting_ = false;                        // the calling thread waits on ready_
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// `tact analyze`'s batches: one line's message in, its output lines out.
using Batches = WorkBatches<Message, Answer>;

}  // namespace tact::cli

#endif  // TACT_CLI_BATCHES_HPP_
