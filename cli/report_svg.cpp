// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "report_model.hpp"

namespace tact::cli {

namespace {

constexpr int kWidth = 620;       // bar charts: a table fits beside one
constexpr int kWideWidth = 1000;  // columns over time: the page's width
constexpr int kLabelWidth = 170;
constexpr int kRow = 22;
const char* const kDefaultColour = "#4a7bb7";

std::string num(double v) {
  char buf[32];
  if (v == static_cast<double>(static_cast<long long>(v))) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

// Long labels would run into the bars: cut at a code point, mark the cut.
std::string short_label(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "\u2026";
}

std::string open_svg(const std::string& title, int width, int height) {
  return "<svg role=\"img\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) + "\"><title>" + escape_html(title) + "</title>";
}

}  // namespace

std::string svg_bars(const std::string& title, const std::vector<Bar>& bars) {
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  const int height = std::max(1, static_cast<int>(bars.size())) * kRow + 4;
  std::string out = open_svg(title, kWidth, height);
  const int room = kWidth - kLabelWidth - 70;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = static_cast<int>(i) * kRow + 2;
    const int w = max > 0 ? static_cast<int>(std::lround(b.value / max * room)) : 0;
    out += "<text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" + std::to_string(y + 15) +
           "\" text-anchor=\"end\">" + escape_html(short_label(b.label, 24)) + "</text>";
    out += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y + 3) +
           "\" width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(kRow - 6) +
           "\" fill=\"" + (b.colour.empty() ? kDefaultColour : b.colour) + "\"/>";
    out += "<text x=\"" + std::to_string(kLabelWidth + w + 6) + "\" y=\"" + std::to_string(y + 15) +
           "\">" + num(b.value) + "</text>";
  }
  if (bars.empty()) out += "<text x=\"10\" y=\"17\">-</text>";
  return out + "</svg>";
}

std::string svg_stacked(const std::string& title, const std::vector<std::string>& columns,
                        const std::vector<std::string>& series,
                        const std::vector<std::string>& colours,
                        const std::vector<std::vector<double>>& values) {
  constexpr int kPlot = 220;  // plot height
  constexpr int kTop = 10;
  constexpr int kLeft = 50;
  double max = 0;
  for (const auto& col : values) {
    double sum = 0;
    for (const double v : col) sum += v;
    max = std::max(max, sum);
  }
  const int n = std::max(1, static_cast<int>(columns.size()));
  const double step = static_cast<double>(kWideWidth - kLeft - 10) / n;
  const double bar = std::max(1.0, step * 0.8);
  const int legend_y = kTop + kPlot + 40;
  std::string out = open_svg(title, kWideWidth, legend_y + 20);
  // The axis: 0 and the highest column's total.
  out += "<line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(kTop + kPlot) +
         "\" x2=\"" + std::to_string(kWideWidth - 10) + "\" y2=\"" + std::to_string(kTop + kPlot) +
         "\" stroke=\"#888\"/>";
  out += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + std::to_string(kTop + 10) +
         "\" text-anchor=\"end\">" + num(max) + "</text>";
  out += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + std::to_string(kTop + kPlot) +
         "\" text-anchor=\"end\">0</text>";
  // Labels at least 90 px apart, however many columns there are.
  const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil(90.0 / step)));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    double y = kTop + kPlot;
    const double x = kLeft + step * static_cast<double>(c) + (step - bar) / 2;
    for (std::size_t s = 0; s < series.size() && s < values[c].size(); ++s) {
      const double h = max > 0 ? values[c][s] / max * kPlot : 0;
      if (h <= 0) continue;
      y -= h;
      char rect[200];
      std::snprintf(rect, sizeof rect,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">", x, y,
                    bar, h, colours[s % colours.size()].c_str());
      out += rect;
      out += "<title>" + escape_html(columns[c] + " " + series[s] + ": " + num(values[c][s])) +
             "</title></rect>";
    }
    if (c % every == 0) {
      char label[120];
      std::snprintf(label, sizeof label, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
                    x + bar / 2, kTop + kPlot + 16);
      out += label + escape_html(columns[c]) + "</text>";
    }
  }
  for (std::size_t s = 0; s < series.size(); ++s) {
    const int x = kLeft + static_cast<int>(s) * 120;
    out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(legend_y) +
           "\" width=\"12\" height=\"12\" fill=\"" + colours[s % colours.size()] + "\"/>";
    out += "<text x=\"" + std::to_string(x + 16) + "\" y=\"" + std::to_string(legend_y + 11) +
           "\">" + escape_html(series[s]) + "</text>";
  }
  return out + "</svg>";
}

}  // namespace tact::cli
