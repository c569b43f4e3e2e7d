// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules/layering.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "core/embedded.hpp"
#include "rules/categories.hpp"

namespace tact::rules {

namespace {

// The embedded packs are the directories of rules/ with a manifest, each
// named by its language's tag (en/pack.toml).
constexpr std::string_view kManifest = "/pack.toml";

// "en, fr": the tags of the embedded packs, for messages.
std::string embedded_languages() {
  std::string out;
  for (const embedded::File& f : embedded::list("")) {
    const std::string_view name = f.name;
    const std::size_t dir = name.size() - std::min(name.size(), kManifest.size());
    if (dir > 0 && name.substr(dir) == kManifest && name.find('/') == dir) {
      out.append(out.empty() ? "" : ", ").append(name.substr(0, dir));
    }
  }
  return out.empty() ? "none" : out;
}

bool has_embedded_pack(const std::string& language) {
  bool found = false;
  embedded::find(language + std::string(kManifest), &found);
  return found;
}

// A BCP 47 tag's shape: subtags of 1-8 letters or digits joined by '-', the
// first of 2-8 letters: en, de-CH, sr-Latn. Real tags are short; a longer
// one is refused before it reaches a message.
bool is_language_tag(std::string_view tag) {
  if (tag.size() > 64) return false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= tag.size(); ++i) {
    if (i < tag.size() && tag[i] != '-') continue;
    const std::string_view sub = tag.substr(start, i - start);
    if (sub.empty() || sub.size() > 8) return false;
    for (char c : sub) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && (start == 0 || c < '0' || c > '9')) return false;
    }
    if (start == 0 && sub.size() < 2) return false;
    start = i + 1;
  }
  return true;
}

Status unknown_language(const std::string& language) {
  return {Code::invalid_argument, "language '" + language +
                                      "' has no embedded pack (embedded: " + embedded_languages() +
                                      "); load a pack of that language with default_pack off"};
}

// "refusal, uncertainty": the ids of a family, for messages.
std::string ids_of(const Categories& categories, Family family) {
  std::string out;
  for (std::string_view id : categories.ids(family)) out.append(out.empty() ? "" : ", ").append(id);
  return out.empty() ? "none" : out;
}

// Checks a rule's category against `categories` and gives a rule with no
// message its category's.
Status settle_rule(const Categories& categories, CompiledRule* compiled) {
  Rule* r = &compiled->rule;
  const Category* c = categories.find(r->family, r->category);
  if (c == nullptr) {
    return rule_error(r->source, compiled->id_line, r->id,
                      "unknown category '" + r->category + "' for family " +
                          family_name(r->family) +
                          " (the packs define: " + ids_of(categories, r->family) + ")");
  }
  if (r->message.empty() || compiled->category_message) {
    r->message = c->message;
    compiled->category_message = true;
  }
  if (r->message.empty() && r->family == Family::trigger) {
    return rule_error(r->source, r->line, r->id,
                      "missing message (none in the rule, its file's [messages] or its category)");
  }
  return {};
}

// The [messages] keys of a file name categories the packs define.
Status check_message_keys(const Categories& categories, const PackFile& f) {
  for (const Located& key : f.message_categories) {
    bool known = false;
    for (Family family : {Family::trigger, Family::technique, Family::signal}) {
      known = known || categories.contains(family, key.value);
    }
    if (!known) {
      return rule_error(f.source, key.line, "", "messages: unknown category '" + key.value + "'");
    }
  }
  return {};
}

// One pack: its top file and the files it includes.
using Unit = std::vector<PackFile>;

Status size_error(const std::string& source, std::size_t size, std::size_t limit) {
  return {Code::rules, source + ": " + std::to_string(size) +
                           " bytes is more than max_pack_bytes (" + std::to_string(limit) + ")"};
}

// An embedded pack, read and compiled once per process: its files never
// change, so every Analyzer shares the same compiled rules.
struct EmbeddedPack {
  Status status;
  Unit unit;
  Categories categories;         // those its files define
  std::size_t largest_file = 0;  // checked against each Options' max_pack_bytes
  DataSource model;              // the embedded weights its pack.toml names
  DataSource tone;               // the embedded tone.toml its pack.toml names
};

