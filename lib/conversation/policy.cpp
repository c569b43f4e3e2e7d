// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Reads and layers the [conversation] tables. A later pack replaces a key
// whole; the sub-tables `answers` and `defaults` are merged one key deeper,
// so a house pack can change one request type's answers or one default.
#include "conversation/policy.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include "core/embedded.hpp"
#include "rules/classes.hpp"

namespace tact::conversation {

namespace {

Status fail(const std::string& source, const std::string& key, const std::string& why) {
  return {Code::rules, source + ": conversation." + key + ": " + why};
}

// Merges `from` (a [conversation] table) into `into`.
void layer(const toml::table& from, toml::table* into) {
  for (const auto& [key, value] : from) {
    const std::string_view k = key.str();
    if ((k == "answers" || k == "defaults" || k == "answer_techniques" || k == "answer_triggers" ||
         k == "withdraw" || k == "classes" || k == "qualified") &&
        value.is_table()) {
      toml::table* dst = (*into)[k].as_table();
      if (dst == nullptr) {
        into->insert_or_assign(k, toml::table{});
        dst = (*into)[k].as_table();
      }
      for (const auto& [sub, v] : *value.as_table()) dst->insert_or_assign(sub, v);
    } else {
      into->insert_or_assign(k, value);
    }
  }
}

Status add_source(const std::string& name, std::string_view text, toml::table* merged) {
  try {
    toml::table root = toml::parse(text, std::string_view(name));
    if (const toml::table* conv = root["conversation"].as_table()) layer(*conv, merged);
  } catch (const toml::parse_error& e) {
    return {Code::rules, name + ": " + std::string(e.description())};
  }
  return {};
}

Status strings(const toml::node* node, const std::string& source, const std::string& key,
               std::vector<std::string>* out) {
  out->clear();
  if (node == nullptr) return {};
  const toml::array* a = node->as_array();
  if (a == nullptr) return fail(source, key, "must be a list of strings");
  for (const toml::node& n : *a) {
    if (!n.is_string()) return fail(source, key, "must be a list of strings");
    out->push_back(std::string(*n.value<std::string>()));
  }
  return {};
}

Status integer(const toml::table& t, std::string_view k, const std::string& source,
               const std::string& key, int lo, int hi, int* out) {
  const toml::node* n = t.get(k);
  if (n == nullptr) return {};
  const auto v = n->value<std::int64_t>();
  if (!v || *v < lo || *v > hi) {
    return fail(source, key,
                "must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  *out = static_cast<int>(*v);
  return {};
}

Status conditions(const toml::node* node, const std::string& source, const std::string& key,
                  std::vector<Condition>* out) {
  out->clear();
  if (node == nullptr) return {};
  const toml::array* a = node->as_array();
  if (a == nullptr || !a->is_array_of_tables())
    return fail(source, key, "must be [[conversation." + key + "]] tables");
  for (const toml::node& n : *a) {
    const toml::table& t = *n.as_table();
    Condition c;
    const auto name = t["name"].value<std::string>();
    if (!name || name->empty()) return fail(source, key, "every entry needs a name");
    c.name = *name;
    const std::string k = key + "." + c.name;
    for (const auto& [field, v] : t) {
      const std::string_view f = field.str();
      if (f != "name" && f != "signals" && f != "routes" && f != "peak_at_least" &&
          f != "sustained_level" && f != "sustained_turns" && f != "signal_with_level" &&
          f != "with_level") {
        return fail(source, k, "unknown field '" + std::string(f) + "'");
      }
    }
    if (Status s = strings(t.get("signals"), source, k + ".signals", &c.signals); !s.ok()) return s;
    if (Status s = strings(t.get("routes"), source, k + ".routes", &c.routes); !s.ok()) return s;
    if (Status s = integer(t, "peak_at_least", source, k, 0, 4, &c.peak_at_least); !s.ok())
      return s;
    if (Status s = integer(t, "sustained_level", source, k, 0, 4, &c.sustained_level); !s.ok())
      return s;
    if (Status s = integer(t, "sustained_turns", source, k, 1, 1000000, &c.sustained_turns);
        !s.ok())
      return s;
    if (Status s = integer(t, "with_level", source, k, 0, 4, &c.with_level); !s.ok()) return s;
    if (const auto sw = t["signal_with_level"].value<std::string>()) c.signal_with_level = *sw;
    out->push_back(std::move(c));
  }
  return {};
}

Status compile(const toml::table& t, Policy* p) {
  const std::string src = "conversation policy";
  if (Status s = integer(t, "carry_decay", src, "carry_decay", 0, 4, &p->carry_decay); !s.ok())
    return s;
  if (Status s =
          integer(t, "carry_max_words", src, "carry_max_words", 0, 1000, &p->carry_max_words);
      !s.ok())
    return s;
  if (Status s = integer(t, "venting_level", src, "venting_level", 0, 4, &p->venting_level);
      !s.ok())
    return s;
  if (Status s = integer(t, "disarming_level", src, "disarming_level", 0, 4, &p->disarming_level);
      !s.ok())
    return s;
  if (Status s = integer(t, "wary_level", src, "wary_level", 0, 4, &p->wary_level); !s.ok())
    return s;
  if (Status s = integer(t, "calming_decay", src, "calming_decay", 0, 4, &p->calming_decay);
      !s.ok())
    return s;
  if (Status s = integer(t, "pushback_rise", src, "pushback_rise", 0, 4, &p->pushback_rise);
      !s.ok())
    return s;
  if (Status s = integer(t, "pushback_cap", src, "pushback_cap", 0, 4, &p->pushback_cap); !s.ok())
    return s;
  if (Status s = strings(t.get("progress_techniques"), src, "progress_techniques",
                         &p->progress_techniques);
      !s.ok())
    return s;
  if (const toml::node* n = t.get("hold_after_bad_reply")) {
    const auto v = n->value<bool>();
    if (!v) return fail(src, "hold_after_bad_reply", "must be true or false");
    p->hold_after_bad_reply = *v;
  }
  // [conversation.classes]: RE2 vocabulary classes the patterns below use
  // as {name}.
  rules::ClassTable classes;
  if (const toml::table* ct = t["classes"].as_table()) {
    for (const auto& [name, v] : *ct) {
      rules::ClassOp op;
      op.name = std::string(name.str());
      op.source = src;
      op.define = true;
      op.has_regex = true;
      op.regex = true;
      std::vector<std::string> words;
      if (Status s = strings(&v, src, "classes." + op.name, &words); !s.ok()) return s;
      for (std::string& w : words) op.words.push_back({std::move(w), 0});
      if (Status s = classes.apply(op); !s.ok()) return fail(src, "classes." + op.name, s.message);
    }
  }
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  auto patterns = [&](const toml::node* node, const std::string& key,
                      std::vector<std::unique_ptr<RE2>>* out) -> Status {
    std::vector<std::string> list;
    if (Status s = strings(node, src, key, &list); !s.ok()) return s;
    for (const std::string& pattern : list) {
      std::string expanded;
      std::string error;
      if (!classes.expand(pattern, &expanded, &error)) return fail(src, key, error);
      auto re = std::make_unique<RE2>(expanded, o);
      if (!re->ok()) return fail(src, key, "bad pattern: " + re->error());
      out->push_back(std::move(re));
    }
    return {};
  };
  if (Status s = patterns(t.get("calming"), "calming", &p->calming); !s.ok()) return s;
  if (Status s = patterns(t.get("engaging"), "engaging", &p->engaging); !s.ok()) return s;
  if (Status s = patterns(t.get("grudging"), "grudging", &p->grudging); !s.ok()) return s;
  if (Status s = patterns(t.get("pushback"), "pushback", &p->pushback); !s.ok()) return s;
  if (Status s = patterns(t.get("calming_unless"), "calming_unless", &p->calming_unless); !s.ok())
    return s;
  if (Status s = strings(t.get("lapse_when_calm"), src, "lapse_when_calm", &p->lapse_when_calm);
      !s.ok())
    return s;
  if (Status s = strings(t.get("abuse_signals"), src, "abuse_signals", &p->abuse_signals); !s.ok())
    return s;
  if (const toml::table* qt = t["qualified"].as_table()) {
    for (const auto& [name, v] : *qt) {
      Qualified q;
      q.name = std::string(name.str());
      const std::string k = "qualified." + q.name;
      const toml::table* e = v.as_table();
      const auto signal = e ? (*e)["signal"].value<std::string>() : std::nullopt;
      if (!signal) return fail(src, k, "needs signal = \"TYPE\" and patterns = [...]");
      q.signal = *signal;
      if (Status s = patterns(e->get("patterns"), k + ".patterns", &q.patterns); !s.ok()) return s;
      p->qualified.push_back(std::move(q));
    }
  }
  if (const toml::node* n = t.get("positive_sentiment")) {
    const auto v = n->value<double>();
    if (!v || *v < -1 || *v > 1)
      return fail(src, "positive_sentiment", "must be a number in -1..1");
    p->positive_sentiment = *v;
  }
  if (Status s = strings(t.get("open_requests"), src, "open_requests", &p->open_requests); !s.ok())
    return s;
  const toml::table* answers = t["answers"].as_table();
  const toml::table* techniques = t["answer_techniques"].as_table();
  const toml::table* triggers = t["answer_triggers"].as_table();
  const toml::table* withdraw = t["withdraw"].as_table();
  for (const std::string& type : p->open_requests) {
    Answers a;
    a.type = type;
    if (answers != nullptr) {
      if (Status s = patterns(answers->get(type), "answers." + type, &a.patterns); !s.ok())
        return s;
    }
    for (auto [table, key, out] : {std::tuple{techniques, "answer_techniques.", &a.techniques},
                                   std::tuple{triggers, "answer_triggers.", &a.triggers}}) {
      if (table == nullptr) continue;
      if (Status s = strings(table->get(type), src, key + type, out); !s.ok()) return s;
    }
    if (withdraw != nullptr) {
      if (Status s = patterns(withdraw->get(type), "withdraw." + type, &a.withdraw); !s.ok())
        return s;
    }
    p->answers.push_back(std::move(a));
  }
  if (Status s = conditions(t.get("route"), src, "route", &p->routes); !s.ok()) return s;
  if (Status s = conditions(t.get("priority"), src, "priority", &p->priorities); !s.ok()) return s;
  const toml::table* defaults = t["defaults"].as_table();
  const auto route = defaults ? (*defaults)["route"].value<std::string>() : std::nullopt;
  const auto priority = defaults ? (*defaults)["priority"].value<std::string>() : std::nullopt;
  if (!route || !priority) return fail(src, "defaults", "needs a route and a priority");
  p->default_route = *route;
  p->default_priority = *priority;
  return {};
}

}  // namespace

Status load_policy(const core::Analyzer& analyzer, std::shared_ptr<const Policy>* out) {
  if (!analyzer.ok()) return analyzer.status();
  const Options& opt = analyzer.options();
  // The sources, named, in layering order. Reading them is cheap; parsing
  // and compiling the policy is not (~4 ms), so compiled policies are kept
  // per distinct set of sources, and a conversation costs O(its turns).
  std::vector<std::pair<std::string, std::string>> sources;
  // The embedded pack of the analyzer's language keeps its policy beside
  // its manifest.
  const std::string embedded_policy = opt.language + "/conversation.toml";
  bool found = false;
  const std::string_view policy_text = embedded::find(embedded_policy, &found);
  if (opt.default_pack && found) sources.emplace_back(embedded_policy, policy_text);
  const auto read = [&](const std::string& path) -> Status {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return {Code::io, path + ": cannot read"};
    sources.emplace_back(path, text.str());
    return {};
  };
  for (const std::string& path : opt.rule_files) {
    if (Status s = read(path); !s.ok()) return s;
    // The files a pack file includes, beside it, as the rules read them
    // (the default pack's policy is in one of them: en/conversation.toml).
    toml::table root;
    try {
      root = toml::parse(sources.back().second, std::string_view(path));
    } catch (const toml::parse_error& e) {
      return {Code::rules, path + ": " + std::string(e.description())};
    }
    if (const toml::array* includes = root["include"].as_array()) {
      const std::filesystem::path dir = std::filesystem::path(path).parent_path();
      for (const toml::node& inc : *includes) {
        if (const auto name = inc.value<std::string>()) {
          if (Status s = read((dir / *name).string()); !s.ok()) return s;
        }
      }
    }
  }
  for (const PackSource& source : opt.rule_texts) sources.emplace_back(source.name, source.text);
  std::string key;
  for (const auto& [name, text] : sources) {
    key.append(std::to_string(name.size())).append(":").append(name);
    key.append(std::to_string(text.size())).append(":").append(text);
  }
  static std::mutex mutex;
  static std::vector<std::pair<std::string, std::shared_ptr<const Policy>>>
      cache;  // most recent last
  {
    const std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [k, policy] : cache) {
      if (k == key) {
        *out = policy;
        return {};
      }
    }
  }
  toml::table merged;
  for (const auto& [name, text] : sources) {
    if (Status s = add_source(name, text, &merged); !s.ok()) return s;
  }
  auto policy = std::make_shared<Policy>();
  if (Status s = compile(merged, policy.get()); !s.ok()) return s;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (cache.size() >= 8) cache.erase(cache.begin());
    cache.emplace_back(std::move(key), policy);
  }
  *out = std::move(policy);
  return {};
}

}  // namespace tact::conversation
