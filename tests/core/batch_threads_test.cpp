// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A batch when the system refuses threads (issue 12: std::system_error from
// creating a std::thread unwound past joinable threads and terminated the
// host). Each case runs in a forked child where every new thread asks for
// a 1 GB stack under an address-space limit 256 MB above current use, so
// pthread_create fails (RLIMIT_NPROC would not: the tests may run as root).
#include <doctest/doctest.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "report/json.hpp"
#include "tact.h"
#include "tact/analyzer.hpp"
#include "tact/report.hpp"

namespace tact {
namespace {

const std::vector<std::string_view> kTexts = {"I don't know, calm down.", "Where is my refund??",
                                              "Thanks, that helps!",
                                              "This is RIDICULOUS!!! Third time I'm writing.", ""};

std::vector<std::string_view> many_texts() {
  std::vector<std::string_view> v;
  for (int i = 0; i < 20; ++i) v.insert(v.end(), kTexts.begin(), kTexts.end());
  return v;
}

// Makes thread creation fail in this process; false if it could not.
bool refuse_threads() {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  if (pthread_attr_setstacksize(&attr, std::size_t{1} << 30) != 0) return false;
  if (pthread_setattr_default_np(&attr) != 0) return false;
  std::ifstream statm("/proc/self/statm");
  unsigned long pages = 0;
  if (!(statm >> pages)) return false;
  const rlim_t vm = static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
  const rlimit lim{vm + (rlim_t{256} << 20), RLIM_INFINITY};
  if (setrlimit(RLIMIT_AS, &lim) != 0) return false;
  try {
    std::thread t([] {});
    t.join();
    return false;  // the limits did not stop a thread
  } catch (const std::system_error&) {
    return true;
  }
}

// Runs `body` in a child process; returns its exit status (-1: killed).
template <class F>
int in_child(F body) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -2;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> json_of(const std::vector<Report>& reports) {
  std::vector<std::string> out;
  for (const Report& r : reports) out.push_back(tact::core::to_json(r));
  return out;
}

TEST_CASE("threads are capped at the cores and kMaxBatchThreads") {
  const Analyzer a{Options()};
  const auto texts = many_texts();
  unsigned used = 0;
  a.analyze_batch(texts, Role::agent, 100000, nullptr, &used);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  CHECK(used == std::min(cores, kMaxBatchThreads));
  a.analyze_batch(texts, Role::agent, 1, nullptr, &used);
  CHECK(used == 1);
  a.analyze_batch({texts[0]}, Role::agent, 0, nullptr, &used);
  CHECK(used == 1);
}

TEST_CASE("a batch falls back to the calling thread when threads cannot be created") {
  const Analyzer a{Options()};
  REQUIRE(a.ok());
  const auto texts = many_texts();
  std::vector<Status> want_status;
  const std::vector<std::string> want =
      json_of(a.analyze_batch(texts, Role::automatic, 1, &want_status));
  const int rc = in_child([&] {
    if (!refuse_threads()) return 3;
    for (unsigned threads : {0u, 2u, 64u, 100000u}) {
      std::vector<Status> statuses;
      unsigned used = 0;
      const auto got = a.analyze_batch(texts, Role::automatic, threads, &statuses, &used);
      if (used != 1) return 4;
      if (json_of(got) != want || statuses.size() != texts.size()) return 5;
      for (const Status& s : statuses)
        if (!s.ok()) return 6;
    }
    return 0;
  });
  CHECK(rc == 0);
}

TEST_CASE("tact_analyze_batch falls back too, with the same results; _v2 reports the threads") {
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, nullptr) == TACT_OK);
  const auto texts = many_texts();
  std::vector<const char*> ptrs;
  std::vector<size_t> lens;
  for (std::string_view t : texts) {
    ptrs.push_back(t.data());
    lens.push_back(t.size());
  }
  unsigned used = 0;
  auto run = [&](unsigned threads, std::vector<std::string>* json) {
    std::vector<tact_report*> out(texts.size());
    std::vector<int> statuses(texts.size());
    const int rc = tact_analyze_batch_v2(out.data(), a, ptrs.data(), lens.data(), texts.size(),
                                         TACT_ROLE_AUTO, threads, statuses.data(), &used);
    for (tact_report* r : out) {
      const char* j = nullptr;
      if (r != nullptr && tact_report_json(&j, nullptr, r) == TACT_OK) json->push_back(j);
      tact_report_free(r);
    }
    return rc;
  };
  std::vector<std::string> want;
  REQUIRE(run(1, &want) == TACT_OK);
  REQUIRE(want.size() == texts.size());
  CHECK(used == 1);
  std::vector<std::string> two;
  REQUIRE(run(2, &two) == TACT_OK);
  CHECK(used == std::min(2u, std::max(1u, std::thread::hardware_concurrency())));
  const int rc = in_child([&] {
    if (!refuse_threads()) return 3;
    for (unsigned threads : {0u, 2u, 4096u}) {
      std::vector<std::string> got;
      if (run(threads, &got) != TACT_OK) return 4;
      if (got != want) return 5;
      if (used != 1) return 6;  // the refusal is reported
    }
    return 0;
  });
  CHECK(rc == 0);
  tact_analyzer_free(a);
}

}  // namespace
}  // namespace tact
