// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The learned layer: the weights file's checks, the features, and model
// findings through the Analyzer, the JSON and the C ABI, from small
// hand-written weights in a pack layer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/core.hpp"
#include "model/feature_table.hpp"
#include "model/model.hpp"
#include "tact.h"
#include "text/document.hpp"

namespace tact {
namespace {

// A weights file with a correct checksum over `body`.
std::string weights(const std::string& labels, const std::string& body, int version = 1) {
  char sum[17];
  std::snprintf(sum, sizeof sum, "%016llx", static_cast<unsigned long long>(model::fnv1a(body)));
  return "# test\ntact-model\t" + std::to_string(version) +
         "\nhash\tfnv1a64\nnegators\tnot never\nnegator_suffixes\tn't\n" + labels + "checksum\t" +
         sum + "\n---\n" + body;
}

// "zorblat" is no rule's word: only the model can flag it.
const std::string kLabels =
    "label\ttrigger:refusal\t-2.0000\t0.6000\n"
    "label\ttrigger:uncertainty\t-2.0000\t0.6000\n"
    "label\tsignal:urgency\t-2.0000\t0.6000\n";
const std::string kBody =
    "w:zorblat\ttrigger:refusal\t5.0000\n"
    "w:know\ttrigger:uncertainty\t5.0000\n"
    "w:zorblat\tsignal:urgency\t5.0000\n";

Status load(const std::string& text, std::shared_ptr<const model::Model>* out) {
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(Options(), &pack).ok());
  return model::Model::load(text, "w.tsv", pack->categories(), out);
}

// A pack layer in a temporary directory: pack.toml naming `file` as its model.
struct Layer {
  std::filesystem::path dir;
  explicit Layer(const std::string& text, const std::string& model_line = "model = \"w.tsv\"") {
    dir = std::filesystem::temp_directory_path() /
          ("tact_model_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "pack.toml") << "name = \"t\"\n" << model_line << "\n";
    if (!text.empty()) std::ofstream(dir / "w.tsv", std::ios::binary) << text;
  }
  ~Layer() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string pack() const { return (dir / "pack.toml").string(); }
};

TEST_CASE("a weights file loads and its checks name the file") {
  std::shared_ptr<const model::Model> m;
  REQUIRE(load(weights(kLabels, kBody), &m).ok());
  CHECK(m->labels().size() == 3);
  CHECK(m->weight_count() == 3);
  CHECK(m->params().negators == std::vector<std::string>{"not", "never"});

  std::string edited = weights(kLabels, kBody);
  edited.replace(edited.find("5.0000"), 6, "9.0000");
  Status s = load(edited, &m);
  CHECK(s.code == Code::rules);
  CHECK(s.message.rfind("w.tsv:", 0) == 0);
  CHECK(s.message.find("checksum mismatch") != std::string::npos);

  s = load(weights(kLabels, kBody, 2), &m);
  CHECK(s.code == Code::rules);
  CHECK(s.message.find("w.tsv:2: format version 2") == 0);

  s = load(weights("label\ttrigger:sadness\t0\t0.5\n", ""), &m);
  CHECK(s.message.find("unknown label 'trigger:sadness'") != std::string::npos);
  s = load(weights("label\ttrigger:refusal\t0\t1.5\n", ""), &m);
  CHECK(s.message.find("bad bias or threshold") != std::string::npos);
  s = load(weights(kLabels, "w:x\ttrigger:blame\t1\n"), &m);
  CHECK(s.message.find("undeclared label 'trigger:blame'") != std::string::npos);
  s = load(weights(kLabels, "w:x trigger:refusal 1\n"), &m);
  CHECK(s.message.find("feature<TAB>label<TAB>weight") != std::string::npos);
  CHECK(load("tact-model\t1\n", &m).message.find("no '---' line") != std::string::npos);
  CHECK(load("", &m).code == Code::rules);
}

TEST_CASE("a weights file whose rows would pass 64 MB is refused") {
  // A row per feature holds every label of its group: 800,000 features of
  // one agent weight each are 800,000 rows of every agent category.
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(Options(), &pack).ok());
  std::string labels;
  for (const rules::Category& c : pack->categories()) {
    if (c.family == rules::Family::signal) continue;
    labels += "label\t" + std::string(rules::family_name(c.family)) + ":" + c.id + "\t-2\t0.6\n";
  }
  REQUIRE(labels.size() > 20 * 20);  // 20 labels or more: 800,000 rows take over 64 MB
  std::string body;
  char line[48];
  for (int k = 0; k < 800000; ++k) {
    std::snprintf(line, sizeof line, "w:f%07d\ttrigger:refusal\t1\n", k);
    body += line;
  }
  std::shared_ptr<const model::Model> m;
  const Status s = load(weights(labels, body), &m);
  CHECK(s.code == Code::rules);
  CHECK(s.message.find("64 MB as rows") != std::string::npos);
  body.resize(body.size() / 4);  // 200,000 features fit
  CHECK(load(weights(labels, body), &m).ok());
}

TEST_CASE("negation scope runs from a negator to punctuation") {
  const text::Document doc = text::Document::build("We can't refund it, sorry. Not here");
  model::FeatureParams params;
  params.negators = {"not"};
  params.negator_suffixes = {"n't"};
  std::vector<std::vector<std::string>> f;
  model::sentence_strings(doc, params, {}, {}, &f);
  REQUIRE(f.size() == 2);
  auto has = [&](std::size_t s, const std::string& x) {
    return std::find(f[s].begin(), f[s].end(), x) != f[s].end();
  };
  CHECK(has(0, "w:NEG_refund"));
  CHECK(has(0, "w:NEG_it"));
  CHECK(has(0, "w:sorry"));  // the comma closed the scope
  CHECK(has(0, "b:can't_refund"));
  CHECK(has(0, "b:^_we"));
  CHECK(has(0, "p:first"));
  CHECK(has(1, "w:NEG_here"));
  CHECK(!has(1, "p:first"));
  // Each sentence's hashes are its strings' feature_hashes(): exactly one
  // of each string's (a bigram of words with '_' has one per split).
  std::vector<std::vector<uint64_t>> h;
  model::sentence_hashes(doc, params, {}, {}, &h);
  REQUIRE(h.size() == 2);
  for (std::size_t s = 0; s < 2; ++s) {
    CHECK(h[s].size() == f[s].size());
    for (const std::string& x : f[s]) {
      std::vector<uint64_t> of;
      model::feature_hashes(x, &of);
      CHECK(std::count_if(of.begin(), of.end(), [&](uint64_t v) {
              return std::binary_search(h[s].begin(), h[s].end(), v);
            }) == 1);
    }
  }
}

TEST_CASE("the in-memory hash of walk()'s features is feature_hashes() of their text") {
  // Words with '_' (one word under UAX #29), numbers, emoji, negation,
  // repeated words, several sentences, non-ASCII letters.
  const std::vector<std::string> texts = {
      "foo_bar baz_ won't __x__ 3_4 a_b_c a_b c",
      "No. nothing_really works not_here!! OK?",
      "Café déjà-vu 😀 😀 the the the, never mind",
      "a",
      "",
      "can't refund it, sorry. Not here. I REALLY don't know #5 what_so_ever"};
  model::FeatureParams params;
  params.negators = {"not", "no", "never", "nothing"};
  params.negator_suffixes = {"n't"};
  params.finish();
  for (const std::string& text : texts) {
    const text::Document doc = text::Document::build(text);
    std::vector<std::vector<std::string>> f;
    std::vector<std::vector<uint64_t>> h;
    model::sentence_strings(doc, params, {}, {}, &f);
    model::sentence_hashes(doc, params, {}, {}, &h);
    REQUIRE(f.size() == h.size());
    for (std::size_t s = 0; s < f.size(); ++s) {
      std::vector<uint64_t> all;
      for (const std::string& x : f[s]) model::feature_hashes(x, &all);
      for (const uint64_t v : h[s]) CHECK(std::find(all.begin(), all.end(), v) != all.end());
      CHECK(h[s].size() == f[s].size());
    }
  }
  std::vector<uint64_t> split;
  model::feature_hashes("b:a_b_c", &split);
  CHECK(split.size() == 2);
  std::vector<uint64_t> plain;
  model::feature_hashes("p:len2", &plain);
  CHECK(plain.size() == 1);
}

TEST_CASE("finish() indexes negators by hash and finds the same words") {
  model::FeatureParams params;
  params.negators = {"not", "never", "no", "nor", "nie", std::string(70, 'x'), ""};
  params.negator_suffixes = {"n't", ""};
  const std::vector<std::string> words = {"not",
                                          "nor",
                                          "nut",
                                          "no",
                                          "on",
                                          "never",
                                          "nevermore",
                                          "can't",
                                          "n't",
                                          "won't",
                                          "cant",
                                          std::string(70, 'x'),
                                          std::string(71, 'x'),
                                          std::string(70, 'y'),
                                          "x",
                                          "nie",
                                          "die"};
  std::vector<bool> before;
  for (const std::string& w : words) before.push_back(model::detail::is_negator(w, params));
  params.finish();
  for (std::size_t i = 0; i < words.size(); ++i) {
    CAPTURE(words[i]);
    CHECK(model::detail::is_negator(words[i], params) == before[i]);
  }
  CHECK(model::detail::is_negator("never", params));
  CHECK(model::detail::is_negator(std::string(70, 'x'), params));
  CHECK(model::detail::is_negator("can't", params));
  CHECK(!model::detail::is_negator("n't", params));  // a suffix needs a stem
  CHECK(!model::detail::is_negator("nut", params));
  CHECK(!model::detail::is_negator(std::string(71, 'x'), params));
}

TEST_CASE("the feature table finds keys moved along their run, across the last slot") {
  // Sixteen slots (three pairs). Keys are placed by their low bits: three
  // want slot 15 and take 15, 0 and 1 (the run wraps past the last slot);
  // one wants slot 0 and takes 2.
  const auto at = [](uint64_t slot, uint64_t tag) { return slot | (tag << 40); };
  model::FeatureTable table;
  CHECK(table.find(at(15, 1)) == -1);  // not built: nothing found
  table.build({{at(15, 1), 10}, {at(15, 2), 11}, {at(15, 3), 12}, {at(0, 4), 13}});
  REQUIRE(table.slots() == 16);
  CHECK(table.find(at(15, 1)) == 10);
  CHECK(table.find(at(15, 2)) == 11);
  CHECK(table.find(at(15, 3)) == 12);
  CHECK(table.find(at(0, 4)) == 13);
  for (const uint64_t h : {at(15, 1), at(15, 2), at(15, 3), at(0, 4)}) CHECK(table.passes(h));
  CHECK(table.find(at(15, 5)) == -1);  // absent, its run full to slot 2
  CHECK(table.find(at(0, 5)) == -1);
  CHECK(table.find(at(14, 5)) == -1);  // absent, its own slot free
  CHECK(table.find(at(3, 5)) == -1);
  // Of two features with one hash, the first keeps it.
  table.build({{at(7, 1), 1}, {at(7, 1), 2}});
  CHECK(table.find(at(7, 1)) == 1);
  CHECK(table.find(at(15, 1)) == -1);  // a rebuild forgets the old keys
}

TEST_CASE("every feature of a model with thousands is found by the role that reads it") {
  // Enough words to fill the tables' slots in runs (keys one or more slots
  // from their own, runs that wrap past the last slot): even words weigh an
  // agent's label, odd ones a customer's, and none of the "q" words is known.
  constexpr int kWords = 3200;  // 1,600 a role: 78% of 2,048 slots
  const auto word = [](char head, int k) {
    std::string w(1, head);
    for (int i = 0; i < 3; ++i, k /= 26) w += static_cast<char>('a' + k % 26);
    return w;
  };
  std::string body;
  std::vector<std::string> rows;
  for (int k = 0; k < kWords; ++k) {
    rows.push_back("w:" + word('z', k) + (k % 2 == 0 ? "\ttrigger:refusal" : "\tsignal:urgency") +
                   "\t5.0000\n");
  }
  std::sort(rows.begin(), rows.end());
  for (const std::string& row : rows) body += row;
  const Layer layer(weights(kLabels, body));
  Options options;
  options.rule_files = {layer.pack()};
  const core::Analyzer a(options);
  REQUIRE_MESSAGE(a.ok(), a.status().message);
  const auto from_model = [](const auto& items) {
    return std::count_if(items.begin(), items.end(),
                         [](const auto& x) { return x.source == Source::model; });
  };
  int missed = 0, wrong = 0;
  for (int k = 0; k < kWords; ++k) {
    const bool agent_word = k % 2 == 0;
    const Report agent = a.analyze(word('z', k) + ".", Role::agent);
    const Report customer = a.analyze(word('z', k) + ".", Role::customer);
    missed += from_model(agent.triggers) != (agent_word ? 1 : 0);
    missed += from_model(customer.escalation.signals) != (agent_word ? 0 : 1);
    wrong += from_model(a.analyze(word('q', k) + ".", Role::agent).triggers) != 0;
  }
  CHECK(missed == 0);
  CHECK(wrong == 0);
}

TEST_CASE("a feature counts once per sentence, in each sentence it is in") {
  const Layer layer(weights(kLabels, kBody));
  Options options;
  options.rule_files = {layer.pack()};
  const core::Analyzer a(options);
  REQUIRE_MESSAGE(a.ok(), a.status().message);
  const Report r =
      a.analyze("The zorblat, zorblat, zorblat. Thanks for waiting. A zorblat!", Role::agent);
  REQUIRE(r.triggers.size() == 2);
  for (const Trigger& t : r.triggers) {
    CHECK(t.source == Source::model);
    CHECK(t.probability == doctest::Approx(1.0 / (1.0 + std::exp(-3.0))));
  }
  CHECK(r.triggers[0].text == "The zorblat, zorblat, zorblat.");
  CHECK(r.triggers[1].text == "A zorblat!");
}

TEST_CASE("a rule finding's features reach the model through the pack's rule index") {
  // rid: and rule: features of a default-pack rule, weighted for a label of
  // another category so the model's finding shows.
  const std::string body =
      "rid:trigger.uncertainty.dont-know\ttrigger:refusal\t3.0000\n"
      "rule:trigger:uncertainty\ttrigger:refusal\t2.0000\n";
  const std::string text = weights(kLabels, body);
  std::shared_ptr<const model::Model> m;
  REQUIRE(load(text, &m).ok());
  std::shared_ptr<const rules::Pack> pack;
  REQUIRE(rules::Pack::load(Options(), &pack).ok());
  const model::RuleIndex index = m->index_rules(*pack);
  CHECK(index.size() == pack->size());
  int with_both = 0;
  for (const auto& [rule, slots] : index) {
    // Agent labels only: a customer's table ([1]) has neither feature.
    CHECK(slots.id[1] < 0);
    CHECK(slots.category[1] < 0);
    if (rule->id == "trigger.uncertainty.dont-know") {
      CHECK(slots.id[0] >= 0);
      CHECK(slots.category[0] >= 0);
      ++with_both;
    } else {
      CHECK(slots.id[0] < 0);
      CHECK((slots.category[0] >= 0) ==
            (rule->family == rules::Family::trigger && rule->category == "uncertainty"));
    }
  }
  CHECK(with_both == 1);

  const Layer layer(text);
  Options options;
  options.rule_files = {layer.pack()};
  const core::Analyzer a(options);
  REQUIRE_MESSAGE(a.ok(), a.status().message);
  const Report r = a.analyze("Sorry, I don't know.", Role::agent);
  const auto model_refusal = std::find_if(
      r.triggers.begin(), r.triggers.end(),
      [](const Trigger& t) { return t.source == Source::model && t.category == "refusal"; });
  REQUIRE(model_refusal != r.triggers.end());
  // bias -2 + rid 3 + rule 2: both features counted, once each.
  CHECK(model_refusal->probability == doctest::Approx(1.0 / (1.0 + std::exp(-3.0))));
}

TEST_CASE("a model finding is its sentence, with its probability, and is not rewritten") {
  const Layer layer(weights(kLabels, kBody));
  Options options;
  options.rule_files = {layer.pack()};
  const core::Analyzer a(options);
  REQUIRE_MESSAGE(a.ok(), a.status().message);

  const std::string text = "Thanks for waiting. The zorblat is gone.";
  const Report r = a.analyze(text, Role::agent);
  REQUIRE(r.triggers.size() == 1);
  const Trigger& t = r.triggers[0];
  CHECK(t.source == Source::model);
  CHECK(t.category == "refusal");
  CHECK(t.rule == "trigger.refusal.model");
  CHECK(t.text == "The zorblat is gone.");
  CHECK(t.span.start == text.find("The"));
  CHECK(t.probability == doctest::Approx(1.0 / (1.0 + std::exp(-3.0))));
  CHECK(!t.message.empty());  // the category's message from the pack
  CHECK(r.edits.empty());
  CHECK(r.rewrite == text);
  const std::string json = tact::core::to_json(r);
  CHECK(json.find("\"source\":\"model\",\"confidence\":0.9526") != std::string::npos);

  // A customer's signal; triggers are for agents only.
  const Report c = a.analyze("Where is my zorblat", Role::customer);
  REQUIRE(c.escalation.signals.size() == 1);
  CHECK(c.escalation.signals[0].source == Source::model);
  CHECK(c.escalation.signals[0].type == "urgency");
  CHECK(c.triggers.empty());
}

TEST_CASE("a model finding where a rule of its category already is adds nothing") {
  const Layer layer(weights(kLabels, kBody));
  Options options;
  options.rule_files = {layer.pack()};
  const core::Analyzer a(options);
  REQUIRE(a.ok());
  // "I don't know" is the uncertainty rule's; the model agrees in that
  // sentence, so one finding, the rule's, with its phrase and its edit.
  const Report r = a.analyze("I don't know. We do know it.", Role::agent);
  std::vector<std::string> got;
  for (const Trigger& t : r.triggers)
    got.push_back(std::string(source_name(t.source)) + ":" + t.text);
  CHECK(got == std::vector<std::string>{"rule:I don't know", "model:We do know it."});
  CHECK(r.triggers[0].probability == 1.0);
  CHECK(tact::core::to_json(r).find("\"source\":\"rule\"") != std::string::npos);
  CHECK(r.rewrite.find("We do know it.") != std::string::npos);
}

TEST_CASE("model = \"\" switches the layer off; a missing or bad file fails naming it") {
  const Layer off("", "model = \"\"");
  Options options;
  options.rule_files = {off.pack()};
  const core::Analyzer a(options);
  REQUIRE(a.ok());
  for (const Trigger& t : a.analyze("I don't know. We do know it.").triggers)
    CHECK(t.source == Source::rule);

  const Layer missing("");
  options.rule_files = {missing.pack()};
  const core::Analyzer b(options);
  CHECK(b.status().code == Code::io);
  CHECK(b.status().message.find("model: ") != std::string::npos);
  CHECK(b.status().message.find("w.tsv") != std::string::npos);

  std::string text = weights(kLabels, kBody);
  text.resize(text.size() - 3);  // cut short
  const Layer cut(text);
  options.rule_files = {cut.pack()};
  const core::Analyzer c(options);
  CHECK(c.status().code == Code::rules);
  CHECK(c.status().message.find("w.tsv:") != std::string::npos);
  CHECK(c.status().message.find("checksum mismatch") != std::string::npos);

  options.rule_files = {};
  options.rule_texts = {{"text.toml", "model = \"w.tsv\"\n"}};
  const core::Analyzer d(options);
  CHECK(d.status().message ==
        "text.toml:1: 'include', 'model' and 'tone' need a pack read from a file");
}

TEST_CASE("the embedded default model loads and reports its findings' source") {
  const core::Analyzer a;
  REQUIRE(a.ok());
  const Report r = a.analyze("I don't know, calm down.", Role::agent);
  REQUIRE(!r.triggers.empty());
  for (const Trigger& t : r.triggers) {
    if (t.source == Source::rule) CHECK(t.probability == 1.0);
    if (t.source == Source::model) CHECK((t.probability > 0.5 && t.probability < 1.0));
  }
}

TEST_CASE("C ABI: source and probability accessors") {
  const Layer layer(weights(kLabels, kBody));
  tact_options opts;
  REQUIRE(tact_options_init(&opts, TACT_OPTIONS_VERSION) == TACT_OK);
  const std::string path = layer.pack();
  const char* files[] = {path.c_str()};
  opts.rule_files = files;
  opts.rule_file_count = 1;
  tact_analyzer* a = nullptr;
  REQUIRE(tact_analyzer_new(&a, &opts) == TACT_OK);
  const std::string text = "I don't know. The zorblat is gone.";
  tact_report* r = nullptr;
  REQUIRE(tact_analyze(&r, a, text.data(), text.size(), TACT_ROLE_AGENT) == TACT_OK);
  REQUIRE(tact_report_trigger_count(r) == 2);
  CHECK(tact_report_trigger_source(r, 0) == TACT_SOURCE_RULE);
  CHECK(tact_report_trigger_probability(r, 0) == 1.0);
  CHECK(tact_report_trigger_source(r, 1) == TACT_SOURCE_MODEL);
  CHECK(tact_report_trigger_probability(r, 1) == doctest::Approx(0.9526).epsilon(1e-3));
  CHECK(tact_report_trigger_at(r, 1)->span.start == text.find("The"));
  CHECK(tact_report_trigger_source(r, 2) == TACT_SOURCE_RULE);  // out of range
  CHECK(tact_report_trigger_probability(r, 2) == 0.0);
  CHECK(tact_report_technique_source(r, 0) == TACT_SOURCE_RULE);
  CHECK(tact_report_technique_probability(nullptr, 0) == 0.0);
  CHECK(tact_report_signal_source(nullptr, 0) == TACT_SOURCE_RULE);
  CHECK(tact_report_signal_probability(r, 0) == 0.0);
  tact_report_free(r);
  REQUIRE(tact_analyze(&r, a, "where is my zorblat", 19, TACT_ROLE_CUSTOMER) == TACT_OK);
  REQUIRE(tact_report_signal_count(r) == 1);
  CHECK(tact_report_signal_source(r, 0) == TACT_SOURCE_MODEL);
  CHECK(tact_report_signal_probability(r, 0) > 0.9);
  tact_report_free(r);
  tact_analyzer_free(a);
}

}  // namespace
}  // namespace tact
