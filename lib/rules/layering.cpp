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

namespace tact::rules {

namespace {

// The embedded packs `extends` may name; each is a manifest (pack.toml)
// that includes the files holding its rules.
constexpr std::string_view kEmbeddedPacks[] = {"en"};

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
  std::size_t largest_file = 0;  // checked against each Options' max_pack_bytes
  std::string model_name;        // the embedded weights file its pack.toml names
};

const EmbeddedPack& embedded_pack(std::string_view name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const EmbeddedPack>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const EmbeddedPack>& slot = cache[std::string(name)];
  if (slot != nullptr) return *slot;

  auto pack = std::make_shared<EmbeddedPack>();
  const std::string dir = std::string(name) + "/";
  bool found = false;
  auto read = [&](const std::string& path) {
    const std::string_view text = embedded::find(path, &found);
    if (!found) return;
    pack->largest_file = std::max(pack->largest_file, text.size());
    pack->unit.emplace_back();
    pack->status = read_pack_file(text, path, &pack->unit.back());
  };
  read(dir + "pack.toml");
  if (!found)
    pack->status = {Code::internal, "embedded pack '" + std::string(name) + "' is missing"};
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
  }
  for (PackFile& f : pack->unit) {
    for (const ClassOp& op : f.classes) {
      if (pack->status.ok()) pack->status = classes.validate(op);
    }
  }
  for (PackFile& f : pack->unit) {
    for (CompiledRule& r : f.rules) {
      if (pack->status.ok()) pack->status = resolve_classes(classes, &r, &f.program_size);
    }
  }
  if (pack->status.ok() && !pack->unit[0].model.value.empty()) {
    pack->model_name = dir + pack->unit[0].model.value;
    embedded::find(pack->model_name, &found);
    if (!found) {
      pack->status = rule_error(dir + "pack.toml", pack->unit[0].model.line, "",
                                "model: no embedded file " + pack->model_name);
    }
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

  Status add_embedded(std::string_view name);
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
  std::vector<std::string> loaded_embedded_;
  std::string model_name_;
  std::string model_text_;
  std::vector<std::string> quote_patterns_;
  std::vector<std::shared_ptr<const RE2>> quote_regexes_;
  bool changed_ = false;
  std::size_t program_size_ = 0;  // RE2 instructions of every pack applied
  ClassTable classes_;            // the vocabulary classes of every pack applied
  bool classes_changed_ = false;  // a pack after the embedded one changed a class
};

Status Layering::read(std::string_view text, const std::string& source, PackFile* out) const {
  if (text.size() > options_.max_pack_bytes) {
    return size_error(source, text.size(), options_.max_pack_bytes);
  }
  return read_pack_file(text, source, out);
}

Status Layering::add_embedded(std::string_view name) {
  for (const std::string& done : loaded_embedded_) {
    if (done == name) return {};
  }
  loaded_embedded_.emplace_back(name);
  const EmbeddedPack& pack = embedded_pack(name);
  if (!pack.status.ok()) return pack.status;
  if (pack.largest_file > options_.max_pack_bytes) {
    for (const PackFile& f : pack.unit) {
      const std::size_t size = embedded::find(f.source).size();
      if (size > options_.max_pack_bytes)
        return size_error(f.source, size, options_.max_pack_bytes);
    }
  }
  if (Status s = apply(pack.unit, true); !s.ok()) return s;
  if (pack.unit[0].has_model) {
    model_name_ = pack.model_name;
    model_text_ = std::string(embedded::find(pack.model_name));
  }
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
  if (unit[0].has_model) {
    // The model does not change the rules: they stay shared when default.
    model_name_.clear();
    model_text_.clear();
    if (!unit[0].model.value.empty()) {
      const std::string file = (dir / unit[0].model.value).string();
      if (Status s = read_whole_file(file, options_.max_pack_bytes, &model_text_); !s.ok()) {
        return {s.code, rule_error(path, unit[0].model.line, "", "model: " + s.message).message};
      }
      model_name_ = file;
    }
  }
  return {};
}

Status Layering::add_text(const PackSource& source) {
  Unit unit(1);
  if (Status s = read(source.text, source.name, &unit[0]); !s.ok()) return s;
  if (!unit[0].include.empty()) {
    return rule_error(source.name, unit[0].include.front().line, "",
                      "include needs a pack read from a file");
  }
  if (!unit[0].model.value.empty()) {
    return rule_error(source.name, unit[0].model.line, "", "model needs a pack read from a file");
  }
  if (unit[0].has_model) {  // model = "": the learned layer off
    model_name_.clear();
    model_text_.clear();
  }
  return apply(unit, false);
}

Status Layering::apply(const Unit& unit, bool embedded) {
  const PackFile& top = unit.front();
  for (std::size_t i = 1; i < unit.size(); ++i) {
    const PackFile& f = unit[i];
    const Located* misplaced = !f.extends.value.empty() ? &f.extends
                               : !f.include.empty()     ? &f.include.front()
                               : !f.disable.empty()     ? &f.disable.front()
                               : f.has_model            ? &f.model
                                                        : nullptr;
    if (misplaced != nullptr) {
      return rule_error(
          f.source, misplaced->line, "",
          "'extends', 'include', 'disable' and 'model' belong in the pack's top file");
    }
  }

  if (!top.extends.value.empty()) {
    bool known = false;
    for (std::string_view name : kEmbeddedPacks) known = known || top.extends.value == name;
    if (!known) {
      return rule_error(top.source, top.extends.line, "",
                        "extends: unknown pack '" + top.extends.value + "' (known: en)");
    }
    if (Status s = add_embedded(top.extends.value); !s.ok()) return s;
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

  // Classes before rules: a rule may use a class of any earlier pack or of
  // any file of its own.
  for (const PackFile& f : unit) {
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
  }

  for (const PackFile& f : unit) {
    program_size_ += f.program_size;
    if (program_size_ > kMaxProgramSize) {
      return {Code::rules, f.source + ": patterns too large: " + std::to_string(program_size_) +
                               " RE2 instructions in the layered packs, more than the " +
                               std::to_string(kMaxProgramSize) + " they may hold together"};
    }
    if (f.has_quote_patterns) {
      quote_patterns_ = f.quote_patterns;
      quote_regexes_ = f.quote_regexes;
    }
    changed_ = changed_ || (!embedded && (f.has_quote_patterns || !f.rules.empty()));
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
      // The embedded pack's rules were expanded with its classes when cached.
      if (!embedded) {
        if (Status s = resolve_classes(classes_, &rules_[at], &program_size_); !s.ok()) return s;
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
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (removed_[i]) continue;
      if (Status s = resolve_classes(classes_, &rules_[i], &program_size_); !s.ok()) return s;
    }
  }
  out->rules.clear();
  out->rules.reserve(live_);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!removed_[i]) out->rules.push_back(std::move(rules_[i]));
  }
  out->quote_patterns = std::move(quote_patterns_);
  out->quote_regexes = std::move(quote_regexes_);
  out->default_only = default_only();
  out->model_name = std::move(model_name_);
  out->model_text = std::move(model_text_);
  return {};
}

}  // namespace

Status layer_packs(const Options& options, LayeredPack* out) {
  Layering layering(options);
  if (options.default_pack) {
    if (Status s = layering.add_embedded("en"); !s.ok()) return s;
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
