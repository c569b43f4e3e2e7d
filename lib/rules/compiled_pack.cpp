// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Building a CompiledPack: the RE2::Set prefilter over every pattern.
#include "rules/compiled_pack.hpp"

#include "core/embedded.hpp"
#include "rules/regex.hpp"

namespace tact::rules {

namespace {

// Patterns per prefilter Set, and memory for each Set's program and DFA
// cache (RE2 resets the cache when full, so the bound is on memory, not on
// input length). A Set's DFA state is the subset of its patterns still alive,
// so on varied text the state count grows with the patterns in one Set: with
// the whole default pack in one Set the DFA ran out of its 64 MB on ordinary
// support text and every pattern became a candidate (27x slower). Small Sets
// keep each DFA small and its cache warm; a scan per Set costs little.
// Through the CLI, one thread (2026-12-07): 1,550 labelled support lines
// 1.1-1.4 s with Sets of 32, 1.4 s of 64, 1.9 s of 128, 3.5 s of 256; the
// generated chat corpus, whose sentences repeat, 1.1, 0.9, 0.6 and 0.8 s.
constexpr std::size_t kPatternsPerSet = 64;
constexpr int64_t kSetMaxMem = int64_t{8} << 20;

// A pattern with a long counted gap ("will\b[^.!?]{0,50}?\bwithin") keeps a
// thread alive for every start in the last N bytes, so in a Set its threads
// multiply with every other pattern's: on words in random order the Sets of
// 32 rebuilt their DFA states all the time (1 MB of shuffled cs_train words:
// 0.33 s a pass over the Sets, warm, against 0.01 s for ordinary text). Such
// patterns go in Sets of their own, a few each (0.06 s). Gaps up to
// kShortGap stay with the others.
constexpr std::size_t kGapPatternsPerSet = 4;

// A literal phrase ("as per the regional returns guidelines") keeps one
// thread per place it could start, like a word list's trie, so many of them
// share a Set without growing its DFA states: a house pack of 10,000 of them
// in Sets of 64 cost 156 scans a text (27% of the default throughput on chat
// lines); in Sets of 1,024, ten.
constexpr std::size_t kLiteralPatternsPerSet = 1024;

// Letters, digits, spaces and punctuation with no meaning in RE2.
bool is_literal(const std::string& pattern) {
  return !pattern.empty() && std::all_of(pattern.begin(), pattern.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == ' ' || c == '\'' || c == '-' || c == ',' || c == '&' ||
           c == '/' || c == ':' || c == ';' || c == '!' || c == '"';
  });
}
constexpr unsigned long kShortGap = 9;

// True if `pattern` holds a counted repetition {m,n} or {m,} whose upper
// bound exceeds kShortGap. A rough reading of the syntax (an escaped brace
// may count): it only chooses a pattern's Set, never what matches.
bool has_long_gap(const std::string& pattern) {
  for (std::size_t i = pattern.find('{'); i != std::string::npos; i = pattern.find('{', i + 1)) {
    std::size_t j = i + 1;
    while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') ++j;
    if (j >= pattern.size() || pattern[j] != ',') continue;
    const std::size_t digits = ++j;
    unsigned long upper = 0;
    while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9' && upper <= kShortGap)
      upper = upper * 10 + static_cast<unsigned long>(pattern[j++] - '0');
    while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') ++j;
    if (j < pattern.size() && pattern[j] == '}' && (j == digits || upper > kShortGap)) return true;
  }
  return false;
}

// The kind of Set a pattern goes in (0 ordinary, 1 long gaps, 2 literal
// phrases), and how many patterns a Set of each kind holds.
int set_kind(const std::string& pattern) {
  return has_long_gap(pattern) ? 1 : is_literal(pattern) ? 2 : 0;
}
constexpr std::size_t kSetCapacity[3] = {kPatternsPerSet, kGapPatternsPerSet,
                                         kLiteralPatternsPerSet};

// Matching prefilters every text by the shards. One Set over every pattern
// (whole_set(), kept for candidates() and the benchmarks) costs one call
// instead of 40-odd, and is faster on the generated benchmark corpus, whose
// sentences repeat; but on varied text its DFA states (thousands of NFA
// instructions each) outgrow even 64 MB, and it builds one for nearly every
// byte: 1,550 labelled support lines took 7.4 s through it and 1.6 s through
// the shards, and a 174 KB draft of them 9.1 s against 0.8 s.
constexpr int64_t kWholeSetMaxMem = int64_t{64} << 20;

// "1 to 6", or "3, 17, 40" when the patterns are not consecutive (numbered
// from 1 in load order).
std::string pattern_numbers(const std::vector<uint32_t>& patterns) {
  if (patterns.empty()) return {};
  if (patterns.back() - patterns.front() + 1 == patterns.size()) {
    return std::to_string(patterns.front() + 1) + " to " + std::to_string(patterns.back() + 1);
  }
  std::string out;
  for (uint32_t p : patterns) out += (out.empty() ? "" : ", ") + std::to_string(p + 1);
  return out;
}

}  // namespace

