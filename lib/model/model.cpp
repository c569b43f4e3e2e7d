// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "model/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "rules/categories.hpp"
#include "text/thread_scratch.hpp"

namespace tact::model {

namespace {

constexpr std::string_view kBodyMark = "---\n";

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool parse_double(std::string_view s, double* out) {
  if (s.empty() || s.size() > 40) return false;
  char buf[48];
  s.copy(buf, s.size());
  buf[s.size()] = '\0';
  char* end = nullptr;
  *out = std::strtod(buf, &end);
  return end == buf + s.size() && std::isfinite(*out);
}

bool parse_label(std::string_view name, const std::vector<rules::Category>& categories,
                 Label* out) {
  const std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view head = name.substr(0, colon);
  const std::string_view tail = name.substr(colon + 1);
  out->name = std::string(name);
  if (head == "escalation") {
    if (tail.size() != 1 || tail[0] < '1' || tail[0] > '4') return false;
    out->kind = Kind::escalation;
    out->level = tail[0] - '0';
    return true;
  }
  if (!rules::parse_family(head, &out->family)) return false;
  const auto same = [&](const rules::Category& c) {
    return c.family == out->family && c.id == tail;
  };
  if (std::none_of(categories.begin(), categories.end(), same)) return false;
  out->kind = Kind::sentence;
  out->category = std::string(tail);
  return true;
}

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

}  // namespace

Status Model::load(std::string_view text, const std::string& name,
                   const std::vector<rules::Category>& categories,
                   std::shared_ptr<const Model>* out) {
  auto fail = [&](int line, const std::string& why) -> Status {
    return {Code::rules, name + ":" + std::to_string(line) + ": " + why};
  };
  const std::size_t mark = text.find(kBodyMark);
  if (mark == std::string_view::npos || (mark != 0 && text[mark - 1] != '\n'))
    return fail(1, "no '---' line between the header and the weights");
  const std::string_view header = text.substr(0, mark);
  const std::string_view body = text.substr(mark + kBodyMark.size());

  auto model = std::make_shared<Model>();
  int version = 0;
  bool has_hash = false, has_checksum = false;
  uint64_t checksum = 0;
  int line_no = 0;
  for (std::string_view line : split(header, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string_view> f = split(line, '\t');
    if (f[0] == "tact-model" && f.size() == 2) {
      double v = 0;
      if (!parse_double(f[1], &v)) return fail(line_no, "bad format version");
      version = static_cast<int>(v);
      if (version != kFormatVersion)
        return fail(line_no, "format version " + std::string(f[1]) + " is not " +
                                 std::to_string(kFormatVersion) + ", the one this library reads");
    } else if (f[0] == "hash" && f.size() == 2) {
      if (f[1] != "fnv1a64") return fail(line_no, "unknown hash '" + std::string(f[1]) + "'");
      has_hash = true;
    } else if ((f[0] == "negators" || f[0] == "negator_suffixes") && f.size() == 2) {
      std::vector<std::string>& list =
          f[0] == "negators" ? model->params_.negators : model->params_.negator_suffixes;
      for (std::string_view w : split(f[1], ' ')) {
        if (!w.empty()) list.emplace_back(w);
      }
    } else if (f[0] == "label" && f.size() == 4) {
      Label label;
      if (!parse_label(f[1], categories, &label))
        return fail(line_no, "unknown label '" + std::string(f[1]) + "'");
      if (!parse_double(f[2], &label.bias) || !parse_double(f[3], &label.threshold) ||
          label.threshold <= 0.0 || label.threshold >= 1.0)
        return fail(line_no, "label " + label.name + ": bad bias or threshold");
      label.logit = std::log(label.threshold / (1.0 - label.threshold));
      for (const Label& l : model->labels_) {
        if (l.name == label.name) return fail(line_no, "duplicate label " + label.name);
      }
      if (model->labels_.size() >= 0xffff) return fail(line_no, "too many labels");
      model->labels_.push_back(std::move(label));
    } else if (f[0] == "checksum" && f.size() == 2 && f[1].size() == 16) {
      char buf[17];
      f[1].copy(buf, 16);
      buf[16] = '\0';
      char* end = nullptr;
      checksum = std::strtoull(buf, &end, 16);
      if (end != buf + 16) return fail(line_no, "bad checksum '" + std::string(f[1]) + "'");
      has_checksum = true;
    } else {
      return fail(line_no, "unknown header line '" + std::string(line.substr(0, 40)) + "'");
    }
  }
  if (version == 0) return fail(1, "missing 'tact-model' format version");
  if (!has_hash) return fail(1, "missing 'hash'");
  if (!has_checksum) return fail(1, "missing 'checksum'");
  if (fnv1a(body) != checksum) {
    char got[17];
    std::snprintf(got, sizeof got, "%016llx", static_cast<unsigned long long>(fnv1a(body)));
    return fail(line_no + 1, std::string("checksum mismatch: the weights hash to ") + got +
                                 ", the header says another (the file was edited or cut short)");
  }

  // Weights grouped by feature: sort (feature, label) rows, then index each
  // feature's weights under every hash it has (feature_hashes()).
  struct Row {
    std::string_view feature;
    uint16_t label;
    float value;
  };
  std::vector<Row> rows;
  int body_line = line_no + 1;
  for (std::string_view line : split(body, '\n')) {
    ++body_line;
    if (line.empty()) continue;
    const std::vector<std::string_view> f = split(line, '\t');
    double w = 0;
    if (f.size() != 3 || f[0].empty() || !parse_double(f[2], &w))
      return fail(body_line, "expected 'feature<TAB>label<TAB>weight'");
    std::size_t label = model->labels_.size();
    for (std::size_t i = 0; i < model->labels_.size(); ++i) {
      if (model->labels_[i].name == f[1]) label = i;
    }
    if (label == model->labels_.size())
      return fail(body_line, "weight for undeclared label '" + std::string(f[1]) + "'");
    rows.push_back({f[0], static_cast<uint16_t>(label), static_cast<float>(w)});
  }
  const auto group_of = [&](uint16_t label) {
    const Label& l = model->labels_[label];
    return l.kind == Kind::escalation          ? kEscalation
           : l.family == rules::Family::signal ? kCustomer
                                               : kAgent;
  };
  std::vector<uint16_t> place(model->labels_.size());  // a label's place in its group
  for (std::size_t i = 0; i < model->labels_.size(); ++i) {
    const Group g = group_of(static_cast<uint16_t>(i));
    if (model->members_[g].size() >= kMaxGroupLabels)
      return fail(line_no, "more than " + std::to_string(kMaxGroupLabels) +
                               " labels of one kind (agent, customer or escalation)");
    place[i] = static_cast<uint16_t>(model->members_[g].size());
    model->members_[g].push_back(static_cast<uint16_t>(i));
    model->bias_[g].push_back(model->labels_[i].bias);
    model->logit_[g].push_back(model->labels_[i].logit);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (a.feature != b.feature) return a.feature < b.feature;
    const Group ga = group_of(a.label);
    const Group gb = group_of(b.label);
    return ga != gb ? ga < gb : a.label < b.label;
  });
  // Each role's features, with a row of weights per group it reads, and
  // their keys: (hash, the feature's index in the role's table).
  for (std::size_t g = 0; g < kGroups; ++g)
    model->width_[g] = (model->members_[g].size() + 1) / 2 * 2;
  std::vector<std::pair<uint64_t, uint32_t>> keys[2];
  std::vector<uint64_t> hashes;
  // Rows grow with features times labels, not with the file: a file of
  // many one-weight features under many labels is refused, not expanded.
  constexpr std::size_t kMaxRowBytes = std::size_t{64} << 20;
  std::size_t row_bytes = 0;
  for (std::size_t i = 0; i < rows.size();) {
    const std::string_view feature = rows[i].feature;
    std::size_t end = i;
    bool has[kGroups] = {false, false, false};
    for (; end < rows.size() && rows[end].feature == feature; ++end)
      has[group_of(rows[end].label)] = true;
    const bool read[2] = {has[kAgent], has[kCustomer] || has[kEscalation]};
    const Group first_group[2] = {kAgent, kCustomer};
    const Group last_group[2] = {kAgent, kEscalation};
    hashes.clear();
    feature_hashes(feature, &hashes);
    for (std::size_t r = 0; r < 2; ++r) {
      if (!read[r]) continue;
      const uint32_t index = model->features_[r]++;
      for (int g = first_group[r]; g <= last_group[r]; ++g) {
        row_bytes += model->width_[g] * sizeof(float);
        if (row_bytes > kMaxRowBytes)
          return fail(line_no + 1, "the weights take over " + std::to_string(kMaxRowBytes >> 20) +
                                       " MB as rows (features times labels): too many of both");
        model->rows_[g].resize(model->rows_[g].size() + model->width_[g], 0.0f);
      }
      for (const uint64_t h : hashes) keys[r].emplace_back(h, index);
    }
    for (std::size_t last = rows.size(); i < end; ++i) {
      const Group g = group_of(rows[i].label);
      float& w = model->rows_[g][model->rows_[g].size() - model->width_[g] + place[rows[i].label]];
      // Two rows for one (feature, label) add up, as they would at inference.
      if (last == rows.size() || rows[last].label != rows[i].label) {
        ++model->weight_count_;
        last = i;
      }
      w += rows[i].value;
    }
  }
  for (std::size_t r = 0; r < 2; ++r) model->tables_[r].build(keys[r]);
  model->params_.finish();
  model->has_escalation_ = !model->members_[kEscalation].empty();
  for (const Group g : {kAgent, kCustomer}) {
    for (std::size_t k = 0; k < model->bias_[g].size(); ++k) {
      model->bias_fires_[g] = model->bias_fires_[g] || model->bias_[g][k] >= model->logit_[g][k];
    }
  }
  *out = std::move(model);
  return {};
}

// Per-thread scratch of predict(). A chat line then allocates nothing.
// The arrays grow ahead of their counts, so an element is written before
// it is known whether it counts: whether the model knows a word (about
// half of an email's words and word pairs) is a branch no CPU predicts.
struct Model::Scratch {
  std::vector<uint64_t> pending;  // the sentence's hashes the filter let through
  std::size_t n_pending = 0;
  std::vector<int32_t> all;     // the message's features, sentence by sentence
  bool keep_all = false;        // whether all is needed (a customer's escalation)
  std::vector<int32_t> unique;  // one sentence's (or the message's) features
  std::size_t n_unique = 0;
  std::vector<uint32_t> stamps;  // per feature: the last pass that saw it
  uint32_t pass = 0;
  std::vector<double> scores;

