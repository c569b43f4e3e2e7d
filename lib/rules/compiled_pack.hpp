// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The Pack implementation: layered rules compiled into RE2::Sets of their
// patterns (the prefilter: a linear scan of the view, or of a chunk of its
// sentences, says which patterns can match), plus each pattern's own RE2,
// run only for candidates, for spans and captures. Immutable once built; matching keeps its scratch
// per thread.
#ifndef TACT_LIB_RULES_COMPILED_PACK_HPP_
#define TACT_LIB_RULES_COMPILED_PACK_HPP_

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rules/hyperscan_prefilter.hpp"
#include "rules/layering.hpp"
#include "rules/pack.hpp"
#include "rules/regex.hpp"

namespace tact::rules {

// Where CompiledPack::match_all() looks. By default a long text of several
// sentences is prefiltered a few sentences at a time (see matcher.cpp);
// `whole_text` makes it prefilter and search the whole text at once, as a
// reference for tests: the findings must be the same.
// `re2_only` prefilters by the RE2 Sets alone, as a build without
// Hyperscan does: the reference the tests compare Hyperscan's findings with.
struct MatchScope {
  const std::vector<text::Range>* within = nullptr;  // as Pack::match_within() says
  bool whole_text = false;
  bool re2_only = false;
};

// Which prefilter CompiledPack::candidates() runs.
enum class PrefilterEngine {
  shards,     // RE2 Sets of a few dozen patterns each
  whole,      // one RE2 Set over all of a role's patterns
  hyperscan,  // Hyperscan's database plus RE2 Sets of what it left out (as
              // matching runs); the shards when Hyperscan is unavailable
};

class CompiledPack final : public Pack {
 public:
  // Texts (in view bytes) up to this size can be prefiltered by one Set
  // over every pattern (candidates()); matching uses the shards for every
  // text (see compiled_pack.cpp).
  static constexpr std::size_t kWholeSetMaxText = 8192;
  // Texts of at least this many view bytes and more than one sentence are
  // prefiltered a few sentences at a time, and each candidate pattern
  // searches only around the sentences its Set named (see matcher.cpp).
  static constexpr std::size_t kSentenceScopeMinText = 256;

  // Compiles `layered` (consumed). Fails with Code::rules only if the set of
  // patterns is too large for RE2's memory budget.
  static Status build(LayeredPack layered, std::shared_ptr<const Pack>* out);

  using Pack::match;
  bool match(const text::Document& doc, Role role, std::vector<Finding>* out,
             const Deadline* deadline) const override;
  bool match_within(const text::Document& doc, Role role, const std::vector<text::Range>& within,
                    std::vector<Finding>* out, const Deadline* deadline) const override;
  std::vector<ExampleFailure> check_examples() const override;
  std::size_t size() const override { return rules_.size(); }
  const Rule& rule(std::size_t i) const override { return rules_[i].rule; }
  const std::vector<Category>& categories() const override { return categories_; }
  const std::string& language() const override { return language_; }
  const RewriteStyle& rewrite_style() const override { return rewrite_style_; }
  const text::SentenceProfile& sentence_profile() const override { return sentences_; }
  const text::Spellings& spellings() const override { return spellings_; }

  // As match(), choosing whether overlapping findings of one category are
  // reduced to the first (match() does; example checks do not, so a rule's
  // examples test that rule alone).
  bool match_all(const text::Document& doc, Role role, bool reduce, std::vector<Finding>* out,
                 const Deadline* deadline = nullptr, const MatchScope& scope = {}) const;

  // The prefilter alone, for tests and benchmarks: the numbers of the
  // patterns of `role`'s rules that can match `view` (sorted, unique), by
  // `engine`, whatever the text's size. False when a Set's DFA gave up
  // (then every pattern of it is listed, as matching does).
  bool candidates(const std::string& view, Role role, PrefilterEngine engine,
                  std::vector<uint32_t>* out) const;

  // How many of `role`'s patterns the Hyperscan prefilter holds (loading
  // it if it was not); 0 when Hyperscan is unavailable.
  std::size_t hyperscan_patterns(Role role) const;

  // Compiles the Hyperscan databases of this pack's patterns, one section
  // per role (HyperscanPrefilter::compile()), and appends them to *out: the
  // prefilter file the build embeds for the default pack (see
  // lib/rules/prefilter_file_main.cpp). False when Hyperscan is unavailable
  // or failed.
  bool compile_prefilter_file(std::string* out) const;

 private:
  struct Pattern {
    const Regex* re = nullptr;             // compiled on first use (see regex.hpp)
    const std::string* source = nullptr;   // the pattern's text, in rules_
    uint32_t rule = 0;                     // index into rules_
    std::vector<std::string> group_names;  // by group number; "" for unnamed
    int span_group = 0;                    // the group reported as the span
  };
  struct Scratch;

  CompiledPack() = default;
  // Where the candidates of one chunk of sentences search: `search`, which
  // reaches past the chunk; a match that starts at or after `chunk_end` is
  // left to the next chunk.
  struct Window {
    text::Range search;
    uint32_t chunk_end = 0;
  };
  // One candidate pattern and where to look for it: the index of a Window
  // in the matcher's scratch.
  struct Candidate {
    uint32_t pattern = 0;
    uint32_t window = 0;
    bool operator<(const Candidate& o) const {
      return pattern != o.pattern ? pattern < o.pattern : window < o.window;
    }
    bool operator==(const Candidate& o) const { return pattern == o.pattern && window == o.window; }
  };

