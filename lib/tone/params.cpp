// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "tone/params.hpp"

// toml++ in exceptions mode, whatever the library's default: the other
// mode's parse() is noexcept, so running out of memory while parsing would
// terminate instead of throwing std::bad_alloc. Parse errors are caught
// below and become a Status.
#undef TOML_EXCEPTIONS
#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

#include <utility>

#include "rules/toml_guard.hpp"

namespace tact::tone {

namespace {

struct ClassName {
  const char* name;
  Class cls;
};

// The names tone.toml's [classes] table uses.
constexpr ClassName kClassNames[] = {
    {"negator", kNegator},
    {"contrast", kContrast},
    {"empathy_frame", kEmpathyFrame},
    {"sarcasm_praise", kSarcasmPraise},
    {"sarcasm_marker", kSarcasmMarker},
    {"failure", kFailure},
    {"gratitude", kGratitude},
    {"please", kPlease},
    {"greeting", kGreeting},
    {"apology", kApology},
    {"hedge", kHedge},
    {"deference", kDeference},
    {"second_person", kSecondPerson},
    {"imperative", kImperative},
    {"profanity", kProfanity},
    {"feeling", kFeeling},
    {"agent_marker", kAgentMarker},
    {"customer_marker", kCustomerMarker},
    {"factuality", kFactuality},
    {"modal_request", kModalRequest},
    {"caps_usual", kCapsUsual},
};

class Reader {
 public:
  Reader(std::string_view name, Status* status) : name_(name), status_(status) {}

  bool ok() const { return status_->ok(); }

  void fail(const toml::node& at, const std::string& why) {
    if (!ok()) return;
    *status_ = {Code::rules, name_ + ":" + std::to_string(at.source().begin.line) + ": " + why};
  }
  void fail(int line, const std::string& why) {
    if (!ok()) return;
    *status_ = {Code::rules, name_ + ":" + std::to_string(line) + ": " + why};
  }

  void number(const toml::table& t, const char* key, double* out) {
    scalar<double>(t, key, out, "a number");
  }
  void integer(const toml::table& t, const char* key, int* out) {
    scalar<int64_t>(t, key, out, "an integer");
  }
  void boolean(const toml::table& t, const char* key, bool* out) {
    scalar<bool>(t, key, out, "true or false");
  }
  // Reads t[key] as a V into *out when the key is there; another type is an error.
  template <typename V, typename Out>
  void scalar(const toml::table& t, const char* key, Out* out, const char* expected) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    if (auto v = n->value<V>()) {
      *out = static_cast<Out>(*v);
    } else {
      fail(*n, std::string(key) + ": expected " + expected);
    }
  }
  template <typename T>
  void numbers(const toml::table& t, const char* key, T* out, std::size_t want) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    const toml::array* a = n->as_array();
    if (a == nullptr || (want != 0 && a->size() != want)) {
      fail(*n, std::string(key) + ": expected an array of " +
                   (want ? std::to_string(want) + " " : std::string()) + "numbers");
      return;
    }
    std::vector<double> values;
    for (const toml::node& e : *a) {
      auto v = e.value<double>();
      if (!v) return fail(e, std::string(key) + ": expected a number");
      values.push_back(*v);
    }
    if constexpr (std::is_same_v<T, std::vector<double>>) {
      *out = std::move(values);
    } else {
      for (std::size_t i = 0; i < values.size(); ++i) (*out)[i] = values[i];
    }
  }
  void strings(const toml::table& t, const char* key, std::vector<std::string>* out) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    const toml::array* a = n->as_array();
    if (a == nullptr) return fail(*n, std::string(key) + ": expected an array of strings");
    for (const toml::node& e : *a) {
      auto v = e.value<std::string>();
      if (!v) return fail(e, std::string(key) + ": expected a string");
      out->push_back(std::move(*v));
    }
  }
  template <typename V>
  void map(const toml::table& t, const char* key, std::unordered_map<std::string, V>* out) {
    const toml::table* m = table(t, key);
    if (m == nullptr) return;
    for (const auto& [k, v] : *m) {
      auto x = v.template value<V>();
      if (!x) return fail(v, std::string(key) + "." + std::string(k.str()) + ": expected a number");
      (*out)[std::string(k.str())] = *x;
    }
  }
  const toml::table* table(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return nullptr;
    const toml::table* m = n->as_table();
    if (m == nullptr) fail(*n, std::string(key) + ": expected a table");
    return m;
  }

 private:
  std::string name_;
  Status* status_;
};

