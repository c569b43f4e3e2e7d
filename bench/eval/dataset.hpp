// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Loaders for the labelled data the evaluation reads from ../shared/ when it
// is there: the customer-service development set (eval/cs_dev.jsonl) and the
// public sets under data/. Nothing here is copied into the project.
#ifndef TACT_BENCH_EVAL_DATASET_HPP_
#define TACT_BENCH_EVAL_DATASET_HPP_

#include <optional>
#include <string>
#include <vector>

namespace tact::eval {

struct LabelledLine {
  std::string id;
  std::string role;  // "agent" or "customer"
  std::string text;
  // Agent lines.
  std::vector<std::string> triggers;
  std::vector<std::string> techniques;
  std::vector<std::string> keep;
  // Customer lines.
  int escalation = 0;
  std::string sentiment;  // "neg", "neu" or "pos"
  std::vector<std::string> signals;
};

// ../shared beside the source tree, or $TACT_SHARED_DIR when set; empty when
// neither exists.
std::string shared_dir();

// eval/cs_dev.jsonl under `shared`; nullopt when the file is missing.
std::optional<std::vector<LabelledLine>> load_cs_dev(const std::string& shared);

struct RatedText {
  std::string text;
  double score = 0.0;       // vader_tweets: human mean on -4..4
  std::vector<int> labels;  // goemotions: label ids
};

// data/vader_tweets/tweets_GroundTruth.tsv; nullopt when missing.
std::optional<std::vector<RatedText>> load_vader_tweets(const std::string& shared);
// data/goemotions_dev/dev.tsv and labels.txt; nullopt when missing.
std::optional<std::vector<RatedText>> load_goemotions(const std::string& shared,
                                                      std::vector<std::string>* label_names);

}  // namespace tact::eval

#endif  // TACT_BENCH_EVAL_DATASET_HPP_
