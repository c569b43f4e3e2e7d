// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A one-line progress display on standard error for long runs: messages
// per second and, when the size of the input is known, percent and ETA.
#ifndef TACT_CLI_PROGRESS_HPP_
#define TACT_CLI_PROGRESS_HPP_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tact::cli {

class Progress {
 public:
  // `mode`: -1 shows it when stderr is a terminal, 0 never, 1 always.
  // The total is known only when every input is a regular file.
  Progress(int mode, const std::vector<std::string>& files);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool enabled() const { return enabled_; }
  // Cheap enough for every line: the clock is read every 256th call.
  void update(std::uint64_t messages, std::uint64_t bytes);
  // Draws the final figures and ends the line.
  void finish(std::uint64_t messages, std::uint64_t bytes);

 private:
  void draw(std::uint64_t messages, std::uint64_t bytes);

  bool enabled_ = false;
  std::uint64_t total_ = 0;  // bytes; 0: unknown
  std::uint64_t calls_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace tact::cli

#endif  // TACT_CLI_PROGRESS_HPP_