Status CompiledPack::build(LayeredPack layered, std::shared_ptr<const Pack>* out) {
  std::shared_ptr<CompiledPack> pack(new CompiledPack());
  pack->rules_ = std::move(layered.rules);
  pack->quote_regexes_ = std::move(layered.quote_regexes);
  pack->quote_marks_ = std::move(layered.quote_marks);
  pack->categories_ = std::move(layered.categories);
  pack->language_ = std::move(layered.language);
  pack->rewrite_style_ = std::move(layered.rewrite_style);
  pack->sentences_ = std::move(layered.sentences);
  pack->spellings_ = std::move(layered.spellings);

  RE2::Options options = pattern_options();
  options.set_max_mem(kSetMaxMem);
  // Per role, three Sets fill at once: one for patterns with long gaps, one
  // for literal phrases, one for the rest. A pattern of a rule for both roles is in both roles'
  // Sets.
  struct Filling {
    std::unique_ptr<RE2::Set> set;
    std::vector<uint32_t> patterns;
    std::size_t capacity;
    const char* what;
  };
  Filling filling[2][3] = {{{nullptr, {}, kSetCapacity[0], ""},
                            {nullptr, {}, kSetCapacity[1], " with long gaps"},
                            {nullptr, {}, kSetCapacity[2], " of literal phrases"}},
                           {{nullptr, {}, kSetCapacity[0], ""},
                            {nullptr, {}, kSetCapacity[1], " with long gaps"},
                            {nullptr, {}, kSetCapacity[2], " of literal phrases"}}};
  // The embedded default pack alone is known to compile (its patterns and
  // these very Sets: the tests load it as a caller's pack): its Sets are
  // compiled on first use, the others here, where their errors are load
  // errors.
  const bool deferred = layered.default_only;
  // Compiles a Set being filled and makes it a shard of role `k`.
  auto close_shard = [&](int k, Filling& f) -> Status {
    if (f.patterns.empty()) return {};
    if (deferred) {
      pack->prefilters_[k].shards.push_back(pack->lazy_shard(std::move(f.patterns)));
      f.patterns.clear();
      return {};
    }
    if (!f.set->Compile()) {
      return {Code::rules, "the pack's patterns " + pattern_numbers(f.patterns) +
                               " exceed RE2's memory budget (" + std::to_string(kSetMaxMem >> 20) +
                               " MB for each " + std::to_string(f.capacity) + " patterns" + f.what +
                               "); split or simplify them"};
    }
    pack->prefilters_[k].shards.push_back(
        {std::make_unique<ShardSet>(std::move(f.set)), std::move(f.patterns)});
    f.set = nullptr;
    f.patterns.clear();
    return {};
  };
  for (std::size_t r = 0; r < pack->rules_.size(); ++r) {
    const CompiledRule& rule = pack->rules_[r];
    if (rule.rule.detector != Detector::none)
      pack->detector_rules_.push_back(static_cast<uint32_t>(r));
    for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
      const auto number = static_cast<uint32_t>(pack->patterns_.size());
      const int kind = set_kind(rule.rule.patterns[p]);
      for (int k = 0; k < 2; ++k) {
        if (!rule.rule.applies_to(k == 0 ? Role::agent : Role::customer)) continue;
        Filling& f = filling[k][kind];
        if (f.patterns.size() >= f.capacity) {
          if (Status s = close_shard(k, f); !s.ok()) return s;
        }
        if (!deferred) {
          if (f.set == nullptr) f.set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
          std::string error;
          if (f.set->Add(rule.rule.patterns[p], &error) < 0) {
            // Each pattern compiled alone already; this is RE2 disagreeing with itself.
            return {Code::internal, rule.rule.source + ":" + std::to_string(rule.rule.line) + ": " +
                                        rule.rule.id + ": RE2::Set rejected a pattern: " + error};
          }
        }
        f.patterns.push_back(number);
        pack->prefilters_[k].patterns.push_back(number);
      }
      Pattern pattern;
      pattern.re = rule.patterns[p].get();
      pattern.source = &rule.rule.patterns[p];
      pattern.rule = static_cast<uint32_t>(r);
      const int groups = pattern.re->capturing_groups();
      pattern.group_names.resize(static_cast<std::size_t>(groups) + 1);
      for (const auto& [index, name] : pattern.re->group_names()) {
        pattern.group_names[static_cast<std::size_t>(index)] = name;
        if (name == "span") pattern.span_group = index;
      }
      pack->max_groups_ = std::max(pack->max_groups_, pattern.group_names.size());
      pack->patterns_.push_back(std::move(pattern));
    }
  }
  for (int k = 0; k < 2; ++k) {
    for (Filling& f : filling[k]) {
      if (Status s = close_shard(k, f); !s.ok()) return s;
    }
  }
  *out = std::move(pack);
  return {};
}

