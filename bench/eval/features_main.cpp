// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_features: the learned layer's features of labelled lines, for
// scripts/train.py. Reads JSON Lines ({"id","role","text",...}) on stdin and
// writes one JSON object per line:
//
//   {"id": ..., "role": ..., "sentences": [[feature, ...], ...], "line": [...]}
//
// with each sentence's feature strings (lib/model/features.hpp, the same
// code the library runs) and the escalation model's line-level extras.
// Rule findings come from the layered packs as the Analyzer loads them, so
// the features follow the rules as they are now.
//
//   tact_features --params rules/en/model/features.tsv [--rules pack.toml] < in > out
//
// With --report it runs the whole Analyzer instead (the packs named by
// --rules over the default, model included) and writes what scoring needs:
//
//   {"id", "triggers": [category, ...], "warned": bool, "techniques": [...],
//    "signals": [...], "level": n, "model": n, "rewrite": "...",
//    "rewrite_triggers": [categories of rule triggers left in the rewrite]}
//
// ("warned": a trigger of warning or worse; "model": findings from the model
// alone).
//
// With --examples it writes every example and counterexample of the layered
// packs' rules as {"role", "text", "family", "category", "flag": bool}: the
// pack's own labelled look-alikes, which training adds for that category.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "core/analyzer.hpp"
#include "model/features.hpp"
#include "rules/categories.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace {

int usage() {
  std::cerr << "usage: tact_features --params FEATURES.tsv [--rules PACK.toml]... < in.jsonl\n"
               "       tact_features --report [--rules PACK.toml]... < in.jsonl\n"
               "       tact_features --examples [--rules PACK.toml]...\n";
  return 2;
}

int report(const tact::Options& options) {
  const tact::core::Analyzer analyzer(options);
  if (!analyzer.ok()) {
    std::cerr << "tact_features: " << analyzer.status().message << "\n";
    return 2;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const nlohmann::json in = nlohmann::json::parse(line);
    const tact::Role role =
        in.value("role", "agent") == "customer" ? tact::Role::customer : tact::Role::agent;
    const tact::Report r = analyzer.analyze(in.value("text", ""), role);
    nlohmann::json out;
    out["id"] = in.value("id", "");
    std::set<std::string> triggers, techniques, signals, left;
    bool warned = false;
    int model = 0;
    for (const tact::Trigger& t : r.triggers) {
      triggers.insert(t.category);
      warned = warned || t.severity >= tact::Severity::warning;
      model += t.source == tact::Source::model;
    }
    for (const tact::Technique& t : r.techniques) {
      techniques.insert(t.type);
      model += t.source == tact::Source::model;
    }
    for (const tact::Signal& s : r.escalation.signals) {
      signals.insert(s.type);
      model += s.source == tact::Source::model;
    }
    if (role == tact::Role::agent) {
      for (const tact::Trigger& t : analyzer.analyze(r.rewrite, role).triggers) {
        if (t.source == tact::Source::rule && t.severity >= tact::Severity::warning)
          left.insert(t.category);
      }
    }
    out["triggers"] = triggers;
    out["warned"] = warned;
    out["techniques"] = techniques;
    out["signals"] = signals;
    out["level"] = r.escalation.level;
    out["model"] = model;
    out["rewrite"] = r.rewrite;
    out["rewrite_triggers"] = left;
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return 0;
}

// `negators<TAB>w w w` and `negator_suffixes<TAB>s s` lines, as in a
// weights file's header.
bool read_params(const std::string& path, tact::model::FeatureParams* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) return false;
    const std::string key = line.substr(0, tab);
    std::vector<std::string>* list = key == "negators"           ? &out->negators
                                     : key == "negator_suffixes" ? &out->negator_suffixes
                                                                 : nullptr;
    if (list == nullptr) return false;
    std::istringstream words(line.substr(tab + 1));
    for (std::string w; words >> w;) list->push_back(w);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  tact::Options options;
  std::string params_path;
  bool analyze = false;
  bool examples = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--report") {
      analyze = true;
    } else if (arg == "--examples") {
      examples = true;
    } else if (arg == "--params" && i + 1 < argc) {
      params_path = argv[++i];
    } else if (arg == "--rules" && i + 1 < argc) {
      options.rule_files.emplace_back(argv[++i]);
    } else {
      return usage();
    }
  }
  if (analyze) return report(options);
  if (examples) {
    std::shared_ptr<const tact::rules::Pack> pack;
    if (const tact::Status s = tact::rules::Pack::load(options, &pack); !s.ok()) {
      std::cerr << "tact_features: " << s.message << "\n";
      return 2;
    }
    for (std::size_t i = 0; i < pack->size(); ++i) {
      const tact::rules::Rule& r = pack->rule(i);
      for (const bool flag : {true, false}) {
        for (const std::string& text : flag ? r.examples : r.counterexamples) {
          nlohmann::json out;
          out["role"] = (r.roles & tact::rules::kAgent) != 0 ? "agent" : "customer";
          out["text"] = text;
          out["family"] = tact::rules::family_name(r.family);
          out["category"] = r.category;
          out["flag"] = flag;
          std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        }
      }
    }
    return 0;
  }
  tact::model::FeatureParams params;
  if (params_path.empty()) return usage();
  const bool read = read_params(params_path, &params);
  params.finish();
  if (!read) {
    std::cerr << "tact_features: " << params_path << ": cannot read feature parameters\n";
    return 2;
  }
  std::shared_ptr<const tact::rules::Pack> pack;
  tact::Status status = tact::rules::Pack::load(options, &pack);
  std::shared_ptr<const tact::tone::Scorer> scorer;
  if (status.ok()) scorer = tact::tone::Scorer::load_default(&status);
  if (!status.ok()) {
    std::cerr << "tact_features: " << status.message << "\n";
    return 2;
  }
  std::string line;
  int n = 0;
  while (std::getline(std::cin, line)) {
    ++n;
    if (line.empty()) continue;
    nlohmann::json in;
    try {
      in = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      std::cerr << "tact_features: line " << n << ": " << e.what() << "\n";
      return 2;
    }
    const std::string text = in.value("text", "");
    const tact::Role role =
        in.value("role", "agent") == "customer" ? tact::Role::customer : tact::Role::agent;
    const tact::text::Document doc =
        tact::text::Document::build(text, pack->sentence_profile(), pack->spellings());
    std::vector<tact::rules::Finding> findings;
    pack->match(doc, role, &findings);
    const tact::tone::Result scored = scorer->score(doc, role, findings);
    std::vector<std::vector<std::string>> sentences;
    tact::model::sentence_strings(doc, params, findings, scored.cues, &sentences);
    nlohmann::json out;
    out["id"] = in.value("id", "");
    out["role"] = role == tact::Role::customer ? "customer" : "agent";
    out["sentences"] = sentences;
    out["line"] = tact::model::line_strings(scored.level, scored.score);
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return 0;
}
