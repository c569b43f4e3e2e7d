// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tone accuracy figures, computed one way for the tact_eval_tone program
// and the accuracy-floor test: on cs_dev.jsonl's customer lines, escalation
// exact and within-one accuracy and 3-way sentiment accuracy; on the public
// sets, Pearson r with the human mean (vader_tweets) and the AUROC of anger
// for anger/annoyance/disapproval/disgust (goemotions_dev).
#ifndef TACT_BENCH_EVAL_TONE_METRICS_HPP_
#define TACT_BENCH_EVAL_TONE_METRICS_HPP_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.hpp"

namespace tact::eval {

// Scores one text as `role`; the metrics read tone and escalation.
using ToneFn = std::function<Report(std::string_view text, Role role)>;

struct ToneMetrics {
  // cs_dev.jsonl customer lines (customer_lines == 0 when absent).
  int customer_lines = 0;
  double escalation_exact = 0.0;
  double escalation_within_one = 0.0;
  double sentiment_accuracy = 0.0;
  int escalation_confusion[5][5] = {};  // [gold][predicted]
  int sentiment_confusion[3][3] = {};   // neg, neu, pos
  // cs_dev.jsonl agent lines: how well de-escalation ranks clean replies
  // above replies with a trigger (AUROC).
  int agent_lines = 0;
  double deescalation_auroc = 0.0;
  // Role::automatic's guess over every cs_dev.jsonl line, agents' too.
  int role_lines = 0;
  double role_accuracy = 0.0;
  // data/vader_tweets (tweets == 0 when absent).
  int tweets = 0;
  double tweets_r = 0.0;
  // data/goemotions_dev (comments == 0 when absent).
  int comments = 0;
  int angry_comments = 0;
  double anger_auroc = 0.0;
};

// neg / neu / pos with VADER's +-0.05 thresholds: 0, 1, 2.
int sentiment_class(double compound);

double pearson(const std::vector<double>& x, const std::vector<double>& y);

// Area under the ROC curve of `score` for `positive`, ties counted half.
double auroc(const std::vector<double>& score, const std::vector<bool>& positive);

// Computes every figure whose data is under `shared`. `anger` picks the
// score ranked for GoEmotions (Tone::anger by default).
ToneMetrics tone_metrics(const std::string& shared, const ToneFn& fn,
                         const std::function<double(const Report&)>& anger = {});

}  // namespace tact::eval

#endif  // TACT_BENCH_EVAL_TONE_METRICS_HPP_