const EmbeddedPack& embedded_pack(const std::string& name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const EmbeddedPack>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const EmbeddedPack>& slot = cache[name];
  if (slot != nullptr) return *slot;

  auto pack = std::make_shared<EmbeddedPack>();
  const std::string dir = name + "/";
  bool found = false;
  auto read = [&](const std::string& path) {
    const std::string_view text = embedded::find(path, &found);
    if (!found) return;
    pack->largest_file = std::max(pack->largest_file, text.size());
    pack->unit.emplace_back();
    // Its patterns are compiled on first use: the tests compile each of
    // them (tests/rules/lazy_patterns_test.cpp), so none can fail here.
    pack->status = read_pack_file(text, path, &pack->unit.back(), true);
  };
  read(dir + "pack.toml");
  if (!found) pack->status = {Code::internal, "embedded pack '" + name + "' is missing"};
  // Copied: reading an include appends to the unit the list lives in.
  const std::vector<Located> includes =
      pack->status.ok() ? pack->unit[0].include : std::vector<Located>{};
  for (const Located& inc : includes) {
    read(dir + inc.value);
    if (!found) {
      pack->status = rule_error(dir + "pack.toml", inc.line, "",
                                "include: no embedded file " + dir + inc.value);
    }
    if (!pack->status.ok()) break;
  }
  if (pack->status.ok() && pack->unit[0].language.value != name) {
    pack->status = rule_error(dir + "pack.toml", pack->unit[0].language.line, "",
                              "an embedded pack declares the language its directory is named by");
  }
  // Rules that use classes are expanded and compiled here once, with the
  // pack's own classes; a house pack that changes a class recompiles only
  // the rules whose expansion it changed (Layering::finish).
  ClassTable classes;
  for (PackFile& f : pack->unit) {
    for (const InflectionOp& op : f.inflections) {
      if (pack->status.ok()) pack->status = classes.apply(op);
    }
    for (const ClassOp& op : f.classes) {
      if (pack->status.ok()) pack->status = classes.apply(op);
    }
    for (const Category& c : f.categories) pack->categories.define(c);
  }
  for (PackFile& f : pack->unit) {
    for (const ClassOp& op : f.classes) {
      if (pack->status.ok()) pack->status = classes.validate(op);
    }
    if (pack->status.ok()) pack->status = check_message_keys(pack->categories, f);
  }
  for (PackFile& f : pack->unit) {
    for (CompiledRule& r : f.rules) {
      if (pack->status.ok()) pack->status = resolve_classes(classes, &r, &f.program_size, true);
      if (pack->status.ok()) pack->status = settle_rule(pack->categories, &r);
    }
  }
  // The data files it names are embedded beside its manifest.
  auto data = [&](const Located& file, const char* what, DataSource* out) {
    if (!pack->status.ok() || file.value.empty()) return;
    out->name = dir + file.value;
    out->text = std::string(embedded::find(out->name, &found));
    out->embedded = true;
    if (!found) {
      pack->status = rule_error(dir + "pack.toml", file.line, "",
                                std::string(what) + ": no embedded file " + out->name);
    }
  };
  if (pack->status.ok()) {
    data(pack->unit[0].model, "model", &pack->model);
    data(pack->unit[0].tone, "tone", &pack->tone);
  }
  slot = std::move(pack);
  return *slot;
}

Status read_whole_file(const std::string& path, std::size_t limit, std::string* out) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return {Code::io, path + ": cannot read: " + ec.message()};
  if (size > limit) return size_error(path, size, limit);
  std::ifstream in(path, std::ios::binary);
  if (!in) return {Code::io, path + ": cannot read: " + std::strerror(errno)};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return {Code::io, path + ": cannot read: " + std::strerror(errno)};
  *out = std::move(buffer).str();
  return {};
}

class Layering {
 public:
  explicit Layering(const Options& options) : options_(options) {}

  // The embedded pack `name`: all of it, or (`rules` false) only what makes
  // its language (categories, tone model) as the base of other packs.
  Status add_embedded(const std::string& name, bool rules);
  Status add_file(const std::string& path);
  Status add_text(const PackSource& source);
  // True if no pack but the embedded default changed anything.
  bool default_only() const { return !changed_ && loaded_embedded_.size() == 1; }
  Status finish(LayeredPack* out);

 private:
  Status read(std::string_view text, const std::string& source, PackFile* out) const;
  Status apply(const Unit& unit, bool embedded);

