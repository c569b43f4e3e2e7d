// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Each pipeline stage on its own, on chat lines and ~1 KB emails, so a
// regression shows where it is: Document build (ASCII fast path and the
// Unicode path), rule matching, tone, rewrite, JSON.
#include <benchmark/benchmark.h>

#include <re2/set.h>

#include <memory>

#include "bench_common.hpp"
#include "rewrite/suggester.hpp"
#include "rules/compiled_pack.hpp"
#include "rules/pack.hpp"
#include "rules/regex.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace tact::bench {
namespace {

// The view as the analyzer builds it: the pack's sentences and spellings.
void BM_DocumentAscii(benchmark::State& state) {
  const auto& texts = ascii_texts(static_cast<Size>(state.range(0)));
  const text::SentenceProfile& sentences = default_pack().sentence_profile();
  const text::Spellings& spellings = default_pack().spellings();
  std::size_t i = 0;
  for (auto _ : state) {
    auto doc = text::Document::build(texts[i++ % texts.size()], sentences, spellings);
    benchmark::DoNotOptimize(doc);
  }
  set_counters(state, texts);
}
BENCHMARK(BM_DocumentAscii)->Arg(0)->Arg(1)->ArgName("size");

// The same without [spellings]: the difference is what looking words up
// and writing them out costs.
void BM_DocumentAsciiNoSpellings(benchmark::State& state) {
  const auto& texts = ascii_texts(static_cast<Size>(state.range(0)));
  const text::SentenceProfile& sentences = default_pack().sentence_profile();
  std::size_t i = 0;
  for (auto _ : state) {
    auto doc = text::Document::build(texts[i++ % texts.size()], sentences);
    benchmark::DoNotOptimize(doc);
  }
  set_counters(state, texts);
}
BENCHMARK(BM_DocumentAsciiNoSpellings)->Arg(0)->Arg(1)->ArgName("size");

void BM_DocumentUnicode(benchmark::State& state) {
  const auto& texts = corpus_texts(static_cast<Size>(state.range(0)));
  const text::SentenceProfile& sentences = default_pack().sentence_profile();
  std::size_t i = 0;
  for (auto _ : state) {
    auto doc = text::Document::build_unicode(texts[i++ % texts.size()], sentences,
                                             default_pack().spellings());
    benchmark::DoNotOptimize(doc);
  }
  set_counters(state, texts);
}
BENCHMARK(BM_DocumentUnicode)->Arg(0)->Arg(1)->ArgName("size");

// Prepared Documents so the stage alone is timed.
struct Prepared {
  std::vector<text::Document> docs;
  std::vector<std::vector<rules::Finding>> findings;
  std::vector<std::vector<rules::Finding>> triggers;
  std::vector<Role> roles;
};

const Prepared& prepared(Size size) {
  static Prepared p[2];
  Prepared& out = p[size == Size::chat ? 0 : 1];
  if (!out.docs.empty()) return out;
  const auto& texts = corpus_texts(size);
  const auto& messages = corpus(size);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out.docs.push_back(text::Document::build(texts[i], default_pack().sentence_profile(),
                                             default_pack().spellings()));
    out.roles.push_back(messages[i].agent ? Role::agent : Role::customer);
    std::vector<rules::Finding> f;
    default_pack().match(out.docs.back(), out.roles.back(), &f);
    std::vector<rules::Finding> t;
    for (const auto& x : f) {
      if (x.rule->family == rules::Family::trigger) t.push_back(x);
    }
    out.findings.push_back(std::move(f));
    out.triggers.push_back(std::move(t));
  }
  return out;
}

