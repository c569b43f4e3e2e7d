// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "pack_helpers.hpp"

#include <doctest/doctest.h>

namespace tact::testing {

Status load_text(const std::string& text, std::shared_ptr<const rules::Pack>* out,
                 bool with_default) {
  Options options;
  options.default_pack = with_default;
  options.rule_texts = {{"t.toml", text}};
  return rules::Pack::load(options, out);
}

std::shared_ptr<const rules::Pack> pack_of(const std::string& text) {
  std::shared_ptr<const rules::Pack> pack;
  const Status s = load_text(text, &pack);
  REQUIRE_MESSAGE(s.ok(), s.message);
  return pack;
}

std::shared_ptr<const rules::Pack> default_pack() {
  std::shared_ptr<const rules::Pack> pack;
  const Status s = rules::Pack::load(Options(), &pack);
  REQUIRE_MESSAGE(s.ok(), s.message);
  return pack;
}

std::vector<Hit> hits(const rules::Pack& pack, const std::string& message, Role role) {
  const text::Document doc =
      text::Document::build(message, pack.sentence_profile(), pack.spellings());
  std::vector<rules::Finding> found;
  pack.match(doc, role, &found);
  std::vector<Hit> out;
  for (const rules::Finding& f : found) {
    const text::Range r = doc.to_original(f.view);
    out.push_back({f.rule->id, message.substr(r.begin, r.size())});
  }
  return out;
}

std::vector<std::string> rules_flagging(const rules::Pack& pack, const std::string& message,
                                        Role role) {
  std::vector<std::string> out;
  for (const Hit& h : hits(pack, message, role)) out.push_back(h.rule);
  return out;
}

std::size_t utf16_length(const std::string& s) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80         ? 1
                            : (c >> 5) == 6  ? 2
                            : (c >> 4) == 14 ? 3
                            : (c >> 3) == 30 ? 4
                                             : 1;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

}  // namespace tact::testing
