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
// The field "{>}" offers the suggestion only where words follow the phrase
// in the message: a phrase that announces what comes next ("here is how it
// works") dangles at the end ("…, those are the rules." then takes the
// rule's next suggestion).
inline constexpr std::string_view kFollowField = ">";
// A capture field written {name|lower} inserts the capture with its first
// letter in lower case when that is the only capital of its first word:
// for a capture that may start a sentence and moves inside the suggestion
// ("Send us the form by Friday" -> "could you {act|lower}" -> "Could you
// send us the form by Friday"; "SEND" and "iPhone" stay as written).
inline constexpr std::string_view kLowerSuffix = "|lower";
// Drops a trailing kLowerSuffix from a field's *name; true if it had one.
inline bool strip_lower_suffix(std::string_view* name) {
  if (name->size() <= kLowerSuffix.size() ||
      name->substr(name->size() - kLowerSuffix.size()) != kLowerSuffix) {
    return false;
  }
  name->remove_suffix(kLowerSuffix.size());
  return true;
}
// True for the three fields above, which insert nothing.
inline bool is_marker_field(std::string_view name) {
  return name == kQuestionField || name == kLeadField || name == kFollowField;
}

std::string render_template(std::string_view tmpl, const Finding& finding, std::string_view view);

}  // namespace tact::rules

#endif  // TACT_LIB_RULES_SUGGESTION_HPP_
