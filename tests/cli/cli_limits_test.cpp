// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The CLI under resource limits (ulimit -v and -u) over a million lines, some
// too large and one of 256 MiB: every input line must get exactly one output
// line or error line, in order, and the huge line must not be stored.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TACT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TACT_SANITIZED 1
#endif
#endif

namespace {

constexpr long kLines = 1000000;
constexpr long kEveryTooLarge = 1000;  // line n (1-based) with n % 1000 == 0

bool too_large(long n) {
  return n % kEveryTooLarge == 0;
}

}  // namespace

TEST_CASE("a million lines under ulimit -v and -u: one answer per line, in order") {
  {
    std::ofstream in("limits.in", std::ios::binary);
    for (long n = 1; n <= kLines; ++n) {
      if (too_large(n)) {
        in << std::string(300, 'x') << '\n';  // over the 256-byte limit below
      } else {
        in << "ok " << n << '\n';
      }
    }
  }
#ifdef TACT_SANITIZED
  // Sanitizers reserve terabytes of address space, so no -v limit there.
  const std::string vlimit = "";
#else
  // 200 MiB of address space: less than the 256 MiB line read below, with room for the
  // lazily compiled match set beside two threads' malloc arenas (64 MiB reserved each).
  const std::string vlimit = "ulimit -v 204800; ";
#endif
  // bash, as POSIX sh has no -u. -u 1: no new process or thread can start (for a non-root user);
  // the CLI must not need one. The 256 MiB line of NULs comes after the file.
  const std::string cmd =
      "{ cat limits.in; head -c 268435456 /dev/zero; printf '\\nend\\n'; } | bash -c '" + vlimit +
      "ulimit -u 1; exec \"" + TACT_CLI +
      "\" analyze --format json --max-input-bytes 256' >limits.out 2>limits.err";
  const int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 2);  // some lines failed

  std::ifstream out("limits.out", std::ios::binary);
  std::string line;
  long n = 0;
  long mismatches = 0;
  while (std::getline(out, line)) {
    ++n;
    bool good = false;
    if (n <= kLines && too_large(n)) {
      good = line.rfind(R"({"id":null,"error":{"code":"too_large")", 0) == 0 &&
             line.find("\"line\":" + std::to_string(n) + ",") != std::string::npos;
    } else if (n <= kLines) {
      good = line.rfind(R"({"id":null,"role":"agent")", 0) == 0 &&
             line.find("\"rewrite\":\"ok " + std::to_string(n) + "\"") != std::string::npos;
    } else if (n == kLines + 1) {
      good = line.find("\"code\":\"too_large\"") != std::string::npos;
    } else if (n == kLines + 2) {
      good = line.find("\"rewrite\":\"end\"") != std::string::npos;
    }
    if (!good && mismatches++ < 5) FAIL_CHECK("output line " << n << ": " << line.substr(0, 200));
  }
  CHECK(n == kLines + 2);
  CHECK(mismatches == 0);

  std::ifstream err("limits.err");
  long errors = 0;
  // Only the CLI's own lines count: on a machine with many cores (so many
  // thread stacks), RE2 may log one line when the lazily compiled match set
  // runs out of memory (see the next test).
  while (std::getline(err, line)) errors += line.rfind("tact: ", 0) == 0 ? 1 : 0;
  CHECK(errors == kLines / kEveryTooLarge + 1);
  std::remove("limits.in");
  std::remove("limits.out");
  std::remove("limits.err");
}

#ifndef TACT_SANITIZED
TEST_CASE("a match set that cannot be compiled under ulimit -v costs speed, not the process") {
  // As root on a machine with many cores: 31 worker threads start and their
  // stacks (8 MiB each) leave too little of 150 MiB for the match set that is
  // compiled on first use, so RE2 throws bad_alloc inside std::call_once.
  // That once killed the process (glibc aborts unwinding out of
  // pthread_once when it cannot load libgcc_s); the shards must answer.
  {
    std::ofstream in("lazyset.in", std::ios::binary);
    for (int n = 1; n <= 2000; ++n) in << "I don't know, calm down " << n << '\n';
  }
  const std::string cmd = "bash -c 'ulimit -v 153600; exec \"" + std::string(TACT_CLI) +
                          "\" analyze --format json --threads 32' <lazyset.in >lazyset.out";
  const int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  // Each line: its report, or (memory is short for 32 threads in 150 MiB) an
  // out_of_memory line in its place; none lost, none out of order.
  std::ifstream out("lazyset.out", std::ios::binary);
  std::string line;
  int n = 0;
  int found = 0;
  int out_of_memory = 0;
  while (std::getline(out, line)) {
    ++n;
    if (line.find("\"triggers\":[{") != std::string::npos &&
        line.find(" " + std::to_string(n) + "\"}") != std::string::npos) {
      ++found;
    } else if (line.find(R"("code":"out_of_memory")") != std::string::npos &&
               line.find("\"line\":" + std::to_string(n) + ",") != std::string::npos) {
      ++out_of_memory;
    } else {
      FAIL_CHECK("output line " << n << ": " << line.substr(0, 200));
    }
  }
  CHECK(n == 2000);
  CHECK(found + out_of_memory == 2000);
  CHECK(WEXITSTATUS(raw) == (out_of_memory > 0 ? 2 : 0));
  std::remove("lazyset.in");
  std::remove("lazyset.out");
}

TEST_CASE("a line that cannot be stored under ulimit -v is reported, not taken for end of input") {
  // The limit allows the line (1 GiB) but memory does not (about 200 MB).
  const std::string cmd =
      "{ printf 'first\\n'; head -c 300000000 /dev/zero; printf '\\nthird\\nfourth\\n'; } | "
      "bash -c 'ulimit -v 204800; exec \"" +
      std::string(TACT_CLI) +
      "\" analyze --format json --max-input-bytes 1073741824' >oom.out 2>oom.err";
  const int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 2);
  std::ifstream out("oom.out");
  std::vector<std::string> lines;
  for (std::string line; std::getline(out, line);) lines.push_back(line);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].find("\"rewrite\":\"first\"") != std::string::npos);
  CHECK(lines[1].rfind(R"({"id":null,"error":{"code":"out_of_memory","file":"<stdin>","line":2,)",
                       0) == 0);
  CHECK(lines[2].find("\"rewrite\":\"third\"") != std::string::npos);
  CHECK(lines[3].find("\"rewrite\":\"fourth\"") != std::string::npos);
  std::remove("oom.out");
  std::remove("oom.err");
}
#endif
