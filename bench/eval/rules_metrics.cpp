// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "rules/categories.hpp"

namespace tact::eval {

namespace {

// The default pack's categories of `family`, in its order.
std::vector<CategoryCounts> all_categories(rules::Family family) {
  static const std::shared_ptr<const rules::Pack> pack = [] {
    std::shared_ptr<const rules::Pack> p;
    const Status s = rules::Pack::load(Options(), &p);
    if (!s.ok()) std::fprintf(stderr, "the default pack: %s\n", s.message.c_str());
    return p;
  }();
  std::vector<CategoryCounts> out;
  if (pack == nullptr) return out;
  for (const rules::Category& c : pack->categories()) {
    if (c.family == family) out.push_back({c.id, {}});
  }
  return out;
}

// Adds one line's comparison to `table`; records a Miss when they differ.
void compare(const std::string& id, const char* family, const std::vector<std::string>& labels,
             const std::set<std::string>& found, const std::vector<std::string>& found_rules,
             std::vector<CategoryCounts>* table, std::vector<Miss>* misses) {
  const std::set<std::string> want(labels.begin(), labels.end());
  Miss miss{id, family, {}, {}, {}};
  for (CategoryCounts& c : *table) {
    const bool w = want.count(c.category) != 0;
    const bool f = found.count(c.category) != 0;
    if (w && f) ++c.counts.tp;
    if (!w && f) {
      ++c.counts.fp;
      miss.spurious.push_back(c.category);
    }
    if (w && !f) {
      ++c.counts.fn;
      miss.missed.push_back(c.category);
    }
  }
  if (miss.missed.empty() && miss.spurious.empty()) return;
  for (const std::string& r : found_rules) {
    for (const std::string& s : miss.spurious) {
      if (r.find("." + s + ".") != std::string::npos) miss.rules.push_back(r);
    }
  }
  misses->push_back(std::move(miss));
}

Counts micro(const std::vector<CategoryCounts>& table) {
  Counts total;
  for (const CategoryCounts& c : table) total.add(c.counts);
  return total;
}

void append_table(std::string* out, const char* title, const std::vector<CategoryCounts>& table,
                  const Counts& total) {
  char line[160];
  std::snprintf(line, sizeof line, "%-18s %9s %9s %5s %5s %5s\n", title, "precision", "recall",
                "tp", "fp", "fn");
  out->append(line);
  for (const CategoryCounts& c : table) {
    std::snprintf(line, sizeof line, "  %-16s %9.3f %9.3f %5d %5d %5d\n", c.category.c_str(),
                  c.counts.precision(), c.counts.recall(), c.counts.tp, c.counts.fp, c.counts.fn);
    out->append(line);
  }
  std::snprintf(line, sizeof line, "  %-16s %9.3f %9.3f %5d %5d %5d\n\n", "micro",
                total.precision(), total.recall(), total.tp, total.fp, total.fn);
  out->append(line);
}

}  // namespace

RulesMetrics evaluate_rules(const core::Analyzer& analyzer,
                            const std::vector<LabelledLine>& lines) {
  RulesMetrics m;
  m.triggers = all_categories(rules::Family::trigger);
  m.techniques = all_categories(rules::Family::technique);
  m.signals = all_categories(rules::Family::signal);
  for (const LabelledLine& line : lines) {
    const bool agent = line.role == "agent";
    Report report;
    if (!analyzer.analyze(line.text, agent ? Role::agent : Role::customer, &report).ok()) continue;
    if (agent) {
      std::set<std::string> triggers;
      std::set<std::string> techniques;
      std::vector<std::string> trigger_rules;
      std::vector<std::string> technique_rules;
      bool warned = false;
      for (const Trigger& t : report.triggers) {
        triggers.insert(t.category);
        trigger_rules.push_back(t.rule);
        warned = warned || t.severity >= Severity::warning;
      }
      for (const Technique& t : report.techniques) {
        techniques.insert(t.type);
        technique_rules.push_back(t.rule);
      }
      compare(line.id, "trigger", line.triggers, triggers, trigger_rules, &m.triggers, &m.misses);
      compare(line.id, "technique", line.techniques, techniques, technique_rules, &m.techniques,
              &m.misses);
      if (line.triggers.empty()) {
        ++m.clean_lines;
        if (warned) ++m.clean_flagged;
      }
    } else {
      std::set<std::string> signals;
      std::vector<std::string> signal_rules;
      for (const Signal& s : report.escalation.signals) {
        signals.insert(s.type);
        signal_rules.push_back(s.rule);
      }
      compare(line.id, "signal", line.signals, signals, signal_rules, &m.signals, &m.misses);
    }
  }
  m.trigger_micro = micro(m.triggers);
  m.technique_micro = micro(m.techniques);
  m.signal_micro = micro(m.signals);
  return m;
}

std::string format_rules_metrics(const RulesMetrics& m) {
  std::string out;
  append_table(&out, "triggers (agent)", m.triggers, m.trigger_micro);
  append_table(&out, "techniques (agent)", m.techniques, m.technique_micro);
  append_table(&out, "signals (customer)", m.signals, m.signal_micro);
  char line[160];
  std::snprintf(line, sizeof line,
                "clean agent lines with a warning-or-worse trigger: %d of %d (%.1f%%)\n",
                m.clean_flagged, m.clean_lines, 100.0 * m.clean_flag_rate());
  out.append(line);
  return out;
}

}  // namespace tact::eval
