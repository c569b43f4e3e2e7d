// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "dataset.hpp"

namespace tact::eval {

int sentiment_class(double compound) {
  return compound <= -0.05 ? 0 : compound >= 0.05 ? 2 : 1;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0.0;
  const auto count = static_cast<double>(n);
  const double mx = std::accumulate(x.begin(), x.begin() + static_cast<long>(n), 0.0) / count;
  const double my = std::accumulate(y.begin(), y.begin() + static_cast<long>(n), 0.0) / count;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

double auroc(const std::vector<double>& score, const std::vector<bool>& positive) {
  // Mann-Whitney U with mid-ranks for ties.
  const std::size_t n = std::min(score.size(), positive.size());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  double rank_sum = 0;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && score[order[j]] == score[order[i]]) ++j;
    const double mid = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (positive[order[k]]) {
        rank_sum += mid;
        ++pos;
      }
    }
    i = j;
  }
  const std::size_t neg = n - pos;
  if (pos == 0 || neg == 0) return 0.5;
  const double p = static_cast<double>(pos);
  return (rank_sum - p * (p + 1) / 2.0) / (p * static_cast<double>(neg));
}

ToneMetrics tone_metrics(const std::string& shared, const ToneFn& fn,
                         const std::function<double(const Report&)>& anger) {
  ToneMetrics m;
  if (auto lines = load_cs_dev(shared)) {
    int exact = 0, within = 0, sentiment = 0;
    for (const LabelledLine& l : *lines) {
      if (l.role != "customer") continue;
      const Report r = fn(l.text, Role::customer);
      const int level = std::clamp(r.escalation.level, 0, 4);
      const int gold = std::clamp(l.escalation, 0, 4);
      ++m.customer_lines;
      exact += level == gold ? 1 : 0;
      within += std::abs(level - gold) <= 1 ? 1 : 0;
      ++m.escalation_confusion[gold][level];
      const int want = l.sentiment == "neg" ? 0 : l.sentiment == "pos" ? 2 : 1;
      const int got = sentiment_class(r.tone.sentiment);
      sentiment += want == got ? 1 : 0;
      ++m.sentiment_confusion[want][got];
    }
    std::vector<double> calm;
    std::vector<bool> clean;
    for (const LabelledLine& l : *lines) {
      if (l.role != "agent") continue;
      calm.push_back(fn(l.text, Role::agent).tone.deescalation);
      clean.push_back(l.triggers.empty());
    }
    m.agent_lines = static_cast<int>(calm.size());
    m.deescalation_auroc = auroc(calm, clean);
    int roles = 0;
    for (const LabelledLine& l : *lines) {
      const Role want = l.role == "agent" ? Role::agent : Role::customer;
      roles += fn(l.text, Role::automatic).role == want ? 1 : 0;
      ++m.role_lines;
    }
    if (m.role_lines > 0) m.role_accuracy = static_cast<double>(roles) / m.role_lines;
    if (m.customer_lines > 0) {
      m.escalation_exact = static_cast<double>(exact) / m.customer_lines;
      m.escalation_within_one = static_cast<double>(within) / m.customer_lines;
      m.sentiment_accuracy = static_cast<double>(sentiment) / m.customer_lines;
    }
  }
  if (auto tweets = load_vader_tweets(shared)) {
    std::vector<double> ours, human;
    for (const RatedText& t : *tweets) {
      ours.push_back(fn(t.text, Role::customer).tone.sentiment);
      human.push_back(t.score);
    }
    m.tweets = static_cast<int>(ours.size());
    m.tweets_r = pearson(ours, human);
  }
  std::vector<std::string> names;
  if (auto comments = load_goemotions(shared, &names)) {
    std::vector<int> angry_ids;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string& n = names[i];
      if (n == "anger" || n == "annoyance" || n == "disapproval" || n == "disgust") {
        angry_ids.push_back(static_cast<int>(i));
      }
    }
    std::vector<double> score;
    std::vector<bool> angry;
    for (const RatedText& c : *comments) {
      const Report r = fn(c.text, Role::customer);
      score.push_back(anger ? anger(r) : r.tone.anger);
      const bool a = std::any_of(c.labels.begin(), c.labels.end(), [&](int id) {
        return std::find(angry_ids.begin(), angry_ids.end(), id) != angry_ids.end();
      });
      angry.push_back(a);
      m.angry_comments += a ? 1 : 0;
    }
    m.comments = static_cast<int>(score.size());
    m.anger_auroc = auroc(score, angry);
  }
  return m;
}

}  // namespace tact::eval
