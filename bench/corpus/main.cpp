// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_corpus: writes the benchmark corpus.
//   tact_corpus [--size chat|email|transcript] [--count N] [--seed S]
//               [--format text|jsonl]
// text: one message per line (line breaks inside a message become spaces);
// jsonl: {"id","role","text"} per line, as `tact analyze --jsonl` reads.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "generate.hpp"

int main(int argc, char** argv) {
  tact::bench::Size size = tact::bench::Size::chat;
  std::size_t count = 1000;
  uint64_t seed = 1;
  bool jsonl = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--size") {
      if (value == "chat") {
        size = tact::bench::Size::chat;
      } else if (value == "email") {
        size = tact::bench::Size::email;
      } else if (value == "transcript") {
        size = tact::bench::Size::transcript;
      } else {
        std::cerr << "tact_corpus: --size chat|email|transcript\n";
        return 2;
      }
    } else if (key == "--count") {
      count = std::strtoull(value.c_str(), nullptr, 10);
    } else if (key == "--seed") {
      seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (key == "--format") {
      jsonl = value == "jsonl";
    } else {
      std::cerr << "tact_corpus: unknown option " << key << "\n";
      return 2;
    }
  }
  std::size_t id = 0;
  for (auto& m : tact::bench::generate(size, count, seed)) {
    if (jsonl) {
      nlohmann::ordered_json j;
      j["id"] = "g" + std::to_string(++id);
      j["role"] = m.agent ? "agent" : "customer";
      j["text"] = m.text;
      std::cout << j.dump() << "\n";
    } else {
      for (char& c : m.text) c = c == '\n' ? ' ' : c;
      std::cout << m.text << "\n";
    }
  }
  return 0;
}
