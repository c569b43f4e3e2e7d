// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Matching a Document against a CompiledPack. One RE2::Set scan of the view
// names the patterns that can match; only those run their own RE2, from
// left to right, for spans and captures. Each span then passes the word
// boundary rule, the rule's anchor, quote skipping and its `unless`
// exceptions. Nothing is compiled here, and per-call allocations are the
// findings themselves (the rest lives in per-thread scratch).
#include <algorithm>
#include <cstdint>
#include <functional>

#include "core/deadline.hpp"
#include "rules/compiled_pack.hpp"
#include "rules/quotes.hpp"
#include "rules/regex.hpp"
#include "rules/shouting.hpp"
#include "text/thread_scratch.hpp"
#include "text/unicode.hpp"

namespace tact::rules {

namespace {

// Bounds on the work for one pattern in one message, so pathological input
// stays linear: searches that end in a rejected span (inside a word, not at
// a sentence start, quoted, cancelled) count against this budget.
constexpr int kMaxAttemptsPerPattern = 256;

// How far (in view bytes) an `unless` match may start before, or end after,
// the span it cancels; it must also lie in the span's sentences.
constexpr uint32_t kUnlessReach = 200;

uint32_t next_char(const std::string& v, uint32_t pos) {
  if (pos >= v.size()) return pos + 1;
  ++pos;
  while (pos < v.size() && (static_cast<unsigned char>(v[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

uint32_t prev_char(const std::string& v, uint32_t pos) {
  if (pos == 0) return 0;
  --pos;
  while (pos > 0 && (static_cast<unsigned char>(v[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// The first letter or digit at or after view offset `from`, or the view's
// size when there is none.
uint32_t first_alnum(const std::string& v, uint32_t from) {
  for (std::size_t i = from; i < v.size();) {
    const std::size_t at = i;
    const char32_t c = text::decode_utf8(v, &i);
    if (text::is_letter(c) || text::is_digit(c)) return static_cast<uint32_t>(at);
  }
  return static_cast<uint32_t>(v.size());
}

// The finding's range: the capture named "span" when the pattern has one
// and it took part (the rest of the match is context, the lookaround RE2
// lacks), else the whole match; without spaces at either end.
text::Range span_of(const std::string& v, const re2::StringPiece* g, int span_group) {
  const re2::StringPiece& s =
      g[span_group].data() != nullptr && !g[span_group].empty() ? g[span_group] : g[0];
  auto b = static_cast<uint32_t>(s.data() - v.data());
  auto e = static_cast<uint32_t>(b + s.size());
  // A span never starts or ends with the space a pattern matched around it.
  while (b + 1 < e && v[b] == ' ') ++b;
  while (e > b + 1 && v[e - 1] == ' ') --e;
  return {b, e};
}

bool overlaps(text::Range a, text::Range b) {
  return a.begin < b.end && b.begin < a.end;
}

// Keeps, of findings that overlap, the first (then the longest); with
// `by_severity`, the most severe first, so a phrase a rule can rewrite is
// never shadowed by a longer note of the same kind around it. What stays
// is in text order.
void drop_overlaps(std::vector<Finding>* found, std::size_t from,
                   bool (*same_group)(const Finding&, const Finding&), bool by_severity = false) {
  auto first = found->begin() + static_cast<std::ptrdiff_t>(from);
  const auto by_position = [](const Finding& a, const Finding& b) {
    return a.view.begin != b.view.begin ? a.view.begin < b.view.begin : a.view.end > b.view.end;
  };
  std::stable_sort(first, found->end(), [&](const Finding& a, const Finding& b) {
    if (by_severity && a.rule->severity != b.rule->severity) {
      return a.rule->severity > b.rule->severity;
    }
    return by_position(a, b);
  });
  std::size_t w = from;
  for (std::size_t r = from; r < found->size(); ++r) {
    bool keep = true;
    for (std::size_t k = from; k < w && keep; ++k) {
      keep =
          !(same_group((*found)[k], (*found)[r]) && overlaps((*found)[k].view, (*found)[r].view));
    }
    if (keep) {
      if (w != r) (*found)[w] = std::move((*found)[r]);
      ++w;
    }
  }
  found->resize(w);
  if (by_severity) {
    std::stable_sort(found->begin() + static_cast<std::ptrdiff_t>(from), found->end(), by_position);
  }
}

// How far (in view bytes) before its chunk the prefilter of a chunk reads,
// and how far either side of it its candidates search. Every match of at
// most kReach bytes thus lies whole in the text some chunk's Set reads, and
// is found as in the whole text: one that leans on the sentence before
// ("(?:^|[.!?] )no", ", you should have" after "Hi Liam,") or runs into the
// next ("that's it. Cancel my account"). RE2 still reads the view around a
// window for \b and ^. Longer matches across a chunk's edge are the limit
// (rules/README.md: a phrase, not a paragraph).
constexpr uint32_t kReach = 64;
// The least a chunk of sentences holds, so that a text of many tiny
// sentences costs few Set calls (a chunk costs one call per shard). With
// 64, 256 and 1,024: a 174 KB draft of labelled support lines 0.80, 0.82
// and 0.77 s through the CLI; tact_profile long 1.43 G, 1.12 G and 1.02 G
// instructions, email 1.09 G, 0.95 G and 0.94 G.
constexpr uint32_t kChunkBytes = 1024;

// The patterns Hyperscan named but RE2 must confirm, per thread.
struct Unconfirmed {
  std::vector<uint32_t> patterns;
};

}  // namespace

struct CompiledPack::Scratch {
  // first_alnum() of the sentence start last asked about: anchored rules ask
  // once per candidate, and rescanning a long run of symbols each time made
  // "#### … no no no" quadratic.
  uint32_t alnum_from = UINT32_MAX;
  uint32_t alnum_at = 0;
  std::vector<int> hits;
  std::vector<uint32_t> pattern_hits;
  std::vector<Candidate> candidates;
  std::vector<Window> windows;  // where each Candidate::window searches
  std::vector<re2::StringPiece> groups;
  std::vector<text::Range> quoted;
  std::vector<text::Range> ranges;
  bool quoted_ready = false;
  bool truncated = false;  // a budget left findings out of this call
};

bool CompiledPack::at_sentence_start(const text::Document& doc, uint32_t pos,
                                     Scratch* scratch) const {
  uint32_t begin = 0;
  if (!doc.sentences().empty()) {
    const text::Sentence& s = doc.sentences()[doc.sentence_at(pos)];
    if (s.view.begin <= pos) begin = s.view.begin;
  }
  if (scratch->alnum_from != begin) {
    scratch->alnum_from = begin;
    scratch->alnum_at = first_alnum(doc.view(), begin);
  }
  // Only punctuation, symbols and spaces lie between the sentence's start and pos.
  return scratch->alnum_at >= pos;
}

bool CompiledPack::cancelled(const text::Document& doc, const CompiledRule& rule,
                             text::Range span) const {
  if (rule.unless.empty()) return false;
  const std::string& v = doc.view();
  uint32_t window_begin = span.begin > kUnlessReach ? span.begin - kUnlessReach : 0;
  uint32_t window_end =
      std::min<uint32_t>(static_cast<uint32_t>(v.size()), span.end + kUnlessReach);
  if (!doc.sentences().empty()) {
    const auto& sentences = doc.sentences();
    window_begin = std::max(window_begin, sentences[doc.sentence_at(span.begin)].view.begin);
    window_end = std::min(window_end, sentences[doc.sentence_at(span.end - 1)].view.end);
    window_end = std::max(window_end, span.end);
    window_begin = std::min(window_begin, span.begin);
  }
  re2::StringPiece m;
  for (const auto& re : rule.unless) {
    uint32_t pos = window_begin;
    while (pos < window_end && re->Match(v, pos, window_end, RE2::UNANCHORED, &m, 1)) {
      const auto b = static_cast<uint32_t>(m.data() - v.data());
      const auto e = static_cast<uint32_t>(b + m.size());
      if (b >= span.end) break;
      if (e > span.begin && !inside_word(v, b) && !inside_word(v, e)) return true;
      pos = next_char(v, b);
    }
  }
  return false;
}

bool CompiledPack::accept(const text::Document& doc, const CompiledRule& rule, text::Range span,
                          Scratch* scratch) const {
  if (rule.rule.anchor == Anchor::sentence_start && !at_sentence_start(doc, span.begin, scratch))
    return false;
  if (!rule.rule.in_quotes) {
    if (!scratch->quoted_ready) {
      find_quoted(doc, quote_regexes_, quote_marks_, &scratch->quoted);
      scratch->quoted_ready = true;
    }
    if (inside(scratch->quoted, span.begin)) return false;
  }
  return !cancelled(doc, rule, span);
}

void CompiledPack::match_patterns(const text::Document& doc, uint32_t r, const Candidate* first,
                                  const Candidate* last, Scratch* scratch,
                                  std::vector<Finding>* out) const {
  const CompiledRule& rule = rules_[r];
  const std::string& v = doc.view();
  const auto n = static_cast<uint32_t>(v.size());
  const std::size_t from = out->size();
  for (const Candidate* c = first; c != last;) {
    const uint32_t index = c->pattern;
    const Pattern& pattern = patterns_[index];
    const int groups = static_cast<int>(pattern.group_names.size());
    re2::StringPiece* g = scratch->groups.data();
    std::size_t found = 0;
    uint32_t pos = 0;
    int attempts = 0;
    // The windows are searched in text order and `pos` only moves forward,
    // so a window that overlaps the last one resumes where it stopped.
    for (; c != last && c->pattern == index; ++c) {
      if (found == kMaxFindingsPerRule || attempts == kMaxAttemptsPerPattern) continue;
      // Windows of neighbouring chunks overlap: searched as one, the
      // overlap is read once.
      Window window = scratch->windows[c->window];
      while (c + 1 != last && (c + 1)->pattern == index &&
             scratch->windows[(c + 1)->window].search.begin <= window.search.end) {
        ++c;
        window.search.end = scratch->windows[c->window].search.end;
        window.chunk_end = scratch->windows[c->window].chunk_end;
      }
      pos = std::max(pos, window.search.begin);
      const uint32_t end = window.search.end;
      for (; pos < end && found < kMaxFindingsPerRule && attempts < kMaxAttemptsPerPattern;
           ++attempts) {
        // No match lies wholly inside [pos, end); one may still start
        // there and run into the next window, so `pos` stays.
        if (!pattern.re->Match(v, pos, end, RE2::UNANCHORED, g, groups)) break;
        auto match_end = [&] {
          return static_cast<uint32_t>(g[0].data() - v.data() + g[0].size());
        };
        // A match the window's end cut short ("frustrati" of "frustrating")
        // is searched again without the cut; a match was just found, so
        // this stops soon after it.
        if (match_end() == end && end < n) pattern.re->Match(v, pos, n, RE2::UNANCHORED, g, groups);
        const auto match_begin = static_cast<uint32_t>(g[0].data() - v.data());
        // A match past the chunk belongs to the next one, whose window sees
        // all of it (it was named there too).
        if (match_begin >= window.chunk_end) break;
        bool fits = !inside_word(v, match_begin);
        if (fits && inside_word(v, match_end())) {
          // The longest match ran into a word ("afraid that" in "afraid
          // that's"): take the longest shorter match that stops before it.
          uint32_t cut = match_end();
          while (cut > match_begin && inside_word(v, cut)) cut = prev_char(v, cut);
          fits = cut > match_begin &&
                 pattern.re->Match(v, match_begin, cut, RE2::ANCHOR_START, g, groups) &&
                 !inside_word(v, match_end());
        }
        // Both the match (context included) and the span sit on word boundaries.
        text::Range span = fits ? span_of(v, g, pattern.span_group) : text::Range{};
        // A rule whose span is a sentence (Rule::sentence) stops at its
        // sentence's end: a pattern that reads on to a terminator would
        // otherwise take the next line (a sign-off, a name) with it, since
        // the view folds line breaks into spaces and only the segmenter
        // sees them.
        if (fits && rule.rule.sentence && !doc.sentences().empty()) {
          const text::Sentence& s = doc.sentences()[doc.sentence_at(span.begin)];
          if (s.view.begin <= span.begin && s.view.end < span.end) span.end = s.view.end;
          while (span.end > span.begin + 1 && v[span.end - 1] == ' ') --span.end;
        }
        const uint32_t b = span.begin;
        const uint32_t e = span.end;
        if (!fits || inside_word(v, b) || inside_word(v, e)) {
          pos = next_char(v, match_begin);
          // Every later start inside the same word would be refused too: skip
          // them, so one long word costs one search, not one per character.
          if (inside_word(v, match_begin)) {
            while (pos < n && inside_word(v, pos)) pos = next_char(v, pos);
          }
          continue;
        }
        pos = std::max(e, next_char(v, match_begin));
        if (!accept(doc, rule, {b, e}, scratch)) continue;
        Finding f;
        f.rule = &rule.rule;
        f.view = {b, e};
        for (int k = 1; k < groups; ++k) {
          if (g[k].data() == nullptr || pattern.group_names[static_cast<std::size_t>(k)].empty())
            continue;
          const auto cb = static_cast<uint32_t>(g[k].data() - v.data());
          f.captures.push_back({pattern.group_names[static_cast<std::size_t>(k)],
                                {cb, static_cast<uint32_t>(cb + g[k].size())}});
        }
        out->push_back(std::move(f));
        ++found;
      }
    }
    // A budget stopped the scan early: if the pattern matches again further
    // on, findings were left out, and the report must say so.
    if (pos < n && (found == kMaxFindingsPerRule || attempts == kMaxAttemptsPerPattern) &&
        pattern.re->Match(v, pos, n, RE2::UNANCHORED, nullptr, 0)) {
      scratch->truncated = true;
    }
  }
  // Several patterns of one rule may find the same phrase: report it once.
  if (first != last && first->pattern != (last - 1)->pattern) {
    drop_overlaps(out, from, [](const Finding&, const Finding&) { return true; });
  }
  if (out->size() - from > kMaxFindingsPerRule) {
    out->resize(from + kMaxFindingsPerRule);
    scratch->truncated = true;
  }
}

void CompiledPack::match_detector(const text::Document& doc, uint32_t r, Scratch* scratch,
                                  std::vector<Finding>* out) const {
  const CompiledRule& rule = rules_[r];
  scratch->ranges.clear();
  if (rule.rule.detector == Detector::caps) {
    // One more than kept, to know whether any was left out.
    find_shouting(doc, rule.rule, kMaxFindingsPerRule + 1, &scratch->ranges);
    if (scratch->ranges.size() > kMaxFindingsPerRule) {
      scratch->ranges.resize(kMaxFindingsPerRule);
      scratch->truncated = true;
    }
  }
  for (const text::Range& span : scratch->ranges) {
    if (!accept(doc, rule, span, scratch)) continue;
    Finding f;
    f.rule = &rule.rule;
    f.view = span;
    out->push_back(std::move(f));
  }
}

bool CompiledPack::match_all(const text::Document& doc, Role role, bool reduce,
                             std::vector<Finding>* out, const Deadline* deadline,
                             const MatchScope& scope) const {
  Scratch& scratch = text::thread_scratch<Scratch>();
  scratch.quoted_ready = false;
  scratch.alnum_from = UINT32_MAX;
  scratch.truncated = false;
  if (scratch.groups.size() < max_groups_) scratch.groups.resize(max_groups_);
  const std::size_t from = out->size();
  const std::string& v = doc.view();

  // The prefilter. If a shard's DFA runs out of memory, each of its patterns
  // is a candidate.
  std::vector<uint32_t>& hits = scratch.pattern_hits;
  std::vector<Candidate>& candidates = scratch.candidates;
  candidates.clear();
  // Past the deadline, the rules already matched keep their findings and
  // the rest are not run (checked per Set and per candidate rule).
  auto out_of_time = [deadline] { return deadline != nullptr && deadline->passed(); };
  // Only the patterns of the role's rules (both roles' for automatic), by
  // the role's shards, whatever the text's size (see compiled_pack.cpp).
  auto prefilter = [&](std::string_view text, Window window) {
    hits.clear();
    for (int k = 0; k < 2; ++k) {
      if (role != Role::automatic && role != (k == 0 ? Role::agent : Role::customer)) continue;
      prefilter_fast(prefilters_[k], text, scope.re2_only, out_of_time, &scratch.hits, &hits);
    }
    const auto w = static_cast<uint32_t>(scratch.windows.size());
    scratch.windows.push_back(window);
    for (uint32_t h : hits) candidates.push_back({h, w});
  };
  // A longer text of several sentences goes a few sentences at a time (a
  // chunk of at least kChunkBytes): a Set call per chunk costs a little more
  // than one for the whole text, but each candidate then searches only
  // around the chunks whose Set named it, not the whole text.
  scratch.windows.clear();
  const auto& sentences = doc.sentences();
  const auto n = static_cast<uint32_t>(v.size());
  // With `within`, only the sentences that overlap it are read.
  const std::vector<text::Range>* within = scope.within;
  std::size_t next_within = 0;
  auto wanted = [&](text::Range s) {
    if (within == nullptr) return true;
    while (next_within < within->size() && (*within)[next_within].end < s.begin) ++next_within;
    return next_within < within->size() && (*within)[next_within].begin <= s.end;
  };
  if (!scope.whole_text && v.size() >= kSentenceScopeMinText && sentences.size() > 1) {
    for (std::size_t i = 0; i < sentences.size() && !out_of_time();) {
      if (!wanted(sentences[i].view)) {
        ++i;
        continue;
      }
      const uint32_t begin = sentences[i].view.begin;
      uint32_t end = sentences[i].view.end;
      while (++i < sentences.size() && end - begin < kChunkBytes && wanted(sentences[i].view))
        end = sentences[i].view.end;
      if (i == sentences.size()) end = n;  // a space after the last sentence
      uint32_t lead = begin > kReach ? begin - kReach : 0;
      while (lead > 0 && (static_cast<unsigned char>(v[lead]) & 0xC0) == 0x80) --lead;
      prefilter(std::string_view(v).substr(lead, end - lead),
                {{lead, std::min(n, end + kReach)}, end});
    }
  } else {
    prefilter(v, {{0, n}, n});
  }
  // Patterns were added rule by rule, so sorting groups them by rule, and
  // each pattern's sentences in text order; a pattern of a rule for both
  // roles may be named twice.
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (std::size_t i = 0; i < candidates.size();) {
    const uint32_t r = patterns_[candidates[i].pattern].rule;
    std::size_t j = i + 1;
    while (j < candidates.size() && patterns_[candidates[j].pattern].rule == r) ++j;
    if (rules_[r].rule.applies_to(role) && !out_of_time()) {
      match_patterns(doc, r, candidates.data() + i, candidates.data() + j, &scratch, out);
    }
    i = j;
  }
  for (uint32_t r : detector_rules_) {
    if (rules_[r].rule.applies_to(role) && !out_of_time()) match_detector(doc, r, &scratch, out);
  }

  if (reduce) {
    // One phrase, one finding per category: of overlapping findings of the
    // same family and category, the most severe, then the first (then the
    // longest) stays.
    drop_overlaps(
        out, from,
        [](const Finding& a, const Finding& b) {
          return a.rule->family == b.rule->family && a.rule->category == b.rule->category;
        },
        /*by_severity=*/true);
  } else {
    std::stable_sort(out->begin() + static_cast<std::ptrdiff_t>(from), out->end(),
                     [](const Finding& a, const Finding& b) {
                       return a.view.begin != b.view.begin ? a.view.begin < b.view.begin
                                                           : a.view.end > b.view.end;
                     });
  }
  return !scratch.truncated;
}

bool CompiledPack::prefilter_whole(const RolePrefilter& p, std::string_view v,
                                   std::vector<int>* scratch, std::vector<uint32_t>* hits) const {
  const RE2::Set* whole = whole_set(p);
  if (whole == nullptr) return false;
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  scratch->clear();
  if (!whole->Match(v, scratch, &info)) return info.kind == RE2::Set::kNoError;
  for (int h : *scratch) hits->push_back(p.patterns[static_cast<std::size_t>(h)]);
  return true;
}

bool CompiledPack::prefilter_fast(const RolePrefilter& p, std::string_view v, bool re2_only,
                                  const std::function<bool()>& stop, std::vector<int>* scratch,
                                  std::vector<uint32_t>* hits) const {
  const FastPrefilter* fast = re2_only ? nullptr : fast_prefilter(p);
  std::vector<uint32_t>& unconfirmed = text::thread_scratch<Unconfirmed>().patterns;
  unconfirmed.clear();
  if (fast != nullptr && fast->hyperscan->scan(v, hits, &unconfirmed)) {
    // Hyperscan read these more widely than RE2 does: RE2 says whether
    // they match `v`, as a Set would.
    for (const uint32_t number : unconfirmed) {
      if (patterns_[number].re->Match(v, 0, v.size(), RE2::UNANCHORED, nullptr, 0)) {
        hits->push_back(number);
      }
    }
    return prefilter_shards(fast->rest, v, stop, scratch, hits);
  }
  return prefilter_shards(p.shards, v, stop, scratch, hits);
}

bool CompiledPack::prefilter_shards(const std::vector<Shard>& shards, std::string_view v,
                                    const std::function<bool()>& stop, std::vector<int>* scratch,
                                    std::vector<uint32_t>* hits) const {
  bool complete = true;
  for (const Shard& shard : shards) {
    if (stop && stop()) break;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    scratch->clear();
    if (shard.set->Match(v, scratch, &info)) {
      for (int h : *scratch) hits->push_back(shard.patterns[static_cast<std::size_t>(h)]);
    } else if (info.kind != RE2::Set::kNoError) {
      // The DFA gave up: every pattern of the Set is a candidate.
      hits->insert(hits->end(), shard.patterns.begin(), shard.patterns.end());
      complete = false;
    }
  }
  return complete;
}

bool CompiledPack::candidates(const std::string& view, Role role, PrefilterEngine engine,
                              std::vector<uint32_t>* out) const {
  const bool whole = engine == PrefilterEngine::whole;
  out->clear();
  std::vector<int> scratch;
  bool complete = true;
  for (int k = 0; k < 2; ++k) {
    if (role != Role::automatic && role != (k == 0 ? Role::agent : Role::customer)) continue;
    const RolePrefilter& p = prefilters_[k];
    const std::size_t before = out->size();
    if (!whole || !prefilter_whole(p, view, &scratch, out)) {
      out->resize(before);
      complete = (engine == PrefilterEngine::hyperscan
                      ? prefilter_fast(p, view, false, nullptr, &scratch, out)
                      : prefilter_shards(p.shards, view, nullptr, &scratch, out)) &&
                 !whole && complete;
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return complete;
}

bool CompiledPack::match(const text::Document& doc, Role role, std::vector<Finding>* out,
                         const Deadline* deadline) const {
  return match_all(doc, role, true, out, deadline);
}

bool CompiledPack::match_within(const text::Document& doc, Role role,
                                const std::vector<text::Range>& within, std::vector<Finding>* out,
                                const Deadline* deadline) const {
  return match_all(doc, role, true, out, deadline, {&within, false});
}

}  // namespace tact::rules
