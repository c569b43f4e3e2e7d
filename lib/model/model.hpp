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
// indexes among its features, -1 where it has no weight for one.
struct RuleSlots {
  int32_t category = -1;
  int32_t id = -1;
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
  std::size_t weight_count() const { return weights_.size(); }

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
  // A feature's weights lie in weights_ from `first`, group by group, so a
  // message adds only the weights of the labels it reads. Within a group
  // they keep label order: each label's sum is the same as before grouping.
  struct Feature {
    uint32_t first = 0;
    uint8_t count[kGroups] = {};  // a group has at most kMaxGroupLabels labels
  };
  static constexpr std::size_t kMaxGroupLabels = 255;
  struct Weight {
    uint16_t label;  // the label's place in its group (members_)
    float value;
  };
  // The index in features_ of the feature with hash `h`, or -1 when no
  // weight uses it.
  int32_t find(uint64_t h) const;
  // Adds the weights of feature `f` for group `g` to scores.
  void add(int32_t f, Group g, double* scores) const;
  struct Scratch;
  struct Hit;
  struct HitSink;
  // Scores one sentence's features (t.unique) for group `g`, appending the
  // labels that fire to *out.
  void score_sentence(std::size_t sentence, Group g, Scratch& t,
                      std::vector<Prediction>* out) const;

  FeatureParams params_;
  std::vector<Label> labels_;
  std::vector<Weight> weights_;
  std::vector<Feature> features_;
  // A hash table of the features' hashes (a feature whose text has two has
  // two keys): open addressing, power-of-two size, hash 0 free. The keys
  // apart from the features they name, so a probe reads 8 bytes a key.
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> key_features_;
  // One bit per value of a hash's top 15 bits, set for the model's
  // features: most words have no weight, and this 4 KB filter turns all
  // but a few percent of them away without touching the slot table (with
  // about a thousand features; a 512-byte one let a quarter through).
  static constexpr int kFilterShift = 64 - 9;  // the top 9 bits pick a word
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(std::size_t{1} << 9);
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