const toml::table kEmpty;

}  // namespace

Status load_params(std::string_view text, std::string_view name, Params* out, Lexicon* lexicon) {
  Status status;
  Reader r(name, &status);
  // toml++ runs with exceptions (lib/CMakeLists.txt): a parse error arrives
  // as toml::parse_error, std::bad_alloc passes through.
  // The same bounds as rule packs (toml++ recurses per key part and
  // nesting level), and no source path for toml++ to copy inside a
  // noexcept constructor, where std::bad_alloc would terminate.
  int guard_line = 0;
  std::string guard_reason;
  if (!rules::toml_within_limits(text, &guard_line, &guard_reason)) {
    r.fail(guard_line, guard_reason);
    return status;
  }
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    r.fail(static_cast<int>(e.source().begin.line), std::string(e.description()));
    return status;
  }
  auto section = [&](const char* key) -> const toml::table& {
    const toml::table* t = r.table(root, key);
    return t ? *t : kEmpty;
  };

  const toml::table& files = section("lexicon");
  r.strings(files, "valences", &out->valence_files);
  r.strings(files, "anger", &out->anger_files);

  SentimentParams& s = out->sentiment;
  const toml::table& st = section("sentiment");
  r.number(st, "booster", &s.booster);
  r.number(st, "caps", &s.caps);
  r.number(st, "negation", &s.negation);
  r.number(st, "alpha", &s.alpha);
  r.integer(st, "window", &s.window);
  r.numbers(st, "decay", &s.decay, 0);
  r.number(st, "contrast_before", &s.contrast_before);
  r.number(st, "contrast_after", &s.contrast_after);
  r.number(st, "exclamation", &s.exclamation);
  r.integer(st, "exclamation_max", &s.exclamation_max);
  r.number(st, "question", &s.question);
  r.number(st, "question_max", &s.question_max);
  r.number(st, "empathy_frame", &s.empathy_frame);
  r.number(st, "sarcasm", &s.sarcasm);
  r.number(st, "courtesy", &s.courtesy);
  r.boolean(st, "stem_plurals", &s.stem_plurals);
  r.map(st, "signals", &s.signals);
  r.strings(st, "frame_findings", &s.frame_findings);
  if (r.ok() &&
      (s.alpha <= 0 || s.window < 0 || s.decay.size() < static_cast<std::size_t>(s.window))) {
    r.fail(1, "[sentiment]: alpha must be > 0 and decay needs one weight per window word");
  }

  AngerParams& a = out->anger;
  const toml::table& at = section("anger");
  r.number(at, "lexicon", &a.lexicon);
  r.number(at, "negative", &a.negative);
  r.number(at, "caps", &a.caps);
  r.number(at, "caps_max", &a.caps_max);
  r.number(at, "exclamation", &a.exclamation);
  r.number(at, "questions", &a.questions);
  r.number(at, "second_person", &a.second_person);
  r.number(at, "sarcasm", &a.sarcasm);
  r.map(at, "findings", &a.findings);
  r.strings(at, "hostile_findings", &a.hostile_findings);
  r.number(at, "negator", &a.negator);
  r.number(at, "imperative", &a.imperative);
  r.number(at, "neutral", &a.neutral);
  r.number(at, "bias", &a.bias);
  r.number(at, "positive", &a.positive);

  PolitenessParams& po = out->politeness;
  const toml::table& pt = section("politeness");
  r.number(pt, "base", &po.base);
  r.strings(pt, "insult_findings", &po.insult_findings);
  if (const toml::table* strategy_table = r.table(pt, "strategies")) {
    const std::pair<const char*, double*> strategies[] = {
        {"gratitude", &po.gratitude},
        {"please", &po.please},
        {"please_start", &po.please_start},
        {"greeting", &po.greeting},
        {"apology", &po.apology},
        {"hedge", &po.hedge},
        {"deference", &po.deference},
        {"modal_request", &po.modal_request},
        {"factuality", &po.factuality},
        {"imperative", &po.imperative},
        {"second_person_start", &po.second_person_start},
        {"profanity", &po.profanity},
        {"insult", &po.insult},
        {"shouting", &po.shouting},
        {"exclamations", &po.exclamations},
        {"positive", &po.positive},
        {"negative", &po.negative},
    };
    for (const auto& [k, v] : *strategy_table) {
      double* target = nullptr;
      for (const auto& [strategy, field] : strategies) {
        if (k.str() == strategy) target = field;
      }
      if (target == nullptr) {
        r.fail(v, "politeness.strategies." + std::string(k.str()) + ": unknown strategy");
        break;
      }
      r.number(*strategy_table, std::string(k.str()).c_str(), target);
    }
  }

  const toml::table& et = section("empathy");
  r.number(et, "frame", &out->empathy.frame);
  r.number(et, "feeling", &out->empathy.feeling);
  r.map(et, "techniques", &out->empathy.techniques);

  EscalationParams& e = out->escalation;
  const toml::table& esc = section("escalation");
  r.map(esc, "signals", &e.signals);
  std::unordered_map<std::string, int64_t> floors;
  r.map(esc, "min_level", &floors);
  for (const auto& [k, v] : floors) e.min_level[k] = static_cast<int>(v);
  r.strings(esc, "hostile", &e.hostile);
  r.number(esc, "anger", &e.anger);
  r.number(esc, "negative", &e.negative);
  r.number(esc, "positive", &e.positive);
  r.numbers(esc, "thresholds", &e.thresholds, 4);

  DeescalationParams& d = out->deescalation;
  const toml::table& de = section("deescalation");
  r.number(de, "base", &d.base);
  r.map(de, "techniques", &d.techniques);
  r.map(de, "triggers", &d.triggers);
  r.numbers(de, "severity", &d.severity, 3);
  r.number(de, "empathy", &d.empathy);
  r.number(de, "politeness", &d.politeness);
  r.number(de, "sentiment", &d.sentiment);
  r.number(de, "repeat_decay", &d.repeat_decay);

  RoleParams& ro = out->role;
  const toml::table& rt = section("role");
  r.number(rt, "agent_marker", &ro.agent_marker);
  r.number(rt, "customer_marker", &ro.customer_marker);
  r.number(rt, "technique", &ro.technique);
  r.number(rt, "trigger", &ro.trigger);
  r.number(rt, "signal", &ro.signal);
  r.number(rt, "second_person", &ro.second_person);
  r.number(rt, "bias", &ro.bias);

  // Word classes and boosters go straight into the lexicon.
  if (const toml::table* classes = r.table(root, "classes")) {
    for (const auto& [k, v] : *classes) {
      uint32_t cls = 0;
      for (const ClassName& c : kClassNames) {
        if (k.str() == c.name) cls = c.cls;
      }
      if (cls == 0) {
        r.fail(v, "classes." + std::string(k.str()) + ": unknown word class");
        break;
      }
      std::vector<std::string> words;
      r.strings(*classes, std::string(k.str()).c_str(), &words);
      for (const std::string& w : words) lexicon->add_class(w, cls);
    }
  }
  if (const toml::table* boosters = r.table(root, "boosters")) {
    for (const auto& [k, v] : *boosters) {
      auto x = v.value<double>();
      if (!x) {
        r.fail(v, "boosters." + std::string(k.str()) + ": expected a number");
        break;
      }
      lexicon->set_booster(k.str(), static_cast<float>(*x));
    }
  }
  return status;
}

}  // namespace tact::tone