  void match_patterns(const text::Document& doc, uint32_t rule, const Candidate* first,
                      const Candidate* last, Scratch* scratch, std::vector<Finding>* out) const;
  void match_detector(const text::Document& doc, uint32_t rule, Scratch* scratch,
                      std::vector<Finding>* out) const;
  // Applies anchor, quote skipping and unless to a candidate span.
  bool accept(const text::Document& doc, const CompiledRule& rule, text::Range span,
              Scratch* scratch) const;
  bool cancelled(const text::Document& doc, const CompiledRule& rule, text::Range span) const;
  // True if only punctuation, symbols and spaces precede `pos` in its sentence.
  bool at_sentence_start(const text::Document& doc, uint32_t pos, Scratch* scratch) const;

  std::vector<CompiledRule> rules_;
  std::vector<Category> categories_;
  std::string language_;
  RewriteStyle rewrite_style_;
  text::SentenceProfile sentences_;
  text::Spellings spellings_;
  // One prefilter Set per group of patterns: a single Set over every pattern
  // of a large pack outgrows its DFA budget on varied text and then admits
  // every pattern as a candidate. Patterns with long gaps are grouped apart
  // (see compiled_pack.cpp).
  // A shard's Set: compiled at build, so that a pack over RE2's budget fails
  // to load, or for the embedded default pack (whose Sets the tests compile)
  // on first use.
  class ShardSet {
   public:
    explicit ShardSet(std::unique_ptr<RE2::Set> set) : set_(set.release()) {}
    ShardSet(std::vector<const std::string*> sources, int64_t max_mem)
        : sources_(std::move(sources)), max_mem_(max_mem) {}
    ~ShardSet() { delete set_.load(std::memory_order_acquire); }
    ShardSet(const ShardSet&) = delete;
    ShardSet& operator=(const ShardSet&) = delete;
    // As RE2::Set::Match. A Set RE2 could not compile on first use fails
    // with kOutOfMemory, as a DFA out of memory does. Throws std::bad_alloc
    // only (then the next call tries again).
    bool Match(const re2::StringPiece& text, std::vector<int>* v,
               RE2::Set::ErrorInfo* error_info) const;

   private:
    const RE2::Set* compile() const;

    std::vector<const std::string*> sources_;  // the patterns, for a Set compiled on first use
    int64_t max_mem_ = 0;
    mutable std::atomic<RE2::Set*> set_{nullptr};
    mutable std::atomic<bool> failed_{false};
  };
  struct Shard {
    std::unique_ptr<ShardSet> set;
    std::vector<uint32_t> patterns;  // index in patterns_ of each pattern of the Set
  };

  std::vector<Pattern> patterns_;         // in rule order
  std::vector<uint32_t> detector_rules_;  // rules with a built-in detector

  // The prefilter of one role: the patterns of the rules that apply to it,
  // in Sets of 64 (4: long gaps; 1,024: literal phrases), which matching
  // uses, and in one whole Set for candidates(), compiled on first use (null
  // when RE2 cannot compile it within its budget). Role::automatic runs
  // both roles'.
  // Hyperscan's prefilter of a role's patterns, built on first use, and
  // RE2 Sets (compiled on first use) of the patterns it left out.
  struct FastPrefilter {
    std::unique_ptr<HyperscanPrefilter> hyperscan;
    std::vector<Shard> rest;
  };
  struct RolePrefilter {
    std::vector<Shard> shards;       // empty when no rule of the role has patterns
    std::vector<uint32_t> patterns;  // every pattern of the role, for the whole Set
    mutable std::once_flag whole_once;
    mutable std::unique_ptr<RE2::Set> whole;
    mutable std::once_flag fast_once;
    mutable std::unique_ptr<FastPrefilter> fast;  // null without Hyperscan
  };
  RolePrefilter prefilters_[2];  // agent, customer

  const RE2::Set* whole_set(const RolePrefilter& p) const;
  const FastPrefilter* fast_prefilter(const RolePrefilter& p) const;
  // The text of each pattern of `numbers`, in their order.
  std::vector<const std::string*> sources_of(const std::vector<uint32_t>& numbers) const;
  // A shard of the patterns `numbers` whose Set compiles on first use.
  Shard lazy_shard(std::vector<uint32_t> numbers) const;
  // The prefilter by the role's whole Set: false when there is none or its
  // DFA gave up (then *hits is as it was). By shards: checks `stop` (when
  // set) before each; false when a DFA gave up and its patterns were all
  // listed. By Hyperscan and the Sets of what it left out, else by the
  // role's shards (`re2_only`, or Hyperscan unavailable). Each appends
  // pattern numbers to *hits, unsorted.
  bool prefilter_whole(const RolePrefilter& p, std::string_view v, std::vector<int>* scratch,
                       std::vector<uint32_t>* hits) const;
  bool prefilter_shards(const std::vector<Shard>& shards, std::string_view v,
                        const std::function<bool()>& stop, std::vector<int>* scratch,
                        std::vector<uint32_t>* hits) const;
  bool prefilter_fast(const RolePrefilter& p, std::string_view v, bool re2_only,
                      const std::function<bool()>& stop, std::vector<int>* scratch,
                      std::vector<uint32_t>* hits) const;
  std::vector<std::shared_ptr<const Regex>> quote_regexes_;
  std::vector<QuoteMark> quote_marks_;
  std::size_t max_groups_ = 0;
};

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_COMPILED_PACK_HPP_
