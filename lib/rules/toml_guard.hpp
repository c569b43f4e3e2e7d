// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// A linear pre-scan of rule-pack TOML, run before toml++ sees the text.
// toml++ recurses once per part of a dotted key, per part of a `[a.b.…]`
// header and per nested array or inline table, so 50,000 key parts (100 KB)
// overflow the main thread's stack and 1,000 overflow a 256 KB thread's.
// The scan bounds each of these far above anything a real pack writes
// (the default pack nests 2 deep and uses keys of one part).
#ifndef TACT_LIB_RULES_TOML_GUARD_HPP_
#define TACT_LIB_RULES_TOML_GUARD_HPP_

#include <string>
#include <string_view>

namespace tact::rules {

// Parts one dotted key or one table header may have.
constexpr int kMaxTomlKeyParts = 64;
// Depth of nested arrays and inline tables, each part of the dotted keys
// that lead into them counting one level too (toml++ recurses on both).
constexpr int kMaxTomlDepth = 64;

// True when `text` stays within the limits above. Otherwise sets *line
// (1-based) to where a limit was passed and *reason to which one. Strings
// (basic, literal, multi-line) and comments are skipped, so a dot or a
// bracket inside them counts for nothing. Malformed TOML is not diagnosed
// here (toml++ does that); the scan only errs on the side of counting.
// Linear in the text; does not recurse.
bool toml_within_limits(std::string_view text, int* line, std::string* reason);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_TOML_GUARD_HPP_