bool CompiledPack::ShardSet::Match(const re2::StringPiece& text, std::vector<int>* v,
                                   RE2::Set::ErrorInfo* error_info) const {
  const RE2::Set* set = set_.load(std::memory_order_acquire);
  if (set == nullptr) set = compile();
  if (set == nullptr) {
    if (v != nullptr) v->clear();
    if (error_info != nullptr) error_info->kind = RE2::Set::kOutOfMemory;
    return false;
  }
  return set->Match(text, v, error_info);
}

const RE2::Set* CompiledPack::ShardSet::compile() const {
  // Two threads may compile it at once: one keeps its Set, the other
  // discards its own. No lock is held, so a std::bad_alloc unwinds freely.
  if (failed_.load(std::memory_order_acquire)) return nullptr;
  RE2::Options options = pattern_options();
  options.set_max_mem(max_mem_);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  bool ok = true;
  for (const std::string* source : sources_) ok = ok && set->Add(*source, nullptr) >= 0;
  if (!ok || !set->Compile()) {
    failed_.store(true, std::memory_order_release);
    return nullptr;
  }
  RE2::Set* expected = nullptr;
  if (set_.compare_exchange_strong(expected, set.get(), std::memory_order_acq_rel,
                                   std::memory_order_acquire)) {
    return set.release();
  }
  return expected;
}

std::vector<const std::string*> CompiledPack::sources_of(
    const std::vector<uint32_t>& numbers) const {
  std::vector<const std::string*> sources;
  sources.reserve(numbers.size());
  for (const uint32_t number : numbers) sources.push_back(patterns_[number].source);
  return sources;
}

CompiledPack::Shard CompiledPack::lazy_shard(std::vector<uint32_t> numbers) const {
  Shard shard{std::make_unique<ShardSet>(sources_of(numbers), kSetMaxMem), {}};
  shard.patterns = std::move(numbers);
  return shard;
}

