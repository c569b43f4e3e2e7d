// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Suggestion templates: the replacement text for a trigger's span, with
// {name} inserting the text of the named capture. "" means "delete the
// phrase". A literal brace is written twice: "{{" and "}}".
#ifndef TACT_LIB_RULES_SUGGESTION_HPP_
#define TACT_LIB_RULES_SUGGESTION_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "rules/pack.hpp"

namespace tact::rules {

// The capture names `tmpl` uses, in order. Returns false with *error set on
// a stray brace or an empty or malformed name.
bool template_captures(std::string_view tmpl, std::vector<std::string>* names, std::string* error);

// Renders `tmpl` for `finding` with capture text taken from `view` (the
// Document's view, which the finding's ranges index). A capture that did
// not take part in the match renders as "". The template must have passed
// template_captures(); the rewrite stage does its own casing on top.
// The field "{?}" in a suggestion is no capture: it asks the rewrite to end
// the sentence the suggestion starts with "?" instead of "." ("could you{?}"
// over "You must sign it." gives "Could you sign it?").
inline constexpr std::string_view kQuestionField = "?";
// The field "{^}" is no capture either: the suggestion applies only where
// the phrase starts a sentence; elsewhere the rule's next suggestion does
// ("{^}I'm sorry," then "" turns a leading "Unfortunately," into a short
// apology and deletes the word mid-sentence).
inline constexpr std::string_view kLeadField = "^";

std::string render_template(std::string_view tmpl, const Finding& finding, std::string_view view);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_SUGGESTION_HPP_
