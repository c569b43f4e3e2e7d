// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "text_output.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace tact::cli {

namespace {

struct Style {
  bool colour;
  const char* on(const char* code) const { return colour ? code : ""; }
  const char* off() const { return colour ? "\x1b[0m" : ""; }
};

constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kBold = "\x1b[1m";

std::string fixed(double x, int decimals = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.*f", decimals, x);
  return buf;
}

std::string plain(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

// " (model 0.93)" after a finding of the learned layer alone; "" for a rule's.
std::string by_model(Source source, double probability) {
  if (source != Source::model) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " (model %.2f)", probability);
  return buf;
}

// The text with trigger spans (agents) or signal spans (customers) marked:
// [[…]] without colour, red or yellow with it. Line breaks become spaces so
// each message stays one indented paragraph.
std::string marked(std::string_view text, const Report& r, const Style& s) {
  struct Mark {
    std::size_t start, end;
    const char* colour;
  };
  std::vector<Mark> marks;
  for (const Trigger& t : r.triggers) marks.push_back({t.span.start, t.span.end, kRed});
  for (const Signal& g : r.escalation.signals) marks.push_back({g.span.start, g.span.end, kYellow});
  std::sort(marks.begin(), marks.end(),
            [](const Mark& a, const Mark& b) { return a.start < b.start; });
  std::string out;
  std::size_t at = 0;
  for (const Mark& m : marks) {
    if (m.start < at || m.end > text.size()) continue;  // overlapping: the first wins
    out.append(text.substr(at, m.start - at));
    out += s.colour ? m.colour : "[[";
    out.append(text.substr(m.start, m.end - m.start));
    out += s.colour ? s.off() : "]]";
    at = m.end;
  }
  out.append(text.substr(at));
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

}  // namespace

void print_text(std::ostream& out, std::string_view text, const Report& r, bool colour) {
  const Style s{colour};
  out << s.on(kBold) << (r.id.empty() ? "message" : r.id) << s.off() << "  " << role_name(r.role)
      << (r.role_guessed ? " (guessed)" : "");
  if (r.role == Role::customer) {
    out << "  escalation " << r.escalation.level << " " << r.escalation.label << " ("
        << plain(r.escalation.score) << ")";
  } else {
    out << "  de-escalation " << plain(r.tone.deescalation);
  }
  out << "  sentiment " << fixed(r.tone.sentiment) << "  anger " << plain(r.tone.anger)
      << "  politeness " << plain(r.tone.politeness) << "  empathy " << plain(r.tone.empathy)
      << "\n";
  out << "  " << marked(text, r, s) << "\n";

  for (const Signal& g : r.escalation.signals) {
    out << "  " << s.on(kYellow) << "signal" << s.off() << "    " << g.type << "  \"" << g.text
        << "\"" << by_model(g.source, g.probability) << "\n";
  }
  for (const Trigger& t : r.triggers) {
    out << "  " << s.on(kRed) << "trigger" << s.off() << "   " << t.category << " ("
        << severity_name(t.severity) << ")  \"" << t.text << "\""
        << by_model(t.source, t.probability) << "  " << s.on(kDim) << t.message << s.off() << "\n";
    for (const std::string& sug : t.suggestions) {
      out << "            -> " << s.on(kGreen) << (sug.empty() ? "(delete)" : "\"" + sug + "\"")
          << s.off() << "\n";
    }
  }
  for (const Technique& t : r.techniques) {
    out << "  " << s.on(kGreen) << "technique" << s.off() << " " << t.type << "  \"" << t.text
        << "\"" << by_model(t.source, t.probability) << "\n";
  }
  if (!r.edits.empty()) {
    std::string before(text);
    std::replace(before.begin(), before.end(), '\n', ' ');
    std::string after = r.rewrite;
    std::replace(after.begin(), after.end(), '\n', ' ');
    out << "  before    " << before << "\n";
    out << "  after     " << s.on(kGreen) << after << s.off() << "\n";
  }
  for (const Edit& e : r.declined) {
    out << "  declined  \"" << e.replacement << "\" (not applied: " << e.reason << ")\n";
  }
  out << "\n";
}

}  // namespace tact::cli
