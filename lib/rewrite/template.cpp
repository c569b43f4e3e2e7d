// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/template.hpp"

#include <unicode/uchar.h>

#include "rules/suggestion.hpp"
#include "text/unicode.hpp"

namespace tact::rewrite {

bool Rendered::in_capture(std::size_t i) const {
  for (const text::Range& r : captures) {
    if (i < r.begin) return false;
    if (i < r.end) return true;
  }
  return false;
}

namespace {

// "Send us" -> "send us": the first letter goes to lower case when it is
// the only capital of its word ("SEND", "iPhone" and "McAfee" stay).
void lower_initial(std::string* text, std::size_t at) {
  std::size_t next = at;
  const char32_t first = text::decode_utf8(*text, &next);
  if (!text::is_upper(first)) return;
  for (std::size_t i = next; i < text->size();) {
    const char32_t c = text::decode_utf8(*text, &i);
    if (text::is_upper(c)) return;
    if (!text::is_lower(c)) break;  // the word ends
  }
  std::string lowered;
  text::append_utf8(&lowered, static_cast<char32_t>(u_tolower(static_cast<UChar32>(first))));
  text->replace(at, next - at, lowered);
}

const rules::Capture* find_capture(const rules::Finding& finding, std::string_view name) {
  for (const rules::Capture& c : finding.captures) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

bool render(std::string_view tmpl, const rules::Finding& finding, const text::Document& doc,
            Rendered* out) {
  out->clear();
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const char c = tmpl[i];
    if (c == '{' || c == '}') {
      if (i + 1 < tmpl.size() && tmpl[i + 1] == c) {  // "{{" or "}}"
        out->text.push_back(c);
        i += 2;
        continue;
      }
      if (c == '}') return false;
      const std::size_t close = tmpl.find('}', i + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view name = tmpl.substr(i + 1, close - i - 1);
      if (name.empty()) return false;
      if (rules::is_marker_field(name)) {
        (name == rules::kQuestionField ? out->question
         : name == rules::kLeadField   ? out->lead_only
                                       : out->needs_more) = true;
        i = close + 1;
        continue;
      }
      std::string_view base = name;
      const bool lower = rules::strip_lower_suffix(&base);
      const rules::Capture* capture = find_capture(finding, base);
      if (capture != nullptr && capture->view.size() > 0) {
        const text::Range original = doc.to_original(capture->view);
        const auto begin = static_cast<uint32_t>(out->text.size());
        out->text.append(doc.original().substr(original.begin, original.size()));
        if (lower) lower_initial(&out->text, begin);
        out->captures.push_back({begin, static_cast<uint32_t>(out->text.size())});
      }
      i = close + 1;
      continue;
    }
    const std::size_t next = tmpl.find_first_of("{}", i);
    const std::size_t end = next == std::string_view::npos ? tmpl.size() : next;
    out->text.append(tmpl.substr(i, end - i));
    i = end;
  }
  return true;
}

}  // namespace tact::rewrite
