// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tone model: the lexicon and parameters a pack names, loaded once,
// then each message scanned, scored for sentiment, the
// dimensions, and escalation (customers) or de-escalation (agents).
#include "tone/scorer.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "text/thread_scratch.hpp"
#include "tone/analysis.hpp"
#include "tone/deescalation.hpp"
#include "tone/dimensions.hpp"
#include "tone/escalation.hpp"
#include "tone/items.hpp"
#include "tone/lexicon.hpp"
#include "tone/params.hpp"
#include "tone/role.hpp"
#include "tone/sentiment.hpp"

namespace tact::tone {

void ToneCues::add(const char* type, text::Range view, double weight) {
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  Seen* seen = nullptr;
  for (Seen& s : seen_) {
    if (s.type == type || std::strcmp(s.type, type) == 0) {
      seen = &s;
      break;
    }
  }
  if (seen == nullptr) seen = &seen_.emplace_back(Seen{type, 0, npos});
  if (seen->count++ < kMaxToneCuesPerType) {
    out_->push_back({CueKind::tone, type, view, weight});
  } else if (seen->folded == npos) {
    seen->folded = out_->size();
    out_->push_back({CueKind::tone, type, view, weight});
  } else {
    Cue& folded = (*out_)[seen->folded];
    folded.view.begin = std::min(folded.view.begin, view.begin);
    folded.view.end = std::max(folded.view.end, view.end);
    folded.weight += weight;
  }
}

namespace {

// Per-thread buffers, so scoring a message allocates little.
struct Scratch {
  std::vector<Item> items;
  Sentiment sentiment;
  std::vector<Part> anger;
  std::vector<Part> empathy;
};

Scratch& scratch() {
  return text::thread_scratch<Scratch>();
}

class Model final : public Scorer {
 public:
  Status load(const rules::DataSource& tone, std::size_t limit) {
    Status status = load_params(tone.text, tone.name, &params_, &lexicon_);
    std::string data;
    for (const std::string& file : params_.valence_files) {
      if (status.ok()) status = rules::read_beside(tone, file, limit, &data);
      if (status.ok()) lexicon_.add_valences(data, file, &status);
    }
    for (const std::string& file : params_.anger_files) {
      if (status.ok()) status = rules::read_beside(tone, file, limit, &data);
      if (status.ok()) lexicon_.add_anger(data, file, &status);
    }
    if (status.ok()) lexicon_.finish();
    return status;
  }

  Result score(const text::Document& doc, Role role,
               const std::vector<rules::Finding>& findings) const override {
    Scratch& s = scratch();
    scan(doc, lexicon_, params_.sentiment.stem_plurals, &s.items);
    score_sentiment(doc, s.items, findings, params_.sentiment, &s.sentiment);
    const Analysis a{doc, s.items, s.sentiment, findings};

    Result r;
    r.tone.sentiment = s.sentiment.compound;
    const AngerRaw anger = anger_parts(a, params_.anger, &s.anger);
    r.tone.anger = anger_score(anger, s.sentiment.compound, params_.anger);
    r.tone.politeness = politeness(a, params_.politeness);
    s.empathy.clear();
    r.tone.empathy = saturate(empathy(a, params_.empathy, &s.empathy));
    if (role == Role::customer) {
      const EscalationResult e = escalation(a, params_.escalation, s.anger, anger, &r.cues);
      r.level = e.level;
      r.score = e.score;
    } else {
      r.tone.deescalation = deescalation(a, params_.deescalation, r.tone.empathy, s.empathy,
                                         r.tone.politeness, &r.cues);
    }
    return r;
  }

  Role guess_role(const text::Document& doc,
                  const std::vector<rules::Finding>& findings) const override {
    Scratch& s = scratch();
    scan(doc, lexicon_, params_.sentiment.stem_plurals, &s.items);
    s.sentiment.items.assign(s.items.size(), ItemScore{});
    const Analysis a{doc, s.items, s.sentiment, findings};
    return agent_evidence(a, params_.role) > 0 ? Role::agent : Role::customer;
  }

 private:
  Lexicon lexicon_;
  Params params_;
};

}  // namespace

std::shared_ptr<const Scorer> Scorer::load(const rules::DataSource& tone, std::size_t limit,
                                           Status* status) {
  auto build = [&]() -> std::shared_ptr<const Scorer> {
    auto model = std::make_shared<Model>();
    Status s = model->load(tone, limit);
    if (s.ok()) return model;
    if (status != nullptr) *status = std::move(s);
    return nullptr;
  };
  if (!tone.embedded) return build();
  // An embedded model never changes: every Analyzer shares one per file.
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Scorer>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const Scorer>& slot = cache[tone.name];
  if (slot == nullptr) slot = build();
  return slot;
}

std::shared_ptr<const Scorer> Scorer::load_default(Status* status) {
  const Options options;
  std::shared_ptr<const rules::Pack> pack;
  rules::PackData data;
  Status s = rules::Pack::load(options, &pack, &data);
  if (s.ok()) return load(data.tone, options.max_pack_bytes, status);
  if (status != nullptr) *status = std::move(s);
  return nullptr;
}

}  // namespace tact::tone
