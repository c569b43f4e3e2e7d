// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_eval_tone: Tact's tone figures on the labelled data in ../shared,
// next to a plain VADER-style baseline (the same lexicon without Tact's
// customer-service entries and heuristics, negated sentiment as anger).
//
//   cmake --build build --target tact_eval_tone
//   build/bench/eval/tact_eval_tone [--no-baseline] [--lines] [--toml FILE]
//   build/bench/eval/tact_eval_tone --explain TEXT
//
// It prints, on cs_dev.jsonl's customer lines, escalation exact and
// within-one accuracy and 3-way sentiment accuracy (+-0.05 thresholds); on
// its agent lines, how well de-escalation ranks clean replies above ones
// with a trigger; the role guess over all lines; and, when ../shared/data
// is there, Pearson r on vader_tweets and the anger AUROC on goemotions_dev
// (anger, annoyance, disapproval, disgust vs the rest). The floor test in
// tests/tone computes the same figures (tone_metrics.cpp).
//
// --lines also prints each customer line's gold and predicted level and
// sentiment. --toml scores with the tone parameters in FILE (with the
// embedded lexicons and rule pack) instead of rules/en/tone.toml, for tuning
// without a rebuild. --explain prints the findings, cues and scores of TEXT
// read as a customer's. Exit status 0, or 77 when ../shared is absent.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "core/core.hpp"
#include "dataset.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"
#include "tone_metrics.hpp"

