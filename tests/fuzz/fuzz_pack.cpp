// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Fuzz target: rule-pack loading from arbitrary bytes. A pack either fails
// with Code::rules and a "name:line: ..." message, or loads and then
// analyzes text and runs its own examples without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tact/tact.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  tact::Options options;
  // Layering over the default pack is the common case, but compiling it
  // costs most of an execution: one input in eight, so the fuzzer spends its
  // time on the packs it writes.
  options.default_pack = size > 0 && data[0] % 8 == 0;
  options.max_rules = 2000;
  options.rule_texts.push_back(
      {"fuzz.toml", std::string(reinterpret_cast<const char*>(data), size)});
  const tact::Analyzer analyzer(options);
  if (!analyzer.ok()) {
    const tact::Status& s = analyzer.status();
    if (s.code != tact::Code::rules || s.message.empty()) std::abort();
    return 0;
  }
  tact::Report report;
  for (const char* text : {"I don't know, calm down. It's our policy.",
                           "WHY IS THIS BROKEN AGAIN!!!", "\xF0\x9F\x98\xA1 no no no", ""}) {
    if (!analyzer.analyze(text, tact::Role::automatic, &report).ok()) std::abort();
  }
  // The default pack's own examples are tested elsewhere and cost seconds.
  if (!options.default_pack) (void)analyzer.check_examples();
  return 0;
}
