// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Helpers for the rule-engine tests: load packs from text, match messages
// and read findings back as original text.
#ifndef TACT_TESTS_RULES_PACK_HELPERS_HPP_
#define TACT_TESTS_RULES_PACK_HELPERS_HPP_

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "rules/pack.hpp"
#include "text/document.hpp"

namespace tact::testing {

// Loads `text` as a pack named "t.toml", over the embedded default when
// `with_default`.
Status load_text(const std::string& text, std::shared_ptr<const rules::Pack>* out,
                 bool with_default = false);

// The pack `text` (named "t.toml") alone; fails the test if it does not load.
std::shared_ptr<const rules::Pack> pack_of(const std::string& text);

// The embedded default pack.
std::shared_ptr<const rules::Pack> default_pack();

// One finding read back: its rule id and the original text it covers.
struct Hit {
  std::string rule;
  std::string text;
  bool operator==(const Hit& o) const { return rule == o.rule && text == o.text; }
};

// Matches `message` as `role` and returns the findings in order.
std::vector<Hit> hits(const rules::Pack& pack, const std::string& message, Role role = Role::agent);

// The ids of the rules that flag `message`, in finding order.
std::vector<std::string> rules_flagging(const rules::Pack& pack, const std::string& message,
                                        Role role = Role::agent);

// UTF-16 code units in the UTF-8 string `s` (each invalid byte counts one).
std::size_t utf16_length(const std::string& s);

}  // namespace tact::testing

namespace doctest {
template <>
struct StringMaker<tact::testing::Hit> {
  static String convert(const tact::testing::Hit& h) {
    return String((h.rule + " \"" + h.text + "\"").c_str());
  }
};
}  // namespace doctest

#endif  // TACT_TESTS_RULES_PACK_HELPERS_HPP_
