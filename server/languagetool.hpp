// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// POST /v2/check in LanguageTool's protocol, so its browser extension and
// editor plugins can underline trigger phrases: form fields in, LanguageTool's
// JSON out, offsets in UTF-16 code units as LanguageTool (Java) counts them.
#ifndef TACT_SERVER_LANGUAGETOOL_HPP_
#define TACT_SERVER_LANGUAGETOOL_HPP_

#include <map>
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace tact::serve {

using Form = std::multimap<std::string, std::string>;

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values
// past U+10FFFF).
bool valid_utf8(std::string_view s);

// True when no array or object in `json` nests deeper than `limit`. Checked
// before parsing: nlohmann's dump() recurses, so a body of a million '['
// would overflow a worker's stack.
bool nesting_within(std::string_view json, int limit);

// Decodes an application/x-www-form-urlencoded body ('+' is a space) into
// *out; false when a %-escape is malformed.
bool parse_form(std::string_view body, Form* out);

struct CheckAnswer {
  int status = 200;
  std::string body;  // the response's JSON when status is 200
  std::string code;  // otherwise the error's code and message
  std::string message;
};

// Answers a check request from its fields: `text` or `data`, `language`.
CheckAnswer check(const core::Analyzer& analyzer, const Form& form);

// GET /v2/languages: the language the loaded packs answer for, `tag` (the
// analyzer's Options::language), named in English from ICU's locale data.
// /v2/check answers a `language` of the same language subtag, or "auto".
std::string languages_json(const std::string& tag);

}  // namespace tact::serve

#endif  // TACT_SERVER_LANGUAGETOOL_HPP_