  // Starts a pass: a feature counts once per pass.
  void new_pass(std::size_t features) {
    if (stamps.size() < features) stamps.resize(features, 0);
    if (++pass == 0) {  // wrapped: old stamps could match again
      std::fill(stamps.begin(), stamps.end(), 0);
      pass = 1;
    }
    n_unique = 0;
  }
  void once(int32_t feature) {
    if (n_unique >= unique.size()) unique.resize(2 * n_unique + 64);
    uint32_t& stamp = stamps[static_cast<std::size_t>(feature)];
    unique[n_unique] = feature;
    n_unique += stamp != pass;
    stamp = pass;
  }
  void pend(uint64_t h, bool passes) {
    if (n_pending >= pending.size()) pending.resize(2 * n_pending + 64);
    pending[n_pending] = h;
    n_pending += passes;
  }
};

// Keeps only the features the role's table knows (most words are not
// among them), in the message's list and once in the sentence's. Hashes
// wait in t->pending until the sentence's first feature found otherwise
// (a rule's) or its end, so the filter's verdict is a count, not a branch.
struct Model::Hit {
  const FeatureTable* table;
  Scratch* t;
  void operator()(std::size_t, uint64_t h) const { t->pend(h, table->passes(h)); }
  void add(int32_t f) const {
    flush();
    record(f);
  }
  void flush() const {
    for (std::size_t k = 0; k < t->n_pending; ++k) {
      const int32_t f = table->find(t->pending[k]);
      if (f >= 0) record(f);
    }
    t->n_pending = 0;
  }
  void record(int32_t f) const {
    if (t->keep_all) t->all.push_back(f);
    t->once(f);
  }
};

// Scores each sentence as walk() finishes it.
struct Model::HitSink : Hasher<Hit> {
  const Model* model = nullptr;
  const RuleIndex* rules = nullptr;
  Group group = kAgent;
  std::vector<Prediction>* out = nullptr;