void BM_Match(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const Prepared& p = prepared(size);
  const rules::Pack& pack = default_pack();
  std::vector<rules::Finding> findings;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % p.docs.size();
    findings.clear();
    pack.match(p.docs[k], p.roles[k], &findings);
    benchmark::DoNotOptimize(findings.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_Match)->Arg(0)->Arg(1)->ArgName("size");

// The RE2::Set prefilter alone, built as CompiledPack builds it: one scan
// of the view over every pattern of the default pack. Its time is the floor
// under BM_Match (and so under BM_Analyze) while the prefilter is one Set.
void BM_PrefilterSet(benchmark::State& state) {
  static const std::unique_ptr<RE2::Set> set = [] {
    RE2::Options options = rules::pattern_options();
    options.set_max_mem(int64_t{64} << 20);  // compiled_pack.cpp's kSetMaxMem
    auto s = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (std::size_t r = 0; r < default_pack().size(); ++r) {
      for (const std::string& p : default_pack().rule(r).patterns) {
        s->Add(rules::normalize_pattern(p), nullptr);
      }
    }
    s->Compile();
    return s;
  }();
  const Size size = static_cast<Size>(state.range(0));
  const Prepared& p = prepared(size);
  std::vector<int> hits;
  for (const auto& doc : p.docs) set->Match(doc.view(), &hits);  // warm the DFA
  std::size_t i = 0;
  for (auto _ : state) {
    set->Match(p.docs[i++ % p.docs.size()].view(), &hits);
    benchmark::DoNotOptimize(hits.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_PrefilterSet)->Arg(0)->Arg(1)->ArgName("size");

// The prefilter as matching runs it, over whole messages, by engine: RE2's
// shards alone (hyperscan:0), or Hyperscan's database with Sets for what it
// leaves out and RE2 confirming what it reads widely (hyperscan:1; the
// shards again in a build without it).
void BM_Prefilter(benchmark::State& state) {
  const auto engine =
      state.range(0) == 0 ? rules::PrefilterEngine::shards : rules::PrefilterEngine::hyperscan;
  const Size size = static_cast<Size>(state.range(1));
  const Prepared& p = prepared(size);
  const auto& pack = dynamic_cast<const rules::CompiledPack&>(default_pack());
  std::vector<uint32_t> out;
  for (std::size_t k = 0; k < p.docs.size(); ++k) {  // warm the DFAs, load the databases
    pack.candidates(p.docs[k].view(), p.roles[k], engine, &out);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % p.docs.size();
    pack.candidates(p.docs[k].view(), p.roles[k], engine, &out);
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_Prefilter)->ArgsProduct({{0, 1}, {0, 1}})->ArgNames({"hyperscan", "size"});

void BM_Tone(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const Prepared& p = prepared(size);
  const tone::Scorer& scorer = default_scorer();
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % p.docs.size();
    auto result = scorer.score(p.docs[k], p.roles[k], p.findings[k]);
    benchmark::DoNotOptimize(result);
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_Tone)->Arg(0)->Arg(1)->ArgName("size");

void BM_Rewrite(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const Prepared& p = prepared(size);
  rewrite::Output out;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % p.docs.size();
    rewrite::suggest(p.docs[k], p.triggers[k], default_pack().rewrite_style(), &out);
    benchmark::DoNotOptimize(out.text.data());
  }
  set_counters(state, corpus_texts(size));
}
BENCHMARK(BM_Rewrite)->Arg(0)->Arg(1)->ArgName("size");

void BM_Json(benchmark::State& state) {
  const Size size = static_cast<Size>(state.range(0));
  const auto& texts = corpus_texts(size);
  std::vector<Report> reports;
  for (std::size_t k = 0; k < 256 && k < texts.size(); ++k) {
    reports.push_back(
        default_analyzer().analyze(texts[k], corpus(size)[k].agent ? Role::agent : Role::customer));
  }
  double json_bytes = 0;
  for (const Report& r : reports) json_bytes += static_cast<double>(tact::core::to_json(r).size());
  std::size_t i = 0;
  for (auto _ : state) {
    std::string json = core::to_json(reports[i++ % reports.size()]);
    benchmark::DoNotOptimize(json.data());
  }
  // bytes/s here counts the JSON written.
  set_rate_counters(state, 1.0, json_bytes / static_cast<double>(reports.size()));
}

BENCHMARK(BM_Json)->Arg(0)->Arg(1)->ArgName("size");

}  // namespace
}  // namespace tact::bench
