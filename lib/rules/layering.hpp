// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Layering: the packs an Options names, read in order (the embedded pack of
// Options::language, then rule_files, then rule_texts) into one list of
// rules, with the categories they define and the language's data files. A pack may pull
// in the embedded pack with `extends`, remove earlier rules with `disable`,
// and replace an earlier rule by reusing its id; a rule keeps the position
// of the rule it replaces. The embedded packs are read and compiled once per
// process and shared.
#ifndef TACT_LIB_RULES_LAYERING_HPP_
#define TACT_LIB_RULES_LAYERING_HPP_

#include <memory>
#include <string>
#include <vector>

#include "rules/pack_file.hpp"
#include "tact/options.hpp"
#include "tact/status.hpp"

namespace tact::rules {

struct LayeredPack {
  std::vector<CompiledRule> rules;  // in pack order
  std::vector<std::string> quote_patterns;
  std::vector<std::shared_ptr<const Regex>> quote_regexes;
  std::vector<QuoteMark> quote_marks;
  std::vector<Category> categories;
  std::string language;
  RewriteStyle rewrite_style;
  text::SentenceProfile sentences;  // every pack's [sentences], added up
  text::Spellings spellings;        // every pack's [spellings], later ones winning
  PackData data;                    // the model (the last pack naming one wins) and the tone model
  // True when the result is exactly the embedded default pack (the other
  // packs, if any, changed nothing), so its compiled form can be shared.
  bool default_only = false;
};

// Reads and layers every pack of `options`, enforcing max_pack_bytes and
// max_rules. Errors: Code::io for an unreadable file, Code::rules for the
// rest. Throws std::bad_alloc only.
Status layer_packs(const Options& options, LayeredPack* out);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_LAYERING_HPP_