  void finding(std::size_t i, const rules::Rule& r) {
    const auto it = rules != nullptr ? rules->find(&r) : RuleIndex::const_iterator();
    if (rules == nullptr || it == rules->end()) return detail::add_rule_features(this, i, r);
    // The same features in the same order as add_rule_features() gives.
    const std::size_t role = group == kAgent ? 0 : 1;
    if (it->second.category[role] >= 0) emit.add(it->second.category[role]);
    if (it->second.id[role] >= 0) emit.add(it->second.id[role]);
  }
  void done(std::size_t i) {
    emit.flush();
    model->score_sentence(i, group, *emit.t, out);
    emit.t->new_pass(model->features_[group == kAgent ? 0 : 1]);
  }
};

void Model::score_sentence(std::size_t sentence, Group g, Scratch& t,
                           std::vector<Prediction>* out) const {
  const std::vector<uint16_t>& mine = members_[g];
  const std::vector<double>& bias = bias_[g];
  const std::vector<double>& logit = logit_[g];
  if (t.n_unique == 0) {
    // A sentence with no known feature scores its biases alone.
    if (!bias_fires_[g]) return;
    for (std::size_t k = 0; k < mine.size(); ++k) {
      if (bias[k] >= logit[k]) out->push_back({mine[k], sentence, sigmoid(bias[k])});
    }
    return;
  }
  // Binary features: each counted once per sentence (the pass's stamps).
  double* scores = t.scores.data();
  std::copy(bias.begin(), bias.end(), scores);
  for (std::size_t k = 0; k < t.n_unique; ++k) add(t.unique[k], g, scores);
  for (std::size_t k = 0; k < mine.size(); ++k) {
    if (scores[k] >= logit[k]) out->push_back({mine[k], sentence, sigmoid(scores[k])});
  }
}

RuleIndex Model::index_rules(const rules::Pack& pack) const {
  // The features come from the very calls walk() makes for a finding.
  struct SlotSink {
    const Model* model;
    RuleSlots slots;
    int n = 0;
    void add(std::size_t, std::string_view a, std::string_view b = {}, std::string_view c = {},
             std::string_view d = {}, std::string_view e = {}) {
      if (n >= 2) return;
      const uint64_t h = hash::other(a, b, c, d, e);
      for (std::size_t r = 0; r < 2; ++r) {
        const FeatureTable& t = model->tables_[r];
        (n == 0 ? slots.category : slots.id)[r] = t.find(h);
      }
      ++n;
    }
  };
  RuleIndex index;
  index.reserve(pack.size());
  for (std::size_t i = 0; i < pack.size(); ++i) {
    SlotSink sink{this, {}, 0};
    detail::add_rule_features(&sink, 0, pack.rule(i));
    index[&pack.rule(i)] = sink.slots;
  }
  return index;
}

void Model::predict(const text::Document& doc, Role role,
                    const std::vector<rules::Finding>& findings, const std::vector<tone::Cue>& cues,
                    int rule_level, double rule_score, std::vector<Prediction>* out, int* level,
                    const RuleIndex* rules) const {
  *level = -1;
  if (labels_.empty()) return;
  Scratch& t = text::thread_scratch<Scratch>();
  // A huge message's scratch is not kept for the thread's lifetime.
  struct Trim {
    Scratch* t;
    ~Trim() {
      constexpr std::size_t kKeep = std::size_t{1} << 16;
      if (t->all.capacity() > kKeep) std::vector<int32_t>().swap(t->all);
      if (t->unique.capacity() > kKeep) std::vector<int32_t>().swap(t->unique);
      if (t->pending.capacity() > kKeep) std::vector<uint64_t>().swap(t->pending);
    }
  } trim{&t};
  const std::size_t r = role == Role::customer ? 1 : 0;
  const FeatureTable& table = tables_[r];
  t.all.clear();
  t.keep_all = role == Role::customer && has_escalation_;
  t.n_pending = 0;
  t.scores.resize(labels_.size() + 1);  // the widths' padding included
  t.new_pass(features_[r]);
  HitSink sink;
  sink.emit = {&table, &t};
  sink.model = this;
  sink.rules = rules;
  sink.group = role == Role::customer ? kCustomer : kAgent;
  sink.out = out;
  detail::walk(doc, params_, findings, cues, &sink);

  if (role != Role::customer || !has_escalation_) return;
  // The message's features: every sentence's once, plus the line's own.
  t.new_pass(features_[r]);
  for (const int32_t f : t.all) t.once(f);
  for (const uint64_t h : line_hashes(rule_level, rule_score)) {
    const int32_t f = table.find(h);
    if (f >= 0) t.once(f);
  }
  double* scores = t.scores.data();
  const std::vector<uint16_t>& levels = members_[kEscalation];
  std::copy(bias_[kEscalation].begin(), bias_[kEscalation].end(), scores);
  for (std::size_t k = 0; k < t.n_unique; ++k) add(t.unique[k], kEscalation, scores);
  *level = 0;
  for (std::size_t k = 0; k < levels.size(); ++k) {
    if (scores[k] >= logit_[kEscalation][k]) *level = std::max(*level, labels_[levels[k]].level);
  }
}

}  // namespace tact::model