  const Options& options_;
  std::vector<CompiledRule> rules_;
  std::vector<bool> removed_;
  std::unordered_map<std::string, std::size_t> index_;  // live id -> position
  std::size_t live_ = 0;
  std::vector<std::string> loaded_embedded_;  // embedded packs whose rules were applied
  Categories categories_;
  PackData data_;
  std::vector<std::string> quote_patterns_;
  std::vector<std::shared_ptr<const Regex>> quote_regexes_;
  std::vector<QuoteMark> quote_marks_;
  RewriteStyle rewrite_style_;
  text::SentenceProfile sentences_;
  text::Spellings spellings_;
  bool changed_ = false;
  std::size_t program_size_ = 0;  // RE2 instructions of every pack applied
  // Embedded files applied first, whose patterns are not compiled yet: their
  // RE2 instructions join program_size_ before anything reads it.
  std::vector<const PackFile*> uncounted_;
  void count_uncounted() {
    for (const PackFile* f : uncounted_) program_size_ += deferred_program_size(*f);
    uncounted_.clear();
  }
  ClassTable classes_;            // the vocabulary classes of every pack applied
  bool classes_changed_ = false;  // a pack after the embedded one changed a class
};

Status Layering::read(std::string_view text, const std::string& source, PackFile* out) const {
  if (text.size() > options_.max_pack_bytes) {
    return size_error(source, text.size(), options_.max_pack_bytes);
  }
  return read_pack_file(text, source, out);
}

Status Layering::add_embedded(const std::string& name, bool rules) {
  for (const std::string& done : loaded_embedded_) {
    if (done == name) return {};
  }
  if (rules) loaded_embedded_.emplace_back(name);
  const EmbeddedPack& pack = embedded_pack(name);
  if (!pack.status.ok()) return pack.status;
  if (rules && pack.largest_file > options_.max_pack_bytes) {
    for (const PackFile& f : pack.unit) {
      const std::size_t size = embedded::find(f.source).size();
      if (size > options_.max_pack_bytes)
        return size_error(f.source, size, options_.max_pack_bytes);
    }
  }
  for (const Category& c : pack.categories.all()) categories_.define(c);
  if (!pack.tone.name.empty()) data_.tone = pack.tone;
  if (pack.unit[0].has_rewrite_style) rewrite_style_ = pack.unit[0].rewrite_style;
  // The sentence profile is the language's, like its typography: it holds
  // without the embedded pack's rules too.
  for (const PackFile& f : pack.unit) {
    sentences_.add(f.sentences);
    spellings_.add(f.spellings);
  }
  if (!rules) return {};
  if (Status s = apply(pack.unit, true); !s.ok()) return s;
  if (pack.unit[0].has_model) data_.model = pack.model;
  return {};
}

Status Layering::add_file(const std::string& path) {
  std::string text;
  if (Status s = read_whole_file(path, options_.max_pack_bytes, &text); !s.ok()) return s;
  Unit unit(1);
  if (Status s = read(text, path, &unit[0]); !s.ok()) return s;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  const std::vector<Located> includes = unit[0].include;
  for (const Located& inc : includes) {
    const std::string included = (dir / inc.value).string();
    if (Status s = read_whole_file(included, options_.max_pack_bytes, &text); !s.ok()) {
      return {s.code, rule_error(path, inc.line, "", "include: " + s.message).message};
    }
    unit.emplace_back();
    if (Status s = read(text, included, &unit.back()); !s.ok()) return s;
  }
  if (Status s = apply(unit, false); !s.ok()) return s;
  // A data file the top file names, read beside it.
  auto data = [&](const Located& file, const char* what, DataSource* out) -> Status {
    *out = DataSource();
    if (file.value.empty()) return {};
    const std::string name = (dir / file.value).string();
    if (Status s = read_whole_file(name, options_.max_pack_bytes, &out->text); !s.ok()) {
      return {s.code,
              rule_error(path, file.line, "", std::string(what) + ": " + s.message).message};
    }
    out->name = name;
    return {};
  };
  // The model does not change the rules: they stay shared when default.
  if (unit[0].has_model) {
    if (Status s = data(unit[0].model, "model", &data_.model); !s.ok()) return s;
  }
  if (unit[0].has_tone) {
    if (Status s = data(unit[0].tone, "tone", &data_.tone); !s.ok()) return s;
  }
  return {};
}

Status Layering::add_text(const PackSource& source) {
  Unit unit(1);
  if (Status s = read(source.text, source.name, &unit[0]); !s.ok()) return s;
  const Located* file = !unit[0].include.empty()       ? &unit[0].include.front()
                        : !unit[0].model.value.empty() ? &unit[0].model
                        : unit[0].has_tone             ? &unit[0].tone
                                                       : nullptr;
  if (file != nullptr) {
    return rule_error(source.name, file->line, "",
                      "'include', 'model' and 'tone' need a pack read from a file");
  }
  if (unit[0].has_model) data_.model = DataSource();  // model = "": the learned layer off
  return apply(unit, false);
}

