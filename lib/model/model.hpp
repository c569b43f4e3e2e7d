// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The learned layer: linear models over readable sentence features (see
// features.hpp), one binary model per trigger category, technique and
// customer signal, plus a cumulative model of the customer's escalation
// level. The weights are pack data (rules/en/model/weights.tsv; the format
// is in docs/model.md), checked when loaded; inference is a sum of weights
// looked up by the 64-bit FNV-1a hash of each feature string.
#ifndef TACT_LIB_MODEL_MODEL_HPP_
#define TACT_LIB_MODEL_MODEL_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/feature_table.hpp"
#include "model/features.hpp"
#include "rules/pack.hpp"
#include "tact/options.hpp"
#include "tact/status.hpp"
#include "tone/scorer.hpp"

namespace tact::model {

// The version of the weights format this library reads.
constexpr int kFormatVersion = 1;

// What a label predicts.
enum class Kind : uint8_t {
  sentence,    // a finding of `family`/`category` in one sentence
  escalation,  // the customer's escalation level is at least `level`
};

struct Label {
  std::string name;  // "trigger:refusal", "escalation:2"
  Kind kind = Kind::sentence;
  rules::Family family = rules::Family::trigger;
  std::string category;
  int level = 0;           // escalation labels
  double bias = 0.0;       // added to every score
  double threshold = 0.5;  // probability at or above which the label fires
  double logit = 0.0;      // the threshold as a score: log(t / (1 - t))
};

// A finding the model makes in one sentence.
struct Prediction {
  std::size_t label = 0;  // index into Model::labels()
  std::size_t sentence = 0;
  double probability = 0.0;
};

// Where the model keeps a rule's two features (add_rule_features): their
// indexes among the features an agent's and a customer's labels read
// ([0] and [1]), -1 where that role has no weight for one.
struct RuleSlots {
  int32_t category[2] = {-1, -1};
  int32_t id[2] = {-1, -1};
};
// Per pack: its rules' features, so predict() looks a finding's rule
// up instead of hashing its names (an email has dozens of findings).
using RuleIndex = std::unordered_map<const rules::Rule*, RuleSlots>;

class Model {
 public:
  // Parses a weights file (`name` names it in errors) whose labels name
  // `categories` (the layered packs'). Errors are Code::rules
  // "name:line: why"; a bad checksum, an unknown format version or an
  // unknown label fails the load. Throws std::bad_alloc only.
  static Status load(std::string_view text, const std::string& name,
                     const std::vector<rules::Category>& categories,
                     std::shared_ptr<const Model>* out);

  const std::vector<Label>& labels() const { return labels_; }
  const FeatureParams& params() const { return params_; }
  std::size_t weight_count() const { return weight_count_; }

  // Every rule of `pack` with its features. Throws std::bad_alloc only.
  RuleIndex index_rules(const rules::Pack& pack) const;

  // Sentence labels that fire for `role` (triggers and techniques for an
  // agent, signals for a customer), in sentence order, and the escalation
  // level (-1 when the model has no escalation labels or role is agent).
  // `rules`, from index_rules() of the pack that made `findings`, only
  // saves time: a rule not in it is hashed. Thread-safe.
  void predict(const text::Document& doc, Role role, const std::vector<rules::Finding>& findings,
               const std::vector<tone::Cue>& cues, int rule_level, double rule_score,
               std::vector<Prediction>* out, int* level, const RuleIndex* rules = nullptr) const;

 private:
  // Whose scores a weight feeds: an agent's sentence labels, a customer's,
  // or the escalation labels (customers too).
  enum Group : uint8_t { kAgent, kCustomer, kEscalation, kGroups };
  static constexpr std::size_t kMaxGroupLabels = 255;
  // Adds the weights of feature `f` (of the table of g's role) for group
  // `g` to scores: the whole row, zeros too. Every feature costs the same
  // fixed run of adds, where a loop over its own weights would branch on
  // how many it has (one to fourteen, a branch no CPU predicts), and a
  // zero leaves a sum as it was, so each label's sum is still the file's
  // weights added in the same order.
  void add(int32_t f, Group g, double* scores) const {
    const std::size_t w = width_[g];
    const float* row = rows_[g].data() + static_cast<std::size_t>(f) * w;
    for (std::size_t k = 0; k < w; ++k) scores[k] += static_cast<double>(row[k]);
  }
  struct Scratch;
  struct Hit;
  struct HitSink;
  // Scores one sentence's features (t.unique) for group `g`, appending the
  // labels that fire to *out.
  void score_sentence(std::size_t sentence, Group g, Scratch& t,
                      std::vector<Prediction>* out) const;

  FeatureParams params_;
  std::vector<Label> labels_;
  std::size_t weight_count_ = 0;
  // Per role, the features with a weight it reads: an agent's sentence
  // labels; a customer's sentence labels or escalation. A word an agent's
  // labels do not weigh is turned away before it costs an add.
  FeatureTable tables_[2];         // agent, customer; a feature's index is its row
  uint32_t features_[2] = {0, 0};  // in each table
  // Per group, one row of weights per feature of its role's table, in the
  // order of the group's labels, `width_` floats (the labels, padded to
  // an even count).
  std::vector<float> rows_[kGroups];
  std::size_t width_[kGroups] = {0, 0, 0};
  bool has_escalation_ = false;
  // Whether some sentence label of the role fires on its bias alone (then
  // sentences without a known feature are scored too).
  bool bias_fires_[kGroups] = {false, false, false};  // agent, customer (escalation unused)
  // Per group, its labels (indexes into labels_, in order) and their biases
  // and thresholds side by side: a sentence's scores start as a copy of
  // the biases and are compared with the thresholds in one sweep.
  std::vector<uint16_t> members_[kGroups];
  std::vector<double> bias_[kGroups];
  std::vector<double> logit_[kGroups];
};

}  // namespace tact::model

#endif  // TACT_LIB_MODEL_MODEL_HPP_