namespace {

void print(const char* name, const tact::eval::ToneMetrics& m, bool escalation) {
  std::printf("%s\n", name);
  if (m.customer_lines > 0) {
    if (escalation) {
      std::printf("  cs_dev customer lines (%d): escalation exact %.3f, within one %.3f\n",
                  m.customer_lines, m.escalation_exact, m.escalation_within_one);
    }
    std::printf("  cs_dev customer lines (%d): sentiment 3-way accuracy %.3f\n", m.customer_lines,
                m.sentiment_accuracy);
    if (escalation) {
      std::printf("  cs_dev agent lines (%d): de-escalation AUROC, clean vs with a trigger %.3f\n",
                  m.agent_lines, m.deescalation_auroc);
      std::printf("  cs_dev all lines (%d): role guess accuracy %.3f\n", m.role_lines,
                  m.role_accuracy);
    }
  }
  if (m.tweets > 0) std::printf("  vader_tweets (%d): Pearson r %.3f\n", m.tweets, m.tweets_r);
  if (m.comments > 0) {
    std::printf("  goemotions_dev (%d, %d angry): anger AUROC %.3f\n", m.comments, m.angry_comments,
                m.anger_auroc);
  }
}

void print_confusion(const tact::eval::ToneMetrics& m) {
  std::printf("  escalation confusion (rows gold 0-4, columns predicted 0-4):\n");
  for (const auto& row : m.escalation_confusion) {
    std::printf("   ");
    for (int v : row) std::printf(" %3d", v);
    std::printf("\n");
  }
  std::printf("  sentiment confusion (rows gold neg/neu/pos, columns predicted):\n");
  for (const auto& row : m.sentiment_confusion) {
    std::printf("   ");
    for (int v : row) std::printf(" %3d", v);
    std::printf("\n");
  }
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int explain(const char* text) {
  std::shared_ptr<const tact::rules::Pack> pack;
  tact::Status status = tact::rules::Pack::load(tact::Options(), &pack);
  const auto scorer = tact::tone::Scorer::load_default(&status);
  if (!status.ok()) {
    std::fprintf(stderr, "tact_eval_tone: %s\n", status.message.c_str());
    return 1;
  }
  const tact::text::Document doc =
      tact::text::Document::build(text, pack->sentence_profile(), pack->spellings());
  std::vector<tact::rules::Finding> findings;
  pack->match(doc, tact::Role::customer, &findings);
  for (const auto& f : findings) {
    std::printf("finding %s [%u, %u)\n", f.rule->id.c_str(), f.view.begin, f.view.end);
  }
  const tact::tone::Result r = scorer->score(doc, tact::Role::customer, findings);
  for (const auto& c : r.cues) {
    std::printf("cue %s %s '%s' %.3f\n", tact::cue_kind_name(c.kind), c.type.c_str(),
                doc.view().substr(c.view.begin, c.view.size()).c_str(), c.weight);
  }
  std::printf("sentiment %+.3f anger %.3f politeness %.3f empathy %.3f level %d score %.3f\n",
              r.tone.sentiment, r.tone.anger, r.tone.politeness, r.tone.empathy, r.level, r.score);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool baseline = true;
  bool lines = false;
  std::string toml_path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-baseline") == 0) {
      baseline = false;
    } else if (std::strcmp(argv[i], "--lines") == 0) {
      lines = true;
    } else if (std::strcmp(argv[i], "--explain") == 0 && i + 1 < argc) {
      return explain(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--toml") == 0 && i + 1 < argc) {
      toml_path = argv[++i];
    } else {
      std::fprintf(stderr, "usage: tact_eval_tone [--no-baseline] [--lines] [--toml FILE]\n");
      return 2;
    }
  }
  const std::string shared = tact::eval::shared_dir();
  if (shared.empty()) {
    std::puts("skipped: ../shared (labelled data) is not beside the source tree");
    return 77;
  }

  const tact::core::Analyzer analyzer;
  tact::eval::ToneFn tact_fn = [&](std::string_view text, tact::Role role) {
    return analyzer.analyze(text, role);
  };
  // --toml: the same pipeline (pack findings, then tone) with other parameters.
  std::shared_ptr<const tact::rules::Pack> pack;
  std::shared_ptr<const tact::tone::Scorer> tuned;
  if (!toml_path.empty()) {
    tact::Status status = tact::rules::Pack::load(tact::Options(), &pack);
    // Its lexicons are named relative to the file.
    if (status.ok())
      tuned = tact::tone::Scorer::load({toml_path, read(toml_path), false}, 1u << 24, &status);
    if (!status.ok()) {
      std::fprintf(stderr, "tact_eval_tone: %s\n", status.message.c_str());
      return 1;
    }
    tact_fn = [&](std::string_view text, tact::Role role) {
      const tact::text::Document doc =
          tact::text::Document::build(text, pack->sentence_profile(), pack->spellings());
      std::vector<tact::rules::Finding> findings;
      pack->match(doc, role, &findings);
      const tact::tone::Result scored = tuned->score(doc, role, findings);
      tact::Report r;
      r.role = role == tact::Role::automatic ? tuned->guess_role(doc, findings) : role;
      r.tone = scored.tone;
      r.escalation.level = scored.level;
      r.escalation.score = scored.score;
      return r;
    };
  }
  if (lines) {
    if (auto data = tact::eval::load_cs_dev(shared)) {
      for (const auto& l : *data) {
        if (l.role != "customer") continue;
        const tact::Report r = tact_fn(l.text, tact::Role::customer);
        std::printf("%s gold %d %s  got %d %+.2f (score %.2f anger %.2f)\n", l.id.c_str(),
                    l.escalation, l.sentiment.c_str(), r.escalation.level, r.tone.sentiment,
                    r.escalation.score, r.tone.anger);
      }
    }
  }
  const tact::eval::ToneMetrics m = tact::eval::tone_metrics(shared, tact_fn);
  print("tact", m, true);
  print_confusion(m);

  if (baseline) {
    tact::Status status;
    const std::string path = std::string(TACT_SOURCE_DIR) + "/bench/eval/vader_baseline.toml";
    const auto scorer = tact::tone::Scorer::load({path, read(path), false}, 1u << 24, &status);
    if (!scorer) {
      std::fprintf(stderr, "tact_eval_tone: %s\n", status.message.c_str());
      return 1;
    }
    const tact::eval::ToneFn vader_fn = [&](std::string_view text, tact::Role role) {
      const tact::text::Document doc = tact::text::Document::build(text);
      tact::Report r;
      r.tone = scorer->score(doc, role, {}).tone;
      return r;
    };
    const auto negated = [](const tact::Report& r) { return -r.tone.sentiment; };
    print("VADER-style baseline (its lexicon and rules only; anger = -sentiment)",
          tact::eval::tone_metrics(shared, vader_fn, negated), false);
  }
  return 0;
}
