// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Each pipeline stage on its own, on chat lines and ~1 KB emails, so a
// regression shows where it is: Document build (ASCII fast path and the
// Unicode path), rule matching, tone, rewrite, JSON.
#include <benchmark/benchmark.h>

#include "bench_common.hpp"
#include "rewrite/suggester.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"
#include "tone/scorer.hpp"

namespace tact::bench {
namespace {

void BM_DocumentAscii(benchmark::State& state) {
  const auto& texts = ascii_texts(static_cast<Size>(state.range(0)));
  std::size_t i = 0;
  for (auto _ : state) {
    auto doc = text::Document::build(texts[i++ % texts.size()]);
    benchmark::DoNotOptimize(doc);
  }
  set_counters(state, texts);
}
BENCHMARK(BM_DocumentAscii)->Arg(0)->Arg(1)->ArgName("size");

void BM_DocumentUnicode(benchmark::State& state) {
  const auto& texts = corpus_texts(static_cast<Size>(state.range(0)));
  std::size_t i = 0;
  for (auto _ : state) {
    auto doc = text::Document::build_unicode(texts[i++ % texts.size()]);
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
    out.docs.push_back(text::Document::build(texts[i]));
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
    rewrite::suggest(p.docs[k], p.triggers[k], &out);
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
  std::size_t i = 0;
  for (auto _ : state) {
    std::string json = reports[i++ % reports.size()].to_json();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["messages/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Json)->Arg(0)->Arg(1)->ArgName("size");

}  // namespace
}  // namespace tact::bench