Status Layering::apply(const Unit& unit, bool embedded) {
  const PackFile& top = unit.front();
  for (std::size_t i = 1; i < unit.size(); ++i) {
    const PackFile& f = unit[i];
    const Located* misplaced = !f.extends.value.empty()    ? &f.extends
                               : !f.language.value.empty() ? &f.language
                               : !f.include.empty()        ? &f.include.front()
                               : !f.disable.empty()        ? &f.disable.front()
                               : f.has_model               ? &f.model
                               : f.has_tone                ? &f.tone
                                                           : nullptr;
    if (misplaced != nullptr) {
      return rule_error(f.source, misplaced->line, "",
                        "'language', 'extends', 'include', 'disable', 'model' and 'tone' belong "
                        "in the pack's top file");
    }
  }

  if (!top.language.value.empty()) {
    if (!is_language_tag(top.language.value)) {
      return rule_error(top.source, top.language.line, "",
                        "language: '" + top.language.value + "' is not a BCP 47 tag");
    }
    if (top.language.value != options_.language) {
      return rule_error(top.source, top.language.line, "",
                        "language: the pack is for '" + top.language.value +
                            "' but the analyzer's language is '" + options_.language + "'");
    }
  }

  if (!top.extends.value.empty()) {
    if (!has_embedded_pack(top.extends.value)) {
      return rule_error(top.source, top.extends.line, "",
                        "extends: unknown pack '" + top.extends.value +
                            "' (known: " + embedded_languages() + ")");
    }
    if (top.extends.value != options_.language) {
      return rule_error(top.source, top.extends.line, "",
                        "extends: the pack '" + top.extends.value +
                            "' is not of the analyzer's language '" + options_.language + "'");
    }
    if (Status s = add_embedded(top.extends.value, true); !s.ok()) return s;
  }

  // Ids are unique within a pack (its top file and its includes).
  std::unordered_map<std::string, const Rule*> seen;
  for (const PackFile& f : unit) {
    for (const CompiledRule& r : f.rules) {
      auto [first, inserted] = seen.emplace(r.rule.id, &r.rule);
      if (!inserted) {
        return rule_error(r.rule.source, r.rule.line, r.rule.id,
                          "duplicate id (first defined at " + first->second->source + ":" +
                              std::to_string(first->second->line) + ")");
      }
    }
  }

  for (const Located& id : top.disable) {
    auto it = index_.find(id.value);
    if (it == index_.end()) {
      return rule_error(top.source, id.line, "",
                        "disable: no earlier rule has id '" + id.value + "'");
    }
    removed_[it->second] = true;
    index_.erase(it);
    --live_;
  }

  // Categories and classes before rules: a rule may use those of any
  // earlier pack or of any file of its own.
  for (const PackFile& f : unit) {
    for (const Category& c : f.categories) categories_.define(c);
    if (!embedded && !f.categories.empty()) changed_ = true;
    for (const InflectionOp& op : f.inflections) {
      if (Status s = classes_.apply(op); !s.ok()) return s;
    }
    for (const ClassOp& op : f.classes) {
      if (Status s = classes_.apply(op); !s.ok()) return s;
    }
    if (!embedded && (!f.classes.empty() || !f.inflections.empty())) classes_changed_ = true;
  }
  for (const PackFile& f : unit) {
    for (const ClassOp& op : f.classes) {
      if (Status s = classes_.validate(op); !s.ok()) return s;
    }
    if (!embedded) {
      if (Status s = check_message_keys(categories_, f); !s.ok()) return s;
    }
  }

  for (const PackFile& f : unit) {
    if (f.deferred && program_size_ == 0) {
      // Within budget (the tests check): counted when another pack adds to it.
      uncounted_.push_back(&f);
    } else {
      count_uncounted();
      program_size_ += f.deferred ? deferred_program_size(f) : f.program_size;
    }
    if (program_size_ > kMaxProgramSize) {
      return {Code::rules, f.source + ": patterns too large: " + std::to_string(program_size_) +
                               " RE2 instructions in the layered packs, more than the " +
                               std::to_string(kMaxProgramSize) + " they may hold together"};
    }
    if (f.has_quote_patterns) {
      quote_patterns_ = f.quote_patterns;
      quote_regexes_ = f.quote_regexes;
    }
    if (f.has_quote_marks) quote_marks_ = f.quote_marks;
    if (f.has_rewrite_style) rewrite_style_ = f.rewrite_style;
    // Unlike the lists above, abbreviations and terminators add up: a house
    // pack lists its own ("Acct") without repeating the language's.
    sentences_.add(f.sentences);
    spellings_.add(f.spellings);
    changed_ = changed_ ||
               (!embedded && (f.has_quote_patterns || f.has_quote_marks || f.has_rewrite_style ||
                              f.has_sentences || f.has_spellings || !f.rules.empty()));
    for (const CompiledRule& r : f.rules) {
      auto it = index_.find(r.rule.id);
      std::size_t at = it != index_.end() ? it->second : rules_.size();
      if (it != index_.end()) {
        rules_[at] = r;
      } else {
        if (live_ >= options_.max_rules) {
          return rule_error(
              r.rule.source, r.rule.line, r.rule.id,
              "more than max_rules (" + std::to_string(options_.max_rules) + ") rules");
        }
        index_.emplace(r.rule.id, rules_.size());
        rules_.push_back(r);
        removed_.push_back(false);
        ++live_;
      }
      // The embedded pack's rules were expanded with its classes and settled
      // with its categories when cached.
      if (!embedded) {
        if (Status s = resolve_classes(classes_, &rules_[at], &program_size_); !s.ok()) return s;
        if (Status s = settle_rule(categories_, &rules_[at]); !s.ok()) return s;
      }
    }
  }
  changed_ = changed_ || classes_changed_;
  changed_ = changed_ || (!embedded && !top.disable.empty());
  return {};
}

