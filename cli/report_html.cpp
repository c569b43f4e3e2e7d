// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Renders the report's JSON (report.cpp) as one HTML page. Every number in
// a table carries data-json, the JSON pointer of the value it shows, so a
// test can check the page against the JSON cell by cell. The words on the
// page are section labels; every other text (levels, categories, agents,
// excerpts) comes from the data, escaped.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "report_model.hpp"
#include "report_svg.hpp"

namespace tact::cli {

namespace {

// Calm to hostile, for the five escalation levels in order.
const std::vector<std::string> kLevelColours = {"#5aa469", "#c9c94f", "#e8a23a", "#e0603a",
                                                "#b3262e"};
constexpr std::size_t kTableRows = 50;
constexpr std::size_t kChartRows = 15;

const char* const kStyle =
    "body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;"
    "padding:0 16px}h1{font-size:24px}h2{font-size:19px;border-bottom:1px solid #ddd;"
    "padding-bottom:4px;margin-top:32px}h3{font-size:15px;margin-bottom:6px}"
    "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:3px 8px;"
    "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "th{background:#f4f4f4}svg{display:block;margin:8px 0;font-size:12px}"
    "mark{background:#ffd6d6;padding:0 1px}.excerpt{max-width:520px;white-space:pre-wrap}"
    ".row{display:flex;flex-wrap:wrap;gap:8px 32px;align-items:flex-start}"
    "details{margin:4px 0 16px}summary{cursor:pointer;color:#555}";

// Long tables fold away under their chart; the numbers stay in the page.
std::string folded(const std::string& table) {
  return "<details><summary>table</summary>" + table + "</details>";
}

std::string row(const std::string& a, const std::string& b) {
  return "<div class=\"row\">" + a + b + "</div>";
}

std::string pointer_token(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string text_of(const ReportJson& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

// A table cell showing the value at `ptr`.
std::string cell(const ReportJson& root, const std::string& ptr) {
  const ReportJson& v = root.at(ReportJson::json_pointer(ptr));
  return "<td class=\"n\" data-json=\"" + escape_html(ptr) + "\">" + escape_html(text_of(v)) +
         "</td>";
}

// A two-column table of an object's members (label, number).
std::string object_table(const ReportJson& root, const std::string& ptr, const std::string& head) {
  std::string out = "<table><tr><th>" + head + "</th><th></th></tr>";
  for (const auto& [k, v] : root.at(ReportJson::json_pointer(ptr)).items()) {
    out +=
        "<tr><td>" + escape_html(k) + "</td>" + cell(root, ptr + "/" + pointer_token(k)) + "</tr>";
  }
  return out + "</table>";
}

std::vector<Bar> object_bars(const ReportJson& obj, bool level_colours) {
  std::vector<Bar> bars;
  std::size_t i = 0;
  for (const auto& [k, v] : obj.items()) {
    Bar b{k, v.is_number() ? v.get<double>() : 0, ""};
    if (level_colours) b.colour = kLevelColours[i % kLevelColours.size()];
    bars.push_back(std::move(b));
    ++i;
  }
  return bars;
}

// `text` with the spans [start, start+length) (UTF-8 byte offsets, as the
// library reports them) in <mark>; spans that overlap a previous one or
// split a code point are left unmarked.
std::string marked(const std::string& text, const ReportJson& spans) {
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (const ReportJson& s : spans) {
    const auto start = s.at("start").get<std::size_t>();
    const std::size_t end = start + s.at("length").get<std::size_t>();
    if (end > text.size()) continue;
    marks.emplace_back(start, end);
  }
  std::sort(marks.begin(), marks.end());
  auto boundary = [&](std::size_t i) {
    return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  };
  std::string out;
  std::size_t at = 0;
  for (const auto& [start, end] : marks) {
    if (start < at || !boundary(start) || !boundary(end)) continue;
    out += escape_html(text.substr(at, start - at));
    out += "<mark>" + escape_html(text.substr(start, end - start)) + "</mark>";
    at = end;
  }
  return out + escape_html(text.substr(at));
}

std::string section_input(const ReportJson& r) {
  std::string out = "<section id=\"input\"><h2>Input</h2><table>";
  for (const auto& [k, v] : r["input"].items()) {
    if (!v.is_number()) continue;
    out += "<tr><th>" + escape_html(k) + "</th>" + cell(r, "/input/" + k) + "</tr>";
  }
  out += "</table><p>";
  for (const auto& f : r["input"]["files"]) out += "<code>" + escape_html(text_of(f)) + "</code> ";
  out += "</p>";
  const ReportJson& errors = r["input"]["errors"];
  if (!errors.empty()) {
    out += "<h3>Errors</h3><table><tr><th>file</th><th>line</th><th>code</th><th>message</th></tr>";
    for (std::size_t i = 0; i < errors.size(); ++i) {
      const std::string p = "/input/errors/" + std::to_string(i);
      out += "<tr><td>" + escape_html(text_of(errors[i]["file"])) + "</td>" + cell(r, p + "/line") +
             "<td>" + escape_html(text_of(errors[i]["code"])) + "</td><td>" +
             escape_html(text_of(errors[i]["message"])) + "</td></tr>";
    }
    out += "</table>";
  }
  return out + "</section>";
}

std::string section_escalation(const ReportJson& r) {
  const ReportJson& e = r["escalation"];
  std::string out = "<section id=\"escalation\"><h2>Escalation</h2>";
  out += row(svg_bars("levels", object_bars(e["levels"], true)),
             object_table(r, "/escalation/levels", "level"));
  std::vector<std::string> columns;
  std::vector<std::string> series;
  std::vector<std::vector<double>> values;
  for (const auto& [k, v] : e["levels"].items()) series.push_back(k);
  for (const ReportJson& row : e["over_time"]) {
    columns.push_back(text_of(row["period"]));
    values.emplace_back();
    for (const auto& [k, v] : row["levels"].items()) values.back().push_back(v.get<double>());
  }
  out += "<h3>" + escape_html(text_of(e["period"])) + "</h3>";
  out += svg_stacked("over time", columns, series, kLevelColours, values);
  std::string table = "<table><tr><th></th>";
  for (const std::string& s : series) table += "<th>" + escape_html(s) + "</th>";
  table += "</tr>";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    table += "<tr><td>" + escape_html(columns[i]) + "</td>";
    for (const std::string& s : series) {
      table +=
          cell(r, "/escalation/over_time/" + std::to_string(i) + "/levels/" + pointer_token(s));
    }
    table += "</tr>";
  }
  return out + folded(table + "</table>") + "</section>";
}

// The agents' or teams' rows of triggers.by_agent / by_team.
std::string who_table(const ReportJson& r, const std::string& ptr, const char* key) {
  const ReportJson& rows = r.at(ReportJson::json_pointer(ptr));
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < rows.size() && i < kChartRows; ++i) {
    bars.push_back({text_of(rows[i][key]), rows[i]["per_100_replies"].get<double>(), ""});
  }
  std::string out = "<h3>" + std::string(key) + "</h3>" + svg_bars(key, bars);
  std::string table = "<table><tr><th>" + std::string(key) +
                      "</th><th>replies</th><th>triggers</th><th>per 100 replies</th></tr>";
  for (std::size_t i = 0; i < rows.size() && i < kTableRows; ++i) {
    const std::string p = ptr + "/" + std::to_string(i);
    table += "<tr><td>" + escape_html(text_of(rows[i][key])) + "</td>" + cell(r, p + "/replies") +
             cell(r, p + "/triggers") + cell(r, p + "/per_100_replies") + "</tr>";
  }
  return out + folded(table + "</table>");
}

std::string section_triggers(const ReportJson& r) {
  const ReportJson& t = r["triggers"];
  std::string out = "<section id=\"triggers\"><h2>Triggers</h2><table><tr><th>replies</th>" +
                    cell(r, "/triggers/replies") + "</tr></table>";
  std::vector<Bar> bars;
  for (const ReportJson& c : t["categories"]) {
    bars.push_back({text_of(c["category"]), c["count"].get<double>(), ""});
  }
  std::string table = "<table><tr><th>category</th><th>count</th><th>per 100 replies</th></tr>";
  for (std::size_t i = 0; i < t["categories"].size(); ++i) {
    const std::string p = "/triggers/categories/" + std::to_string(i);
    table += "<tr><td>" + escape_html(text_of(t["categories"][i]["category"])) + "</td>" +
             cell(r, p + "/count") + cell(r, p + "/per_100_replies") + "</tr>";
  }
  out += row(svg_bars("categories", bars), table + "</table>");
  out +=
      "<h3>phrases</h3><table><tr><th>category</th><th>phrase</th><th>count</th>"
      "<th>suggestion</th></tr>";
  for (std::size_t i = 0; i < t["phrases"].size(); ++i) {
    const ReportJson& p = t["phrases"][i];
    out += "<tr><td>" + escape_html(text_of(p["category"])) + "</td><td><mark>" +
           escape_html(text_of(p["phrase"])) + "</mark></td>" +
           cell(r, "/triggers/phrases/" + std::to_string(i) + "/count") + "<td>" +
           escape_html(text_of(p["suggestion"])) + "</td></tr>";
  }
  out += "</table>";
  out += who_table(r, "/triggers/by_agent", "agent");
  out += who_table(r, "/triggers/by_team", "team");
  return out + "</section>";
}

std::string section_techniques(const ReportJson& r) {
  std::string out = "<section id=\"techniques\"><h2>Techniques</h2>";
  out += row(svg_bars("techniques", object_bars(r["techniques"]["total"], false)),
             object_table(r, "/techniques/total", "technique"));
  for (const char* key : {"agent", "team"}) {
    const std::string ptr = std::string("/techniques/by_") + key;
    const ReportJson& rows = r.at(ReportJson::json_pointer(ptr));
    std::string table =
        "<table><tr><th>" + std::string(key) + "</th><th>replies</th><th></th></tr>";
    for (std::size_t i = 0; i < rows.size() && i < kTableRows; ++i) {
      const std::string p = ptr + "/" + std::to_string(i);
      std::string used;
      for (const auto& [k, v] : rows[i]["techniques"].items()) {
        used += escape_html(k) + " " + escape_html(v.dump()) + "; ";
      }
      table += "<tr><td>" + escape_html(text_of(rows[i][key])) + "</td>" + cell(r, p + "/replies");
      table += "<td>" + used + "</td></tr>";
    }
    out += "<h3>" + std::string(key) + "</h3>" + folded(table + "</table>");
  }
  return out + "</section>";
}

std::string section_conversations(const ReportJson& r) {
  const ReportJson& c = r["conversations"];
  std::string out =
      "<section id=\"conversations\"><h2>Conversations</h2><table><tr><th>count</th>" +
      cell(r, "/conversations/count") + "</tr></table>";
  out += "<h3>priority</h3>" + row(svg_bars("priority", object_bars(c["priority"], false)),
                                   object_table(r, "/conversations/priority", "priority"));
  out += "<h3>route</h3>" + row(svg_bars("route", object_bars(c["route"], false)),
                                object_table(r, "/conversations/route", "route"));

  const ReportJson& ttc = c["time_to_calm"];
  out += "<h3>time to calm</h3>" + svg_bars("time to calm", object_bars(ttc["turns"], false));
  out += "<table><tr><th>calmed</th>" + cell(r, "/conversations/time_to_calm/calmed") +
         "</tr><tr><th>never calmed</th>" + cell(r, "/conversations/time_to_calm/never_calmed") +
         "</tr><tr><th>median turns</th>" + cell(r, "/conversations/time_to_calm/median_turns") +
         "</tr></table>";
  out += object_table(r, "/conversations/time_to_calm/turns", "turns");

  out += "<h3>escalated after a trigger</h3><table><tr><th>total</th>" +
         cell(r, "/conversations/escalated_after_trigger_total") + "</tr></table>";
  out += "<table><tr><th>id</th><th>turn</th><th>agent</th><th>customer</th><th>level</th></tr>";
  for (const ReportJson& e : c["escalated_after_trigger"]) {
    out += "<tr><td>" + escape_html(text_of(e["id"])) + "</td><td>" + e["turn"].dump() +
           "</td><td class=\"excerpt\">" + marked(text_of(e["agent_text"]), e["triggers"]) +
           "</td><td class=\"excerpt\">" + escape_html(text_of(e["next_customer_text"])) +
           "</td><td>" + escape_html(text_of(e["level_before"])) + " \u2192 " +
           escape_html(text_of(e["level_after"])) + "</td></tr>";
  }
  out += "</table><h3>calmed after a reply</h3><table><tr><th>total</th>" +
         cell(r, "/conversations/calmed_after_reply_total") + "</tr></table>";
  out += "<table><tr><th>id</th><th>turn</th><th>agent</th><th></th><th>level</th></tr>";
  for (const ReportJson& e : c["calmed_after_reply"]) {
    std::string techniques;
    for (const ReportJson& t : e["techniques"]) techniques += escape_html(text_of(t)) + " ";
    out += "<tr><td>" + escape_html(text_of(e["id"])) + "</td><td>" + e["turn"].dump() +
           "</td><td class=\"excerpt\">" + escape_html(text_of(e["agent_text"])) + "</td><td>" +
           techniques + "</td><td>" + escape_html(text_of(e["level_before"])) + " \u2192 " +
           escape_html(text_of(e["level_after"])) + "</td></tr>";
  }
  return out + "</table></section>";
}

}  // namespace

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string report_html(const ReportJson& r) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width\">"
      "<title>tact report</title><style>";
  out += kStyle;
  out += "</style></head><body><h1>tact report</h1>\n";
  out += section_input(r) + "\n";
  out += section_escalation(r) + "\n";
  out += section_triggers(r) + "\n";
  out += section_techniques(r) + "\n";
  out += section_conversations(r) + "\n";
  return out + "</body></html>\n";
}

}  // namespace tact::cli
