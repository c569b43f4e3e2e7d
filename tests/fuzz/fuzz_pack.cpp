// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Fuzz target: rule-pack loading from arbitrary bytes. A pack either fails
// with Code::rules and a "name:line: ..." message, or loads and then
// analyzes text and runs its own examples without crashing.
//
// Every input runs on a thread with a 256 KB stack, the size a host may
// give its workers, so recursion that the main thread's 8 MB would absorb
// still crashes here. Inputs whose first byte is 1 mod 8 are a recipe for
// the deep TOML a fuzzer rarely writes on its own: bytes 1-2 give a count
// (up to 65,535), byte 3 picks a dotted key, a table header, nested arrays
// or nested inline tables of that depth, and the rest is appended as is.
#include <pthread.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/core.hpp"

namespace {

std::string deep_toml(const uint8_t* data, std::size_t size) {
  if (size < 4) return {};
  const std::size_t count = std::size_t{data[1]} << 8 | data[2];
  std::string t;
  switch (data[3] % 4) {
    case 0:  // a.a.a… = 1
      t = "a";
      for (std::size_t i = 0; i < count; ++i) t += ".a";
      t += " = 1\n";
      break;
    case 1:  // [a.a.a…]
      t = "[a";
      for (std::size_t i = 0; i < count; ++i) t += ".a";
      t += "]\n";
      break;
    case 2:  // x = [[[…]]]
      t = "x = " + std::string(count, '[') + std::string(count, ']') + "\n";
      break;
    default:  // x = {a = {a = … 1 …}}
      t = "x = ";
      for (std::size_t i = 0; i < count; ++i) t += "{a = ";
      t += "1";
      t += std::string(count, '}');
      t += "\n";
      break;
  }
  t.append(reinterpret_cast<const char*>(data) + 4, size - 4);
  return t;
}

struct Input {
  const uint8_t* data;
  std::size_t size;
};

void* run(void* arg) {
  const Input& in = *static_cast<const Input*>(arg);
  tact::Options options;
  // Layering over the default pack is the common case, but compiling it
  // costs most of an execution: one input in eight, so the fuzzer spends its
  // time on the packs it writes.
  options.default_pack = in.size > 0 && in.data[0] % 8 == 0;
  options.max_rules = 2000;
  std::string text = in.size > 0 && in.data[0] % 8 == 1
                         ? deep_toml(in.data, in.size)
                         : std::string(reinterpret_cast<const char*>(in.data), in.size);
  options.rule_texts.push_back({"fuzz.toml", std::move(text)});
  const tact::core::Analyzer analyzer(options);
  if (!analyzer.ok()) {
    const tact::Status& s = analyzer.status();
    if (s.code != tact::Code::rules || s.message.empty()) std::abort();
    return nullptr;
  }
  tact::Report report;
  for (const char* sample : {"I don't know, calm down. It's our policy.",
                             "WHY IS THIS BROKEN AGAIN!!!", "\xF0\x9F\x98\xA1 no no no", ""}) {
    if (!analyzer.analyze(sample, tact::Role::automatic, &report).ok()) std::abort();
  }
  // The default pack's own examples are tested elsewhere and cost seconds.
  if (!options.default_pack) (void)analyzer.check_examples();
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  Input in{data, size};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  constexpr std::size_t kStack = 256 * 1024;
  pthread_attr_setstacksize(&attr, kStack);
  pthread_t thread;
  if (pthread_create(&thread, &attr, run, &in) != 0) std::abort();
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return 0;
}