Status Layering::finish(LayeredPack* out) {
  if (classes_changed_) {
    // A later pack changed a class: re-expand every rule that uses classes
    // (only those whose expansion changed are compiled again).
    count_uncounted();
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (removed_[i]) continue;
      if (Status s = resolve_classes(classes_, &rules_[i], &program_size_); !s.ok()) return s;
    }
  }
  // A category a later pack reworded speaks for the rules that use its message.
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (removed_[i] || !rules_[i].category_message) continue;
    if (Status s = settle_rule(categories_, &rules_[i]); !s.ok()) return s;
  }
  if (data_.tone.name.empty()) {
    return {Code::rules, "no tone model for language '" + options_.language +
                             "': it has no embedded pack, so a pack must name one (`tone`)"};
  }
  out->rules.clear();
  out->rules.reserve(live_);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!removed_[i]) out->rules.push_back(std::move(rules_[i]));
  }
  out->quote_patterns = std::move(quote_patterns_);
  out->quote_regexes = std::move(quote_regexes_);
  out->quote_marks = std::move(quote_marks_);
  out->rewrite_style = std::move(rewrite_style_);
  out->sentences = std::move(sentences_);
  out->spellings = std::move(spellings_);
  out->default_only = default_only();
  out->categories = categories_.all();
  out->language = options_.language;
  out->data = std::move(data_);
  return {};
}

}  // namespace

Status read_beside(const DataSource& beside, const std::string& file, std::size_t limit,
                   std::string* out) {
  if (beside.embedded) {
    const std::size_t slash = beside.name.rfind('/');
    const std::string name =
        (slash == std::string::npos ? std::string() : beside.name.substr(0, slash + 1)) + file;
    bool found = false;
    const std::string_view text = embedded::find(name, &found);
    // The library's own data: max_pack_bytes bounds what callers supply.
    if (!found) return {Code::rules, beside.name + ": no embedded file " + name};
    out->assign(text);
    return {};
  }
  const std::filesystem::path dir = std::filesystem::path(beside.name).parent_path();
  return read_whole_file((dir / file).string(), limit, out);
}

Status layer_packs(const Options& options, LayeredPack* out) {
  if (!is_language_tag(options.language)) {
    return {Code::invalid_argument, "language '" + options.language + "' is not a BCP 47 tag"};
  }
  Layering layering(options);
  if (has_embedded_pack(options.language)) {
    if (Status s = layering.add_embedded(options.language, options.default_pack); !s.ok()) return s;
  } else if (options.default_pack) {
    return unknown_language(options.language);
  }
  for (const std::string& path : options.rule_files) {
    if (Status s = layering.add_file(path); !s.ok()) return s;
  }
  for (const PackSource& source : options.rule_texts) {
    if (Status s = layering.add_text(source); !s.ok()) return s;
  }
  return layering.finish(out);
}

}  // namespace tact::rules