bool CompiledPack::compile_prefilter_file(std::string* out) const {
  // One section per role, in the order of prefilters_, each pattern's text
  // once.
  for (const RolePrefilter& p : prefilters_) {
    std::vector<const std::string*> sources = sources_of(p.patterns);
    std::sort(sources.begin(), sources.end(),
              [](const std::string* a, const std::string* b) { return *a < *b; });
    sources.erase(std::unique(sources.begin(), sources.end(),
                              [](const std::string* a, const std::string* b) { return *a == *b; }),
                  sources.end());
    if (!HyperscanPrefilter::compile(sources, out)) return false;
  }
  return true;
}

const CompiledPack::FastPrefilter* CompiledPack::fast_prefilter(const RolePrefilter& p) const {
  // Loaded on first use from the database made at build time for the
  // embedded pack (compiling one takes seconds); a caller's patterns that
  // are not in it stay with RE2. Nothing unwinds out of the call_once body
  // (see whole_set()); a failure leaves the role's shards to prefilter
  // alone.
  std::call_once(p.fast_once, [this, &p]() noexcept {
    if (p.patterns.empty() || !HyperscanPrefilter::available()) return;
    try {
      const std::string_view section = HyperscanPrefilter::section(
          embedded::prefilter_file(), static_cast<std::size_t>(&p - prefilters_));
      if (section.empty()) return;
      std::vector<uint32_t> left_out;
      auto fast = std::make_unique<FastPrefilter>();
      fast->hyperscan =
          HyperscanPrefilter::load(section, sources_of(p.patterns), p.patterns, &left_out);
      // A pack that shares no pattern with the embedded one (another
      // language) gains nothing from scanning.
      if (fast->hyperscan == nullptr || fast->hyperscan->size() == 0) return;
      // What the database lacks goes in Sets of its kinds, as the shards
      // group them.
      std::vector<uint32_t> kinds[3];
      for (const uint32_t number : left_out) {
        kinds[set_kind(*patterns_[number].source)].push_back(number);
      }
      for (int kind = 0; kind < 3; ++kind) {
        const std::vector<uint32_t>& all = kinds[kind];
        for (std::size_t first = 0; first < all.size(); first += kSetCapacity[kind]) {
          const std::size_t last = std::min(all.size(), first + kSetCapacity[kind]);
          fast->rest.push_back(lazy_shard({all.begin() + static_cast<std::ptrdiff_t>(first),
                                           all.begin() + static_cast<std::ptrdiff_t>(last)}));
        }
      }
      p.fast = std::move(fast);
    } catch (...) {  // bad_alloc: the shards stand
    }
  });
  return p.fast.get();
}

std::size_t CompiledPack::hyperscan_patterns(Role role) const {
  std::size_t n = 0;
  for (int k = 0; k < 2; ++k) {
    if (role != Role::automatic && role != (k == 0 ? Role::agent : Role::customer)) continue;
    const FastPrefilter* fast = fast_prefilter(prefilters_[k]);
    if (fast != nullptr) n += fast->hyperscan->size();
  }
  return n;
}

const RE2::Set* CompiledPack::whole_set(const RolePrefilter& p) const {
  // Compiled on first use, not at load: it takes about as long as the
  // role's shards together, which a program that builds an analyzer and
  // analyzes little (or only long texts) should not pay. A Set RE2 cannot
  // compile only costs speed: the shards stand. Nothing may unwind out of
  // the call_once body: it runs inside pthread_once, whose unwinding needs
  // libgcc_s loaded anew, which fails under the very memory limit that made
  // RE2 throw bad_alloc (glibc then aborts the process).
  std::call_once(p.whole_once, [this, &p]() noexcept {
    if (p.patterns.empty()) return;
    try {
      RE2::Options options = pattern_options();
      options.set_max_mem(kWholeSetMaxMem);
      auto whole = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
      for (const uint32_t number : p.patterns) {
        if (whole->Add(*patterns_[number].source, nullptr) < 0) return;
      }
      if (whole->Compile()) p.whole = std::move(whole);
    } catch (...) {  // bad_alloc: the shards stand
    }
  });
  return p.whole.get();
}

}  // namespace tact::rules
