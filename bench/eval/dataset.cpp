// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "dataset.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace tact::eval {

namespace {

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array()) {
    for (const auto& v : *it) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::string shared_dir() {
  if (const char* env = std::getenv("TACT_SHARED_DIR"); env && *env) {
    return std::filesystem::is_directory(env) ? env : "";
  }
#ifdef TACT_SHARED_DIR
  if (std::filesystem::is_directory(TACT_SHARED_DIR)) return TACT_SHARED_DIR;
#endif
  return "";
}

std::optional<std::vector<LabelledLine>> load_cs_dev(const std::string& shared) {
  if (shared.empty()) return std::nullopt;
  std::ifstream in(shared + "/eval/cs_dev.jsonl");
  if (!in) return std::nullopt;
  std::vector<LabelledLine> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    LabelledLine l;
    l.id = j.at("id").get<std::string>();
    l.role = j.at("role").get<std::string>();
    l.text = j.at("text").get<std::string>();
    l.triggers = strings(j, "triggers");
    l.techniques = strings(j, "techniques");
    l.keep = strings(j, "keep");
    l.signals = strings(j, "signals");
    if (j.contains("escalation")) l.escalation = j.at("escalation").get<int>();
    if (j.contains("sentiment")) l.sentiment = j.at("sentiment").get<std::string>();
    lines.push_back(std::move(l));
  }
  return lines;
}

std::optional<std::vector<RatedText>> load_vader_tweets(const std::string& shared) {
  if (shared.empty()) return std::nullopt;
  std::ifstream in(shared + "/data/vader_tweets/tweets_GroundTruth.tsv");
  if (!in) return std::nullopt;
  std::vector<RatedText> out;
  std::string line;
  while (std::getline(in, line)) {
    // id <TAB> mean <TAB> text
    const auto a = line.find('\t');
    const auto b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) continue;
    RatedText r;
    r.score = std::strtod(line.c_str() + a + 1, nullptr);
    r.text = line.substr(b + 1);
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<std::vector<RatedText>> load_goemotions(const std::string& shared,
                                                      std::vector<std::string>* label_names) {
  if (shared.empty()) return std::nullopt;
  std::ifstream in(shared + "/data/goemotions_dev/dev.tsv");
  std::ifstream names(shared + "/data/goemotions_dev/labels.txt");
  if (!in || !names) return std::nullopt;
  std::string line;
  if (label_names) {
    label_names->clear();
    while (std::getline(names, line)) {
      if (!line.empty()) label_names->push_back(line);
    }
  }
  std::vector<RatedText> out;
  while (std::getline(in, line)) {
    // text <TAB> label ids <TAB> id
    const auto a = line.find('\t');
    const auto b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) continue;
    RatedText r;
    r.text = line.substr(0, a);
    std::stringstream ids(line.substr(a + 1, b - a - 1));
    std::string id;
    while (std::getline(ids, id, ',')) r.labels.push_back(std::atoi(id.c_str()));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tact::eval
