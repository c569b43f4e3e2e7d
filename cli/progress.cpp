// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace tact::cli {

namespace {

// Redraws at most this often: a terminal is slow, the count is not urgent.
constexpr auto kInterval = std::chrono::milliseconds(200);

}  // namespace

Progress::Progress(int mode, const std::vector<std::string>& files) {
  enabled_ = mode == 1 || (mode == -1 && isatty(STDERR_FILENO) != 0);
  start_ = last_ = std::chrono::steady_clock::now();
  if (!enabled_ || files.empty()) return;
  std::uint64_t total = 0;
  for (const std::string& f : files) {
    struct stat st {};
    if (f == "-" || ::stat(f.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;  // unknown
    total += static_cast<std::uint64_t>(st.st_size);
  }
  total_ = total;
}

void Progress::update(std::uint64_t messages, std::uint64_t bytes) {
  if (!enabled_ || (++calls_ & 255) != 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < kInterval) return;
  last_ = now;
  draw(messages, bytes);
}

void Progress::draw(std::uint64_t messages, std::uint64_t bytes) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(messages) / seconds : 0.0;
  // One fprintf per redraw: stderr is unbuffered, so the line is not torn.
  char line[160];
  if (total_ > 0 && bytes > 0) {
    const double done = static_cast<double>(bytes) / static_cast<double>(total_);
    const double eta = done > 0 && done < 1 ? seconds * (1 - done) / done : 0.0;
    const auto eta_s = static_cast<long>(eta);
    std::snprintf(
        line, sizeof line,
        "\rtact report: %llu messages, %.0f messages/s, %3.0f%%, ETA %ld:%02ld:%02ld\x1b[K",
        static_cast<unsigned long long>(messages), rate, done > 1 ? 100.0 : done * 100,
        eta_s / 3600, eta_s / 60 % 60, eta_s % 60);
  } else {
    std::snprintf(line, sizeof line, "\rtact report: %llu messages, %.0f messages/s\x1b[K",
                  static_cast<unsigned long long>(messages), rate);
  }
  std::fputs(line, stderr);
}

void Progress::finish(std::uint64_t messages, std::uint64_t bytes) {
  if (!enabled_) return;
  // The final figures stay on screen, even for a run too short to redraw.
  draw(messages, bytes);
  std::fputs("\n", stderr);
  enabled_ = false;
}

}  // namespace tact::cli
