// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Tact's side of the peer comparison (scripts/compare.sh): times the batch
// API on one thread over a corpus, and scores the same accuracy questions
// the peers are asked on cs_dev.jsonl. Prints one JSON object.
//   tact_compare CORPUS.jsonl [CS_DEV.jsonl]
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/core.hpp"

namespace {

std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

std::string sign(double x) {
  return x >= 0.05 ? "pos" : x <= -0.05 ? "neg" : "neu";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tact_compare CORPUS.jsonl [CS_DEV.jsonl]\n";
    return 2;
  }
  const tact::core::Analyzer analyzer;
  const auto corpus = read_jsonl(argv[1]);
  std::vector<std::string> texts;
  double bytes = 0;
  for (const auto& j : corpus) {
    texts.push_back(j.at("text").get<std::string>());
    bytes += static_cast<double>(texts.back().size());
  }
  const std::vector<std::string_view> views(texts.begin(), texts.end());

  // Repeat the whole corpus until at least two seconds have passed.
  analyzer.analyze_batch(views, tact::Role::automatic, 1, nullptr);  // warm up
  std::size_t rounds = 0;
  const auto t0 = std::chrono::steady_clock::now();
  double seconds = 0;
  do {
    auto reports = analyzer.analyze_batch(views, tact::Role::automatic, 1, nullptr);
    ++rounds;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  } while (seconds < 2.0);

  nlohmann::ordered_json out;
  out["tool"] = "tact";
  out["messages_per_s"] = static_cast<double>(rounds * texts.size()) / seconds;
  out["mb_per_s"] = static_cast<double>(rounds) * bytes / seconds / 1e6;

  if (argc > 2) {
    int sentiment_right = 0, customers = 0, tp = 0, fp = 0, fn = 0, tn = 0;
    for (const auto& j : read_jsonl(argv[2])) {
      const std::string text = j.at("text");
      if (j.at("role") == "customer") {
        const auto r = analyzer.analyze(text, tact::Role::customer);
        ++customers;
        sentiment_right += sign(r.tone.sentiment) == j.at("sentiment").get<std::string>() ? 1 : 0;
      } else {
        const auto r = analyzer.analyze(text, tact::Role::agent);
        bool flagged = false;
        for (const auto& t : r.triggers) flagged = flagged || t.severity != tact::Severity::info;
        const bool truth = !j.at("triggers").empty();
        tp += flagged && truth;
        fp += flagged && !truth;
        fn += !flagged && truth;
        tn += !flagged && !truth;
      }
    }
    out["sentiment_accuracy"] = customers ? static_cast<double>(sentiment_right) / customers : 0.0;
    out["flag_precision"] = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0.0;
    out["flag_recall"] = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0.0;
    out["flag_accuracy"] = static_cast<double>(tp + tn) / std::max(1, tp + fp + fn + tn);
  }
  std::cout << out.dump() << "\n";
  return 0;
}
